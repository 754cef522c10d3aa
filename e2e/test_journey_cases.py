"""Journeys 2, 3 and 5: screening and identification, protection and assistance, closure and retention."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.cases import services
from harbourline.cases.models import Case
from harbourline.cases.tests.factories import make_case
from harbourline.country.services import country_load

from .conftest import screenshot
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page: Any, name: str, day: datetime.date) -> None:
    page.locator(f"input[name={name}_day]").fill(str(day.day))
    page.locator(f"input[name={name}_month]").fill(str(day.month))
    page.locator(f"input[name={name}_year]").fill(str(day.year))


def mark_present(page: Any, dimension: str, label: str) -> None:
    block = page.locator("fieldset.dimension", has=page.locator("legend h2", has_text=dimension))
    block.locator("fieldset", has=page.locator("legend", has_text=label)).first.get_by_label(
        "Present"
    ).check()


def test_journey_2_screening_and_identification(page: Any, live_server: Any) -> None:
    country_load(name="saint_lucia")
    from harbourline.accounts.models import Agency

    human_services = Agency.objects.get(short_name="Human Services")
    manager = make_user([Role.CASE_MANAGER], agency=human_services, username="vstrose")
    supervisor = make_user([Role.SUPERVISOR], agency=human_services, username="galcide")
    case = make_case(manager, given_names="Rosa", family_name="Quintero", nationality="VE")

    log_in(page, live_server.url, manager)
    page.goto(f"{live_server.url}/cases/{case.pk}/consent/")
    for purpose, agency in (
        ("Assistance and services", None),
        ("Sharing with named agencies", "Ministry of Health and Wellness"),
    ):
        page.get_by_label(purpose).check()
        if agency:
            page.get_by_label("Agency").select_option(label=agency)
        fill_date(page, "given_on", datetime.date(2026, 3, 2))
        page.get_by_label("How it was given").select_option("interpreter")
        page.get_by_label("Interpreter language").fill("Spanish")
        page.get_by_role("button", name="Record consent").click()
        assert page.get_by_text("Consent recorded.").is_visible()
    screenshot(page, "case-consent")

    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Start screening").click()
    page.get_by_role("button", name="Start screening").click()
    page.goto(f"{live_server.url}/screening/case/{case.pk}/")
    page.get_by_label("Age when recruited or exploited").fill("27")
    page.get_by_label("Adult, labour exploitation").check()
    fill_date(page, "interviewed_on", datetime.date(2026, 3, 2))
    page.get_by_label("Interpreter (language)").fill("Spanish")
    page.get_by_role("button", name="Start").click()
    for dimension, label in (
        ("Deceptive recruitment", "Deceived about the nature of the job, location or employer"),
        ("Deceptive recruitment", "Deceived about wages/earnings"),
        ("Exploitative conditions of work", "Excessive working days or hours"),
        ("Exploitative conditions of work", "Low or no salary"),
        ("Coercion at destination", "Confiscation of documents"),
        ("Coercion at destination", "Isolation, confinement or surveillance"),
    ):
        mark_present(page, dimension, label)
    screenshot(page, "screening-form")
    page.get_by_role("button", name="Complete and see the result").click()
    assert page.get_by_text("The indicators suggest trafficking").is_visible()
    screenshot(page, "screening-result")

    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Presumed victim").click()
    page.get_by_label("Reason").fill("Screening indicators met; interview with interpreter.")
    page.get_by_role("button", name="Presumed victim").click()
    page.get_by_role("button", name="Log out").click()

    log_in(page, live_server.url, supervisor)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Record the identification decision").click()
    page.get_by_label("Identified as a victim of trafficking").check()
    page.get_by_label("Decision-making body").fill("National Task Force identification panel")
    fill_date(page, "decided_on", datetime.date(2026, 3, 9))
    page.get_by_label("Basis").fill("Deceptive recruitment, forced labour and coercion established.")
    screenshot(page, "case-decision")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("link", name="Start assistance").click()
    page.get_by_role("button", name="Start assistance").click()
    assert Case.objects.get(pk=case.pk).status == "assistance"
    screenshot(page, "case-detail")


def test_journey_3_protection_and_assistance(page: Any, live_server: Any) -> None:
    country_load(name="saint_lucia")
    from harbourline.accounts.models import Agency

    human_services = Agency.objects.get(short_name="Human Services")
    manager = make_user([Role.CASE_MANAGER], agency=human_services, username="planner")
    case = make_case(manager)
    log_in(page, live_server.url, manager)
    page.goto(f"{live_server.url}/cases/{case.pk}/plan/")
    plan = [
        ("Housing and shelter", "Ministry of Health and Wellness", "delivered"),
        ("Medical care", "Ministry of Health and Wellness", "in_progress"),
        ("Psychological counselling", "Division of Gender Relations", "planned"),
        ("Legal assistance and information", "Office of the Director of Public Prosecutions", "requested"),
        ("Interpretation", "Department of Human Services", "delivered"),
        ("Immigration status and work authorisation", "Immigration Department", "requested"),
    ]
    form = page.locator("form", has=page.get_by_role("button", name="Add to the plan"))
    for category, provider, status in plan:
        form.get_by_label("Need or service").select_option(label=category)
        form.get_by_label("Provider").select_option(label=provider)
        form.get_by_label("Status").select_option(status)
        fill_date(form, "planned_start", datetime.date(2026, 3, 10))
        fill_date(
            form,
            "due_on",
            datetime.date(2026, 3, 20) if category == "Medical care" else datetime.date(2027, 1, 10),
        )
        form.get_by_label("Outcome").fill("Agreed with the person" if status == "delivered" else "")
        form.get_by_role("button", name="Add to the plan").click()
        assert page.get_by_text("Added to the plan.").is_visible()
    for label in (
        "Housing and shelter",
        "Medical care",
        "Psychological counselling",
        "Legal assistance and information",
        "Interpretation",
        "Immigration status and work authorisation",
    ):
        assert page.locator(".checklist li", has_text=label).get_by_text("In the plan").is_visible()
    screenshot(page, "case-plan")
    page.goto(f"{live_server.url}/home/")
    overdue = page.locator("#panel-overdue").locator("..")
    assert "Medical care" in overdue.inner_text() and "Overdue" in overdue.inner_text()
    screenshot(page, "home-case-manager-overdue")


def test_journey_5_closure_reopening_and_retention(page: Any, live_server: Any) -> None:
    import time_machine
    from django.utils import timezone

    country_load(name="saint_lucia")
    supervisor = make_user([Role.SUPERVISOR], username="closer")
    case = make_case(supervisor)
    log_in(page, live_server.url, supervisor)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Close the case").click()
    page.get_by_label("Reintegrated").check()
    page.get_by_label("Details").fill("Back with family in Soufrière; follow-up completed.")
    page.get_by_role("button", name="Approve closure").click()
    assert page.get_by_text("is closed. It can be reopened.").is_visible()
    page.get_by_role("link", name="Reopen for assistance").click()
    page.get_by_label("Reason").fill("Threats from the recruiter; needs shelter again.")
    page.get_by_role("button", name="Reopen for assistance").click()
    assert Case.objects.get(pk=case.pk).status == "assistance"
    services.case_close(
        actor=supervisor, case=Case.objects.get(pk=case.pk), closure_reason="reintegrated", reason="Safe now"
    )
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    screenshot(page, "case-closed")

    def figures() -> list[Any]:
        return list(
            Case.objects.values_list(
                "status", "person__gender", "person__age_band", "is_forced_labour", "district"
            )
        )

    before = figures()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366 * 8), tick=False):
        assert services.purge_expired() == 1
    assert figures() == before
    page.goto(f"{live_server.url}/cases/{case.pk}/identity/")
    assert page.get_by_text("Jn Baptiste").count() == 0
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert page.get_by_text("Personal data was removed").is_visible()
    screenshot(page, "case-purged")
