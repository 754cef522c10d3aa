"""Who may read, change, contribute to and share which section of which case. The only place these rules live.

A user reaches a case in one of three ways (a *relation*):

- **own**: the user's agency owns the case. Staff with the case permission read every section their role
  allows (identity needs the identity or the health permission, health the health permission, criminal
  justice the justice permission) and change the sections their role changes. Only the owning agency changes
  the case's facts, shares it, decides on it and closes it.
- **shared**: the user's agency holds an active share of some sections (a share granted with consent or a
  supervisor's override, a joint intake from a tip; referrals and transfers add shares the same way). Staff
  read the sections they were given, with the same role limits, and record only their own contributions in
  them: services they give (plan), notes, the health record. They never change the case's facts.
- **national**: the national coordinator reads the non-identifying sections (case, screening, plan) of every
  case, and changes nothing.

Sections are registered here (``register_section_rule``): an app that adds a part of the case (referrals,
justice) registers its rule, and the case page, lists, search, history, print, files and the API follow it.
Everything else asks the functions below; selectors and services enforce them with the actor as their first
argument. ``access_table()`` renders the rules for ``docs/security.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from harbourline.accounts.permissions import ROLE_LABELS, ROLE_PERMISSIONS, Perm, Role

from .codes import CaseSection

if TYPE_CHECKING:
    from harbourline.accounts.models import Agency, User

    from .models import Case


class Relation(StrEnum):
    OWN = "own"
    SHARED = "shared"
    NATIONAL = "national"


RELATION_LABELS = {
    Relation.OWN: "own agency's case",
    Relation.SHARED: "section shared with the agency",
    Relation.NATIONAL: "any case (national view)",
}


@dataclass(frozen=True)
class SectionRule:
    """One part of a case: who reads it, who changes it (owning agency), who adds to it (agency given it)."""

    code: str
    label: str
    read: tuple[Perm, ...]
    change: tuple[Perm, ...]
    contribute: tuple[Perm, ...] = ()
    national: bool = False


_RULES: dict[str, SectionRule] = {}


def register_section_rule(rule: SectionRule) -> None:
    _RULES[rule.code] = rule


def section_rules() -> list[SectionRule]:
    return list(_RULES.values())


def section_codes() -> frozenset[str]:
    return frozenset(_RULES)


def section_choices() -> list[tuple[str, str]]:
    return [(rule.code, rule.label) for rule in _RULES.values()]


def section_label(code: str) -> str:
    rule = _RULES.get(code)
    return rule.label if rule else code


_CONTRIBUTORS = (Perm.CASE_EDIT, Perm.CASE_SERVICE_RECORD, Perm.CASE_HEALTH)
for _rule in (
    SectionRule(
        CaseSection.IDENTITY,
        "Identity and contact",
        (Perm.CASE_IDENTITY_VIEW, Perm.CASE_HEALTH),
        (Perm.CASE_EDIT,),
    ),
    SectionRule(
        CaseSection.CASE, "Case facts and exploitation", (Perm.CASE_VIEW,), (Perm.CASE_EDIT,), national=True
    ),
    SectionRule(CaseSection.SCREENING, "Screening", (Perm.CASE_VIEW,), (Perm.CASE_SCREEN,), national=True),
    SectionRule(
        CaseSection.PLAN,
        "Case plan and services",
        (Perm.CASE_VIEW,),
        (Perm.CASE_EDIT,),
        (Perm.CASE_SERVICE_RECORD,),
        national=True,
    ),
    SectionRule(CaseSection.NOTES, "Notes", (Perm.CASE_VIEW,), _CONTRIBUTORS, _CONTRIBUTORS),
    SectionRule(
        CaseSection.HEALTH,
        "Health and psychosocial",
        (Perm.CASE_HEALTH,),
        (Perm.CASE_HEALTH,),
        (Perm.CASE_HEALTH,),
    ),
    SectionRule(
        CaseSection.JUSTICE,
        "Criminal justice",
        (Perm.CASE_JUSTICE,),
        (Perm.CASE_JUSTICE,),
        (Perm.CASE_JUSTICE,),
    ),
):
    register_section_rule(_rule)

# Which section a file, a history event or a note belongs to.
ATTACHMENT_SECTION = {
    "identity": CaseSection.IDENTITY.value,
    "photo": CaseSection.IDENTITY.value,
    "medical": CaseSection.HEALTH.value,
    "legal": CaseSection.CASE.value,
    "other": CaseSection.CASE.value,
}


# --- refusals -----------------------------------------------------------------------------------------------


class CaseNotFound(Http404):
    """The case does not exist or the user may not see it: the same answer for both."""

    def __init__(self, case_id: object = "", *, action: str = "", section: str = "") -> None:
        super().__init__("No such case.")
        self.case_id, self.action, self.section, self.object_type = case_id, action, section, "case"
        self.audited = False


class Refused(PermissionDenied):
    """The user sees the case (or reaches the service) but may not take this action. The message says why."""

    def __init__(
        self,
        message: str,
        *,
        case_id: object = "",
        action: str = "",
        section: str = "",
        object_type: str = "case",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.case_id, self.action, self.section, self.object_type = case_id, action, section, object_type
        self.audited = False

    def __str__(self) -> str:
        return self.message


NOT_OWNER = "Only the agency that owns the case changes it. Your agency can add its own notes and services."
NOT_SHARED = "Your agency was not given this part of the case."
ROLE_CANNOT = "Your role does not allow this."


# --- the decision -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    read: bool = False
    change: bool = False
    contribute: bool = False


NO_ACCESS = Access()


def section_access(perms: Iterable[Perm], relation: Relation, section: str) -> Access:
    """What a holder of ``perms`` may do with ``section`` of a case reached through ``relation``.

    For a shared relation this assumes the share includes the section."""
    rule = _RULES.get(section)
    held = frozenset(perms)
    if rule is None:
        return NO_ACCESS
    if relation == Relation.NATIONAL:
        return Access(read=rule.national and Perm.CASE_VIEW_NATIONAL in held)
    if Perm.CASE_VIEW not in held or not held.intersection(rule.read):
        return NO_ACCESS
    if relation == Relation.OWN:
        change = bool(held.intersection(rule.change))
        return Access(read=True, change=change, contribute=change or bool(held.intersection(rule.contribute)))
    return Access(read=True, contribute=bool(held.intersection(rule.contribute)))


@dataclass
class CaseAccess:
    """Everything one user may do with one case, worked out once per request."""

    owner: bool = False
    perms: frozenset[Perm] = frozenset()
    readable: set[str] = field(default_factory=set)
    changeable: set[str] = field(default_factory=set)
    contributable: set[str] = field(default_factory=set)

    @property
    def visible(self) -> bool:
        return bool(self.readable)


def _perms(user: User) -> frozenset[Perm]:
    if not user.is_active or user.agency_id is None:
        return frozenset()
    return frozenset(user.permissions())


def case_access(user: User, case: Case, active_share_sections: list[list[str]] | None = None) -> CaseAccess:
    """``active_share_sections`` lists the sections of the case's active shares with the user's agency; it is
    read from the database when not given."""
    perms, agency_id = _perms(user), user.agency_id
    access = CaseAccess(perms=perms)
    if not perms or agency_id is None:
        return access
    reached: list[tuple[Relation, Iterable[str]]] = []
    if case.owning_agency_id == user.agency_id:
        access.owner = True
        reached.append((Relation.OWN, _RULES))
    elif Perm.CASE_VIEW in perms:
        if active_share_sections is None:
            active_share_sections = list(
                case.shares.filter(agency_id=agency_id, revoked_at__isnull=True).values_list(
                    "sections", flat=True
                )
            )
        given = set().union(*map(set, active_share_sections)) if active_share_sections else set()
        reached.append((Relation.SHARED, given))
    if Perm.CASE_VIEW_NATIONAL in perms:
        reached.append((Relation.NATIONAL, _RULES))
    for relation, sections in reached:
        for section in sections:
            granted = section_access(perms, relation, section)
            if granted.read:
                access.readable.add(section)
            if granted.change:
                access.changeable.add(section)
            if granted.contribute:
                access.contributable.add(section)
    return access


def why_not(access: CaseAccess, case: Case, section: str, action: str = "") -> Refused:
    """The refusal, in plain words, of an act on ``section`` of a case the user sees."""
    if not access.owner and section_access(access.perms, Relation.OWN, section).read:
        message = NOT_SHARED if section not in access.readable else NOT_OWNER
    else:
        message = ROLE_CANNOT
    return Refused(message, case_id=case.pk, section=section, action=action)


def visible_sections(
    user: User, case: Case, active_share_sections: list[list[str]] | None = None
) -> set[str]:
    """Sections of ``case`` that ``user`` may read (empty: the case is invisible to them)."""
    return case_access(user, case, active_share_sections).readable


def _access(user: User, case: Case) -> CaseAccess:
    cached = getattr(case, "access", None)
    if isinstance(cached, CaseAccess) and getattr(case, "access_user_id", None) == user.pk:
        return cached
    return case_access(user, case)


def can_read(user: User, case: Case, section: str | None = None) -> bool:
    """May ``user`` read ``section`` of ``case`` (None: any section, i.e. open the case at all)?"""
    readable = _access(user, case).readable
    return bool(readable) if section is None else section in readable


def can_change(user: User, case: Case, section: str) -> bool:
    """Change the facts of a section: the owning agency only."""
    return section in _access(user, case).changeable


def can_contribute(user: User, case: Case, section: str) -> bool:
    """Add one's own contribution (a note, a service given, the health record) to a section one may see."""
    return section in _access(user, case).contributable


def _owner_with(user: User, case: Case, perm: Perm) -> bool:
    access = _access(user, case)
    return access.owner and access.visible and perm in access.perms


def can_share(user: User, case: Case) -> bool:
    """Open sections to another agency, or end a share: staff of the owning agency with the referral permission."""
    return _owner_with(user, case, Perm.CASE_REFER)


def can_decide(user: User, case: Case) -> bool:
    """The identification decision, closure, reopening and consent overrides: the owning agency's supervisors."""
    return _owner_with(user, case, Perm.CASE_APPROVE)


def can_transition(user: User, case: Case, perm: Perm) -> bool:
    """A lifecycle step needing ``perm``: only in the owning agency."""
    return _owner_with(user, case, perm)


def can_refer(user: User, case: Case) -> bool:
    """Send a referral for services, or offer the case to another agency (transfer): as sharing, since a
    referral and a pending transfer are shares (``grant_without_checks`` with basis referral / transfer)."""
    return can_share(user, case)


def can_override_consent(user: User, case: Case) -> bool:
    """Refer or share without the person's consent, with a reason (audited): the owning agency's supervisors."""
    return can_decide(user, case)


def can_assign(user: User, case: Case, worker: User | None) -> bool:
    """Assign a case to a worker of the owning agency: its supervisors; the worker must work on cases there."""
    if not can_decide(user, case):
        return False
    return worker is None or (
        worker.is_active and worker.agency_id == case.owning_agency_id and Perm.CASE_VIEW in _perms(worker)
    )


def is_member_of(user: User, agency_id: int | None) -> bool:
    """Does ``user`` work for ``agency_id`` (the side of a referral or transfer they are on)?"""
    return agency_id is not None and user.agency_id == agency_id


def acts_for_agency(user: User, agency_id: int | None, *perms: Perm) -> bool:
    """Answer for ``agency_id`` (a referral or a transfer sent to it): its staff holding one of ``perms``."""
    held = _perms(user)
    return agency_id is not None and user.agency_id == agency_id and bool(held.intersection(perms))


def can_answer_referral(user: User, to_agency_id: int | None) -> bool:
    """Accept, decline, record services on and complete a referral sent to one's agency: its staff who record
    services (they complete the plan item the referral came from)."""
    return acts_for_agency(user, to_agency_id, Perm.CASE_SERVICE_RECORD)


def can_accept_transfer(user: User, to_agency_id: int | None) -> bool:
    """Take ownership of a case offered to one's agency: the receiving agency's supervisors."""
    return acts_for_agency(user, to_agency_id, Perm.CASE_APPROVE)


def can_create_in(user: User, agency: Agency) -> bool:
    """Register a case: only into one's own agency."""
    return Perm.CASE_CREATE in _perms(user) and agency.pk == user.agency_id


def can_open_joint_intake(user: User) -> bool:
    """Turn a tip into a case intake for an agency (triage officers, who need no agency of their own)."""
    return user.is_active and user.has_hl_perm(Perm.TIP_TRIAGE)


def can_search_identity(user: User) -> bool:
    """Search by name, date of birth or document: an identity read, for those who may read some identity."""
    return section_access(_perms(user), Relation.OWN, CaseSection.IDENTITY).read


def can_record_service(user: User, case: Case, provider_id: int | None) -> bool:
    """Update a plan item: the owning agency's case workers, or the provider agency recording its service."""
    if can_change(user, case, CaseSection.PLAN):
        return True
    return can_contribute(user, case, CaseSection.PLAN) and provider_id == user.agency_id


def readable_note_levels(user: User, case: Case) -> set[str]:
    """Note levels a user may read on a case whose notes they may see."""
    access = _access(user, case)
    if CaseSection.NOTES not in access.readable:
        return set()
    if not access.owner:
        return {"normal"}
    return {"normal", "agency", "sensitive"} if Perm.CASE_HEALTH in access.perms else {"normal", "agency"}


def can_write_note_level(user: User, case: Case, level: str) -> bool:
    return level in readable_note_levels(user, case) and can_contribute(user, case, CaseSection.NOTES)


def is_owning_agency(case: Case, agency_id: int | None) -> bool:
    """Does ``agency_id`` own ``case`` (a share with the owner itself is refused)?"""
    return agency_id is not None and case.owning_agency_id == agency_id


def own_agency_q(user: User, prefix: str = "") -> Q:
    return Q(**{f"{prefix}owning_agency_id": user.agency_id}) if user.agency_id else Q(pk__in=[])


def readable_cases_q(user: User, section: str | None = None) -> Q:
    """The cases ``user`` may read ``section`` of (None: any section), as a filter on cases.

    Exactly ``can_read`` for every case (a property test holds the two together)."""
    from .models import CaseShare

    perms, agency_id = _perms(user), user.agency_id
    wanted = [section] if section is not None else list(_RULES)
    if not perms or agency_id is None:
        return Q(pk__in=[])
    q = Q(pk__in=[])
    if any(section_access(perms, Relation.NATIONAL, s).read for s in wanted):
        return ~Q(pk__in=[])
    if any(section_access(perms, Relation.OWN, s).read for s in wanted):
        q |= Q(owning_agency_id=agency_id)
    shared = [s for s in wanted if section_access(perms, Relation.SHARED, s).read]
    if shared:
        given = Q(pk__in=[])
        for code in shared:
            given |= Q(sections__icontains=f'"{code}"')
        shares = CaseShare.objects.filter(
            given, case=OuterRef("pk"), agency_id=agency_id, revoked_at__isnull=True
        )
        q |= Q(Exists(shares))
    return q


# --- criminal justice: investigations and prosecutions (harbourline.justice) ---------------------------------
#
# An investigation belongs to the police agency that opened it from a case whose justice section it may add
# to. Holders of the justice permission reach it through their agency: the investigating agency, the
# prosecuting office the file was sent to, an agency prosecuting it, or an agency reading the justice section of
# one of its cases. The national coordinator sees its status and figures, never suspects' identities.


class JusticeFile(Protocol):
    """What the justice rules need of an investigation (duck-typed: ``justice.Investigation``)."""

    agency_id: int
    referred_to_id: int | None


def _justice_agency(user: User, investigation: JusticeFile, prosecution_agency_ids: Iterable[int]) -> bool:
    agency = user.agency_id
    return agency is not None and (
        agency in (investigation.agency_id, investigation.referred_to_id)
        or agency in set(prosecution_agency_ids)
    )


def can_open_investigation(user: User, case: Case) -> bool:
    """Open an investigation from a case: justice staff who may add to the case's justice section."""
    return can_contribute(user, case, CaseSection.JUSTICE)


def can_read_justice(
    user: User, investigation: JusticeFile, cases: Iterable[Case], prosecution_agency_ids: Iterable[int] = ()
) -> bool:
    """Read an investigation in full (suspects' identities, charges, witnesses)."""
    perms = _perms(user)
    if Perm.CASE_JUSTICE not in perms or Perm.CASE_VIEW not in perms:
        return False
    if _justice_agency(user, investigation, prosecution_agency_ids):
        return True
    return any(can_read(user, case, CaseSection.JUSTICE) for case in cases)


def can_see_justice_status(
    user: User, investigation: JusticeFile, cases: Iterable[Case], prosecution_agency_ids: Iterable[int] = ()
) -> bool:
    """See an investigation's status, offences and outcomes without any identity: the national view."""
    cases = list(cases)
    if Perm.CASE_VIEW_NATIONAL in _perms(user):
        return True
    return can_read_justice(user, investigation, cases, prosecution_agency_ids)


def can_change_investigation(user: User, investigation: JusticeFile) -> bool:
    """Change an investigation (suspects, offences, link cases, send the file, close): the investigating agency."""
    return Perm.CASE_JUSTICE in _perms(user) and user.agency_id == investigation.agency_id


def can_prosecute(user: User, investigation: JusticeFile) -> bool:
    """Bring a prosecution: the investigating agency or the prosecuting office the file was sent to."""
    return Perm.CASE_JUSTICE in _perms(user) and user.agency_id in (
        investigation.agency_id,
        investigation.referred_to_id,
    )


def can_change_prosecution(user: User, prosecution_agency_id: int) -> bool:
    """Charges, outcomes, sentences and witness support: the prosecuting agency."""
    return Perm.CASE_JUSTICE in _perms(user) and user.agency_id == prosecution_agency_id


def readable_investigations_q(user: User, *, national: bool = True) -> Q:
    """Investigations ``user`` may see (``national``: including the status-only national view)."""
    from .models import Case

    perms, agency_id = _perms(user), user.agency_id
    if national and Perm.CASE_VIEW_NATIONAL in perms:
        return ~Q(pk__in=[])
    if agency_id is None or Perm.CASE_JUSTICE not in perms or Perm.CASE_VIEW not in perms:
        return Q(pk__in=[])
    justice_cases = Case.objects.filter(readable_cases_q(user, CaseSection.JUSTICE)).values("pk")
    return (
        Q(agency_id=agency_id)
        | Q(referred_to_id=agency_id)
        | Q(prosecutions__agency_id=agency_id)
        | Q(cases__in=justice_cases)
    )


# --- the table in docs/security.md --------------------------------------------------------------------------


def _cell(access: Access) -> str:
    if access.change:
        return "read, change"
    if access.contribute:
        return "read, add own"
    return "read" if access.read else "—"


def _reads_any(role: Role) -> bool:
    return any(
        section_access(ROLE_PERMISSIONS[role], rel, r.code).read for rel in Relation for r in section_rules()
    )


def access_table() -> str:
    """The access rules as Markdown: one row per role and relation, one column per section."""
    rules = section_rules()
    head = "| Role | Reached as | " + " | ".join(r.label for r in rules) + " |"
    lines = [head, "|" + "---|" * (len(rules) + 2)]
    for role in Role:
        perms = ROLE_PERMISSIONS[role]
        for relation in Relation:
            cells = [_cell(section_access(perms, relation, r.code)) for r in rules]
            if all(c == "—" for c in cells):
                continue
            lines.append(f"| {ROLE_LABELS[role]} | {RELATION_LABELS[relation]} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def actions_table() -> str:
    rows = [
        ("Register a case", "own agency only, with the case-creation permission", "`can_create_in`"),
        (
            "Change case facts, identity, protection, risk, consent, dependants, tasks; record the Act's "
            "protections (s.22 information, accommodation, charges and non-punishment, repatriation, "
            "child-protection referral, follow-up after closure)",
            "owning agency, role's change permission for the section",
            "`can_change`",
        ),
        (
            "Add a note, record a service given, update the health record",
            "owning agency, or an agency given the section, with the role's permission",
            "`can_contribute`, `can_record_service`",
        ),
        ("Share a section, end a share", "owning agency, referral permission", "`can_share`"),
        (
            "Send or withdraw a referral, offer a transfer (each is a share)",
            "owning agency, referral permission; without consent only a supervisor, with a reason",
            "`can_refer`, `can_override_consent`",
        ),
        (
            "Accept, decline, record services on and complete a referral",
            "the receiving agency's staff who record services, while the referral is active",
            "`can_answer_referral`",
        ),
        (
            "Accept or decline a transfer of ownership",
            "the receiving agency's supervisors; the former owner keeps no access",
            "`can_accept_transfer`",
        ),
        ("Assign a case to a worker, bulk reassignment", "owning agency's supervisors", "`can_assign`"),
        (
            "Identification decision and the review of a negative one, closure, reopening, consent override",
            "owning agency, supervisors",
            "`can_decide`",
        ),
        (
            "Search by name, date of birth or document",
            "roles that read identity; hits only where the identity section is readable",
            "`can_search_identity`, `readable_cases_q`",
        ),
        (
            "Open an investigation from a case",
            "justice staff who may add to the case's criminal-justice section",
            "`can_open_investigation`",
        ),
        (
            "Read an investigation in full (suspects' identities, charges, witnesses)",
            "justice staff of the investigating agency, of the prosecuting office it was sent to or prosecuting "
            "it, or reading the justice section of one of its cases",
            "`can_read_justice`, `readable_investigations_q`",
        ),
        (
            "See an investigation's status, offences and outcomes (no identities)",
            "the above, and the national coordinator",
            "`can_see_justice_status`",
        ),
        (
            "Add suspects, link cases, send the file for prosecution, close the investigation",
            "justice staff of the investigating agency",
            "`can_change_investigation`",
        ),
        (
            "Bring a prosecution",
            "justice staff of the investigating agency or of the prosecuting office the file was sent to",
            "`can_prosecute`",
        ),
        (
            "Charges, outcomes, sentences, restitution, witness support",
            "justice staff of the prosecuting agency",
            "`can_change_prosecution`",
        ),
        (
            "Turn a tip into a case intake",
            "triage officers; a second agency gets only the case section",
            "`can_open_joint_intake`",
        ),
    ]
    lines = ["| Action | Who | Policy function |", "|---|---|---|"]
    lines += [f"| {a} | {w} | {f} |" for a, w, f in rows]
    return "\n".join(lines) + "\n"


def security_document() -> str:
    return (
        "# Access rules\n\n"
        "Generated from `harbourline/cases/policy.py` by `manage.py access_rules --out docs/security.md`; a test "
        "fails when the policy changes without this file.\n\n"
        "A case the user may not read answers *not found* (404), exactly as a case that does not exist; an "
        "action the user may not take on a case they can see answers 403 with the reason. Both write one "
        '"denied" row in the audit trail. Lists and search show a case only if the user may read at least one '
        "of its sections, and a search by name, date of birth or document only where the identity section is "
        "readable.\n\n"
        "## Sections, by role and how the case is reached\n\n"
        "*read, change*: reads and changes the section. *read, add own*: reads it and adds the agency's own "
        "notes, services given or health record. A shared agency reaches only the sections it was given.\n\n"
        + access_table()
        + "\nRoles that read no section of any case: "
        + ", ".join(ROLE_LABELS[role] for role in Role if not _reads_any(role))
        + ".\n"
        + "\n## Actions\n\n"
        + actions_table()
    )
