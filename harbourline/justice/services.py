"""Every write of justice data. Each service takes the actor first, asks ``cases.policy``, runs in its own
transaction (``guarded``: a refusal changes nothing and writes one 'denied' audit row) and writes its audit
row; an act on a case also writes the case's history row, in the justice section."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_record
from harbourline.cases import policy
from harbourline.cases.codes import AgeBand, CaseSection, Gender
from harbourline.cases.models import Case, CaseEvent
from harbourline.cases.services.common import guarded, require_contribute
from harbourline.crypto.blind import name_terms

from .actions import JusticeAction
from .codes import (
    ACT_OFFENCES,
    ChargeOutcome,
    Court,
    InvestigationClosure,
    InvestigationStatus,
    Offence,
    ProsecutionStatus,
    RelationshipToVictim,
    RoleInProcess,
    SupportMeasure,
)
from .models import Charge, Investigation, Prosecution, Suspect, SuspectNameIndex, WitnessSupport
from .selectors import investigation_get_for_user, refused

if TYPE_CHECKING:
    from harbourline.accounts.models import User

__all__ = [
    "charge_add",
    "charge_outcome",
    "investigation_close",
    "investigation_link_case",
    "investigation_open",
    "investigation_refer",
    "investigation_update",
    "prosecution_open",
    "suspect_add",
    "witness_support_save",
]

NOT_INVESTIGATING = "Only the investigating agency changes the investigation."
NOT_PROSECUTING = "Only the agency prosecuting the case records its charges, outcomes and witnesses."
NOT_SENT = "The investigation's file was not sent to your office."


def _audit(actor: User, action: JusticeAction, object_type: str, pk: object, **details: Any) -> None:
    audit_record(actor=actor, action=action, object_type=object_type, object_id=pk, details=details)


def _case_event(actor: User, case: Case, kind: str, reason: str = "") -> None:
    CaseEvent.objects.create(case=case, actor=actor, kind=kind, section=CaseSection.JUSTICE, reason=reason)


def _not_future(field: str, value: datetime.date | None) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError({field: "This date is in the future."})


def _codes(field: str, values: Iterable[str], allowed: Iterable[str]) -> list[str]:
    values, allowed = list(values), set(allowed)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError({field: f"Not a known choice: {', '.join(unknown)}."})
    return sorted(set(values), key=values.index)


def _investigation(actor: User, investigation: Investigation, *, change: bool = False) -> Investigation:
    """Re-read under a lock, for this actor: 404/403 as ``investigation_get_for_user``."""
    found = investigation_get_for_user(actor, investigation.pk)
    if change and not found.access.change:  # type: ignore[attr-defined]
        raise refused("investigation", investigation.pk, NOT_INVESTIGATING)
    return Investigation.objects.select_for_update().get(pk=found.pk)


def _agency_id(actor: User) -> int:
    if actor.agency_id is None:  # the policy refuses a user with no agency before this
        raise refused("investigation", "", policy.ROLE_CANNOT)
    return actor.agency_id


def _officers(actor: User, officers: Iterable[User]) -> list[User]:
    chosen = [actor, *officers]
    for officer in chosen:
        if not policy.acts_for_agency(officer, actor.agency_id, Perm.CASE_JUSTICE):
            raise ValidationError({"officers": "Officers must be justice staff of your agency."})
    return chosen


@guarded
def investigation_open(
    *,
    actor: User,
    case: Case,
    opened_on: datetime.date,
    offences: list[str],
    reference: str = "",
    officers: Iterable[User] = (),
) -> Investigation:
    """Open an investigation from a case, in the actor's agency; the actor is its first officer."""
    require_contribute(actor, case, CaseSection.JUSTICE)
    _not_future("opened_on", opened_on)
    chosen = _codes("offences", offences, Offence.values)
    if not chosen:
        raise ValidationError({"offences": "Choose at least one offence investigated."})
    team = _officers(actor, officers)
    investigation = Investigation.objects.create(
        agency_id=_agency_id(actor),
        reference=reference.strip(),
        opened_on=opened_on,
        offences=chosen,
        created_by=actor,
    )
    investigation.officers.set(team)
    investigation.cases.add(case)
    _case_event(actor, case, "investigation_opened")
    _audit(actor, JusticeAction.INVESTIGATION_OPENED, "investigation", investigation.pk, case=case.pk)
    return investigation


@guarded
def investigation_update(
    *,
    actor: User,
    investigation: Investigation,
    version: int,
    offences: list[str] | None = None,
    reference: str | None = None,
    officers: Iterable[User] | None = None,
) -> Investigation:
    locked = _investigation(actor, investigation, change=True)
    if locked.version != version:
        raise ValidationError(
            "Someone else changed this investigation after you opened it. Check it and save again."
        )
    if offences is not None:
        locked.offences = _codes("offences", offences, Offence.values)
        if not locked.offences:
            raise ValidationError({"offences": "Choose at least one offence investigated."})
    if reference is not None:
        locked.reference = reference.strip()
    if officers is not None:
        locked.officers.set(_officers(actor, [o for o in officers if o.pk != actor.pk]))
    locked.version += 1
    locked.save()
    _audit(actor, JusticeAction.INVESTIGATION_UPDATED, "investigation", locked.pk)
    return locked


@guarded
def investigation_link_case(*, actor: User, investigation: Investigation, case: Case) -> Investigation:
    """Add another victim's case to the investigation (the actor must be able to add to its justice section)."""
    locked = _investigation(actor, investigation, change=True)
    require_contribute(actor, case, CaseSection.JUSTICE)
    if locked.cases.filter(pk=case.pk).exists():
        raise ValidationError({"case": "This case is already part of the investigation."})
    locked.cases.add(case)
    _case_event(actor, case, "investigation_linked")
    _audit(actor, JusticeAction.INVESTIGATION_CASE_LINKED, "investigation", locked.pk, case=case.pk)
    return locked


@guarded
def investigation_refer(
    *, actor: User, investigation: Investigation, agency: Agency, referred_on: datetime.date
) -> Investigation:
    """Send the file to a prosecuting office (the Director of Public Prosecutions)."""
    locked = _investigation(actor, investigation, change=True)
    if locked.status == InvestigationStatus.CLOSED:
        raise ValidationError("The investigation is closed.")
    if agency.pk == actor.agency_id or not agency.is_active:
        raise ValidationError({"agency": "Choose the prosecuting office to send the file to."})
    _not_future("referred_on", referred_on)
    if referred_on < locked.opened_on:
        raise ValidationError({"referred_on": "The file cannot be sent before the investigation was opened."})
    locked.referred_to, locked.referred_on, locked.status = agency, referred_on, InvestigationStatus.REFERRED
    locked.version += 1
    locked.save()
    _audit(actor, JusticeAction.INVESTIGATION_REFERRED, "investigation", locked.pk, agency=agency.pk)
    return locked


@guarded
def investigation_close(
    *, actor: User, investigation: Investigation, closed_on: datetime.date, reason: str, details: str = ""
) -> Investigation:
    locked = _investigation(actor, investigation, change=True)
    if locked.status == InvestigationStatus.CLOSED:
        raise ValidationError("The investigation is already closed.")
    if reason not in InvestigationClosure.values:
        raise ValidationError({"reason": "Choose why the investigation is closed."})
    if reason == InvestigationClosure.OTHER and not details.strip():
        raise ValidationError({"details": "Say why the investigation is closed."})
    _not_future("closed_on", closed_on)
    if closed_on < locked.opened_on:
        raise ValidationError({"closed_on": "The investigation cannot close before it was opened."})
    locked.status, locked.closed_on = InvestigationStatus.CLOSED, closed_on
    locked.closure_reason, locked.closure_details = reason, details.strip()
    locked.version += 1
    locked.save()
    for case in locked.cases.all():
        _case_event(actor, case, "investigation_closed")
    _audit(actor, JusticeAction.INVESTIGATION_CLOSED, "investigation", locked.pk, reason=reason)
    return locked


@guarded
def suspect_add(
    *,
    actor: User,
    investigation: Investigation,
    given_names: str = "",
    family_name: str = "",
    aliases: str = "",
    date_of_birth: datetime.date | None = None,
    document_number: str = "",
    sex: str = Gender.UNKNOWN,
    age_band: str = AgeBand.UNKNOWN,
    nationality: str = "",
    roles: Iterable[str] = (),
    role_details: str = "",
    relationship_to_victim: str = "",
    arrested_on: datetime.date | None = None,
) -> Suspect:
    """Record a suspect or perpetrator. Their names, date of birth and document are encrypted; duplicates are
    found through blind indexes (``selectors.possible_suspect_duplicates``)."""
    locked = _investigation(actor, investigation, change=True)
    if not (given_names.strip() or family_name.strip() or aliases.strip()):
        raise ValidationError({"given_names": "Give a name or an alias: the name the suspect is known by."})
    if sex not in Gender.values:
        raise ValidationError({"sex": "Choose a value from the list."})
    if age_band not in AgeBand.values:
        raise ValidationError({"age_band": "Choose a value from the list."})
    if relationship_to_victim not in RelationshipToVictim.values:
        raise ValidationError({"relationship_to_victim": "Choose a value from the list."})
    nationality = nationality.strip().upper()
    if nationality and (len(nationality) != 2 or not nationality.isalpha()):
        raise ValidationError({"nationality": "Use the two-letter country code, for example LC."})
    _not_future("date_of_birth", date_of_birth)
    _not_future("arrested_on", arrested_on)
    suspect = Suspect.objects.create(
        investigation=locked,
        given_names=given_names.strip(),
        family_name=family_name.strip(),
        aliases=aliases.strip(),
        date_of_birth=date_of_birth,  # type: ignore[misc]  # an encrypted field typed as text
        document_number=document_number.strip(),
        sex=sex,
        age_band=age_band,
        nationality=nationality,
        roles=_codes("roles", roles, RoleInProcess.values),
        role_details=role_details.strip(),
        relationship_to_victim=relationship_to_victim,
        arrested_on=arrested_on,
    )
    names = [given_names, family_name, *aliases.splitlines()]
    terms: set[tuple[str, str]] = set().union(*(name_terms(n) for n in names if n.strip()))
    SuspectNameIndex.objects.bulk_create(
        [SuspectNameIndex(suspect=suspect, kind=k, digest=d) for k, d in terms]
    )
    _audit(actor, JusticeAction.SUSPECT_ADDED, "suspect", suspect.pk, investigation=locked.pk)
    return suspect


@guarded
def prosecution_open(
    *,
    actor: User,
    investigation: Investigation,
    court: str,
    filed_on: datetime.date,
    court_reference: str = "",
    first_hearing_on: datetime.date | None = None,
) -> Prosecution:
    """Bring a prosecution, by the investigating agency or the prosecuting office the file was sent to; the
    actor is its prosecutor."""
    found = investigation_get_for_user(actor, investigation.pk)
    if not found.access.prosecute:  # type: ignore[attr-defined]
        raise refused("investigation", investigation.pk, NOT_SENT)
    if court not in Court.values:
        raise ValidationError({"court": "Choose the court."})
    _not_future("filed_on", filed_on)
    if filed_on < found.opened_on:
        raise ValidationError({"filed_on": "Charges cannot be filed before the investigation was opened."})
    prosecution = Prosecution.objects.create(
        investigation=found,
        agency_id=_agency_id(actor),
        prosecutor=actor,
        court=court,
        court_reference=court_reference.strip(),
        filed_on=filed_on,
        first_hearing_on=first_hearing_on,
    )
    for case in found.cases.all():
        _case_event(actor, case, "prosecution_opened")
    _audit(actor, JusticeAction.PROSECUTION_OPENED, "prosecution", prosecution.pk, investigation=found.pk)
    return prosecution


def _prosecution(actor: User, prosecution: Prosecution) -> Prosecution:
    investigation_get_for_user(actor, prosecution.investigation_id)
    if not policy.can_change_prosecution(actor, prosecution.agency_id):
        raise refused("prosecution", prosecution.pk, NOT_PROSECUTING)
    return Prosecution.objects.select_for_update().get(pk=prosecution.pk)


@guarded
def charge_add(
    *,
    actor: User,
    prosecution: Prosecution,
    defendant: Suspect,
    offence: str,
    section: str,
    filed_on: datetime.date,
    law: str = "",
) -> Charge:
    locked = _prosecution(actor, prosecution)
    if defendant.investigation_id != locked.investigation_id:
        raise ValidationError({"defendant": "Choose a suspect of this investigation."})
    if offence not in Offence.values:
        raise ValidationError({"offence": "Choose the offence charged."})
    if offence == Offence.OTHER_LAW and not law.strip():
        raise ValidationError({"law": "Name the law the charge is under."})
    if offence in ACT_OFFENCES and law.strip():
        raise ValidationError(
            {"law": "Leave the law empty for an offence under the Counter-Trafficking Act."}
        )
    if not section.strip():
        raise ValidationError({"section": "Give the section charged, as on the indictment or complaint."})
    _not_future("filed_on", filed_on)
    charge = Charge.objects.create(
        prosecution=locked,
        defendant=defendant,
        offence=offence,
        law=law.strip(),
        section=section.strip(),
        filed_on=filed_on,
    )
    _audit(actor, JusticeAction.CHARGE_ADDED, "charge", charge.pk, prosecution=locked.pk, offence=offence)
    return charge


def _money(field: str, value: Decimal | None) -> Decimal | None:
    if value is not None and value < 0:
        raise ValidationError({field: "An amount cannot be negative."})
    return value


@guarded
def charge_outcome(
    *,
    actor: User,
    charge: Charge,
    outcome: str,
    outcome_on: datetime.date | None,
    custody_months: int | None = None,
    fine: Decimal | None = None,
    suspended: bool = False,
    restitution_ordered: Decimal | None = None,
    restitution_paid: Decimal | None = None,
    compensation_ordered: Decimal | None = None,
    compensation_paid: Decimal | None = None,
) -> Charge:
    """Record the outcome of a charge and, on a conviction or plea, the sentence and what was ordered and paid.
    The prosecution is concluded when no charge is pending."""
    locked_prosecution = _prosecution(actor, charge.prosecution)
    locked = Charge.objects.select_for_update().get(pk=charge.pk)
    if outcome not in ChargeOutcome.values:
        raise ValidationError({"outcome": "Choose the outcome."})
    convicted = outcome in (ChargeOutcome.CONVICTED, ChargeOutcome.PLEA)
    if outcome != ChargeOutcome.PENDING and outcome_on is None:
        raise ValidationError({"outcome_on": "Give the date of the outcome."})
    _not_future("outcome_on", outcome_on)
    if outcome_on is not None and outcome_on < locked.filed_on:
        raise ValidationError({"outcome_on": "The outcome cannot come before the charge was filed."})
    sentence = [
        custody_months,
        fine,
        restitution_ordered,
        restitution_paid,
        compensation_ordered,
        compensation_paid,
    ]
    if not convicted and (any(v is not None for v in sentence) or suspended):
        raise ValidationError(
            "A sentence, restitution or compensation is recorded only on a conviction or plea."
        )
    if suspended and not custody_months:
        raise ValidationError({"suspended": "Only a custodial sentence can be suspended."})
    for name, amount in (
        ("fine", fine),
        ("restitution_ordered", restitution_ordered),
        ("restitution_paid", restitution_paid),
        ("compensation_ordered", compensation_ordered),
        ("compensation_paid", compensation_paid),
    ):
        _money(name, amount)
    for paid, ordered, name in (
        (restitution_paid, restitution_ordered, "restitution_paid"),
        (compensation_paid, compensation_ordered, "compensation_paid"),
    ):
        if paid is not None and (ordered is None or paid > ordered):
            raise ValidationError({name: "More cannot be paid than was ordered."})
    locked.outcome, locked.outcome_on = outcome, outcome_on
    locked.custody_months, locked.fine, locked.suspended = custody_months, fine, suspended
    locked.restitution_ordered, locked.restitution_paid = restitution_ordered, restitution_paid
    locked.compensation_ordered, locked.compensation_paid = compensation_ordered, compensation_paid
    locked.save()
    pending = locked_prosecution.charges.filter(outcome=ChargeOutcome.PENDING).exists()
    if not pending and locked_prosecution.status != ProsecutionStatus.CONCLUDED:
        locked_prosecution.status = ProsecutionStatus.CONCLUDED
        locked_prosecution.concluded_on = max(
            d for d in locked_prosecution.charges.values_list("outcome_on", flat=True) if d is not None
        )
        locked_prosecution.save(update_fields=["status", "concluded_on"])
        for case in locked_prosecution.investigation.cases.all():
            _case_event(actor, case, "prosecution_concluded")
    elif pending and locked_prosecution.status == ProsecutionStatus.CONCLUDED:
        locked_prosecution.status, locked_prosecution.concluded_on = ProsecutionStatus.TRIAL, None
        locked_prosecution.save(update_fields=["status", "concluded_on"])
    _audit(actor, JusticeAction.CHARGE_OUTCOME, "charge", locked.pk, outcome=outcome)
    return locked


@guarded
def witness_support_save(
    *,
    actor: User,
    prosecution: Prosecution,
    case: Case,
    requested: Iterable[str] = (),
    granted: Iterable[str] = (),
    informed: bool = False,
    informed_on: datetime.date | None = None,
) -> WitnessSupport:
    """A victim as witness: support measures requested and granted, and whether they were told of the
    proceedings."""
    locked = _prosecution(actor, prosecution)
    if not locked.investigation.cases.filter(pk=case.pk).exists():
        raise ValidationError({"case": "Choose a victim's case that is part of the investigation."})
    asked = _codes("requested", requested, SupportMeasure.values)
    given = _codes("granted", granted, SupportMeasure.values)
    if set(given) - set(asked):
        raise ValidationError({"granted": "A measure can be granted only if it was requested."})
    if informed and informed_on is None:
        raise ValidationError({"informed_on": "Give the date the victim was told."})
    if not informed and informed_on is not None:
        raise ValidationError({"informed_on": "Leave the date empty: the victim was not told."})
    _not_future("informed_on", informed_on)
    witness, _ = WitnessSupport.objects.update_or_create(
        prosecution=locked,
        case=case,
        defaults={"requested": asked, "granted": given, "informed": informed, "informed_on": informed_on},
    )
    _case_event(actor, case, "witness_support")
    _audit(actor, JusticeAction.WITNESS_SUPPORT_SAVED, "prosecution", locked.pk, case=case.pk)
    return witness
