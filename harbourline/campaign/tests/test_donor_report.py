"""The donor report's logframe figures against direct counts, and its Excel and PDF files."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.training import services as training_services
from harbourline.training.models import Registration
from harbourline.training.reports import training_figures
from harbourline.training.tests.factories import make_workshop

from ..report import donor_report, people_trained, report_pdf, report_xlsx
from .factories import make_activity, make_campaign, officer
from .test_reach import _tip

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)


def _values(user: object) -> dict[str, str]:
    return {line.number: line.value for line in donor_report(user, START, END)["lines"]}  # type: ignore[arg-type]


def test_logframe_figures_match_direct_counts() -> None:
    user = officer()
    campaign = make_campaign(created_by=user)
    make_activity(
        campaign,
        date=datetime.date(2026, 3, 5),
        estimated_reach=1000,
        counted_reach=None,
        cost=Decimal("300"),
    )
    make_activity(
        campaign,
        date=datetime.date(2026, 3, 31),
        estimated_reach=100,
        counted_reach=90,
        materials_distributed=90,
        cost=Decimal("60"),
    )
    make_activity(
        campaign, date=datetime.date(2026, 4, 1), estimated_reach=5000, materials_distributed=7
    )  # outside
    tz = timezone.get_current_timezone()
    _tip(1, datetime.datetime(2026, 3, 1, 0, 30, tzinfo=tz), "radio")
    _tip(2, datetime.datetime(2026, 3, 31, 23, 30, tzinfo=tz), "")
    _tip(3, datetime.datetime(2026, 4, 1, 0, 30, tzinfo=tz), "tv")
    values = _values(user)
    assert values["1"] == "2"
    assert values["2"] == "1,090"
    assert values["3"] == "90"
    assert values["4"] == "360.00"
    assert values["5"] == "2"


def test_people_trained_is_the_training_dashboards_count_for_the_period() -> None:
    coordinator = make_user([Role.NATIONAL_COORDINATOR])
    workshop = make_workshop(coordinator, participants=4, pass_mark=0)  # starts 10 March 2026; no post-test
    regs = list(Registration.objects.filter(workshop=workshop).order_by("pk"))
    for session in workshop.sessions.all():  # three meet the attendance rule, the fourth never came
        training_services.attendance_record(
            actor=coordinator,
            session=session,
            statuses={r.pk: "present" if r in regs[:3] else "absent" for r in regs},
        )
    assert people_trained(START, END) == 3 == training_figures(2026)["people"]
    assert people_trained(datetime.date(2026, 4, 1), datetime.date(2026, 12, 31)) == 0
    assert _values(coordinator)["6"] == "3"


def test_the_files_open_and_the_export_is_audited() -> None:
    from openpyxl import load_workbook

    user = officer()
    campaign = make_campaign(created_by=user, name="Kwéyòl \u2013 radio")
    make_activity(campaign, date=datetime.date(2026, 3, 5))
    figures = donor_report(user, START, END)
    book = load_workbook(io.BytesIO(report_xlsx(figures)))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert "Awareness activities held" in cells and "People trained" in cells
    assert report_pdf(figures, country="Saint Lucia").startswith(b"%PDF")
    client = sign_in(Client(), make_user([Role.NATIONAL_COORDINATOR]))
    url = reverse("campaign:donor_report_download", args=["pdf"]) + "?start=2026-03-01&end=2026-03-31"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="campaign.report_exported").count() == 1
    page = client.get(reverse("campaign:donor_report") + "?start=2026-03-01&end=nonsense").content.decode()
    assert "Enter the dates as year-month-day" in page
    trainer = sign_in(Client(), make_user([Role.TRAINER]))
    assert trainer.get(url).status_code == 403
