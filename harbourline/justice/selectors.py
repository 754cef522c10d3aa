"""Reads of justice data, with the actor first. Selectors write nothing: a refusal they raise is recorded by
the caller (``cases.services.refusal_record``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet

from harbourline.cases import policy
from harbourline.cases.codes import CaseSection
from harbourline.cases.models import Case
from harbourline.cases.policy import ROLE_CANNOT, CaseNotFound, Refused

from .models import Investigation, Prosecution, Suspect, SuspectNameIndex

if TYPE_CHECKING:
    from harbourline.accounts.models import User


def not_found(object_type: str, pk: object, action: str = "") -> CaseNotFound:
    refusal = CaseNotFound(pk, action=action, section=CaseSection.JUSTICE)
    refusal.object_type = object_type
    return refusal


def refused(object_type: str, pk: object, message: str = ROLE_CANNOT, action: str = "") -> Refused:
    return Refused(message, case_id=pk, action=action, section=CaseSection.JUSTICE, object_type=object_type)


@dataclass(frozen=True)
class JusticeAccess:
    """What one user may do with one investigation."""

    status: bool  # status, offences, outcomes, without identities
    full: bool  # suspects' identities, charges, witnesses
    change: bool
    prosecute: bool


def justice_access(user: User, investigation: Investigation) -> JusticeAccess:
    cases = list(investigation.cases.all())
    prosecutors = list(investigation.prosecutions.values_list("agency_id", flat=True))
    full = policy.can_read_justice(user, investigation, cases, prosecutors)
    return JusticeAccess(
        status=full or policy.can_see_justice_status(user, investigation, cases, prosecutors),
        full=full,
        change=full and policy.can_change_investigation(user, investigation),
        prosecute=full and policy.can_prosecute(user, investigation),
    )


def _sees_a_case(user: User, investigation: Investigation) -> bool:
    return any(policy.can_read(user, case) for case in investigation.cases.all())


def investigation_get_for_user(
    user: User, pk: int, *, full: bool = True, action: str = "open"
) -> Investigation:
    """The investigation, if ``user`` may see it (``full``: with identities). 404 when they may see neither
    it nor any of its cases; 403 with the reason when they see it (or one of its cases) but not this much."""
    investigation = Investigation.objects.select_related("agency", "referred_to").filter(pk=pk).first()
    if investigation is None:
        raise not_found("investigation", pk, action)
    access = justice_access(user, investigation)
    if not access.status and not _sees_a_case(user, investigation):
        raise not_found("investigation", pk, action)
    if (full and not access.full) or not access.status:
        raise refused("investigation", pk, action=action)
    investigation.access = access  # type: ignore[attr-defined]
    return investigation


def prosecution_get_for_user(user: User, pk: int, *, action: str = "open") -> Prosecution:
    prosecution = (
        Prosecution.objects.select_related("investigation", "agency", "prosecutor").filter(pk=pk).first()
    )
    if prosecution is None:
        raise not_found("prosecution", pk, action)
    investigation_get_for_user(user, prosecution.investigation_id, action=action)
    return prosecution


def investigations_for_user(user: User) -> QuerySet[Investigation]:
    """Every investigation ``user`` may see at least the status of (the workspace list)."""
    return (
        Investigation.objects.filter(policy.readable_investigations_q(user))
        .distinct()
        .select_related("agency", "referred_to")
        .prefetch_related("cases", "prosecutions")
    )


def investigations_for_case(user: User, case: Case) -> list[tuple[Investigation, JusticeAccess]]:
    """The case's investigations ``user`` may see, each with what they may do with it."""
    found = []
    for investigation in case.investigations.select_related("agency", "referred_to").prefetch_related(
        "cases"
    ):
        access = justice_access(user, investigation)
        if access.status:
            found.append((investigation, access))
    return found


def matching_suspects(suspect: Suspect) -> set[int]:
    """Other suspects with the same document number, or the same date of birth and every name token (blind
    indexes, as ``cases.selectors.matching_persons``: nothing is decrypted to search)."""
    exact_terms = set(suspect.name_index.filter(kind="name").values_list("digest", flat=True))
    ids: set[int] = set()
    if suspect.document_index:
        ids |= set(Suspect.objects.filter(document_index=suspect.document_index).values_list("pk", flat=True))
    if exact_terms and suspect.dob_index:
        candidates = Suspect.objects.filter(dob_index=suspect.dob_index)
        for digest in exact_terms:
            terms = SuspectNameIndex.objects.filter(suspect=OuterRef("pk"), kind="name", digest=digest)
            candidates = candidates.filter(Exists(terms))
        ids |= set(candidates.values_list("pk", flat=True))
    ids.discard(suspect.pk)
    return ids


def possible_suspect_duplicates(user: User, suspect: Suspect) -> list[Suspect]:
    """The same person recorded as a suspect in another investigation ``user`` reads in full."""
    others = matching_suspects(suspect)
    if not others:
        return []
    visible = Investigation.objects.filter(policy.readable_investigations_q(user, national=False)).values(
        "pk"
    )
    return list(
        Suspect.objects.filter(pk__in=others, investigation__in=visible)
        .select_related("investigation")
        .order_by("pk")
    )
