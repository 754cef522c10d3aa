"""Referrals end to end through the services and the pages: consent, statuses, access while active only,
transfers, assignment, notifications, deadlines, the directory and the task-force view."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.cases import services as case_services
from harbourline.cases.codes import ShareBasis
from harbourline.cases.models import PlanItem
from harbourline.cases.policy import can_read
from harbourline.core.tests.snapshot import changed, database_values

from .. import services
from ..deadlines import add_working_days, response_due
from ..models import Notification, ReferralStatus, ServiceGiven, TransferStatus
from ..selectors import inbox_for, taskforce_figures
from .factories import TODAY, Network, make_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    return make_network()


def _client(user: Any) -> Client:
    return sign_in(Client(), user)


def _case_urls(net: Network) -> list[str]:
    c = net.case.pk
    return [
        f"/cases/{c}/",
        f"/cases/{c}/print/",
        f"/cases/{c}/files/{net.attachment.pk}/",
        f"/cases/{c}/plan/",
    ]


# --- sending ------------------------------------------------------------------------------------------------


def test_a_referral_is_a_share_of_the_minimum_sections_and_notifies_the_receiver(
    net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        referral = net.refer()
    assert referral.status == ReferralStatus.SENT
    assert referral.share is not None and referral.share.basis == ShareBasis.REFERRAL
    assert sorted(referral.share.sections) == [
        "case",
        "identity",
        "plan",
    ]  # shelter: who, what, the plan item
    assert can_read(net.provider, net.case) and not can_read(net.third, net.case)
    assert not can_read(net.provider, net.case, "health")
    item = PlanItem.objects.get(pk=net.item.pk)
    assert item.provider_id == net.receiver_agency.pk and item.status == "requested"
    notices = Notification.objects.filter(user=net.provider, kind="referral_received")
    assert notices.count() == 1 and notices[0].case_number == net.case.number
    assert {m.to[0] for m in mail.outbox} == {net.provider.email, net.receiver_supervisor.email}
    for sent in mail.outbox:
        text = sent.subject + sent.body
        assert net.case.number in text and f"/referrals/{referral.pk}/" in text
        assert "Marie" not in text and "Baptiste" not in text and "bed" not in text and "Shelter" not in text


def test_without_consent_a_case_manager_is_refused_and_nothing_changes(net: Network) -> None:
    before = database_values()
    with pytest.raises(ValidationError):
        net.refer(to_agency=net.third_agency, services=[])
    entry = services.directory_entry_save(actor=net.third, category="legal", name="Legal clinic")
    before = database_values()
    with pytest.raises(ValidationError) as err:
        net.refer(to_agency=net.third_agency, services=[entry], plan_item=None)
    assert "consent" in str(err.value)
    denied = AuditEvent.objects.filter(outcome="denied").count()
    with pytest.raises(PermissionDenied):
        net.refer(to_agency=net.third_agency, services=[entry], plan_item=None, override_reason="Danger")
    assert changed(before, database_values()) == []
    assert AuditEvent.objects.filter(outcome="denied").count() == denied + 1


def test_a_supervisor_overrides_consent_with_a_reason_which_is_audited(net: Network) -> None:
    entry = services.directory_entry_save(actor=net.third, category="legal", name="Legal clinic")
    referral = net.refer(
        actor=net.supervisor,
        to_agency=net.third_agency,
        services=[entry],
        plan_item=None,
        override_reason="Court",
    )
    assert referral.share.basis == ShareBasis.OVERRIDE and referral.consent_override_reason == "Court"
    assert AuditEvent.objects.filter(
        action="referral.sent_without_consent", object_id=str(referral.pk)
    ).exists()


def test_services_must_be_offered_by_the_agency_referred_to(net: Network) -> None:
    entry = services.directory_entry_save(actor=net.third, category="legal", name="Legal clinic")
    with pytest.raises(ValidationError):
        net.refer(services=[entry])


# --- the journey: accept, record a service, complete --------------------------------------------------------


def test_journey_accept_record_complete_ends_access_and_delivers_the_plan_item(net: Network) -> None:
    referral = net.refer()
    services.referral_accept(actor=net.provider, referral=referral)
    given = services.referral_service_record(
        actor=net.provider, referral=referral, category="shelter", given_on=TODAY, description="Bed 3"
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_PROGRESS and given.pk
    assert PlanItem.objects.get(pk=net.item.pk).status == "in_progress"
    services.referral_message_add(actor=net.provider, referral=referral, text="She arrived safely.")
    services.referral_message_add(actor=net.case_manager, referral=referral, text="Thank you.")
    assert referral.messages.count() == 2
    services.referral_complete(actor=net.provider, referral=referral, outcome="Housed for 3 weeks.")
    referral.refresh_from_db()
    item = PlanItem.objects.get(pk=net.item.pk)
    assert referral.status == ReferralStatus.COMPLETED and item.status == "delivered" and item.actual_end
    assert referral.share.revoked_at is not None
    assert not can_read(net.provider, net.case)
    assert Notification.objects.filter(user=net.case_manager, kind="referral_completed").exists()


@pytest.mark.parametrize("ending", ["complete", "decline", "withdraw", "consent", "revoke"])
def test_the_receiver_gets_404_on_the_very_next_request_after_the_referral_ends(
    net: Network, ending: str
) -> None:
    referral = net.refer()
    provider = _client(net.provider)
    api = f"/api/v1/referrals/{referral.pk}/"
    for url in [*_case_urls(net), f"/referrals/{referral.pk}/", api]:
        assert provider.get(url).status_code == 200, url
    if ending in ("complete",):
        services.referral_accept(actor=net.provider, referral=referral)
        response = provider.post(f"/referrals/{referral.pk}/complete/", {"outcome": "Done"})
        assert response.status_code == 302
    elif ending == "decline":
        provider.post(f"/referrals/{referral.pk}/decline/", {"reason": "No beds"})
    elif ending == "withdraw":
        _client(net.case_manager).post(f"/referrals/{referral.pk}/withdraw/", {"reason": "Found family"})
    elif ending == "consent":
        case_services.consent_withdraw(actor=net.supervisor, consent=net.consent, withdrawn_on=TODAY)
    else:
        case_services.case_share_revoke(actor=net.supervisor, share=referral.share, reason="Ended")
    referral.refresh_from_db()
    assert not referral.active and referral.share.revoked_at is not None
    for url in [*_case_urls(net), f"/referrals/{referral.pk}/", api]:
        assert provider.get(url).status_code == 404, url
    assert provider.post(f"/api/v1/referrals/{referral.pk}/complete/", {"outcome": "x"}).status_code == 404
    assert referral not in list(inbox_for(net.provider))
    # the sender still sees its referral and the case
    assert _client(net.case_manager).get(f"/referrals/{referral.pk}/").status_code == 200


def test_a_third_agency_sees_nothing(net: Network) -> None:
    referral = net.refer()
    third = _client(net.third)
    for url in [*_case_urls(net), f"/referrals/{referral.pk}/", f"/api/v1/referrals/{referral.pk}/"]:
        assert third.get(url).status_code == 404, url
    before = database_values()
    for action in ("accept", "decline", "complete", "message", "withdraw"):
        assert third.post(f"/referrals/{referral.pk}/{action}/", {"reason": "r"}).status_code == 404
    assert third.post(f"/api/v1/referrals/{referral.pk}/accept/").status_code == 404
    assert changed(before, database_values()) == []
    assert third.get("/api/v1/referrals/").json() == []


def test_the_receiver_cannot_withdraw_and_the_sender_cannot_accept(net: Network) -> None:
    referral = net.refer()
    with pytest.raises(Http404):
        services.referral_accept(actor=net.case_manager, referral=referral)
    with pytest.raises(PermissionDenied):
        services.referral_withdraw(actor=net.provider, referral=referral, reason="r")


# --- API ----------------------------------------------------------------------------------------------------


def test_the_api_creates_lists_accepts_and_completes(net: Network) -> None:
    sender = _client(net.case_manager)
    response = sender.post(
        "/api/v1/referrals/",
        {
            "case": net.case.pk,
            "to_agency": net.receiver_agency.pk,
            "services": [net.shelter.pk],
            "urgency": "urgent",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    rid = response.json()["id"]
    assert response.json()["sections"] == ["case", "identity", "plan"]
    provider = _client(net.provider)
    assert [r["id"] for r in provider.get("/api/v1/referrals/").json()] == [rid]
    assert provider.post(f"/api/v1/referrals/{rid}/accept/").json()["status"] == "accepted"
    bad = provider.post(f"/api/v1/referrals/{rid}/complete/", {}, content_type="application/json")
    assert bad.status_code == 400
    done = provider.post(
        f"/api/v1/referrals/{rid}/complete/", {"outcome": "Housed"}, content_type="application/json"
    )
    assert done.json()["status"] == "completed"
    assert provider.get("/api/v1/referrals/").json() == []
    refused = sender.post(
        "/api/v1/referrals/",
        {"case": net.case.pk, "to_agency": net.third_agency.pk, "services": [net.shelter.pk]},
        content_type="application/json",
    )
    assert refused.status_code == 400


# --- transfers and assignment -------------------------------------------------------------------------------


def test_a_transfer_moves_ownership_and_the_former_owner_keeps_no_access(net: Network) -> None:
    transfer = services.transfer_request(
        actor=net.case_manager, case=net.case, to_agency=net.receiver_agency, reason="She moved south"
    )
    assert can_read(net.receiver_supervisor, net.case, "case")
    assert not can_read(net.receiver_supervisor, net.case, "identity")
    with pytest.raises(PermissionDenied):
        services.transfer_accept(actor=net.provider, transfer=transfer)
    services.transfer_accept(actor=net.receiver_supervisor, transfer=transfer)
    net.case.refresh_from_db()
    assert net.case.owning_agency_id == net.receiver_agency.pk
    assert can_read(net.receiver_supervisor, net.case, "identity")
    assert not can_read(net.supervisor, net.case)
    assert _client(net.supervisor).get(f"/cases/{net.case.pk}/").status_code == 404
    history = _client(net.receiver_supervisor).get(f"/cases/{net.case.pk}/").content.decode()
    assert net.case.number in history
    assert AuditEvent.objects.filter(action="case.ownership_transferred", object_id=str(net.case.pk)).exists()


def test_a_declined_transfer_ends_the_receivers_view(net: Network) -> None:
    transfer = services.transfer_request(
        actor=net.case_manager, case=net.case, to_agency=net.receiver_agency, reason="Moved"
    )
    services.transfer_decline(actor=net.receiver_supervisor, transfer=transfer, reason="No capacity")
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.DECLINED and not can_read(net.receiver_supervisor, net.case)
    net.case.refresh_from_db()
    assert net.case.owning_agency_id == net.sender_agency.pk


def test_assignment_and_bulk_reassignment(net: Network) -> None:
    case_services.case_assign(actor=net.supervisor, case=net.case, worker=net.case_manager)
    net.case.refresh_from_db()
    assert net.case.case_manager_id == net.case_manager.pk
    with pytest.raises(ValidationError):
        case_services.case_assign(actor=net.supervisor, case=net.case, worker=net.provider)
    newcomer = make_user([Role.CASE_MANAGER], agency=net.sender_agency)
    moved = case_services.cases_reassign(
        actor=net.supervisor, from_worker=net.case_manager, to_worker=newcomer, reason="Left the agency"
    )
    net.case.refresh_from_db()
    assert moved == 1 and net.case.case_manager_id == newcomer.pk
    with pytest.raises(PermissionDenied):
        case_services.cases_reassign(
            actor=net.case_manager, from_worker=newcomer, to_worker=newcomer, reason="r"
        )


# --- deadlines, overdue, expiry -----------------------------------------------------------------------------


def test_routine_deadlines_skip_weekends_and_public_holidays() -> None:
    # Thursday 2 April 2026: Good Friday 3 April and Easter Monday 6 April are holidays.
    sent = datetime.datetime(2026, 4, 2, 14, 0, tzinfo=datetime.UTC)
    due = response_due(sent, ["shelter"], "routine")
    assert due.date() == datetime.date(2026, 4, 13)
    assert response_due(sent, ["shelter"], "urgent") == sent + datetime.timedelta(hours=24)
    assert add_working_days(sent, 1, set()).date() == datetime.date(2026, 4, 3)


def test_overdue_referrals_are_flagged_once_to_both_sides_and_the_coordinator_then_expire(
    net: Network,
) -> None:
    referral = net.refer(urgency="urgent")
    later = referral.due_at + datetime.timedelta(hours=1)
    assert services.referrals_sweep(later) == {"flagged": 1, "expired": 0}
    assert services.referrals_sweep(later) == {"flagged": 0, "expired": 0}
    flagged = set(Notification.objects.filter(kind="referral_overdue").values_list("user_id", flat=True))
    assert {net.case_manager.pk, net.provider.pk, net.coordinator.pk} <= flagged
    result = services.referrals_sweep(referral.due_at + datetime.timedelta(days=20))
    referral.refresh_from_db()
    assert result["expired"] == 1 and referral.status == ReferralStatus.EXPIRED
    assert not can_read(net.provider, net.case)


# --- notifications ------------------------------------------------------------------------------------------


def test_the_bell_counts_unread_notices_and_email_can_be_turned_off(
    net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    provider = _client(net.provider)
    services.notification_settings_save(actor=net.provider, email=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        net.refer()
    assert callbacks
    assert net.provider.email not in [m.to[0] for m in mail.outbox]
    page = provider.get("/referrals/").content.decode()
    assert 'class="count">1<' in page
    notice = Notification.objects.get(user=net.provider)
    response = provider.post(f"/referrals/notifications/{notice.pk}/")
    assert response.status_code == 302 and response["Location"] == notice.url
    assert 'class="count">0<' in provider.get("/referrals/").content.decode()


# --- directory and public page ------------------------------------------------------------------------------


def test_agencies_keep_their_own_entries(net: Network) -> None:
    before = database_values()
    with pytest.raises(PermissionDenied):
        services.directory_entry_save(actor=net.third, entry=net.shelter, capacity_free=0)
    assert changed(before, database_values()) == []
    with pytest.raises(ValidationError):
        services.directory_entry_save(actor=net.receiver_supervisor, entry=net.shelter, capacity_free=99)
    services.directory_entry_save(actor=net.receiver_supervisor, entry=net.shelter, capacity_free=1)
    assert _client(net.coordinator).get("/referrals/directory/").status_code == 200


def test_public_entries_appear_on_the_help_page_in_every_language(net: Network, client: Client) -> None:
    from harbourline.public.models import Feature, Page

    page = Page.objects.filter(feature=Feature.AGENCIES).first()
    if page is None:
        pytest.skip("no 'where to get help' page seeded")
    for lang, heading in (("en", "Services you can ask for"), ("es", "Servicios que puede pedir")):
        html = client.get(f"/{lang}/{page.slug}/").content.decode()
        assert "Safe house" in html and heading in html, lang
        assert "Counselling room" not in html


# --- task force ---------------------------------------------------------------------------------------------


def test_the_task_force_view_counts_waiting_and_overdue_by_agency_and_service(net: Network) -> None:
    referral = net.refer(services=[net.shelter, net.counselling])
    figures = taskforce_figures(net.coordinator)
    assert figures.awaiting_total == 1 and figures.overdue_total == 0
    assert {(r["agency"], r["category"]) for r in figures.awaiting} == {
        ("Shelter (test)", "shelter"),
        ("Shelter (test)", "counselling"),
    }
    services.referral_accept(actor=net.provider, referral=referral)
    services.referral_service_record(
        actor=net.provider, referral=referral, category="shelter", given_on=TODAY
    )
    figures = taskforce_figures(net.coordinator)
    assert figures.days_to_first_service == (TODAY - net.case.intake_date).days
    assert _client(net.coordinator).get("/referrals/task-force/").status_code == 200
    assert _client(net.provider).get("/referrals/task-force/").status_code == 403
    assert ServiceGiven.objects.count() == 1


def test_the_pages_of_transfer_assignment_directory_and_notices(net: Network) -> None:
    supervisor, receiver = _client(net.supervisor), _client(net.receiver_supervisor)
    for url in (
        f"/referrals/case/{net.case.pk}/new/",
        f"/referrals/case/{net.case.pk}/transfer/",
        f"/referrals/case/{net.case.pk}/assign/",
        "/referrals/reassign/",
        "/referrals/notifications/",
        "/referrals/directory/",
    ):
        assert supervisor.get(url).status_code == 200, url
    assert receiver.get(f"/referrals/case/{net.case.pk}/new/").status_code == 404
    assert _client(net.case_manager).get(f"/referrals/case/{net.case.pk}/assign/").status_code == 403
    response = supervisor.post(
        f"/referrals/case/{net.case.pk}/transfer/", {"agency": net.receiver_agency.pk, "reason": "Moved"}
    )
    assert response.status_code == 302
    transfer = net.case.transfers.get()
    assert _client(net.third).get(f"/referrals/transfers/{transfer.pk}/").status_code == 404
    assert receiver.get(f"/referrals/transfers/{transfer.pk}/").status_code == 200
    assert receiver.post(f"/referrals/transfers/{transfer.pk}/", {"answer": "accept"}).status_code == 302
    net.case.refresh_from_db()
    assert net.case.owning_agency_id == net.receiver_agency.pk
    new = receiver.post(
        "/referrals/directory/new/",
        {"category": "legal", "name": "Legal desk", "is_active": "on", "languages": "en, fr"},
    )
    assert new.status_code == 302
    assert net.receiver_agency.directory_entries.get(name="Legal desk").languages == ["en", "fr"]
