from harbourline.audit.actions import AuditAction


class ReferenceAction(AuditAction):
    DATASET_IMPORTED = "reference.dataset_imported"
