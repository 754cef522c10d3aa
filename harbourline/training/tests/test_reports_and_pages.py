"""The focal point's figures and exports, the home panels, the demo seeder, and how forms treat bad input."""

from __future__ import annotations

import csv
import io
import random
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.core.registry import SeedContext
from harbourline.training import services
from harbourline.training.models import Attendance, MaterialVersion, Module, Participant, Workshop
from harbourline.training.reports import training_figures

from .factories import attend_all, make_workshop, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def focal() -> Any:
    return make_user([Role.NATIONAL_COORDINATOR], username="focal")


def test_people_trained_count_each_person_once_and_each_attendance(focal: Any) -> None:
    """Workshop A: persons 0, 1, 2 attend. Workshop B: persons 0 and 5 attend; person 6 registers but never
    comes. People trained 4 (0, 1, 2, 5); attendances 5. Person 0 is immigration (even), 1 customs..."""
    first = make_workshop(focal, sessions=1, participants=3, pass_mark=0)  # attendance alone decides
    second = make_workshop(focal, sessions=1, participants=0, title="Refresher", pass_mark=0)
    for n in (0, 5, 6):
        services.participant_register(actor=focal, workshop=second, person=person(n))
    attend_all(focal, first)
    regs = {r.participant.first_name: r.pk for r in second.registrations.select_related("participant")}
    services.attendance_record(
        actor=focal,
        session=second.sessions.get(),
        statuses={regs["Person0"]: "present", regs["Person5"]: "late", regs["Person6"]: "absent"},
    )
    figures = training_figures(2026)
    assert (figures["people"], figures["attendances"], figures["workshops_held"]) == (4, 5, 2)
    by_sector = {label: (people, att) for label, people, att in figures["breakdowns"][0].rows}
    assert by_sector == {"Customs": (2, 3), "Immigration": (2, 2)}
    tip = {label: people for label, people, _ in figures["tip"].rows}
    assert tip["Immigration"] == 2 and tip["Law enforcement (police, customs)"] == 2
    assert training_figures(2025)["people"] == 0


def test_the_dashboard_and_its_exports(focal: Any) -> None:
    workshop = make_workshop(focal, sessions=1, participants=2, pass_mark=0)
    attend_all(focal, workshop)
    client = sign_in(Client(), focal)
    html = client.get(reverse("training:dashboard"), {"year": "2026"}).content.decode()
    assert 'id="people-trained">2<' in html
    response = client.get(reverse("training:export", args=["csv"]), {"year": "2026"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Year", "Breakdown", "Group", "People trained", "Attendances"]
    assert ["2026", "Total", "All", "2", "2"] in rows
    assert AuditEvent.objects.filter(action="training.report_exported").count() == 1
    xlsx = client.get(reverse("training:export", args=["xlsx"]), {"year": "all"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=4).value == 2  # type: ignore[union-attr]
    assert client.get(reverse("training:export", args=["pdf"])).status_code == 404


def test_a_formula_in_a_name_does_not_run_in_a_spreadsheet(focal: Any) -> None:
    workshop = make_workshop(focal, sessions=1, participants=0, pass_mark=0)
    services.participant_register(
        actor=focal, workshop=workshop, person=person(1, organisation="=HYPERLINK(1)")
    )
    attend_all(focal, workshop)
    response = sign_in(Client(), focal).get(reverse("training:export", args=["csv"]), {"year": "2026"})
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_attendance_with_a_row_left_blank_saves_nothing_and_keeps_the_marks(focal: Any) -> None:
    workshop = make_workshop(focal, sessions=1, participants=2)
    session = workshop.sessions.get()
    first, second = workshop.registrations.order_by("number")
    client = sign_in(Client(), focal)
    response = client.post(reverse("training:attendance", args=[session.pk]), {f"r{first.pk}": "late"})
    assert response.status_code == 400 and "number 2" in response.content.decode()
    assert f'name="r{first.pk}" value="late" checked' in response.content.decode()
    assert not Attendance.objects.exists()
    client.post(
        reverse("training:attendance", args=[session.pk]),
        {f"r{first.pk}": "late", f"r{second.pk}": "excused"},
    )
    assert dict(Attendance.objects.values_list("registration__number", "status")) == {1: "late", 2: "excused"}


def test_a_bad_line_in_the_bulk_list_adds_nobody_and_keeps_the_text(focal: Any) -> None:
    workshop = make_workshop(focal, sessions=0, participants=0)
    text = "Ann; Lee; F; immigration; Immigration Department; ann@example.lc\nBob; Ray; M; astronaut; NASA"
    response = sign_in(Client(), focal).post(
        reverse("training:participants_bulk", args=[workshop.pk]), {"lines": text}
    )
    html = response.content.decode()
    assert "unknown sector" in html and "ann@example.lc" in html
    assert not Participant.objects.exists()


def test_a_workshop_ending_before_it_starts_is_refused_with_the_input_kept(focal: Any) -> None:
    data = {
        "title": "Backwards",
        "workshop_type": "workshop",
        "modules": [Module.objects.first().pk],  # type: ignore[union-attr]
        "language": "en",
        "venue": "Hall",
        "district": "LC-11",
        "start_date_day": "10",
        "start_date_month": "3",
        "start_date_year": "2026",
        "end_date_day": "9",
        "end_date_month": "3",
        "end_date_year": "2026",
        "capacity": "20",
        "attendance_threshold": "80",
        "pass_mark": "70",
        "lead_trainer": focal.pk,
    }
    response = sign_in(Client(), focal).post(reverse("training:workshop_create"), data)
    assert response.status_code == 200 and "cannot be before" in response.content.decode()
    assert 'value="Backwards"' in response.content.decode() and not Workshop.objects.exists()


def test_materials_are_downloaded_through_the_checked_view_with_every_version(focal: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    module = Module.objects.get(code="identification")
    client = sign_in(Client(), focal)
    for body in (b"%PDF-1.4 one", b"%PDF-1.4 two"):
        client.post(
            reverse("training:material_upload", args=[module.pk]),
            {"title": "Slides", "file": SimpleUploadedFile("slides.pdf", body, "application/pdf")},
        )
    old, new = MaterialVersion.objects.order_by("version")
    html = client.get(reverse("training:module", args=[module.pk])).content.decode()
    assert new.version == 2 and "version 2" in html
    assert reverse("training:material_download", args=[old.pk]) in html
    response = client.get(reverse("training:material_download", args=[old.pk]))
    assert response.content == b"%PDF-1.4 one" and "no-store" in response["Cache-Control"]


def test_a_question_added_in_the_app_joins_the_bank(focal: Any) -> None:
    module = Module.objects.get(code="referral")
    before = module.questions.count()
    sign_in(Client(), focal).post(
        reverse("training:question_add", args=[module.pk]),
        {
            "text": "Who may decide a person is a victim?",
            "option_1": "The competent authority",
            "option_2": "The employer",
            "option_3": "",
            "option_4": "",
            "correct": "1",
            "form": "B",
        },
    )
    question = module.questions.order_by("-pk").first()
    assert module.questions.count() == before + 1 and question.correct_choice == "The competent authority"  # type: ignore[union-attr]


def test_home_panels_show_the_next_sessions_and_upcoming_workshops(focal: Any) -> None:
    import datetime

    from django.utils import timezone

    start = timezone.localdate() + datetime.timedelta(days=3)
    workshop = services.workshop_create(
        actor=focal,
        modules=Module.objects.all()[:2],
        title="Coming soon",
        workshop_type="workshop",
        language="en",
        venue="Hall",
        district="LC-02",
        start_date=start,
        end_date=start,
    )
    services.session_add(
        actor=focal, workshop=workshop, date=start, starts_at=datetime.time(9), ends_at=datetime.time(12)
    )
    html = sign_in(Client(), focal).get(reverse("core:home")).content.decode()
    assert "Next training sessions" in html and "Upcoming workshops" in html and "Coming soon" in html
    trainer_home = sign_in(Client(), make_user([Role.TRAINER])).get(reverse("core:home")).content.decode()
    assert "Next training sessions" in trainer_home and "Coming soon" not in trainer_home


def test_the_demo_seeder_makes_held_and_planned_workshops_with_certificates() -> None:
    from harbourline.training.demo import seed_demo_training
    from harbourline.training.models import Certificate

    make_user([Role.TRAINER], username="trainer")

    class Bar:
        def update(self, n: int) -> None: ...
        def close(self) -> None: ...

    ctx = SeedContext(cases=0, rng=random.Random(4), progress=lambda label, total: Bar())
    seed_demo_training(ctx)
    assert Workshop.objects.filter(status="held").count() == 15 and Workshop.objects.count() == 16
    assert Certificate.objects.exists()
    seed_demo_training(ctx)
    assert Workshop.objects.count() == 16
