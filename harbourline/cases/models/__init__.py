from .care import Attachment, HealthRecord, Note, PlanItem, RiskAssessment, Task
from .case import Case, CaseEvent, CaseSequence, CaseShare, Consent, IdentificationDecision
from .person import Dependant, Person, PersonNameIndex

__all__ = [
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
