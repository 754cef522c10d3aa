from __future__ import annotations

import pytest

from harbourline.accounts.models import Agency
from harbourline.country.models import District
from harbourline.country.selectors import active_profile, load_profile
from harbourline.country.services import country_load, validate_profile

pytestmark = pytest.mark.django_db


def test_the_saint_lucia_profile_loads_ten_districts_with_iso_codes_and_its_agencies() -> None:
    result = country_load(name="saint_lucia")
    assert result == {"districts": 10, "new_agencies": 9}
    assert set(District.objects.values_list("code", flat=True)) == {
        "LC-01",
        "LC-02",
        "LC-03",
        "LC-05",
        "LC-06",
        "LC-07",
        "LC-08",
        "LC-10",
        "LC-11",
        "LC-12",
    }
    assert sum(District.objects.values_list("population_2010", flat=True)) == 165_595
    assert Agency.objects.get(short_name="RSLPF").district_id == "LC-02"


def test_loading_twice_changes_nothing() -> None:
    country_load(name="saint_lucia")
    assert country_load(name="saint_lucia")["new_agencies"] == 0
    assert Agency.objects.count() == 9


def test_the_active_profile_gives_the_numbers_on_every_page() -> None:
    profile = active_profile()
    assert profile["hotline"]["number"] == "847"
    assert profile["currency"]["code"] == "XCD"
    assert {lang["code"] for lang in profile["languages"]} == {"en", "acf", "es"}


def test_a_profile_with_a_foreign_district_code_is_refused() -> None:
    data = dict(load_profile("saint_lucia"))
    data["districts"] = [{"code": "GD-01", "name": "Saint Andrew"}]
    assert validate_profile(data) == ["district 'Saint Andrew' has a code outside LC"]


def test_an_unknown_profile_name_is_refused() -> None:
    with pytest.raises(ValueError):
        load_profile("../../etc/passwd")
