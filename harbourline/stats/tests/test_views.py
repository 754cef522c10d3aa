"""The figures pages for each persona: anonymous, wrong role, analyst (suppressed), coordinator (exact)."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from harbourline.accounts.permissions import Perm, Role, roles_without
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.cases.models import Case
from harbourline.stats.actions import StatsAction

from .seed import seed_all

pytestmark = pytest.mark.django_db

PAGES = [
    ("stats:dashboard", {}),
    ("stats:dashboard_export", {"fmt": "csv"}),
    ("stats:annual", {"report": "tip"}),
    ("stats:annual_export", {"report": "glotip", "fmt": "json"}),
]


def _client(role: Role) -> Client:
    return sign_in(Client(), make_user([role]))


def _case_values() -> list[tuple[Any, ...]]:
    return list(Case.objects.order_by("pk").values_list("pk", "status", "identified_on", "district"))


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_visitors_are_sent_to_log_in(name: str, kwargs: dict[str, str]) -> None:
    response = Client().get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", roles_without(Perm.STATS_VIEW))
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_roles_without_the_statistics_permission_are_refused_and_nothing_changes(
    role: Role, name: str, kwargs: dict[str, str]
) -> None:
    seed_all(cases=20)
    before = _case_values()
    response = _client(role).get(reverse(name, kwargs=kwargs) + "?year=2025")
    assert response.status_code == 403
    assert _case_values() == before
    assert not AuditEvent.objects.filter(action__startswith="stats.", outcome="allowed").exists()


def test_the_analyst_sees_small_counts_as_less_than_five_and_every_figure_with_its_table() -> None:
    seed_all(cases=30)
    response = _client(Role.ANALYST).get(reverse("stats:dashboard"), {"year": "2025"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<td>&lt;5</td>" in body
    for key in (
        "cases_by_year_and_status",
        "victims_by_sex",
        "services_delivered",
        "tips_by_channel",
        "trained_by_sector",
    ):
        assert f'data-figure="{key}"' in body
    assert body.count("<svg") >= 12
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)  # no inline script (CSP)
    assert " style=" not in body


def test_the_coordinator_sees_exact_counts() -> None:
    seed_all(cases=30)
    response = _client(Role.NATIONAL_COORDINATOR).get(reverse("stats:dashboard"), {"year": "2025"})
    assert response.status_code == 200
    assert "<td>&lt;5</td>" not in response.content.decode()


def test_a_filter_that_is_not_in_the_lists_shows_a_message_and_the_unfiltered_figures() -> None:
    seed_all(cases=10)
    response = _client(Role.ANALYST).get(reverse("stats:dashboard"), {"agency": "99999999999999999999"})
    assert response.status_code == 200
    assert "Some filters were not valid" in response.content.decode()


def test_the_analyst_download_is_suppressed_and_audited() -> None:
    seed_all(cases=30)
    client = _client(Role.ANALYST)
    response = client.get(reverse("stats:dashboard_export", kwargs={"fmt": "csv"}), {"year": "2025"})
    assert response.status_code == 200
    assert "<5" in response.content.decode("utf-8-sig")
    event = AuditEvent.objects.get(action=StatsAction.FIGURES_DOWNLOADED)
    assert event.details["exact"] is False and event.details["year"] == 2025


def test_the_analyst_downloads_the_tip_figures_suppressed() -> None:
    seed_all(cases=60)
    client = _client(Role.ANALYST)
    url = reverse("stats:annual_export", kwargs={"report": "tip", "fmt": "json"})
    payload = json.loads(client.get(url, {"year": "2025"}).content)
    assert payload["exact"] is False
    cells = [c for t in payload["tables"] for row in t["rows"] for c in row[1:]]
    assert "<5" in cells
    assert all(c == "<5" or c == 0 or c >= 5 for c in cells)
    assert [h["key"] for h in payload["not_recorded_here"]] == ["tip.law_enforcement"]
    assert AuditEvent.objects.filter(action=StatsAction.ANNUAL_DOWNLOADED, object_id="2025").count() == 1


def test_the_coordinator_questionnaire_is_exact_and_its_download_audited() -> None:
    seed_all(cases=60)
    client = _client(Role.NATIONAL_COORDINATOR)
    url = reverse("stats:annual_export", kwargs={"report": "tip", "fmt": "xlsx"})
    response = client.get(url, {"year": "2025"})
    assert response.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "<5" not in values
    event = AuditEvent.objects.get(action=StatsAction.ANNUAL_EXACT_DOWNLOADED)
    assert event.object_type == "stats.tip" and event.details["exact"] is True


def test_an_unknown_year_in_a_download_is_refused_with_a_message() -> None:
    client = _client(Role.ANALYST)
    url = reverse("stats:annual_export", kwargs={"report": "tip", "fmt": "json"})
    response = client.get(url, {"year": "1066"})
    assert response.status_code == 200
    assert "Choose a year from the list" in response.content.decode()
    assert not AuditEvent.objects.filter(action__startswith="stats.annual").exists()


def test_the_annual_page_shows_both_questionnaires() -> None:
    seed_all(cases=20)
    client = _client(Role.ANALYST)
    for report in ("tip", "glotip"):
        response = client.get(reverse("stats:annual", kwargs={"report": report}), {"year": "2025"})
        assert response.status_code == 200
    assert client.get(reverse("stats:annual", kwargs={"report": "nope"})).status_code == 404


def test_the_home_page_and_navigation_lead_analysts_to_the_figures() -> None:
    response = _client(Role.ANALYST).get(reverse("core:home"))
    assert reverse("stats:dashboard") in response.content.decode()


def test_manage_py_figures_writes_json_suppressed_and_exact_audited(tmp_path: Any) -> None:
    seed_all(cases=60)
    out = tmp_path / "f.json"
    call_command("figures", "--year", "2025", "--format", "json", "--out", str(out))
    suppressed = json.loads(out.read_text())
    assert suppressed["exact"] is False
    assert [r["report"] for r in suppressed["reports"]] == ["tip", "glotip"]
    call_command(
        "figures", "--year", "2025", "--format", "xlsx", "--out", str(tmp_path / "f.xlsx"), "--exact"
    )
    assert (tmp_path / "f.xlsx").stat().st_size > 0
    assert (
        AuditEvent.objects.filter(
            action=StatsAction.ANNUAL_EXACT_DOWNLOADED, actor_label="manage.py figures"
        ).count()
        == 1
    )


def test_the_page_says_when_a_chosen_filter_does_not_apply_to_a_section() -> None:
    client = _client(Role.ANALYST)
    plain = client.get(reverse("stats:dashboard"), {"year": "2025"}).content.decode()
    assert "those filters do not apply here" not in plain
    filtered = client.get(reverse("stats:dashboard"), {"form": "ForcedLabour"}).content.decode()
    assert "Tips are not tied to an agency or a form of exploitation" in filtered
