"""Every write of the training app. Keyword-only arguments, actor first, atomic, audited."""

from .certificates import certificate_reissue, certificate_revoke, certificates_issue, trainer_set_status
from .curriculum import curriculum_rule_save, material_upload, module_save, question_save
from .people import (
    attendance_record,
    participant_register,
    participant_update,
    participants_bulk_register,
    registration_set_status,
)
from .testing import (
    evaluation_submit,
    follow_up_answer,
    follow_ups_create,
    pin_check,
    test_build,
    test_submit,
    workshop_open_form,
)
from .workshops import session_add, workshop_create, workshop_set_status, workshop_update

__all__ = [
    "attendance_record",
    "certificate_reissue",
    "certificate_revoke",
    "certificates_issue",
    "curriculum_rule_save",
    "evaluation_submit",
    "follow_up_answer",
    "follow_ups_create",
    "material_upload",
    "module_save",
    "participant_register",
    "participant_update",
    "participants_bulk_register",
    "pin_check",
    "question_save",
    "registration_set_status",
    "session_add",
    "test_build",
    "test_submit",
    "trainer_set_status",
    "workshop_create",
    "workshop_open_form",
    "workshop_set_status",
    "workshop_update",
]
