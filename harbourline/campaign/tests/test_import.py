"""Spreadsheet import: row-level errors (bad dates, unknown districts, duplicates), nothing saved from a file
with errors unless the officer chooses to import the valid rows."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in

from .. import services
from ..imports import COLUMNS, parse_activities, template_csv, template_xlsx
from ..models import Activity
from .factories import make_activity, make_campaign

pytestmark = pytest.mark.django_db

GOOD = {
    "date": "12/03/2026",
    "channel": "School talk",
    "title": "Form 4 talk",
    "district": "Vieux Fort",
    "audience": "youth",
    "estimated_reach": "120",
    "counted_reach": "112",
    "partner": "Ministry of Education",
    "cost": "150.00",
    "materials_distributed": "112",
}


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def _xlsx(rows: list[dict[str, object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row.get(c) for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_clean_file_is_imported_whole() -> None:
    campaign = make_campaign()
    rows = [GOOD, {**GOOD, "title": "Form 5 talk", "district": "LC-02", "counted_reach": ""}]
    result = parse_activities(campaign, _csv(rows), "a.csv")
    assert not result.errors and len(result.valid) == 2
    created = services.activities_import(actor=campaign.created_by, campaign=campaign, result=result)
    assert len(created) == 2
    first, second = sorted(created, key=lambda a: a.title)
    assert (first.district, first.counted_reach, first.reach, str(first.cost)) == (
        "LC-11",
        112,
        112,
        "150.00",
    )
    assert (second.district, second.counted_reach, second.reach) == ("LC-02", None, 120)
    assert {a.source for a in created} == {"spreadsheet"}


def test_excel_dates_and_numbers_are_read() -> None:
    campaign = make_campaign()
    row = {**GOOD, "date": datetime.datetime(2026, 3, 12), "estimated_reach": 120, "cost": 150.5}
    result = parse_activities(campaign, _xlsx([row]), "a.xlsx")
    assert not result.errors, result.errors
    assert result.valid[0].fields["date"] == datetime.date(2026, 3, 12)
    assert str(result.valid[0].fields["cost"]) == "150.50"


def test_row_errors_name_the_row_and_column_and_nothing_is_saved() -> None:
    campaign = make_campaign()
    make_activity(campaign, title="Already there", date=datetime.date(2026, 3, 20), district="LC-02")
    before = list(Activity.objects.values())
    rows = [
        GOOD,  # row 2: fine
        {**GOOD, "title": "Bad date", "date": "31/02/2026"},  # row 3
        {**GOOD, "title": "Unknown district", "district": "Atlantis"},  # row 4
        dict(GOOD),  # row 5: duplicate of row 2
        {**GOOD, "title": "Already there", "date": "2026-03-20", "district": "Castries"},  # row 6: in the DB
        {**GOOD, "title": "Outside", "date": "01/01/2027"},  # row 7
        {**GOOD, "title": "Not a number", "estimated_reach": "lots"},  # row 8
        {**GOOD, "title": "Fine too", "audience": "Migrants"},  # row 9: fine
    ]
    result = parse_activities(campaign, _csv(rows), "a.csv")
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(3, "date"), (4, "district"), (5, ""), (6, ""), (7, "date"), (8, "estimated_reach")}
    assert "Duplicate of row 2" in next(e.message for e in result.errors if e.row == 5)
    assert [r.row for r in result.valid] == [2, 9]
    with pytest.raises(ValidationError):
        services.activities_import(actor=campaign.created_by, campaign=campaign, result=result)
    assert list(Activity.objects.values()) == before
    created = services.activities_import(
        actor=campaign.created_by, campaign=campaign, result=result, valid_rows_only=True
    )
    assert sorted(a.title for a in created) == ["Fine too", "Form 4 talk"]


def test_a_file_without_the_template_columns_is_refused() -> None:
    campaign = make_campaign()
    result = parse_activities(campaign, b"foo,bar\n1,2\n", "a.csv")
    assert "missing" in result.file_error
    assert parse_activities(campaign, b"\x00\x01", "a.xlsx").file_error
    assert parse_activities(campaign, b"x", "a.pdf").file_error


def test_only_the_officer_imports() -> None:
    campaign = make_campaign()
    result = parse_activities(campaign, _csv([GOOD]), "a.csv")
    with pytest.raises(PermissionDenied):
        services.activities_import(
            actor=make_user([Role.NATIONAL_COORDINATOR]), campaign=campaign, result=result
        )
    assert not Activity.objects.exists()


def test_the_templates_are_read_back_by_the_importer() -> None:
    campaign = make_campaign()
    result = parse_activities(campaign, template_csv(), "template.csv")
    assert not result.errors and len(result.valid) == 1
    empty = parse_activities(campaign, template_xlsx(), "template.xlsx")
    assert empty.rows == 0 and not empty.errors


def test_the_pages_check_then_import_only_the_valid_rows_when_asked() -> None:
    campaign = make_campaign()
    client = sign_in(Client(), campaign.created_by)
    url = reverse("campaign:activities_import", args=[campaign.pk])
    upload = SimpleUploadedFile("acts.csv", _csv([GOOD, {**GOOD, "title": "x", "district": "Nowhere"}]))
    page = client.post(url, {"file": upload}).content.decode()
    assert "Unknown district" in page and "Nothing has been saved" in page
    assert not Activity.objects.exists()
    refused = client.post(url, {"confirm": "all"}).content.decode()
    assert "nothing was saved" in refused and not Activity.objects.exists()
    response = client.post(url, {"confirm": "valid_only"})
    assert response.status_code == 302
    assert list(Activity.objects.values_list("title", flat=True)) == ["Form 4 talk"]
    assert client.get(reverse("campaign:import_template", args=["xlsx"])).status_code == 200
