"""'Trained' is one rule per curriculum (share of sessions attended, post-test pass mark): certificates and
every figure use it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.training import services
from harbourline.training.actions import TrainingAction
from harbourline.training.models import CurriculumRule, TestKind, Workshop
from harbourline.training.reports import training_figures
from harbourline.training.selectors import workshop_progress

from .factories import answer, build_tests, make_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def focal() -> Any:
    return make_user([Role.NATIONAL_COORDINATOR], username="focal")


def _rules() -> list[tuple[str, int, int]]:
    return list(
        CurriculumRule.objects.order_by("workshop_type").values_list(
            "workshop_type", "attendance_share", "pass_mark"
        )
    )


def test_every_curriculum_has_a_rule_and_the_focal_point_sets_it(focal: Any) -> None:
    assert {r[0] for r in _rules()} == {"workshop", "tot", "refresher"}
    rule = services.curriculum_rule_save(
        actor=focal, workshop_type="refresher", attendance_share=50, pass_mark=0
    )
    assert (rule.attendance_share, rule.pass_mark) == (50, 0)
    row = AuditEvent.objects.filter(action=TrainingAction.CURRICULUM_RULE_SAVED.value).latest("seq")
    assert row.details["workshop_type"] == "refresher" and row.details["attendance_share"] == 50
    before = _rules()
    with pytest.raises(ValidationError):
        services.curriculum_rule_save(
            actor=focal, workshop_type="refresher", attendance_share=0, pass_mark=50
        )
    with pytest.raises(ValidationError):
        services.curriculum_rule_save(
            actor=focal, workshop_type="refresher", attendance_share=80, pass_mark=101
        )
    assert _rules() == before


def test_a_workshop_takes_its_curriculums_rule(focal: Any) -> None:
    services.curriculum_rule_save(actor=focal, workshop_type="workshop", attendance_share=50, pass_mark=40)
    workshop = make_workshop(focal, sessions=2, participants=1, threshold=None, pass_mark=None)
    assert (workshop.attendance_threshold, workshop.pass_mark) == (50, 40)
    services.curriculum_rule_save(actor=focal, workshop_type="workshop", attendance_share=100, pass_mark=90)
    workshop.refresh_from_db()  # not yet held: the new rule applies
    assert (workshop.attendance_threshold, workshop.pass_mark) == (100, 90)
    services.workshop_set_status(actor=focal, workshop=workshop, status="held")
    services.curriculum_rule_save(actor=focal, workshop_type="workshop", attendance_share=60, pass_mark=60)
    workshop.refresh_from_db()  # held: its figures do not change after the event
    assert (workshop.attendance_threshold, workshop.pass_mark) == (100, 90)


def test_people_trained_are_those_who_meet_the_rule_as_for_certificates(focal: Any) -> None:
    """Four sessions, rule 75% and pass mark 60%. No. 1: all sessions, post 5/5 (trained). No. 2: one session
    only, post 5/5 (not trained: attendance). No. 3: all sessions, post 1/5 = 20% (not trained: failed).
    Today's figures counted everyone who came to a session: 3."""
    workshop = make_workshop(focal, sessions=4, participants=3)
    build_tests(focal, workshop)
    regs = list(workshop.registrations.order_by("number"))
    sessions = list(workshop.sessions.all())
    for i, session in enumerate(sessions):
        services.attendance_record(
            actor=focal,
            session=session,
            statuses={
                regs[0].pk: "present",
                regs[1].pk: "present" if i == 0 else "absent",
                regs[2].pk: "late",
            },
        )
    for reg, right in zip(regs, (5, 5, 1), strict=True):
        answer(focal, reg, TestKind.POST, right=right)
    trained = [r.registration.number for r in workshop_progress(workshop) if not r.missing]
    figures = training_figures(2026)
    assert trained == [1]
    assert (figures["people"], figures["attendances"]) == (1, 1)
    assert sum(people for _, people, _ in figures["breakdowns"][0].rows) == 1
    assert figures["rule_note"]


def test_the_rules_page_is_for_the_focal_point(focal: Any) -> None:
    trainer = make_user([Role.TRAINER], username="lead")
    url = reverse("training:rules")
    before = _rules()
    refused = sign_in(Client(), trainer).post(
        url, {"workshop_type": "tot", "attendance_share": 10, "pass_mark": 10}
    )
    assert refused.status_code == 403 and _rules() == before
    client = sign_in(Client(), focal)
    assert "Training of trainers" in client.get(url).content.decode()
    bad = client.post(url, {"workshop_type": "tot", "attendance_share": 0, "pass_mark": 10})
    assert bad.status_code == 200 and _rules() == before
    assert (
        client.post(url, {"workshop_type": "tot", "attendance_share": 90, "pass_mark": 75}).status_code == 302
    )
    assert ("tot", 90, 75) in _rules()
    assert Workshop.objects.count() == 0
