"""The starter curriculum and question banks, written for Harbourline from the ILO indicators and the
Counter-Trafficking Act 2010 (as amended in 2021). The focal point edits them in the app afterwards.

Questions: (form, text, [options], index of the right option, explanation).
"""

from __future__ import annotations

from typing import Any

ALL_OFFICIALS = [
    "police",
    "immigration",
    "customs",
    "labour",
    "diplomatic",
    "health",
    "social",
    "civil_society",
]

MODULES: list[dict[str, Any]] = [
    {
        "code": "legal-framework",
        "title": "Legal framework",
        "summary": "What trafficking in persons is under the Palermo Protocol and the Counter-Trafficking Act 2010.",
        "objectives": "Name the three elements of trafficking: act, means and purpose.\n"
        "Explain why the means element is not needed when the victim is a child.\n"
        "Describe the victim protections of the Counter-Trafficking Act, sections 22 to 25.\n"
        "Tell trafficking apart from migrant smuggling.",
        "target_sectors": [*ALL_OFFICIALS, "justice"],
        "duration_minutes": 90,
        "questions": [
            (
                "A",
                "Which three elements make up trafficking of an adult?",
                [
                    "Act, means and purpose of exploitation",
                    "Crossing a border, a fee and false papers",
                    "Violence, a weapon and a victim",
                    "A job offer, travel and a contract",
                ],
                0,
                "The Palermo Protocol and the Act define trafficking by an act, a means and an exploitative purpose.",
            ),
            (
                "A",
                "A 16-year-old was recruited and put to work in a bar serving clients sexually. What must be "
                "shown about the means (force, deception, coercion)?",
                [
                    "Nothing: for a child the means element is not required",
                    "That force was used",
                    "That the child did not consent",
                    "That the child crossed a border",
                ],
                0,
                "For a person under 18 the act plus the exploitative purpose is enough.",
            ),
            (
                "B",
                "What is the main difference between trafficking and migrant smuggling?",
                [
                    "Trafficking aims at exploiting the person; smuggling is a paid illegal border crossing",
                    "Smuggling always involves children",
                    "Trafficking always crosses a border",
                    "There is no difference in law",
                ],
                0,
                "Trafficking can happen inside one country; its purpose is exploitation.",
            ),
            (
                "B",
                "After the 2021 amendment of the Counter-Trafficking Act, can a convicted trafficker pay a fine "
                "instead of going to prison?",
                [
                    "No, the option of a fine in lieu of imprisonment was removed",
                    "Yes, up to XCD 100,000",
                    "Only if the victim is an adult",
                    "Only for a first offence",
                ],
                0,
                "The 2021 amendment removed the fine in lieu of imprisonment.",
            ),
        ],
    },
    {
        "code": "identification",
        "title": "Identification and indicators",
        "summary": "Recognising possible victims with the ILO indicators of forced labour and the ILO/EC "
        "operational indicators.",
        "objectives": "List the eleven ILO indicators of forced labour.\n"
        "Spot indicators at a border, a workplace inspection or a health consultation.\n"
        "Explain that indicators support, but do not replace, the decision of the competent authority.",
        "target_sectors": ALL_OFFICIALS,
        "duration_minutes": 120,
        "questions": [
            (
                "A",
                "An employer keeps workers' passports 'for safekeeping' and will not return them on request. "
                "Which ILO indicator of forced labour is this?",
                ["Retention of identity documents", "Excessive overtime", "Isolation", "Deception"],
                0,
                "Keeping documents against the worker's will is one of the eleven indicators.",
            ),
            (
                "A",
                "Workers say they must repay a recruitment debt that grows every month and can never leave "
                "until it is paid. Which indicator is this?",
                [
                    "Debt bondage",
                    "Abusive living conditions",
                    "Restriction of movement",
                    "Withholding of wages",
                ],
                0,
                "A debt used to bind the worker is debt bondage.",
            ),
            (
                "A",
                "A customs officer notices several signs of trafficking in one traveller. What do the indicators "
                "allow the officer to conclude?",
                [
                    "That the person may be a victim and should be referred for screening",
                    "That the person is a victim, legally",
                    "That the traveller is a smuggler",
                    "Nothing, unless the person asks for help",
                ],
                0,
                "Indicators are screening aids; the identification decision belongs to the competent authority.",
            ),
            (
                "B",
                "Which of these is one of the eleven ILO indicators of forced labour?",
                ["Isolation", "Low education", "Being a migrant", "Working at night"],
                0,
                "Isolation is an indicator; being a migrant is a vulnerability, not an indicator in itself.",
            ),
            (
                "B",
                "A domestic worker is never allowed out of the house alone and her phone was taken. "
                "Which two indicators does this point to?",
                [
                    "Restriction of movement and isolation",
                    "Deception and excessive overtime",
                    "Debt bondage and physical violence",
                    "Withholding of wages and deception",
                ],
                0,
                "Being kept in and cut off from contact are restriction of movement and isolation.",
            ),
            (
                "B",
                "Wages are 'kept back until the end of the contract' so the worker cannot leave. Which indicator?",
                [
                    "Withholding of wages",
                    "Abusive working conditions",
                    "Retention of documents",
                    "Intimidation",
                ],
                0,
                "Holding back pay to keep someone in the job is withholding of wages.",
            ),
        ],
    },
    {
        "code": "interviewing",
        "title": "Victim-centred interviewing",
        "summary": "Talking with a possible victim safely, with consent, an interpreter and without re-traumatising.",
        "objectives": "Prepare a safe, private setting and a trained interpreter.\n"
        "Ask for informed consent and explain what will happen to the information.\n"
        "Use open questions and avoid blame.",
        "target_sectors": ["police", "immigration", "labour", "social", "health", "civil_society"],
        "duration_minutes": 90,
        "questions": [
            (
                "A",
                "A possible victim speaks only Spanish. Who should interpret?",
                [
                    "A trained, independent interpreter",
                    "The employer who brought the person",
                    "A fellow worker from the same workplace",
                    "Nobody: use simple English",
                ],
                0,
                "People linked to the workplace may be part of the exploitation; use an independent interpreter.",
            ),
            (
                "A",
                "What should come first in an interview with a possible victim?",
                [
                    "Explain who you are, why you ask and get informed consent",
                    "Ask for their passport",
                    "Ask whether they agreed to the work",
                    "Take their photograph",
                ],
                0,
                "Consent and a clear explanation build trust and respect the person's rights.",
            ),
            (
                "B",
                "Which question is victim-centred?",
                [
                    "Can you tell me about your work here?",
                    "Why didn't you just leave?",
                    "Did you lie to immigration?",
                    "Do you know you broke the law?",
                ],
                0,
                "Open questions without blame help the person tell their story.",
            ),
            (
                "B",
                "Where should the interview take place?",
                [
                    "In a private place, away from the suspected exploiter",
                    "At the workplace, in front of the manager",
                    "In the street, to save time",
                    "In a police cell",
                ],
                0,
                "Privacy and safety come first; never in front of the suspected exploiter.",
            ),
        ],
    },
    {
        "code": "referral",
        "title": "Referral procedures",
        "summary": "The national referral mechanism: who to call, what to share and how fast.",
        "objectives": "Describe the steps of the national standard operating procedures for identification and "
        "referral.\nShare only what the receiving service needs, with the victim's consent.\n"
        "Know the hotline and emergency numbers.",
        "target_sectors": ALL_OFFICIALS,
        "duration_minutes": 90,
        "questions": [
            (
                "A",
                "You refer a possible victim to a health provider for medical care. What information do you share?",
                [
                    "Only what the provider needs for the care, with the person's consent",
                    "The whole case file",
                    "Everything, since they are a government service",
                    "Nothing at all, ever",
                ],
                0,
                "Share the minimum needed, with consent; s.33(4)(c) requires respect for victims' privacy.",
            ),
            (
                "A",
                "A possible victim is in immediate danger. What do you do first?",
                [
                    "Call the emergency number and make the person safe",
                    "Send an e-mail to the task force",
                    "Wait for the next working day",
                    "Ask the employer to explain",
                ],
                0,
                "Safety comes before paperwork.",
            ),
            (
                "B",
                "Who takes the formal decision that a person is a victim of trafficking?",
                [
                    "The competent authority under the national procedures",
                    "The first officer who meets them",
                    "The person's employer",
                    "The interpreter",
                ],
                0,
                "The front-line officer refers; the competent authority identifies.",
            ),
            (
                "B",
                "A possible victim refuses to be referred to the police. What happens to their access to "
                "assistance?",
                [
                    "They can still be referred for assistance and protection",
                    "They lose all assistance",
                    "They must leave the country",
                    "They are detained",
                ],
                0,
                "Assistance should not depend on cooperating with the investigation.",
            ),
        ],
    },
    {
        "code": "protection",
        "title": "Protection and assistance",
        "summary": "What victims are entitled to under the Act: housing, counselling, medical care, legal help, "
        "immigration status.",
        "objectives": "List the assistance of section 24: housing, counselling, medical care, education and "
        "training, legal assistance.\nExplain why victims must not be held in prison or detention.\n"
        "Explain the right to information in a language the victim understands (section 22).",
        "target_sectors": ALL_OFFICIALS,
        "duration_minutes": 90,
        "questions": [
            (
                "A",
                "Under section 24 of the Counter-Trafficking Act, which of these is part of the assistance plan?",
                [
                    "Safe housing, counselling and medical help in a language the victim understands",
                    "A cash reward for testifying",
                    "A free flight home in all cases",
                    "A work permit for the employer",
                ],
                0,
                "Section 24 lists housing, counselling, medical assistance, training and legal assistance.",
            ),
            (
                "A",
                "Can an identified victim be housed in a prison or detention centre?",
                [
                    "No, not without exigent circumstances",
                    "Yes, it is the safest place",
                    "Yes, if they are foreign",
                    "Only children",
                ],
                0,
                "Section 24(6): victims are not to be housed in prisons or detention.",
            ),
            (
                "B",
                "Is staying in a shelter compulsory for a victim?",
                [
                    "No, shelter residence is voluntary",
                    "Yes, until the trial ends",
                    "Yes, for foreign victims",
                    "Only for men",
                ],
                0,
                "Section 24(4): residence in a shelter is voluntary.",
            ),
            (
                "B",
                "Under section 22, victims must be told about their rights and proceedings...",
                [
                    "In a language they understand",
                    "Only in English",
                    "Only after the trial",
                    "Only if they ask",
                ],
                0,
                "Information must be given in a language the victim understands.",
            ),
        ],
    },
    {
        "code": "child-victims",
        "title": "Child victims",
        "summary": "Special care for children: best interests, the Child Care, Protection and Adoption Act 2018 and "
        "the Human Services lead.",
        "objectives": "Apply the best interests of the child in every decision.\n"
        "Know that Human Services leads on child protection.\n"
        "Recognise the risk of child sex tourism.",
        "target_sectors": ["police", "immigration", "health", "social", "civil_society"],
        "duration_minutes": 60,
        "questions": [
            (
                "A",
                "Which agency leads on child protection when a possible child victim is found?",
                ["The Department of Human Services", "The Ministry of Tourism", "The employer", "Customs"],
                0,
                "Human Services leads under the Child Care, Protection and Adoption Act 2018.",
            ),
            (
                "B",
                "A child says she is 19 but looks younger and has no papers. How should officials proceed?",
                [
                    "Treat her as a child until her age is established",
                    "Treat her as an adult",
                    "Send her back at once",
                    "Ask the person travelling with her",
                ],
                0,
                "When in doubt, presume the person is a child and protect accordingly.",
            ),
        ],
    },
]
