from harbourline.audit.actions import AuditAction


class ApiAction(AuditAction):
    TOKEN_CREATED = "api.token_created"
    TOKEN_REVOKED = "api.token_revoked"
    TOKEN_REFUSED = "api.token_refused"
    REFERENCE_FIGURES_VIEWED = "api.reference_figures_viewed"
    TIPS_LISTED = "api.tips_listed"
    WORKSHOPS_LISTED = "api.workshops_listed"
    PARTICIPANTS_LISTED = "api.participants_listed"
    PERSON_VIEWED = "api.person_viewed"
