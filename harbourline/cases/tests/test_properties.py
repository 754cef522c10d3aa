"""Property-based tests of the lifecycle and of who can read a case."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.audit.models import AuditEvent

from .. import services
from ..codes import CaseSection, CaseStatus
from ..lifecycle import TRANSITIONS, TransitionRefused
from ..models import Case
from ..policy import can_read, visible_sections
from ..selectors import cases_visible_to
from .factories import make_case

pytestmark = pytest.mark.django_db
STEPS = sorted(TRANSITIONS)
FIXTURES_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def _apply(actor: Any, case: Case, step: str) -> None:
    if step == "identify":
        services.identification_decide(
            actor=actor,
            case=case,
            identified=True,
            deciding_body="Task force",
            decided_on=datetime.date(2026, 4, 1),
            basis="basis",
        )
    elif step == "close":
        services.case_close(actor=actor, case=case, closure_reason="reintegrated", reason="done")
    else:
        services.case_transition(actor=actor, case=case, name=step, reason="because")


@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES_OK)
@given(st.lists(st.sampled_from(STEPS), max_size=12))
def test_no_sequence_of_actions_leaves_the_lifecycle(agency: Any, steps: list[str]) -> None:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    status = CaseStatus.INTAKE
    for step in steps:
        before = AuditEvent.objects.filter(action__in=["case.transition"], object_id=str(case.pk)).count()
        try:
            _apply(supervisor, Case.objects.get(pk=case.pk), step)
        except (TransitionRefused, ValidationError, PermissionDenied):
            assert Case.objects.get(pk=case.pk).status == status  # a refused step changes nothing
            continue
        case.refresh_from_db()
        transition = TRANSITIONS[step]
        assert status in transition.source and case.status == transition.target
        after = AuditEvent.objects.filter(action="case.transition", object_id=str(case.pk)).count()
        assert after == before + 1  # exactly one audit row per transition
        status = case.status


@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURES_OK)
@given(
    owner=st.integers(0, 2),
    user_agency=st.integers(0, 2),
    shares=st.lists(st.tuples(st.integers(0, 2), st.booleans()), max_size=3),
)
def test_can_read_holds_exactly_for_the_owner_or_an_active_share(
    db: Any, owner: int, user_agency: int, shares: list[tuple[int, bool]]
) -> None:
    agencies = [AgencyFactory.create() for _ in range(3)]
    supervisor = make_user([Role.SUPERVISOR], agency=agencies[owner])
    case = make_case(supervisor)
    for index, revoked in shares:
        if index == owner:
            continue
        share = services.case_share_grant(
            actor=supervisor,
            case=case,
            agency=agencies[index],
            sections=["case"],
            reason="r",
            override_reason="test",
        )
        if revoked:
            services.case_share_revoke(actor=supervisor, share=share, reason="r")
    reader = make_user([Role.CASE_MANAGER], agency=agencies[user_agency])
    active = {i for i, revoked in shares if not revoked} - {owner}
    # A later grant to the same agency re-opens it even if an earlier one was revoked.
    expected = user_agency == owner or user_agency in active
    assert bool(visible_sections(reader, Case.objects.get(pk=case.pk))) is expected


SECTIONS = sorted(s.value for s in CaseSection)
CASE_ROLES = [Role.CASE_MANAGER, Role.SUPERVISOR, Role.POLICE_INVESTIGATOR, Role.HEALTH_PROVIDER]
CASE_ROLES += [Role.SERVICE_PROVIDER, Role.NATIONAL_COORDINATOR, Role.ANALYST]


@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES_OK)
@given(
    owner=st.integers(0, 1),
    user_agency=st.integers(0, 2),
    role=st.sampled_from(CASE_ROLES),
    shares=st.lists(
        st.tuples(st.integers(0, 2), st.sets(st.sampled_from(SECTIONS), min_size=1), st.booleans()),
        max_size=3,
    ),
    section=st.sampled_from([None, *SECTIONS]),
)
def test_the_list_filter_and_the_case_page_apply_the_same_rule(
    db: Any,
    owner: int,
    user_agency: int,
    role: Role,
    shares: list[tuple[int, set[str], bool]],
    section: str | None,
) -> None:
    """A case is in a list (or an identity search) exactly when the case page would open (that section)."""
    agencies = [AgencyFactory.create() for _ in range(3)]
    supervisor = make_user([Role.SUPERVISOR], agency=agencies[owner])
    case = make_case(supervisor)
    for index, sections, revoked in shares:
        if index == owner:
            continue
        share = services.case_share_grant(
            actor=supervisor,
            case=case,
            agency=agencies[index],
            sections=sorted(sections),
            reason="r",
            override_reason="test",
        )
        if revoked:
            services.case_share_revoke(actor=supervisor, share=share, reason="r")
    reader = make_user([role], agency=agencies[user_agency])
    fresh = Case.objects.get(pk=case.pk)
    listed = cases_visible_to(reader, section).filter(pk=case.pk).exists()
    assert listed is can_read(reader, fresh, section)
