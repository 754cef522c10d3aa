from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_record
from harbourline.country.selectors import active_profile
from harbourline.crypto.blind import name_terms

from ..actions import CaseAction
from ..codes import CaseSection, ShareBasis, age_band
from ..models import Case, CaseSequence, Dependant, Person, PersonNameIndex
from ..policy import ROLE_CANNOT, Refused, can_create_in, can_open_joint_intake
from .common import StaleEdit, bump, guarded, lock_case, record, require, require_change

if TYPE_CHECKING:
    from harbourline.accounts.models import Agency, User

PERSON_FIELDS = (
    "given_names",
    "family_name",
    "aliases",
    "date_of_birth",
    "document_type",
    "document_number",
    "phone",
    "email",
    "address",
    "gender",
    "nationality",
    "citizenship",
    "languages",
    "district",
    "is_minor",
)
CASE_FIELDS = (
    "intake_source",
    "intake_date",
    "summary",
    "district",
    "child_involved",
    "case_manager",
    "labour_industries",
    "sex_exploitation_types",
    "means_of_control",
    "recruitment_type",
    "recruiter_relation",
    "country_of_recruitment",
    "district_of_recruitment",
    "country_of_exploitation",
    "district_of_exploitation",
    "exploitation_start",
    "exploitation_end",
)


def _next_number(year: int) -> str:
    try:
        with transaction.atomic():
            CaseSequence.objects.get_or_create(year=year)
    except IntegrityError:
        pass
    sequence = CaseSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{active_profile()['code']}-{year}-{sequence.last:04d}"


def reindex_person_names(person: Person) -> None:
    person.name_index.all().delete()
    names = [person.given_names or "", person.family_name or "", *(person.aliases or "").splitlines()]
    terms = (
        set().union(*(name_terms(n) for n in names if n.strip())) if any(n.strip() for n in names) else set()
    )
    PersonNameIndex.objects.bulk_create([PersonNameIndex(person=person, kind=k, digest=d) for k, d in terms])


def _age_on(born: datetime.date | None, day: datetime.date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _derive_age(person: Person, on: datetime.date) -> None:
    age = _age_on(person.date_of_birth, on)
    if age is not None:
        person.age_band = age_band(age)
        person.is_minor = age < 18


def _set_forms(case: Case, forms: Iterable[str]) -> None:
    chosen = set(forms)
    for code, flag in Case.FORM_FLAGS.items():
        setattr(case, flag, code in chosen)


@guarded
def case_create(
    *,
    actor: User,
    owning_agency: Agency,
    intake_source: str,
    intake_date: datetime.date | None = None,
    forms_of_exploitation: Iterable[str] = (),
    person: dict[str, Any] | None = None,
    **case_fields: Any,
) -> Case:
    """Register a case and its person, in the actor's own agency. Possible duplicates are found by the
    selectors (and shown to the owning agency's supervisors)."""
    require(actor, Perm.CASE_CREATE)
    if not can_create_in(actor, owning_agency):
        raise Refused("You can register cases only for your own agency.", action="case_create")
    unknown = (set(case_fields) - set(CASE_FIELDS)) | (set(person or {}) - set(PERSON_FIELDS))
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    day = intake_date or timezone.localdate()
    new_person = Person(**(person or {}))
    _derive_age(new_person, day)
    new_person.full_clean()
    new_person.save()
    reindex_person_names(new_person)
    case = Case(
        number=_next_number(day.year),
        person=new_person,
        owning_agency=owning_agency,
        intake_source=intake_source,
        intake_date=day,
        created_by=actor,
        **case_fields,
    )
    if case.case_manager is None and actor.has_hl_perm(Perm.CASE_EDIT):
        case.case_manager = actor
    _set_forms(case, forms_of_exploitation)
    case.full_clean()
    case.save()
    record(
        actor,
        case,
        CaseAction.CASE_CREATED,
        "created",
        to_status=case.status,
        intake_source=intake_source,
        agency=owning_agency.pk,
    )
    from ..selectors import matching_persons

    same_person = Case.objects.filter(owning_agency=owning_agency, person__in=matching_persons(new_person))
    if same_person.exists():
        # Shown to the owning agency's supervisors on their home panel; never to another agency.
        audit_record(
            actor=actor,
            action=CaseAction.DUPLICATE_FLAGGED,
            object_type="case",
            object_id=case.pk,
            details={"possible_duplicates": same_person.count()},
        )
    return case


@guarded
def case_intake_create(
    *,
    actor: User,
    owning_agency: Agency,
    intake_source: str,
    summary: str,
    district: str = "",
    child_involved: bool | None = None,
    forms_of_exploitation: Iterable[str] = (),
    share_with: Iterable[Agency] = (),
    tip_reference: str = "",
) -> Case:
    """A case intake from another channel (the tip line): person unknown, owned by ``owning_agency``.

    The actor is the triage officer who converts the tip (the triage permission, no case permission). Each
    agency in ``share_with`` (police, usually) gets the case section only, as a joint intake; identity and the
    rest follow the person's consent or a supervisor's override, through ``case_share_grant``.
    """
    if not can_open_joint_intake(actor):
        raise Refused(ROLE_CANNOT, action="case_intake_create")
    day = timezone.localdate()
    person = Person(is_minor=True if child_involved else None)
    person.save()
    case = Case(
        number=_next_number(day.year),
        person=person,
        owning_agency=owning_agency,
        intake_source=intake_source,
        intake_date=day,
        summary=summary,
        district=district,
        child_involved=child_involved,
        tip_reference=tip_reference,
        created_by=actor,
    )
    _set_forms(case, forms_of_exploitation)
    case.full_clean()
    case.save()
    record(
        actor,
        case,
        CaseAction.CASE_CREATED,
        "created",
        to_status=case.status,
        intake_source=intake_source,
        agency=owning_agency.pk,
    )
    from .sharing import grant_without_checks

    for agency in {a.pk: a for a in share_with if a.pk != owning_agency.pk}.values():
        grant_without_checks(
            actor=actor,
            case=case,
            agency=agency,
            sections=[CaseSection.CASE.value],
            reason="Joint intake from a tip",
            basis=ShareBasis.JOINT_INTAKE,
            action=CaseAction.JOINT_INTAKE,
        )
    return case


@guarded
def person_update(*, actor: User, case: Case, version: int, **fields: Any) -> Person:
    require_change(actor, case, CaseSection.IDENTITY)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    locked = lock_case(case, version)
    person = locked.person
    changed = sorted(name for name, value in fields.items() if getattr(person, name) != value)
    for name, value in fields.items():
        setattr(person, name, value)
    _derive_age(person, locked.identified_on or locked.intake_date)
    person.full_clean()
    person.save()
    reindex_person_names(person)
    bump(locked)
    case.version = locked.version
    record(actor, locked, CaseAction.PERSON_UPDATED, "person_updated", fields=changed)
    return person


@guarded
def case_update(
    *,
    actor: User,
    case: Case,
    version: int,
    forms_of_exploitation: Iterable[str] | None = None,
    **fields: Any,
) -> Case:
    require_change(actor, case, CaseSection.CASE)
    unknown = set(fields) - set(CASE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown case fields: {sorted(unknown)}")
    locked = lock_case(case, version)
    changed = sorted(name for name, value in fields.items() if getattr(locked, name) != value)
    for name, value in fields.items():
        setattr(locked, name, value)
    if forms_of_exploitation is not None:
        if set(forms_of_exploitation) != set(locked.forms_of_exploitation):
            changed.append("forms_of_exploitation")
        _set_forms(locked, forms_of_exploitation)
    locked.full_clean()
    locked.version += 1
    locked.save()
    record(actor, locked, CaseAction.CASE_UPDATED, "updated", fields=changed)
    return locked


@guarded
def dependant_add(
    *,
    actor: User,
    case: Case,
    relationship: str,
    name: str = "",
    age_band: str = "unknown",
    accompanying: bool = True,
) -> Dependant:
    """A dependant (usually a child) accompanying the victim (CTA s.24 covers dependent children)."""
    require_change(actor, case, CaseSection.IDENTITY)
    dependant = Dependant(
        person=case.person, name=name, relationship=relationship, age_band=age_band, accompanying=accompanying
    )
    dependant.full_clean()
    dependant.save()
    record(actor, case, CaseAction.PERSON_UPDATED, "dependant_added", dependant=dependant.pk)
    return dependant


__all__ = ["StaleEdit", "case_create", "case_intake_create", "case_update", "dependant_add", "person_update"]
