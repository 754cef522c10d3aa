"""Every training service: what it does, and the audit row it writes (with no names in the details)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.audit.models import AuditEvent
from harbourline.training import services
from harbourline.training.actions import TrainingAction
from harbourline.training.models import (
    Certificate,
    Module,
    OpenForm,
    Participant,
    Registration,
    RegistrationStatus,
    TestKind,
)

from .factories import answer, attend_all, build_tests, make_workshop, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer() -> Any:
    return make_user([Role.TRAINER], username="trainer1")


def last_audit(action: TrainingAction) -> AuditEvent:
    return AuditEvent.objects.filter(action=action.value).latest("seq")


def test_planning_a_workshop_is_audited_and_gives_it_a_code(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=0, participants=0)
    assert len(workshop.access_code) == 6
    assert workshop.trainer_links.get().user == trainer
    row = last_audit(TrainingAction.WORKSHOP_CREATED)
    assert row.object_id == str(workshop.pk) and row.actor == trainer


def test_a_session_outside_the_workshop_dates_is_refused(trainer: Any) -> None:
    import datetime

    workshop = make_workshop(trainer, sessions=0, participants=0)
    with pytest.raises(ValidationError):
        services.session_add(
            actor=trainer,
            workshop=workshop,
            date=datetime.date(2027, 1, 1),
            starts_at=datetime.time(9),
            ends_at=datetime.time(12),
        )
    assert workshop.sessions.count() == 0


def test_registering_the_same_person_twice_reuses_their_record(trainer: Any) -> None:
    first = make_workshop(trainer, sessions=0, participants=0)
    second = make_workshop(trainer, sessions=0, participants=0, title="Refresher")
    services.participant_register(actor=trainer, workshop=first, person=person(1))
    services.participant_register(actor=trainer, workshop=second, person=person(1, first_name="  PERSON1 "))
    assert Participant.objects.count() == 1
    row = last_audit(TrainingAction.PARTICIPANT_REGISTERED)
    assert row.details["new_person"] is False
    assert "Person1" not in json.dumps(row.details)


def test_registering_someone_already_in_the_workshop_is_refused(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=0, participants=1)
    with pytest.raises(ValidationError):
        services.participant_register(actor=trainer, workshop=workshop, person=person(0))
    assert workshop.registrations.count() == 1


def test_past_the_capacity_people_wait_and_the_first_waiting_takes_a_freed_place(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=0, participants=4, capacity=2)
    statuses = list(workshop.registrations.order_by("number").values_list("status", flat=True))
    assert statuses == ["registered", "registered", "waitlisted", "waitlisted"]
    first = workshop.registrations.get(number=1)
    services.registration_set_status(actor=trainer, registration=first, status=RegistrationStatus.WITHDRAWN)
    assert workshop.registrations.get(number=3).status == RegistrationStatus.REGISTERED
    assert workshop.registrations.get(number=4).status == RegistrationStatus.WAITLISTED
    row = last_audit(TrainingAction.WAITLIST_PROMOTED)
    assert row.object_id == str(workshop.registrations.get(number=3).pk)


def test_attendance_marks_people_as_attended_and_is_audited_with_counts(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=1, participants=3)
    regs = list(workshop.registrations.order_by("number"))
    session = workshop.sessions.get()
    services.attendance_record(
        actor=trainer,
        session=session,
        statuses={regs[0].pk: "present", regs[1].pk: "late", regs[2].pk: "absent"},
    )
    assert [r.status for r in workshop.registrations.order_by("number")] == [
        "attended",
        "attended",
        "registered",
    ]
    row = last_audit(TrainingAction.ATTENDANCE_RECORDED)
    assert (row.details["present"], row.details["late"], row.details["absent"]) == (1, 1, 1)


def test_attendance_for_someone_of_another_workshop_is_refused(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=1, participants=1)
    other = make_workshop(trainer, sessions=0, participants=1, title="Other")
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=trainer, session=workshop.sessions.get(), statuses={other.registrations.get().pk: "present"}
        )
    assert not workshop.sessions.get().attendance.exists()


def test_tests_are_built_from_the_bank_and_scored(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=1, participants=1)
    build_tests(trainer, workshop)
    reg = workshop.registrations.get()
    attempt = answer(trainer, reg, TestKind.PRE, right=2)
    assert attempt.score == 2 and attempt.max_score == workshop.test_items.filter(kind="pre").count()
    row = last_audit(TrainingAction.TEST_SUBMITTED)
    assert row.details == {"kind": "pre", "score": 2, "max": attempt.max_score, "by": "trainer"}


def test_the_questions_cannot_change_once_answers_are_in(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=1, participants=1)
    build_tests(trainer, workshop)
    answer(trainer, workshop.registrations.get(), TestKind.PRE, right=1)
    with pytest.raises(ValidationError):
        services.test_build(
            actor=trainer,
            workshop=workshop,
            kind=TestKind.PRE,
            questions=list(Module.objects.get(code="legal-framework").questions.all()),
        )


def test_wrong_pins_are_counted_and_audited_but_do_not_lock_the_participant_out(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=1, participants=1)
    reg = workshop.registrations.get()
    wrong = "0000" if reg.pin != "0000" else "1111"
    for _ in range(6):
        assert services.pin_check(workshop=workshop, number=reg.number, pin=wrong) is None
    assert last_audit(TrainingAction.PIN_REFUSED).details == {"failures": 6}
    assert services.pin_check(workshop=workshop, number=reg.number, pin=reg.pin) == reg
    reg.refresh_from_db()
    assert reg.pin_failures == 0


def test_the_right_pin_gives_the_registration(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=1, participants=1)
    reg = workshop.registrations.get()
    assert services.pin_check(workshop=workshop, number=reg.number, pin=reg.pin) == reg


def test_a_form_can_only_be_opened_once_its_questions_exist(trainer: Any) -> None:
    workshop = make_workshop(trainer, sessions=1, participants=1)
    with pytest.raises(ValidationError):
        services.workshop_open_form(actor=trainer, workshop=workshop, form=OpenForm.PRE)
    build_tests(trainer, workshop)
    services.workshop_open_form(actor=trainer, workshop=workshop, form=OpenForm.PRE)
    assert last_audit(TrainingAction.FORM_OPENED).details == {"form": "pre"}


def _certified_workshop(trainer: Any, **kw: Any) -> Any:
    workshop = make_workshop(trainer, sessions=4, participants=3, **kw)
    build_tests(trainer, workshop)
    attend_all(trainer, workshop)
    regs = list(workshop.registrations.order_by("number"))
    posts = workshop.test_items.filter(kind="post").count()
    answer(trainer, regs[0], TestKind.POST, right=posts)
    answer(trainer, regs[1], TestKind.POST, right=0)
    return workshop


def test_certificates_go_only_to_those_who_earned_one(trainer: Any) -> None:
    workshop = _certified_workshop(trainer)
    issued = services.certificates_issue(actor=trainer, workshop=workshop)
    assert [c.registration.number for c in issued] == [1]
    cert = issued[0]
    assert cert.participant_name == "Person0 Tester" and "Vieux Fort" in cert.venue_text
    assert workshop.registrations.get(number=1).status == RegistrationStatus.COMPLETED
    row = last_audit(TrainingAction.CERTIFICATE_ISSUED)
    assert row.details["code"] == cert.code and "Person0" not in json.dumps(row.details)
    assert services.certificates_issue(actor=trainer, workshop=workshop) == []


def test_reissue_gives_a_new_code_and_supersedes_the_old(trainer: Any) -> None:
    workshop = _certified_workshop(trainer)
    old = services.certificates_issue(actor=trainer, workshop=workshop)[0]
    new = services.certificate_reissue(actor=trainer, certificate=old, reason="Name misspelt")
    old.refresh_from_db()
    assert new.code != old.code and old.status == "superseded" and old.replaced_by == new
    assert last_audit(TrainingAction.CERTIFICATE_REISSUED).details == {
        "code": new.code,
        "replaces": old.code,
        "reason": "Name misspelt",
    }


def test_revoking_needs_a_reason(trainer: Any) -> None:
    workshop = _certified_workshop(trainer)
    cert = services.certificates_issue(actor=trainer, workshop=workshop)[0]
    with pytest.raises(ValidationError):
        services.certificate_revoke(actor=trainer, certificate=cert, reason="  ")
    assert Certificate.objects.get(pk=cert.pk).status == "valid"
    services.certificate_revoke(actor=trainer, certificate=cert, reason="Issued in error")
    cert.refresh_from_db()
    assert cert.status == "revoked" and cert.revoked_at is not None
    assert last_audit(TrainingAction.CERTIFICATE_REVOKED).object_id == str(cert.pk)


def test_evaluations_and_follow_ups(trainer: Any) -> None:
    workshop = _certified_workshop(trainer)
    services.evaluation_submit(
        actor=None,
        workshop=workshop,
        ratings={"content": 5, "trainers": 4, "relevance": 5, "organisation": 3},
    )
    assert last_audit(TrainingAction.EVALUATION_SUBMITTED).details == {"anonymous": True}
    with pytest.raises(ValidationError):
        services.evaluation_submit(
            actor=None,
            workshop=workshop,
            ratings={"content": 9, "trainers": 4, "relevance": 5, "organisation": 3},
        )
    assert services.follow_ups_create(actor=trainer, workshop=workshop) == 3
    assert services.follow_ups_create(actor=trainer, workshop=workshop) == 0
    survey = Registration.objects.filter(workshop=workshop).first().follow_up  # type: ignore[union-attr]
    services.follow_up_answer(
        follow_up=survey, answers={"uses_learning": "often", "identified_case": True, "referred_case": False}
    )
    assert last_audit(TrainingAction.FOLLOW_UP_ANSWERED).object_id == str(survey.pk)
    with pytest.raises(ValidationError):
        services.follow_up_answer(
            follow_up=survey,
            answers={"uses_learning": "never", "identified_case": False, "referred_case": False},
        )


def test_materials_keep_every_version_and_refuse_fake_pdfs() -> None:
    trainer = make_user([Role.NATIONAL_COORDINATOR], username="focal1")  # the curriculum is the focal point's
    module = Module.objects.get(code="identification")
    services.material_upload(
        actor=trainer, module=module, title="Slides", file_name="s.pdf", data=b"%PDF-1.4 a"
    )
    second = services.material_upload(
        actor=trainer, module=module, title="Slides", file_name="s.pdf", data=b"%PDF-1.4 b"
    )
    assert second.version == 2 and module.materials.count() == 2
    assert last_audit(TrainingAction.MATERIAL_UPLOADED).details["version"] == 2
    with pytest.raises(ValidationError):
        services.material_upload(actor=trainer, module=module, title="Slides", file_name="x.pdf", data=b"MZ")
    with pytest.raises(ValidationError):
        services.material_upload(actor=trainer, module=module, title="Tool", file_name="x.exe", data=b"MZ")


def test_questions_need_two_options_and_a_right_one() -> None:
    trainer = make_user([Role.NATIONAL_COORDINATOR], username="focal1")  # the curriculum is the focal point's
    module = Module.objects.get(code="identification")
    with pytest.raises(ValidationError):
        services.question_save(actor=trainer, module=module, text="Q?", choices=["only"], correct_index=0)
    q = services.question_save(actor=trainer, module=module, text="Q?", choices=["a", "b"], correct_index=1)
    assert q.correct_choice == "b"
    assert last_audit(TrainingAction.QUESTION_SAVED).object_id == str(q.pk)


def test_the_starter_curriculum_has_questions_for_every_module() -> None:
    modules = list(Module.objects.all())
    assert len(modules) >= 6
    for module in modules:
        assert module.objective_list() and module.questions.exists()
    assert len({q.correct_index for q in Module.objects.get(code="identification").questions.all()}) > 1


def test_trainer_status_is_audited(trainer: Any) -> None:
    focal = make_user([Role.NATIONAL_COORDINATOR])
    services.trainer_set_status(actor=focal, user=trainer, status="certified")
    assert trainer.trainer_profile.status == "certified"
    assert last_audit(TrainingAction.TRAINER_STATUS_CHANGED).details == {"from": "trainee", "to": "certified"}


def test_correcting_a_name_then_reissuing_prints_the_new_name(trainer: Any) -> None:
    workshop = _certified_workshop(trainer)
    old = services.certificates_issue(actor=trainer, workshop=workshop)[0]
    person_ = old.registration.participant
    services.participant_update(
        actor=trainer, participant=person_, first_name="Persona", last_name="Jn Baptiste"
    )
    row = last_audit(TrainingAction.PARTICIPANT_UPDATED)
    assert row.details == {"fields": ["first_name", "last_name"]} and "Persona" not in json.dumps(row.details)
    new = services.certificate_reissue(actor=trainer, certificate=old, reason="Name misspelt")
    assert new.participant_name == "Persona Jn Baptiste" and old.participant_name == "Person0 Tester"
    assert Participant.objects.get(pk=person_.pk).duplicate_key.startswith("persona|jnbaptiste|")
