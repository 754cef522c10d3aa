"""Issue 8 rule for training and the public site: every write service checks the actor's permission itself.
Generated from one table: each service is called directly by actors who may not use it (a role without the
permission; for workshop services, a trainer who does not run the workshop). Each refusal raises
PermissionDenied, writes exactly one "denied" audit row, and leaves every row of every other table as it was
(compared by value, through the backup checksums)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.audit.models import AuditEvent
from harbourline.core.backup import table_checksums
from harbourline.public import services as public
from harbourline.public.models import Language, MaterialKind
from harbourline.training import services as training
from harbourline.training.models import Module, OpenForm, Question
from harbourline.training.tests.factories import attend_all, build_tests, make_workshop, person

pytestmark = pytest.mark.django_db


@dataclass
class World:
    users: dict[str, Any]
    objects: dict[str, Any]


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path
    users = {
        "focal": make_user([Role.NATIONAL_COORDINATOR], username="focal"),
        "lead": make_user([Role.TRAINER], username="lead"),
        "other_trainer": make_user([Role.TRAINER], username="othertrainer"),
        "case_manager": make_user([Role.CASE_MANAGER], username="cm"),
        "officer": make_user([Role.CAMPAIGN_OFFICER], username="officer"),
    }
    workshop = make_workshop(users["lead"], sessions=1, participants=1)
    build_tests(users["lead"], workshop)
    attend_all(users["lead"], workshop)
    reg = workshop.registrations.get()
    keys = {str(i.question_id): i.question.correct_index for i in workshop.test_items.filter(kind="post")}
    training.test_submit(actor=users["lead"], registration=reg, kind="post", answers=keys, entered_by="paper")
    certificate = training.certificates_issue(actor=users["lead"], workshop=workshop)[0]
    page = public.page_create(actor=users["officer"], slug="permission-test", section="signs")
    version = public.page_version_save(
        actor=users["officer"],
        page=page,
        language=Language.values[0],
        title="T",
        summary="S",
        body="B",  # type: ignore[union-attr]
    )
    material = public.material_add(
        actor=users["officer"],
        title="Poster",
        language=Language.values[0],
        kind=MaterialKind.values[0],
        file=SimpleUploadedFile("p.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
    )
    objects = {
        "workshop": workshop,
        "session": workshop.sessions.get(),
        "registration": reg,
        "participant": reg.participant,
        "certificate": certificate,
        "module": Module.objects.get(code="identification"),
        "question": Question.objects.filter(module__code="identification").first(),
        "page": page,
        "version": version,
        "material": material,
    }
    return World(users, objects)


Call = Callable[[World], dict[str, Any]]
TRAINEES = ("officer",)  # a role without training permissions
RUN_REFUSED = ("case_manager", "other_trainer")  # no training role; a trainer who does not run the workshop
MANAGE_REFUSED = ("officer", "lead")  # no training role; a trainer (runs workshops, not the curriculum)
PUBLIC_REFUSED = ("case_manager", "focal")

CASES: list[tuple[Callable[..., Any], Call, tuple[str, ...]]] = [
    (training.module_save, lambda w: {"module": w.objects["module"], "title": "Changed"}, MANAGE_REFUSED),
    (
        training.curriculum_rule_save,
        lambda w: {"workshop_type": "workshop", "attendance_share": 10, "pass_mark": 10},
        MANAGE_REFUSED,
    ),
    (
        training.material_upload,
        lambda w: {"module": w.objects["module"], "title": "x", "file_name": "x.pdf", "data": b"%PDF-1.4 x"},
        MANAGE_REFUSED,
    ),
    (
        training.question_save,
        lambda w: {"module": w.objects["module"], "text": "Q?", "choices": ["a", "b"], "correct_index": 0},
        MANAGE_REFUSED,
    ),
    (
        training.trainer_set_status,
        lambda w: {"user": w.users["other_trainer"], "status": "active"},
        MANAGE_REFUSED,
    ),
    (
        training.workshop_create,
        lambda w: {
            "modules": Module.objects.filter(code="identification"),
            "title": "New",
            "workshop_type": "workshop",
            "language": "en",
            "venue": "Hall",
            "district": "LC-11",
            "start_date": datetime.date(2026, 5, 1),
            "end_date": datetime.date(2026, 5, 1),
            "capacity": 10,
        },
        TRAINEES,
    ),
    (
        training.workshop_update,
        lambda w: {"workshop": w.objects["workshop"], "title": "Changed"},
        RUN_REFUSED,
    ),
    (
        training.workshop_set_status,
        lambda w: {"workshop": w.objects["workshop"], "status": "cancelled"},
        RUN_REFUSED,
    ),
    (
        training.session_add,
        lambda w: {
            "workshop": w.objects["workshop"],
            "date": datetime.date(2026, 3, 10),
            "starts_at": datetime.time(14),
            "ends_at": datetime.time(15),
            "title": "Extra",
        },
        RUN_REFUSED,
    ),
    (
        training.participant_register,
        lambda w: {"workshop": w.objects["workshop"], "person": person(7)},
        RUN_REFUSED,
    ),
    (
        training.participants_bulk_register,
        lambda w: {"workshop": w.objects["workshop"], "people": [person(8)]},
        RUN_REFUSED,
    ),
    (
        training.participant_update,
        lambda w: {"participant": w.objects["participant"], "first_name": "Changed"},
        RUN_REFUSED,
    ),
    (
        training.registration_set_status,
        lambda w: {"registration": w.objects["registration"], "status": "withdrawn"},
        RUN_REFUSED,
    ),
    (
        training.attendance_record,
        lambda w: {"session": w.objects["session"], "statuses": {w.objects["registration"].pk: "absent"}},
        RUN_REFUSED,
    ),
    (
        training.test_build,
        lambda w: {"workshop": w.objects["workshop"], "kind": "pre", "questions": [w.objects["question"]]},
        RUN_REFUSED,
    ),
    (
        training.workshop_open_form,
        lambda w: {"workshop": w.objects["workshop"], "form": OpenForm.PRE},
        RUN_REFUSED,
    ),
    (
        training.test_submit,
        lambda w: {
            "registration": w.objects["registration"],
            "kind": "post",
            "answers": {},
            "entered_by": "paper",
        },
        RUN_REFUSED,
    ),
    (training.follow_ups_create, lambda w: {"workshop": w.objects["workshop"]}, RUN_REFUSED),
    (training.certificates_issue, lambda w: {"workshop": w.objects["workshop"]}, RUN_REFUSED),
    (
        training.certificate_reissue,
        lambda w: {"certificate": w.objects["certificate"], "reason": "Name misspelt"},
        RUN_REFUSED,
    ),
    (
        training.certificate_revoke,
        lambda w: {"certificate": w.objects["certificate"], "reason": "x"},
        RUN_REFUSED,
    ),
    (public.page_create, lambda w: {"slug": "new-page", "section": "signs"}, PUBLIC_REFUSED),
    (
        public.page_version_save,
        lambda w: {
            "page": w.objects["page"],
            "language": w.objects["version"].language,
            "title": "X",
            "summary": "",
            "body": "B",
        },
        PUBLIC_REFUSED,
    ),
    (public.page_version_publish, lambda w: {"version": w.objects["version"]}, PUBLIC_REFUSED),
    (public.page_version_approve, lambda w: {"version": w.objects["version"]}, PUBLIC_REFUSED),
    (public.page_version_restore, lambda w: {"version": w.objects["version"]}, PUBLIC_REFUSED),
    (
        public.material_add,
        lambda w: {
            "title": "X",
            "language": w.objects["version"].language,
            "kind": w.objects["material"].kind,
            "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 y", content_type="application/pdf"),
        },
        PUBLIC_REFUSED,
    ),
    (
        public.material_set_published,
        lambda w: {"material": w.objects["material"], "published": True},
        PUBLIC_REFUSED,
    ),
]


def test_every_write_service_refuses_actors_without_the_permission(world: World) -> None:
    """One world for the whole table: a refusal changes nothing, so every row starts from the same data."""
    problems: list[str] = []
    for service, call, refused in CASES:
        for who in refused:
            actor = world.users[who]
            label = f"{service.__name__} by {who}"
            before = {t: c for t, c in table_checksums().items() if not t.startswith("audit_")}
            last = AuditEvent.objects.order_by("-seq").first()
            try:
                service(actor=actor, **call(world))
            except PermissionDenied:
                pass
            else:
                problems.append(f"{label}: allowed")
                continue
            after = {t: c for t, c in table_checksums().items() if not t.startswith("audit_")}
            changed = sorted(t for t in before if before[t] != after.get(t))
            if changed:
                problems.append(f"{label}: changed {changed}")
            new = list(AuditEvent.objects.filter(seq__gt=last.seq if last else 0))
            if [(e.actor_id, e.outcome, e.action) for e in new] != [(actor.pk, "denied", "access.denied")]:
                problems.append(f"{label}: audit rows {[(e.action, e.outcome) for e in new]}")
            elif not new[0].details["service"].endswith(service.__name__):
                problems.append(f"{label}: audit row names {new[0].details['service']}")
    assert not problems, "\n".join(problems)


def test_every_write_service_of_training_and_the_public_site_is_in_the_table() -> None:
    import inspect

    covered = {s.__name__ for s, _, _ in CASES}
    participant_only = {"evaluation_submit", "follow_up_answer", "pin_check"}  # no staff actor: code or link
    for module in (training, public):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            params = inspect.signature(fn).parameters
            if (
                fn.__module__.startswith(module.__name__)
                and "actor" in params
                and name not in participant_only
            ):
                assert name in covered, f"{module.__name__}.{name} has no row in the permission table"
                assert hasattr(fn, "permission_rule"), f"{module.__name__}.{name} does not check permissions"
