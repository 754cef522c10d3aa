"""Issue 8, defect 12 (part): reading a page that shows training participants' personal details writes one
audit row naming what was read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent

from .factories import make_workshop

pytestmark = pytest.mark.django_db

PAGES = [
    ("training:workshop", "workshop"),
    ("training:participant_edit", "registration"),
    ("training:attendance", "session"),
    ("training:results", "workshop"),
    ("training:certificates", "workshop"),
    ("training:follow_ups", "workshop"),
]


@pytest.mark.parametrize(("url_name", "kind"), PAGES)
def test_a_participant_page_read_is_audited(url_name: str, kind: str) -> None:
    from django.test import Client

    trainer = make_user([Role.TRAINER])
    workshop = make_workshop(trainer, sessions=1, participants=2)
    ids = {
        "workshop": workshop.pk,
        "registration": workshop.registrations.order_by("number").first().pk,  # type: ignore[union-attr]
        "session": workshop.sessions.first().pk,  # type: ignore[union-attr]
    }
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = sign_in(Client(), trainer).get(reverse(url_name, args=[ids[kind]]))
    assert response.status_code == 200
    new = AuditEvent.objects.exclude(pk__in=before).filter(action="training.participants_viewed")
    assert [(e.actor_id, e.outcome) for e in new] == [(trainer.pk, "allowed")]
    assert new[0].details["page"] == url_name.split(":")[1]
