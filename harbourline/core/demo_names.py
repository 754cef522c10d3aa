"""Clearly fictional people for demo data: names common in Saint Lucia and the wider Caribbean, combined at
random. Any likeness to a real person is chance; demo records are marked as demo everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FIRST_NAMES_FEMALE = [
    "Marie",
    "Josephine",
    "Anne",
    "Celestine",
    "Rosemond",
    "Verlina",
    "Kimberly",
    "Shanelle",
    "Tricia",
    "Natasha",
    "Jeanelle",
    "Merlene",
    "Petronilla",
    "Agatha",
    "Claudia",
    "Yvette",
    "Sherma",
    "Keisha",
    "Danielle",
    "Leandra",
    "Giselle",
    "Monique",
    "Juliana",
    "Lucia",
]
FIRST_NAMES_MALE = [
    "Joseph",
    "Jean",
    "Kervin",
    "Andre",
    "Marcus",
    "Damian",
    "Kenroy",
    "Terrence",
    "Peter",
    "Cuthbert",
    "Leon",
    "Gregory",
    "Anthony",
    "Augustin",
    "Kelvin",
    "Shem",
    "Vincent",
    "Desmond",
    "Julian",
    "Nigel",
    "Dwight",
    "Ronald",
    "Francis",
    "Mathias",
]
SURNAMES = [
    "Joseph",
    "St. Rose",
    "Charles",
    "Alexander",
    "Felix",
    "Augustin",
    "Mathurin",
    "Jn Baptiste",
    "Emmanuel",
    "Edmund",
    "Henry",
    "Louis",
    "Pierre",
    "Francois",
    "Simon",
    "Paul",
    "Prospere",
    "Lubin",
    "Cenac",
    "Compton",
    "Antoine",
    "Alcide",
    "Deterville",
    "Dupres",
    "Fontenelle",
    "Gustave",
    "Isidore",
    "Jules",
    "Lafeuillee",
    "Monrose",
    "Polius",
    "Regis",
    "Theophilus",
    "Valcin",
    "Willie",
    "Xavier",
]

# Names by nationality (ISO 3166-1 alpha-2), so a demo person's name fits where they come from. Each entry:
# (female given names, male given names, family names). Common names, combined at random: fictional people.
_CARIBBEAN = (FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, SURNAMES)
_SPANISH = (
    ["María", "Yolanda", "Daniela", "Yusleidy", "Carmen", "Rosa", "Yanelis", "Gabriela", "Lucía", "Mariela"],
    ["José", "Luis", "Carlos", "Yoandri", "Miguel", "Jorge", "Alejandro", "Yasmany", "Rafael", "Andrés"],
    ["García", "Rodríguez", "Pérez", "Hernández", "Martínez", "González", "Díaz", "Fernández", "Ramírez"],
)
NAMES_BY_NATIONALITY: dict[str, tuple[list[str], list[str], list[str]]] = {
    "LC": _CARIBBEAN,
    "VC": _CARIBBEAN,
    "DM": _CARIBBEAN,
    "GY": (
        ["Savitri", "Indira", "Shondell", "Kamla", "Anita", "Tricia", "Roxanne", "Chandra"],
        ["Ravi", "Deonarine", "Kwame", "Shawn", "Mahendra", "Colin", "Vishnu", "Troy"],
        ["Persaud", "Singh", "Ramdass", "Seenarine", "Williams", "Khan", "Bacchus", "Thomas", "Ramsaroop"],
    ),
    "JM": (
        ["Shanice", "Kadian", "Tamika", "Nordia", "Sashagay", "Kerry-Ann", "Trudy-Ann", "Camille"],
        ["Omar", "Dwayne", "Kemar", "Andre", "Rohan", "Damion", "Oneil", "Garfield"],
        ["Campbell", "Brown", "Williams", "Thompson", "Reid", "McKenzie", "Clarke", "Grant", "Francis"],
    ),
    "CU": _SPANISH,
    "VE": _SPANISH,
    "DO": _SPANISH,
    "HT": (
        ["Marie-Claire", "Nadège", "Fabiola", "Mirlande", "Guerline", "Roseline", "Wideline", "Farah"],
        ["Jean-Robert", "Wilner", "Frantz", "Jocelyn", "Wesner", "Pierre-Richard", "Dieudonné", "Ricardo"],
        [
            "Joseph",
            "Pierre",
            "Jean-Baptiste",
            "Louis",
            "Charles",
            "Désir",
            "Saint-Fleur",
            "Augustin",
            "Étienne",
        ],
    ),
    "IN": (
        ["Priya", "Sunita", "Anjali", "Kavita", "Lakshmi", "Pooja", "Rekha", "Meena"],
        ["Rajesh", "Amit", "Suresh", "Vikram", "Manoj", "Arjun", "Sanjay", "Ravi"],
        ["Sharma", "Patel", "Singh", "Kumar", "Reddy", "Nair", "Gupta", "Das", "Iyer"],
    ),
    "LK": (
        ["Nadeeka", "Dilani", "Chamari", "Sanduni", "Ishara", "Nirosha"],
        ["Nuwan", "Chaminda", "Kasun", "Ruwan", "Tharindu", "Mahesh"],
        ["Perera", "Fernando", "Silva", "Jayasuriya", "Bandara", "Wickramasinghe", "Dissanayake"],
    ),
    "NP": (
        ["Sita", "Gita", "Sabina", "Sunita", "Kamala", "Anjana"],
        ["Ram", "Bishnu", "Suman", "Hari", "Bikash", "Dipendra"],
        ["Shrestha", "Gurung", "Tamang", "Thapa", "Rai", "Magar", "Karki"],
    ),
    "PH": (
        ["Maria Cristina", "Jocelyn", "Rowena", "Mary Grace", "Lovely", "Analyn"],
        ["Jomar", "Rodel", "Arnel", "Mark Anthony", "Reynaldo", "Jericho"],
        ["Santos", "Reyes", "Cruz", "Bautista", "Dela Cruz", "Garcia", "Mendoza", "Villanueva"],
    ),
    "CN": (
        ["Fang", "Min", "Jing", "Xiuying", "Li", "Yan"],
        ["Wei", "Lei", "Jun", "Hao", "Qiang", "Ming"],
        ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao"],
    ),
}


def names_for(nationality: str) -> tuple[list[str], list[str], list[str]]:
    """(female given names, male given names, family names) that fit the nationality; Saint Lucian ones for
    a nationality not listed."""
    return NAMES_BY_NATIONALITY.get(nationality, _CARIBBEAN)


# The sector each demo participant's agency or organisation belongs to, so sex, sector and agency agree.
AGENCY_SECTORS = {
    "Royal Saint Lucia Police Force": "police",
    "Immigration Department": "immigration",
    "Department of Labour": "labour",
    "Ministry of Health and Wellness": "health",
    "Department of Human Services": "social",
    "Division of Gender Relations": "social",
    "Office of the Director of Public Prosecutions": "justice",
    "Ministry of External Affairs": "diplomatic",
    "Hope Harbour Shelter (demo NGO)": "civil_society",
}
ORGANISATION_SECTORS = {
    "Customs and Excise Department": "customs",
    "Saint Lucia Red Cross (demo)": "civil_society",
}


def district_sampler(rng: Any) -> Callable[[], str]:
    """A function that draws a district code with probability proportional to its population (2010 census,
    from the country profile), so demo tips and cases fall where people live."""
    from harbourline.country.selectors import active_profile

    districts = active_profile()["districts"]
    codes = [d["code"] for d in districts]
    weights = [d.get("population_2010") or 1 for d in districts]
    return lambda: str(rng.choices(codes, weights=weights)[0])
