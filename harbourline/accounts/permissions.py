"""Every permission in Harbourline, and the one table from role to permissions.

Scoping by agency, referral and sensitivity is code (selectors), not more permission names.
"""

from __future__ import annotations

from enum import StrEnum


class Perm(StrEnum):
    # platform
    AGENCY_MANAGE = "agency.manage"
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"
    CONFIG_MANAGE = "config.manage"
    # cases: own agency's cases, and cases referred or shared to it
    CASE_VIEW = "case.view"
    CASE_VIEW_NATIONAL = "case.view_national"  # non-sensitive sections of every case (coordinator)
    CASE_CREATE = "case.create"
    CASE_EDIT = "case.edit"
    CASE_SCREEN = "case.screen"
    CASE_APPROVE = "case.approve"  # identification decisions, closures, consent overrides
    CASE_REFER = "case.refer"
    CASE_IDENTITY_VIEW = "case.identity_view"  # reveal full identity (audited)
    CASE_HEALTH = "case.health"  # health and psychosocial sections
    CASE_JUSTICE = "case.justice"  # criminal-justice section
    CASE_SERVICE_RECORD = "case.service_record"  # record services given on referred cases
    # awareness
    TIP_TRIAGE = "tip.triage"
    CAMPAIGN_MANAGE = "campaign.manage"
    # capacity building
    TRAINING_MANAGE = "training.manage"  # curriculum, trainer pool, programme reports
    TRAINING_RUN = "training.run"  # workshops: participants, attendance, tests, certificates
    # figures
    STATS_VIEW = "stats.view"
    STATS_EXPORT = "stats.export"  # anonymised exports (CTDC, HTCDS, TIP, GLOTIP)


class Role(StrEnum):
    NATIONAL_COORDINATOR = "national_coordinator"
    CASE_MANAGER = "case_manager"
    SUPERVISOR = "supervisor"
    POLICE_INVESTIGATOR = "police_investigator"
    PROSECUTOR = "prosecutor"
    HEALTH_PROVIDER = "health_provider"
    SERVICE_PROVIDER = "service_provider"
    TRIAGE_OFFICER = "triage_officer"
    CAMPAIGN_OFFICER = "campaign_officer"
    TRAINER = "trainer"
    ANALYST = "analyst"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.NATIONAL_COORDINATOR: "National coordinator",
    Role.CASE_MANAGER: "Case manager",
    Role.SUPERVISOR: "Supervisor",
    Role.POLICE_INVESTIGATOR: "Police investigator",
    Role.PROSECUTOR: "Prosecutor (Director of Public Prosecutions)",
    Role.HEALTH_PROVIDER: "Health provider",
    Role.SERVICE_PROVIDER: "Service provider",
    Role.TRIAGE_OFFICER: "Triage officer",
    Role.CAMPAIGN_OFFICER: "Campaign officer",
    Role.TRAINER: "Trainer",
    Role.ANALYST: "Analyst",
    Role.ADMINISTRATOR: "Administrator",
}

_CASEWORK = {
    Perm.CASE_VIEW,
    Perm.CASE_CREATE,
    Perm.CASE_EDIT,
    Perm.CASE_SCREEN,
    Perm.CASE_REFER,
    Perm.CASE_IDENTITY_VIEW,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.NATIONAL_COORDINATOR: frozenset(
        {
            Perm.CASE_VIEW_NATIONAL,
            Perm.STATS_VIEW,
            Perm.STATS_EXPORT,
            Perm.AUDIT_VIEW,
            Perm.TRAINING_MANAGE,
            Perm.TRAINING_RUN,
            Perm.AGENCY_MANAGE,
            Perm.USER_MANAGE,
        }
    ),
    Role.CASE_MANAGER: frozenset(_CASEWORK),
    Role.SUPERVISOR: frozenset(_CASEWORK | {Perm.CASE_APPROVE}),
    Role.POLICE_INVESTIGATOR: frozenset(
        {Perm.CASE_VIEW, Perm.CASE_CREATE, Perm.CASE_EDIT, Perm.CASE_IDENTITY_VIEW, Perm.CASE_JUSTICE}
    ),
    # The Director of Public Prosecutions' office: the justice section of the cases it is given, and the
    # investigations police send to it. No victim identity unless a case's owner shares it.
    Role.PROSECUTOR: frozenset({Perm.CASE_VIEW, Perm.CASE_JUSTICE}),
    Role.HEALTH_PROVIDER: frozenset({Perm.CASE_VIEW, Perm.CASE_HEALTH, Perm.CASE_SERVICE_RECORD}),
    Role.SERVICE_PROVIDER: frozenset({Perm.CASE_VIEW, Perm.CASE_SERVICE_RECORD}),
    Role.TRIAGE_OFFICER: frozenset({Perm.TIP_TRIAGE}),
    Role.CAMPAIGN_OFFICER: frozenset({Perm.CAMPAIGN_MANAGE}),
    Role.TRAINER: frozenset({Perm.TRAINING_RUN}),
    Role.ANALYST: frozenset({Perm.STATS_VIEW, Perm.STATS_EXPORT}),
    Role.ADMINISTRATOR: frozenset(
        {Perm.AGENCY_MANAGE, Perm.USER_MANAGE, Perm.CONFIG_MANAGE, Perm.AUDIT_VIEW}
    ),
}


# Permissions that open case content (any section of a case). A role holding one of them "reads case content":
# granting it needs a second administrator's approval, and an administrator never holds it.
CASE_CONTENT_PERMS: frozenset[Perm] = frozenset(
    {
        Perm.CASE_VIEW,
        Perm.CASE_IDENTITY_VIEW,
        Perm.CASE_HEALTH,
        Perm.CASE_JUSTICE,
        Perm.CASE_VIEW_NATIONAL,
    }
)
CASE_CONTENT_ROLES: frozenset[Role] = frozenset(
    role for role, perms in ROLE_PERMISSIONS.items() if perms & CASE_CONTENT_PERMS
)


# Roles that manage users: whoever holds one can approve the changes below, so a second one is itself a change
# that needs a second administrator (otherwise one administrator could create their own approver).
USER_MANAGEMENT_ROLES: frozenset[Role] = frozenset(
    role for role, perms in ROLE_PERMISSIONS.items() if Perm.USER_MANAGE in perms
)
SECOND_APPROVAL_ROLES: frozenset[Role] = CASE_CONTENT_ROLES | USER_MANAGEMENT_ROLES


def reads_case_content(role: str) -> bool:
    return role in Role._value2member_map_ and Role(role) in CASE_CONTENT_ROLES


def needs_second_approval(role: str) -> bool:
    """Granting this role waits for a second administrator: it reads case content or manages users."""
    return role in Role._value2member_map_ and Role(role) in SECOND_APPROVAL_ROLES


def permissions_for_roles(roles: list[str] | set[str] | tuple[str, ...]) -> frozenset[Perm]:
    """The union of the roles' permissions. An administrator never reads case content: whatever else the
    account holds, the administrator role takes the case-content permissions away (the services refuse such a
    combination; this holds even if one were written to the database by other means)."""
    granted: set[Perm] = set()
    for code in roles:
        if code in Role._value2member_map_:
            granted |= ROLE_PERMISSIONS[Role(code)]
    if Role.ADMINISTRATOR.value in roles:
        granted -= CASE_CONTENT_PERMS
    return frozenset(granted)


def roles_without(perm: Perm) -> list[Role]:
    """Every role that does not grant ``perm`` (for tests of refusals)."""
    return [role for role, perms in ROLE_PERMISSIONS.items() if perm not in perms]
