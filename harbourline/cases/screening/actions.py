from harbourline.audit.actions import AuditAction


class ScreeningAction(AuditAction):
    SCREENING_STARTED = "screening.started"
    SCREENING_SAVED = "screening.saved"
    SCREENING_COMPLETED = "screening.completed"
    SCREENING_VIEWED = "screening.viewed"
    SCREENING_PRINTED = "screening.printed"
    INSTRUMENT_LOADED = "screening.instrument_loaded"
    INSTRUMENT_DRAFTED = "screening.instrument_drafted"
    INSTRUMENT_CHANGED = "screening.instrument_changed"
    INSTRUMENT_ACTIVATED = "screening.instrument_activated"
