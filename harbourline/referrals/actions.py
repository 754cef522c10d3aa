from harbourline.audit.actions import AuditAction


class ReferralAction(AuditAction):
    DIRECTORY_SAVED = "referral.directory_saved"
    SENT = "referral.sent"
    SENT_WITHOUT_CONSENT = "referral.sent_without_consent"
    ACCEPTED = "referral.accepted"
    DECLINED = "referral.declined"
    WITHDRAWN = "referral.withdrawn"
    COMPLETED = "referral.completed"
    EXPIRED = "referral.expired"
    ENDED = "referral.ended"
    SERVICE_RECORDED = "referral.service_recorded"
    MESSAGE_ADDED = "referral.message_added"
    VIEWED = "referral.viewed"
    OVERDUE = "referral.overdue"
    TRANSFER_REQUESTED = "referral.transfer_requested"
    TRANSFER_ACCEPTED = "referral.transfer_accepted"
    TRANSFER_DECLINED = "referral.transfer_declined"
    NOTIFICATION_SETTINGS = "referral.notification_settings"
