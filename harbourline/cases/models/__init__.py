from .care import Attachment, HealthRecord, Note, PlanItem, RiskAssessment, Task
from .case import Case, CaseEvent, CaseSequence, CaseShare, Consent, IdentificationDecision
from .person import Dependant, Person, PersonNameIndex
from .protection import (
    Accommodation,
    ChildProtectionReferral,
    IdentificationReview,
    NonPunishmentDecision,
    PersonCharge,
    ReintegrationContact,
    Repatriation,
    VictimInformation,
)

__all__ = [
    "Accommodation",
    "Attachment",
    "Case",
    "CaseEvent",
    "CaseSequence",
    "CaseShare",
    "ChildProtectionReferral",
    "Consent",
    "Dependant",
    "HealthRecord",
    "IdentificationDecision",
    "IdentificationReview",
    "NonPunishmentDecision",
    "Note",
    "Person",
    "PersonCharge",
    "PersonNameIndex",
    "PlanItem",
    "ReintegrationContact",
    "Repatriation",
    "RiskAssessment",
    "Task",
    "VictimInformation",
]
