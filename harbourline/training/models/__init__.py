"""Training programme: curriculum, workshops, participants, tests, evaluations and certificates."""

from .curriculum import MaterialVersion, Module, Question, Sector
from .people import Attendance, AttendanceStatus, Participant, Registration, RegistrationStatus, Sex
from .results import (
    Certificate,
    CertificateStatus,
    Evaluation,
    FollowUp,
    TestAttempt,
    TestItem,
    TestKind,
    TrainerProfile,
    TrainerStatus,
)
from .workshops import (
    CurriculumRule,
    OpenForm,
    Session,
    Workshop,
    WorkshopStatus,
    WorkshopTrainer,
    WorkshopType,
)

__all__ = [
    "Attendance",
    "AttendanceStatus",
    "Certificate",
    "CertificateStatus",
    "CurriculumRule",
    "Evaluation",
    "FollowUp",
    "MaterialVersion",
    "Module",
    "OpenForm",
    "Participant",
    "Question",
    "Registration",
    "RegistrationStatus",
    "Sector",
    "Session",
    "Sex",
    "TestAttempt",
    "TestItem",
    "TestKind",
    "TrainerProfile",
    "TrainerStatus",
    "Workshop",
    "WorkshopStatus",
    "WorkshopTrainer",
    "WorkshopType",
]
