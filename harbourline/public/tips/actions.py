from harbourline.audit.actions import AuditAction


class TipAction(AuditAction):
    TIP_SUBMITTED = "tip.submitted"
    TIP_RECORDED = "tip.recorded_by_staff"
    TIP_VIEWED = "tip.viewed"
    TIP_STATUS_CHANGED = "tip.status_changed"
    TIP_URGENCY_CHANGED = "tip.urgency_changed"
    TIP_DUPLICATE_LINKED = "tip.duplicate_linked"
    TIP_MESSAGE_SENT = "tip.message_sent"
    TIP_REPORTER_REPLIED = "tip.reporter_replied"
    TIP_CONVERTED = "tip.converted_to_case"
    TIP_STATUS_CHECKED = "tip.status_checked"
