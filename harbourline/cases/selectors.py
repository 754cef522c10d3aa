"""Every read of cases that crosses rows. A case selector never returns what the user may not see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import BooleanField, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models import Case as SqlCase

from harbourline.accounts.permissions import Perm
from harbourline.crypto.blind import blind_index, name_tokens, normalise_document, phonetic_key

from .codes import CaseSection, CaseStatus
from .models import Attachment, Case, CaseEvent, Note, Person, PersonNameIndex, PlanItem
from .models.person import initials_of
from .policy import (
    ATTACHMENT_SECTION,
    NOT_OWNER,
    ROLE_CANNOT,
    CaseNotFound,
    Refused,
    can_record_service,
    can_search_identity,
    case_access,
    own_agency_q,
    readable_cases_q,
    readable_note_levels,
    why_not,
)

if TYPE_CHECKING:
    from harbourline.accounts.models import Agency, User


def cases_visible_to(user: User, section: str | None = None) -> QuerySet[Case]:
    """The cases a user may open at all (any section), or whose ``section`` they may read."""
    return Case.objects.filter(readable_cases_q(user, section))


class Need(StrEnum):
    """What the caller is about to do with the case (or a section of it)."""

    READ = "read"
    CHANGE = "change"  # change the section's facts: owning agency
    CONTRIBUTE = "contribute"  # add one's own note, service or health record to the section
    OWNER = "owner"  # an act of the owning agency needing ``perm`` (share, decide, a lifecycle step)


def case_get_for_user(
    user: User, case_id: int, *, section: str | None = None, need: Need = Need.READ, perm: Perm | None = None
) -> Case:
    """The case, if the user may see it (and do ``need`` with ``section`` of it).

    Raises ``CaseNotFound`` (404) for a case that does not exist or that the user may not see, and
    ``Refused`` (403, with the reason) for a case they see but may not do this with. Writes nothing: the
    caller records the refusal (``services.refusal_record``)."""
    case = (
        Case.objects.select_related("person", "owning_agency", "case_manager").filter(pk=case_id).first()
        if isinstance(case_id, int)
        else None
    )
    action = f"open:{need}"
    access = case_access(user, case) if case is not None else None
    if case is None or access is None or not access.visible:
        raise CaseNotFound(case_id, section=section or "", action=action)
    if section is not None and (
        section not in access.readable
        or (need == Need.CHANGE and section not in access.changeable)
        or (need == Need.CONTRIBUTE and section not in access.contributable)
    ):
        raise why_not(access, case, section, action)
    if need == Need.OWNER and not (access.owner and perm in access.perms):
        raise Refused(
            ROLE_CANNOT if access.owner else NOT_OWNER, case_id=case.pk, section=section or "", action=action
        )
    case.access = access  # type: ignore[attr-defined]
    case.access_user_id = user.pk  # type: ignore[attr-defined]
    case.visible_sections = access.readable  # type: ignore[attr-defined]
    return case


def plan_item_for_user(user: User, case: Case, item_id: int) -> PlanItem:
    """A plan item of a case the user sees, if they may update it (owning agency, or the provider agency)."""
    item = case.plan_items.select_related("provider").filter(pk=item_id).first()
    if item is None:
        raise CaseNotFound(case.pk, section=CaseSection.PLAN, action="open:plan_item")
    if not can_record_service(user, case, item.provider_id):
        raise why_not(case_access(user, case), case, CaseSection.PLAN, "open:plan_item")
    return item


def case_events_for(user: User, case: Case) -> QuerySet[CaseEvent]:
    """The case's history, only the events of sections the user may read."""
    readable = getattr(case, "visible_sections", None)
    if readable is None or getattr(case, "access_user_id", None) != user.pk:
        readable = case_access(user, case).readable
    return case.events.filter(section__in=sorted(readable)).select_related("actor")


def case_notes_for(user: User, case: Case) -> QuerySet[Note]:
    """The notes of a case the user may read (levels by agency and the health permission)."""
    return case.notes.filter(level__in=sorted(readable_note_levels(user, case))).select_related(
        "author", "author_agency"
    )


def case_attachments_for(user: User, case: Case) -> list[Attachment]:
    """The files of the sections the user may read."""
    readable = case_access(user, case).readable
    return [
        a for a in case.attachments.select_related("uploaded_by") if ATTACHMENT_SECTION[a.kind] in readable
    ]


@dataclass
class CaseSearch:
    number: str = ""
    name: str = ""
    phonetic: bool = False
    date_of_birth: datetime.date | None = None
    document_number: str = ""
    status: str = ""
    district: str = ""
    form: str = ""
    nationality: str = ""
    agency_id: int | None = None
    intake_from: datetime.date | None = None
    intake_to: datetime.date | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_identity_search(self) -> bool:
        return bool(self.name or self.date_of_birth or self.document_number)


def name_query_terms(name: str, *, phonetic: bool) -> list[tuple[str, str]]:
    """The (kind, digest) every matching person must have: one per token of ``name``."""
    kind = "name_phonetic" if phonetic else "name"
    return [(kind, blind_index(kind, phonetic_key(t) if phonetic else t)) for t in name_tokens(name)] or [
        ("name", "no-token")
    ]


LIST_COLUMNS = (
    "id",
    "number",
    "status",
    "district",
    "intake_date",
    "person__given_names",
    "person__family_name",
    "owning_agency__name",
    "owning_agency__short_name",
    "person__row_key",
)


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list: only what the list shows, read without building model objects."""

    pk: int
    number: str
    status: str
    district: str
    intake_date: datetime.date | None
    initials: str
    agency: str

    @property
    def status_label(self) -> str:
        return str(CaseStatus(self.status).label)


def case_list_for_user(
    user: User, search: CaseSearch, *, before_id: int | None = None, limit: int = 50
) -> list[CaseRow]:
    """Newest first, by key (``before_id``), with the person and agency in the same query. Only the columns the
    list shows are read; of the encrypted ones only the names (for initials) are decrypted, and only on rows
    whose identity section the user may read.

    A search by name, date of birth or document is an identity read: refused (``Refused``) for a user who may
    read no identity, and it finds only cases whose identity section the user may read."""
    if search.is_identity_search:
        if not can_search_identity(user):
            raise Refused(
                "Your role does not allow searching by name, date of birth or document number. "
                "Search by case number instead.",
                section=CaseSection.IDENTITY,
                action="case_search",
            )
        qs = cases_visible_to(user, CaseSection.IDENTITY).order_by("-id")
    else:
        qs = cases_visible_to(user).order_by("-id")
    qs = qs.annotate(
        identity_readable=SqlCase(
            When(readable_cases_q(user, CaseSection.IDENTITY), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    if search.number:
        qs = qs.filter(number__iexact=search.number.strip())
    if search.name:
        for kind, digest in name_query_terms(search.name, phonetic=search.phonetic):
            terms = PersonNameIndex.objects.filter(person_id=OuterRef("person_id"), kind=kind, digest=digest)
            qs = qs.filter(Exists(terms))
    if search.date_of_birth:
        field_ = Person._meta.get_field("dob_index")
        qs = qs.filter(person__dob_index=field_.digest_for(search.date_of_birth))  # type: ignore[attr-defined]
    if search.document_number and normalise_document(search.document_number):
        field_ = Person._meta.get_field("document_index")
        qs = qs.filter(person__document_index=field_.digest_for(search.document_number))  # type: ignore[attr-defined]
    if search.status:
        qs = qs.filter(status=search.status)
    if search.district:
        qs = qs.filter(district=search.district)
    if search.form and search.form in Case.FORM_FLAGS:
        qs = qs.filter(**{Case.FORM_FLAGS[search.form]: True})
    if search.nationality:
        qs = qs.filter(person__nationality=search.nationality.upper())
    if search.agency_id:
        qs = qs.filter(owning_agency_id=search.agency_id)
    if search.intake_from:
        qs = qs.filter(intake_date__gte=search.intake_from)
    if search.intake_to:
        qs = qs.filter(intake_date__lte=search.intake_to)
    if before_id:
        qs = qs.filter(id__lt=before_id)
    rows = qs.values_list(*LIST_COLUMNS, "identity_readable")[:limit]
    given_field, family_field = Person._meta.get_field("given_names"), Person._meta.get_field("family_name")
    return [
        CaseRow(
            pk,
            number,
            status,
            district,
            intake,
            initials_of(given_field.open_stored(given, row_key), family_field.open_stored(family, row_key))  # type: ignore[attr-defined]
            if identity
            else "—",
            short or agency,
        )
        for pk, number, status, district, intake, given, family, agency, short, row_key, identity in rows
    ]


@dataclass(frozen=True)
class PossibleDuplicate:
    """Another case of the user's own agency that may be about the same person."""

    case_id: int
    case_number: str
    agency: Agency


def matching_persons(person: Person) -> set[int]:
    exact_terms = {d for k, d in person.name_index.values_list("kind", "digest") if k == "name"}
    ids: set[int] = set()
    if person.document_index:
        ids |= set(Person.objects.filter(document_index=person.document_index).values_list("pk", flat=True))
    if exact_terms and person.dob_index:
        candidates = Person.objects.filter(dob_index=person.dob_index)
        for digest in exact_terms:
            terms = PersonNameIndex.objects.filter(person=OuterRef("pk"), kind="name", digest=digest)
            candidates = candidates.filter(Exists(terms))
        ids |= set(candidates.values_list("pk", flat=True))
    ids.discard(person.pk)
    return ids


def possible_duplicates(user: User, person: Person) -> list[PossibleDuplicate]:
    """Cases of other persons with the same names and date of birth, or the same document number, among the
    cases of the user's own agency whose identity they may read. Never a case of another agency: that would
    tell one agency that another holds the person."""
    others = matching_persons(person)
    if not others:
        return []
    cases = (
        cases_visible_to(user, CaseSection.IDENTITY)
        .filter(own_agency_q(user), person__in=others)
        .select_related("owning_agency")
        .order_by("id")
    )
    return [PossibleDuplicate(c.pk, c.number, c.owning_agency) for c in cases]


def duplicate_candidates_for(user: User, *, limit: int = 10) -> list[tuple[Case, list[PossibleDuplicate]]]:
    """Open cases of the user's own agency that may be about the same person as another of its cases (the
    supervisors' home panel)."""
    own = (
        cases_visible_to(user, CaseSection.IDENTITY)
        .filter(own_agency_q(user))
        .exclude(status=CaseStatus.CLOSED)
        .exclude(purged_at__isnull=False)
    )
    repeated_documents = (
        own.exclude(person__document_index="")
        .values("person__document_index")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values("person__document_index")
    )
    repeated_births = (
        own.exclude(person__dob_index="")
        .values("person__dob_index")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values("person__dob_index")
    )
    candidates = (
        own.filter(
            Q(person__document_index__in=repeated_documents) | Q(person__dob_index__in=repeated_births)
        )
        .select_related("person")
        .order_by("-id")[:200]
    )
    found = []
    for case in candidates:
        matches = possible_duplicates(user, case.person)
        if matches:
            found.append((case, matches))
        if len(found) >= limit:
            break
    return found
