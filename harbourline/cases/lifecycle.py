"""The case lifecycle: the one table of allowed transitions, and who may make each."""

from __future__ import annotations

from dataclasses import dataclass

from harbourline.accounts.permissions import Perm

from .codes import CaseStatus as S


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: frozenset[str]
    target: str
    perm: Perm
    needs_reason: bool = True


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "start_screening", "Start screening", frozenset({S.INTAKE}), S.SCREENING, Perm.CASE_SCREEN, False
        ),
        Transition(
            "presume_victim", "Presumed victim", frozenset({S.SCREENING}), S.PRESUMED_VICTIM, Perm.CASE_SCREEN
        ),
        Transition(
            "not_a_victim",
            "Not a victim (refer onward)",
            frozenset({S.SCREENING, S.PRESUMED_VICTIM}),
            S.NOT_A_VICTIM,
            Perm.CASE_SCREEN,
        ),
        # "identify" happens only through a recorded identification decision (services.identification_decide).
        Transition(
            "identify",
            "Identified (formal decision)",
            frozenset({S.PRESUMED_VICTIM, S.SCREENING}),
            S.IDENTIFIED,
            Perm.CASE_APPROVE,
        ),
        Transition(
            "start_assistance",
            "Start assistance",
            frozenset({S.IDENTIFIED, S.PRESUMED_VICTIM}),
            S.ASSISTANCE,
            Perm.CASE_EDIT,
            False,
        ),
        # "close" happens only with a closure reason (services.case_close), approved by a supervisor.
        Transition(
            "close",
            "Close the case",
            frozenset({S.ASSISTANCE, S.NOT_A_VICTIM, S.IDENTIFIED, S.PRESUMED_VICTIM, S.SCREENING, S.INTAKE}),
            S.CLOSED,
            Perm.CASE_APPROVE,
        ),
        Transition(
            "reopen_assistance",
            "Reopen for assistance",
            frozenset({S.CLOSED}),
            S.ASSISTANCE,
            Perm.CASE_APPROVE,
        ),
        Transition(
            "reopen_screening",
            "Reopen for screening",
            frozenset({S.CLOSED, S.NOT_A_VICTIM}),
            S.SCREENING,
            Perm.CASE_APPROVE,
        ),
    ]
}
# Transitions with their own form and service (decision, closure): not offered as plain buttons.
SPECIAL = {"identify", "close"}


class TransitionRefused(Exception):
    """The transition is not allowed from the case's status, or the user may not make it."""


def transition_for(name: str, status: str) -> Transition:
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionRefused("There is no such step.")
    if status not in transition.source:
        allowed = ", ".join(t.label for t in available(status)) or "none"
        raise TransitionRefused(
            f"A case in “{S(status).label}” cannot go to “{S(transition.target).label}”. Allowed next steps: {allowed}."
        )
    return transition


def available(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.source]


def reachable_statuses() -> set[str]:
    return {S.INTAKE} | {t.target for t in TRANSITIONS.values()}
