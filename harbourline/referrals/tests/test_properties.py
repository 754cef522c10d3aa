"""Property test: for random sequences of referrals, shares, transfers and consent withdrawals, an agency can
read the case exactly when a simple model says so: it owns the case, or holds an active referral, share or
pending transfer. ``can_read`` and the list filter (``cases_visible_to``) both agree with the model."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.cases import services as case_services
from harbourline.cases.policy import can_read
from harbourline.cases.selectors import cases_visible_to
from harbourline.cases.tests.factories import make_case

from .. import services

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 20)
AGENCIES = ["a", "b", "c"]

step = st.tuples(
    st.sampled_from(
        ["refer", "end_referral", "share", "revoke", "transfer", "answer_transfer", "withdraw_consent"]
    ),
    st.sampled_from(AGENCIES),
    st.sampled_from(["complete", "decline", "withdraw", "accept"]),
)


@pytest.fixture
def people() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in AGENCIES:
        agency = AgencyFactory.create(name=f"Agency {key} (property)")
        user = make_user([Role.SUPERVISOR, Role.SERVICE_PROVIDER], agency=agency)
        entry = services.directory_entry_save(actor=user, category="medical", name=f"Clinic {key}")
        out[key] = {"agency": agency, "user": user, "entry": entry}
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(step, min_size=1, max_size=7))
def test_can_read_holds_exactly_when_the_model_says(
    people: dict[str, Any], steps: list[tuple[str, str, str]]
) -> None:
    owner = "a"
    case = make_case(people["a"]["user"])
    consents = {
        k: case_services.consent_record(
            actor=people["a"]["user"],
            case=case,
            purpose="sharing",
            agency=people[k]["agency"],
            given_on=TODAY,
            method="written",
        )
        for k in ("b", "c")
    }
    referrals: list[tuple[str, Any]] = []  # (agency key, referral) active in the model
    shares: list[tuple[str, Any]] = []
    transfer: tuple[str, Any] | None = None

    def grants(key: str) -> bool:
        return (
            any(k == key for k, _ in referrals)
            or any(k == key for k, _ in shares)
            or (transfer is not None and transfer[0] == key)
        )

    for op, key, how in steps:
        actor = people[owner]["user"]
        fresh = case.__class__.objects.get(pk=case.pk)
        if op == "refer" and key != owner and consents.get(key) is not None:
            referral = services.referral_send(
                actor=actor, case=fresh, to_agency=people[key]["agency"], services=[people[key]["entry"]]
            )
            referrals.append((key, referral))
        elif op == "end_referral" and referrals:
            k, referral = referrals.pop(0)
            receiver = people[k]["user"]
            if how == "withdraw" and referral.from_agency_id == people[owner]["agency"].pk:
                services.referral_withdraw(actor=actor, referral=referral, reason="r")
            elif how in ("complete", "accept"):
                services.referral_accept(actor=receiver, referral=referral)
                if how == "complete":
                    services.referral_complete(actor=receiver, referral=referral, outcome="done")
                else:
                    referrals.insert(0, (k, referral))  # accepted: still active
            else:
                services.referral_decline(actor=receiver, referral=referral, reason="r")
        elif op == "share" and key != owner and consents.get(key) is not None:
            share = case_services.case_share_grant(
                actor=actor, case=fresh, agency=people[key]["agency"], sections=["case"], reason="r"
            )
            shares.append((key, share))
        elif op == "revoke" and shares:
            k, share = shares.pop()
            case_services.case_share_revoke(actor=actor, share=share, reason="r")
        elif op == "transfer" and transfer is None and key != owner and consents.get(key) is not None:
            transfer = (
                key,
                services.transfer_request(
                    actor=actor, case=fresh, to_agency=people[key]["agency"], reason="r"
                ),
            )
        elif op == "answer_transfer" and transfer is not None:
            k, pending = transfer
            transfer = None
            if how == "accept":
                services.transfer_accept(actor=people[k]["user"], transfer=pending)
                owner = k
                referrals = [(x, r) for x, r in referrals if x != k]
                shares = [(x, s) for x, s in shares if x != k]
            else:
                services.transfer_decline(actor=people[k]["user"], transfer=pending, reason="r")
        elif op == "withdraw_consent" and consents.get(key) is not None and key != owner:
            case_services.consent_withdraw(actor=actor, consent=consents[key], withdrawn_on=TODAY)
            consents[key] = None  # type: ignore[assignment]
            referrals = [(x, r) for x, r in referrals if x != key]
            shares = [(x, s) for x, s in shares if x != key]
        fresh = case.__class__.objects.get(pk=case.pk)
        for k in AGENCIES:
            user = people[k]["user"]
            expected = k == owner or grants(k)
            assert can_read(user, fresh) == expected, (op, key, how, k)
            assert cases_visible_to(user).filter(pk=case.pk).exists() == expected, (op, key, how, k)
