"""Every read of cases that crosses rows. A case selector never returns what the user may not see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from harbourline.accounts.permissions import Perm
from harbourline.audit.actions import PlatformAction
from harbourline.audit.models import Outcome
from harbourline.audit.services import audit_record
from harbourline.crypto.blind import blind_index, name_tokens, normalise_document, phonetic_key

from .codes import CaseStatus
from .models import Case, CaseShare, Person, PersonNameIndex
from .models.person import initials_of
from .policy import visible_sections

if TYPE_CHECKING:
    from harbourline.accounts.models import Agency, User


def cases_visible_to(user: User) -> QuerySet[Case]:
    """The cases a user may open at all (any section)."""
    qs = Case.objects.all()
    if not user.is_active or user.agency_id is None:
        return qs.none()
    if user.has_hl_perm(Perm.CASE_VIEW_NATIONAL):
        return qs
    if not user.has_hl_perm(Perm.CASE_VIEW):
        return qs.none()
    shared = CaseShare.objects.filter(case=OuterRef("pk"), agency_id=user.agency_id, revoked_at__isnull=True)
    return qs.filter(Q(owning_agency_id=user.agency_id) | Exists(shared))


def case_get_for_user(user: User, case_id: int, *, section: str | None = None) -> Case:
    """The case, if the user may see it (and the given section of it); otherwise 404 and one 'denied' row."""
    case = (
        Case.objects.select_related("person", "owning_agency", "case_manager").filter(pk=case_id).first()
        if isinstance(case_id, int)
        else None
    )
    sections = visible_sections(user, case) if case is not None else set()
    if case is None or not sections or (section is not None and section not in sections):
        audit_record(
            actor=user,
            action=PlatformAction.ACCESS_DENIED,
            object_type="case",
            object_id=case_id,
            outcome=Outcome.DENIED,
            details={"section": section or ""},
        )
        raise Http404("No such case.")
    case.visible_sections = sections  # type: ignore[attr-defined]
    return case


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
    list shows are read; of the encrypted ones only the names (for initials) are decrypted."""
    qs = cases_visible_to(user).order_by("-id")
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
    given_field, family_field = Person._meta.get_field("given_names"), Person._meta.get_field("family_name")
    return [
        CaseRow(
            pk,
            number,
            status,
            district,
            intake,
            initials_of(given_field.open_stored(given, row_key), family_field.open_stored(family, row_key)),  # type: ignore[attr-defined]
            short or agency,
        )
        for pk, number, status, district, intake, given, family, agency, short, row_key in qs.values_list(
            *LIST_COLUMNS
        )[:limit]
    ]


@dataclass(frozen=True)
class PossibleDuplicate:
    """Another case about the same person. For a case the user cannot see: only whom to contact."""

    case_id: int | None
    case_number: str
    agency: Agency
    visible: bool


def possible_duplicates(user: User, person: Person) -> list[PossibleDuplicate]:
    """Cases of other persons with the same names and date of birth, or the same document number."""
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
    others = list(ids)
    visible_ids = set(cases_visible_to(user).filter(person__in=others).values_list("pk", flat=True))
    result = []
    for case in Case.objects.filter(person__in=others).select_related("owning_agency").order_by("id"):
        seen = case.pk in visible_ids
        result.append(
            PossibleDuplicate(
                case.pk if seen else None, case.number if seen else "", case.owning_agency, seen
            )
        )
    return result
