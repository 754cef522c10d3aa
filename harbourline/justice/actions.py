from harbourline.audit.actions import AuditAction


class JusticeAction(AuditAction):
    INVESTIGATION_OPENED = "justice.investigation_opened"
    INVESTIGATION_UPDATED = "justice.investigation_updated"
    INVESTIGATION_CASE_LINKED = "justice.investigation_case_linked"
    INVESTIGATION_REFERRED = "justice.investigation_referred"
    INVESTIGATION_CLOSED = "justice.investigation_closed"
    INVESTIGATION_VIEWED = "justice.investigation_viewed"
    INVESTIGATION_PRINTED = "justice.investigation_printed"
    SUSPECT_ADDED = "justice.suspect_added"
    PROSECUTION_OPENED = "justice.prosecution_opened"
    PROSECUTION_VIEWED = "justice.prosecution_viewed"
    CHARGE_ADDED = "justice.charge_added"
    CHARGE_OUTCOME = "justice.charge_outcome"
    WITNESS_SUPPORT_SAVED = "justice.witness_support_saved"
    WORKSPACE_VIEWED = "justice.workspace_viewed"
