from harbourline.audit.actions import AuditAction


class JobAction(AuditAction):
    STARTED = "job.started"
    FILE_DOWNLOADED = "job.file_downloaded"
    SCHEDULED_RUN = "job.scheduled_run"
