"""Every training view for four personas: anonymous, wrong role, another trainer, the right person.
A refused request changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.training import services
from harbourline.training.models import Module

from .factories import answer, attend_all, build_tests, make_workshop

pytestmark = pytest.mark.django_db


@dataclass
class World:
    focal: Any
    trainer: Any
    other_trainer: Any
    case_manager: Any
    ids: dict[str, Any]


@pytest.fixture
def world() -> World:
    focal = make_user([Role.NATIONAL_COORDINATOR], username="focal")
    trainer = make_user([Role.TRAINER], username="lead")
    other = make_user([Role.TRAINER], username="othertrainer")
    case_manager = make_user([Role.CASE_MANAGER], username="cm")
    workshop = make_workshop(trainer, sessions=2, participants=2)
    build_tests(trainer, workshop)
    attend_all(trainer, workshop)
    reg = workshop.registrations.order_by("number").first()
    answer(trainer, reg, "post", right=workshop.test_items.filter(kind="post").count())
    cert = services.certificates_issue(actor=trainer, workshop=workshop)[0]
    module = Module.objects.get(code="identification")
    material = services.material_upload(
        actor=focal, module=module, title="Slides", file_name="s.pdf", data=b"%PDF-1.4 test"
    )
    ids = {
        "workshop": workshop.pk,
        "session": workshop.sessions.first().pk,
        "registration": reg.pk,  # type: ignore[union-attr]
        "certificate": cert.pk,
        "module": module.pk,
        "material": material.pk,
        "trainer": trainer.pk,
    }
    return World(focal, trainer, other, case_manager, ids)


# url name, argument builder, who is allowed ("run": lead trainer and focal point; "manage": focal point only),
# whether a trainer who does not run this workshop is refused.
VIEWS: list[tuple[str, Any, str, bool]] = [
    ("training:workshops", lambda i: [], "run", False),
    ("training:workshop_create", lambda i: [], "run", False),
    ("training:workshop", lambda i: [i["workshop"]], "run", True),
    ("training:workshop_edit", lambda i: [i["workshop"]], "run", True),
    ("training:workshop_status", lambda i: [i["workshop"]], "run", True),
    ("training:session_add", lambda i: [i["workshop"]], "run", True),
    ("training:participant_add", lambda i: [i["workshop"]], "run", True),
    ("training:participants_bulk", lambda i: [i["workshop"]], "run", True),
    ("training:registration_status", lambda i: [i["registration"]], "run", True),
    ("training:participant_edit", lambda i: [i["registration"]], "run", True),
    ("training:attendance", lambda i: [i["session"]], "run", True),
    ("training:sign_in_sheet", lambda i: [i["session"]], "run", True),
    ("training:tests", lambda i: [i["workshop"]], "run", True),
    ("training:open_form", lambda i: [i["workshop"]], "run", True),
    ("training:paper_entry", lambda i: [i["workshop"], "pre"], "run", True),
    ("training:results", lambda i: [i["workshop"]], "run", True),
    ("training:follow_ups", lambda i: [i["workshop"]], "run", True),
    ("training:certificates", lambda i: [i["workshop"]], "run", True),
    ("training:certificates_zip", lambda i: [i["workshop"]], "run", True),
    ("training:certificate_pdf", lambda i: [i["certificate"]], "run", True),
    ("training:certificate_reissue", lambda i: [i["certificate"]], "run", True),
    ("training:certificate_revoke", lambda i: [i["certificate"]], "run", True),
    ("training:curriculum", lambda i: [], "run", False),
    ("training:module", lambda i: [i["module"]], "run", False),
    ("training:material_download", lambda i: [i["material"]], "run", False),
    ("training:module_create", lambda i: [], "manage", False),
    ("training:module_edit", lambda i: [i["module"]], "manage", False),
    ("training:material_upload", lambda i: [i["module"]], "manage", False),
    ("training:question_add", lambda i: [i["module"]], "manage", False),
    ("training:dashboard", lambda i: [], "manage", False),
    ("training:export", lambda i: ["csv"], "manage", False),
    ("training:rules", lambda i: [], "manage", False),
    ("training:trainers", lambda i: [], "manage", False),
    ("training:trainer_status", lambda i: [i["trainer"]], "manage", False),
]
POST_ONLY = {
    "training:workshop_status",
    "training:registration_status",
    "training:open_form",
}


def _counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("training").get_models()}


def _get(client: Client, name: str, url: str) -> Any:
    return client.post(url, {"status": "withdrawn", "form": ""}) if name in POST_ONLY else client.get(url)


@pytest.mark.parametrize("name,args,level,scoped", VIEWS, ids=[v[0] for v in VIEWS])
def test_anonymous_is_sent_to_login_and_nothing_changes(
    world: World, client: Client, name: str, args: Any, level: str, scoped: bool
) -> None:
    url = reverse(name, args=args(world.ids))
    before = _counts()
    for response in (client.get(url), client.post(url, {"status": "withdrawn", "reason": "x"})):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert _counts() == before


@pytest.mark.parametrize("name,args,level,scoped", VIEWS, ids=[v[0] for v in VIEWS])
def test_a_case_manager_is_refused_and_nothing_changes(
    world: World, name: str, args: Any, level: str, scoped: bool
) -> None:
    client = sign_in(Client(), world.case_manager)
    url = reverse(name, args=args(world.ids))
    before = _counts()
    for response in (client.get(url), client.post(url, {"status": "withdrawn", "reason": "x", "form": ""})):
        assert response.status_code == 403
    assert _counts() == before


@pytest.mark.parametrize(
    "name,args,level,scoped",
    [v for v in VIEWS if v[3] or v[2] == "manage"],
    ids=[v[0] for v in VIEWS if v[3] or v[2] == "manage"],
)
def test_a_trainer_who_does_not_run_it_is_refused_and_nothing_changes(
    world: World, name: str, args: Any, level: str, scoped: bool
) -> None:
    client = sign_in(Client(), world.other_trainer)
    url = reverse(name, args=args(world.ids))
    before = _counts()
    for response in (client.get(url), client.post(url, {"status": "withdrawn", "reason": "x", "form": ""})):
        allowed = {404 if level == "run" else 403} | ({405} if name in POST_ONLY else set())
        assert response.status_code in allowed
    assert _counts() == before


@pytest.mark.parametrize("name,args,level,scoped", VIEWS, ids=[v[0] for v in VIEWS])
def test_the_right_person_gets_the_page(world: World, name: str, args: Any, level: str, scoped: bool) -> None:
    user = world.trainer if level == "run" else world.focal
    response = _get(sign_in(Client(), user), name, reverse(name, args=args(world.ids)))
    assert response.status_code in (200, 302)
    if level == "run":
        focal = _get(sign_in(Client(), world.focal), name, reverse(name, args=args(world.ids)))
        assert focal.status_code in (200, 302)


def test_the_workshop_list_uses_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        make_workshop(world.trainer, sessions=0, participants=0, title=f"Extra {n}")
    client = sign_in(Client(), world.trainer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("training:workshops"))
    assert response.status_code == 200 and response.content.count(b"Extra ") == 5
