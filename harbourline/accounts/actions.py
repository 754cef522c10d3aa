from harbourline.audit.actions import AuditAction


class AccountAction(AuditAction):
    """User-management events beyond the platform's: changes that wait for a second administrator."""

    CHANGE_REQUESTED = "user.change_requested"
    CHANGE_APPROVED = "user.change_approved"
    CHANGE_REJECTED = "user.change_rejected"
    TEMPORARY_PASSWORD_SET = "user.temporary_password_set"
