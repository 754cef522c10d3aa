"""Demo data that looks like Saint Lucia: a few identified victims a year (the public record is 0 to 4),
dozens of tips spread like the population, a few hundred trained officials; each identified case with its
screening, consent and decision; names that fit each person's nationality; participants whose sex, sector and
agency agree. ``--cases N`` still scales up for benchmarks."""

from __future__ import annotations

import random
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from harbourline.core.demo_names import AGENCY_SECTORS, ORGANISATION_SECTORS, district_sampler, names_for

pytestmark = pytest.mark.django_db


def test_the_default_demo_is_at_the_islands_scale(settings: Any) -> None:
    """One seeding (it takes a while), every check of the island's scale."""
    settings.HARBOURLINE_DEMO_MODE = True
    call_command("seed_demo", "--quiet", stdout=StringIO(), stderr=StringIO())
    _identified_victims_are_a_few_a_year_each_with_screening_consent_and_decision()
    _names_fit_each_persons_nationality()
    _dozens_of_tips_where_people_live()
    _a_few_hundred_trained_officials_whose_sex_sector_and_agency_agree()


def _identified_victims_are_a_few_a_year_each_with_screening_consent_and_decision() -> None:
    from harbourline.cases.models import Case
    from harbourline.cases.screening.models import Screening

    identified = list(Case.objects.filter(identified_on__isnull=False))
    per_year = Counter(c.identified_on.year for c in identified)  # type: ignore[union-attr]
    assert identified and max(per_year.values()) <= 4
    assert Case.objects.count() <= 40
    for case in identified:
        assert Screening.objects.filter(case=case, status="completed").exists(), case.number
        assert case.consents.exists(), case.number
        assert case.decisions.filter(identified=True).exists(), case.number


def _names_fit_each_persons_nationality() -> None:
    from harbourline.cases.models import Person

    people = list(Person.objects.all())
    assert {p.nationality for p in people} - {"LC"}, "some victims come from abroad"
    for person in people:
        female, male, surnames = names_for(person.nationality)
        assert person.given_names in (*female, *male), (person.nationality, person.given_names)
        assert person.family_name in surnames, (person.nationality, person.family_name)


def _dozens_of_tips_where_people_live() -> None:
    from harbourline.public.tips.models import Tip

    tips = Tip.objects.count()
    assert 24 <= tips <= 100
    by_district = Counter(Tip.objects.values_list("district", flat=True))
    assert by_district.most_common(1)[0][0] == "LC-02"  # Castries: 40% of the people


def test_the_district_sampler_follows_the_population() -> None:
    pick = district_sampler(random.Random(1))
    drawn = Counter(pick() for _ in range(20000))
    assert drawn["LC-02"] / 20000 == pytest.approx(65656 / 165595, abs=0.02)
    assert drawn["LC-12"] / 20000 == pytest.approx(2044 / 165595, abs=0.005)


def _a_few_hundred_trained_officials_whose_sex_sector_and_agency_agree() -> None:
    from harbourline.core.demo_names import FIRST_NAMES_FEMALE, FIRST_NAMES_MALE
    from harbourline.training.models import Participant
    from harbourline.training.reports import training_figures

    figures = training_figures(None)
    assert 150 <= figures["officials"] <= 500
    for p in Participant.objects.select_related("agency"):
        assert p.first_name in (FIRST_NAMES_FEMALE if p.sex == "female" else FIRST_NAMES_MALE), p.first_name
        expected = AGENCY_SECTORS[p.agency.name] if p.agency else ORGANISATION_SECTORS[p.organisation]
        assert p.sector == expected, (p.organisation_name, p.sector)


def test_cases_n_still_scales_for_benchmarks(settings: Any) -> None:
    from harbourline.cases.models import Case

    settings.HARBOURLINE_DEMO_MODE = True
    call_command("seed_demo", "--cases", "120", "--quiet", stdout=StringIO(), stderr=StringIO())
    assert Case.objects.count() == 120
