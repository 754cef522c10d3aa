"""Every write service of the referral mechanism, called by users who must be refused: a supervisor of an
agency with no part in the referral (not found, or refused where the service acts on no case), and a member of
the right agency whose role lacks the permission (refused). Each refusal changes no value and writes one 'denied'
audit row. A test fails when a service is added without a row here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.audit.models import AuditEvent
from harbourline.core.tests.snapshot import changed, database_values

from .. import services
from .factories import TODAY, Network, make_network

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Row:
    service: str
    stranger: type[Exception]  # what a supervisor of an unrelated agency gets
    member_role: Role  # a role, in the agency that would act, without the permission
    member_agency: str  # "sender" or "receiver"
    call: Callable[[User, dict[str, Any]], Any]


TABLE = [
    Row(
        "referral_send",
        Http404,
        Role.SERVICE_PROVIDER,
        "sender",
        lambda u, w: services.referral_send(
            actor=u, case=w["net"].case, to_agency=w["net"].receiver_agency, services=[w["net"].shelter]
        ),
    ),
    Row(
        "referral_withdraw",
        Http404,
        Role.SERVICE_PROVIDER,
        "sender",
        lambda u, w: services.referral_withdraw(actor=u, referral=w["referral"], reason="R"),
    ),
    Row(
        "referral_accept",
        Http404,
        Role.CASE_MANAGER,
        "receiver",
        lambda u, w: services.referral_accept(actor=u, referral=w["referral"]),
    ),
    Row(
        "referral_decline",
        Http404,
        Role.CASE_MANAGER,
        "receiver",
        lambda u, w: services.referral_decline(actor=u, referral=w["referral"], reason="R"),
    ),
    Row(
        "referral_service_record",
        Http404,
        Role.CASE_MANAGER,
        "receiver",
        lambda u, w: services.referral_service_record(
            actor=u, referral=w["accepted"], category="shelter", given_on=TODAY
        ),
    ),
    Row(
        "referral_complete",
        Http404,
        Role.CASE_MANAGER,
        "receiver",
        lambda u, w: services.referral_complete(actor=u, referral=w["accepted"], outcome="O"),
    ),
    Row(
        "referral_message_add",
        Http404,
        Role.CASE_MANAGER,
        "receiver",
        lambda u, w: services.referral_message_add(actor=u, referral=w["referral"], text="T"),
    ),
    Row(
        "transfer_request",
        Http404,
        Role.SERVICE_PROVIDER,
        "sender",
        lambda u, w: services.transfer_request(
            actor=u, case=w["net"].case, to_agency=w["net"].third_agency, reason="R", override_reason="O"
        ),
    ),
    Row(
        "transfer_accept",
        Http404,
        Role.SERVICE_PROVIDER,
        "receiver",
        lambda u, w: services.transfer_accept(actor=u, transfer=w["transfer"]),
    ),
    Row(
        "transfer_decline",
        Http404,
        Role.SERVICE_PROVIDER,
        "receiver",
        lambda u, w: services.transfer_decline(actor=u, transfer=w["transfer"], reason="R"),
    ),
    Row(
        "directory_entry_save",
        PermissionDenied,
        Role.ANALYST,
        "receiver",
        lambda u, w: services.directory_entry_save(actor=u, entry=w["net"].shelter, capacity_free=0),
    ),
]
# Every user may choose their own notification settings: nobody to refuse.
NOT_REFUSABLE = {"notification_settings_save"}


def test_the_table_covers_every_write_service() -> None:
    assert set(services.__all__) - NOT_REFUSABLE == {row.service for row in TABLE}


def _world() -> dict[str, Any]:
    net: Network = make_network()
    referral = net.refer()
    accepted = net.refer(services=[net.counselling], plan_item=None)
    services.referral_accept(actor=net.provider, referral=accepted)
    transfer = services.transfer_request(
        actor=net.supervisor, case=net.case, to_agency=net.receiver_agency, reason="Moved"
    )
    return {"net": net, "referral": referral, "accepted": accepted, "transfer": transfer}


def _refused(user: User, row: Row, world: dict[str, Any], expected: type[Exception]) -> None:
    before, denied = database_values(), AuditEvent.objects.filter(outcome="denied").count()
    with pytest.raises(expected):
        row.call(user, world)
    assert changed(before, database_values()) == [], f"{row.service} by {user.role_codes()} changed rows"
    assert AuditEvent.objects.filter(outcome="denied").count() == denied + 1, row.service


@pytest.mark.parametrize("row", TABLE, ids=[row.service for row in TABLE])
def test_the_service_refuses_and_changes_nothing(row: Row) -> None:
    world = _world()
    net: Network = world["net"]
    stranger = make_user([Role.SUPERVISOR, Role.SERVICE_PROVIDER], agency=AgencyFactory.create(name="Far"))
    _refused(stranger, row, world, row.stranger)
    agency = net.sender_agency if row.member_agency == "sender" else net.receiver_agency
    member = make_user([row.member_role], agency=agency)
    _refused(member, row, world, PermissionDenied)
