"""Every write to cases. Atomic, actor first, audited in the same transaction."""

from .care import (
    attachment_add,
    attachment_read,
    health_update,
    note_add,
    plan_item_save,
    protection_update,
    risk_assess,
    task_done,
    task_save,
)
from .common import StaleEdit, refusal_record
from .intake import case_create, case_intake_create, case_update, dependant_add, person_update
from .lifecycle import case_close, case_transition, identification_decide
from .ownership import case_assign, cases_reassign
from .protection import (
    accommodation_record,
    child_protection_refer,
    identification_review_record,
    non_punishment_decide,
    person_charge_record,
    reintegration_contact_record,
    repatriation_record,
    victim_information_record,
)
from .retention import case_purge, purge_expired
from .sharing import case_share_grant, case_share_revoke, consent_allows, consent_record, consent_withdraw

__all__ = [
    "StaleEdit",
    "accommodation_record",
    "attachment_add",
    "attachment_read",
    "case_assign",
    "case_close",
    "case_create",
    "case_intake_create",
    "case_purge",
    "case_share_grant",
    "case_share_revoke",
    "case_transition",
    "case_update",
    "cases_reassign",
    "child_protection_refer",
    "consent_allows",
    "consent_record",
    "consent_withdraw",
    "dependant_add",
    "health_update",
    "identification_decide",
    "identification_review_record",
    "non_punishment_decide",
    "note_add",
    "person_charge_record",
    "person_update",
    "plan_item_save",
    "protection_update",
    "purge_expired",
    "refusal_record",
    "reintegration_contact_record",
    "repatriation_record",
    "risk_assess",
    "task_done",
    "task_save",
    "victim_information_record",
]
