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
    "ChildProtectionReferral",
    "IdentificationReview",
    "NonPunishmentDecision",
    "PersonCharge",
    "ReintegrationContact",
    "Repatriation",
    "VictimInformation",
    "Attachment",
    "Case",
    "CaseEvent",
    "CaseSequence",
    "CaseShare",
    "Consent",
    "Dependant",
    "HealthRecord",
    "IdentificationDecision",
    "Note",
    "Person",
    "PersonNameIndex",
    "PlanItem",
    "RiskAssessment",
    "Task",
]
