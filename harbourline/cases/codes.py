"""Code lists of case data, aligned with HTCDS 2.0 (case management) and CTDC (statistics).

Values are the HTCDS/CTDC codes where one exists, so exports need no re-keying; labels are plain words.
"""

from django.db import models


class IntakeSource(models.TextChoices):
    TIP_LINE = "tip_line", "Tip line"
    POLICE_OPERATION = "police_operation", "Police operation"
    SELF_REFERRAL = "self_referral", "Self-referral"
    NGO = "ngo", "NGO"
    HEALTH_FACILITY = "health_facility", "Health facility"
    LABOUR_INSPECTION = "labour_inspection", "Labour inspection"
    IMMIGRATION = "immigration", "Immigration"
    DIPLOMATIC_MISSION = "diplomatic_mission", "Diplomatic mission"
    FOREIGN_GOVERNMENT = "foreign_government", "Foreign government"


class CaseStatus(models.TextChoices):
    INTAKE = "intake", "Intake"
    SCREENING = "screening", "Screening"
    PRESUMED_VICTIM = "presumed_victim", "Presumed victim"
    NOT_A_VICTIM = "not_a_victim", "Not a victim"
    IDENTIFIED = "identified", "Identified victim"
    ASSISTANCE = "assistance", "Assistance"
    CLOSED = "closed", "Closed"


class ClosureReason(models.TextChoices):
    REINTEGRATED = "reintegrated", "Reintegrated"
    RETURNED = "returned", "Returned to country of origin"
    TRANSFERRED = "transferred", "Transferred to another agency or country"
    LOST_CONTACT = "lost_contact", "Lost contact"
    DECLINED = "declined", "Declined assistance"
    DECEASED = "deceased", "Deceased"
    NOT_A_VICTIM = "not_a_victim", "Not a victim (referred onward)"
    OTHER = "other", "Other"


class Gender(models.TextChoices):
    """HTCDS prs_Gender."""

    FEMININE = "Feminine", "Female"
    MASCULINE = "Masculine", "Male"
    TRANSGENDER_FEMININE = "TransgenderFeminine", "Transgender female"
    TRANSGENDER_MASCULINE = "TransgenderMasculine", "Transgender male"
    NON_CONFORMING = "NonConforming", "Non-conforming"
    UNKNOWN = "NonSpecifiedUnknown", "Not specified or unknown"


class AgeBand(models.TextChoices):
    """CTDC ageBroad, at identification (or at intake until then)."""

    A0_8 = "0--8", "0-8"
    A9_17 = "9--17", "9-17"
    A18_20 = "18--20", "18-20"
    A21_23 = "21--23", "21-23"
    A24_26 = "24--26", "24-26"
    A27_29 = "27--29", "27-29"
    A30_38 = "30--38", "30-38"
    A39_47 = "39--47", "39-47"
    A48 = "48+", "48 and over"
    UNKNOWN = "unknown", "Unknown"


AGE_BAND_LIMITS = [
    (8, AgeBand.A0_8),
    (17, AgeBand.A9_17),
    (20, AgeBand.A18_20),
    (23, AgeBand.A21_23),
    (26, AgeBand.A24_26),
    (29, AgeBand.A27_29),
    (38, AgeBand.A30_38),
    (47, AgeBand.A39_47),
]


def age_band(age: int | None) -> str:
    if age is None or age < 0:
        return AgeBand.UNKNOWN
    for upper, band in AGE_BAND_LIMITS:
        if age <= upper:
            return band
    return AgeBand.A48


class ExploitationForm(models.TextChoices):
    """CTDC is* flags / HTCDS vic_TypeOfExploitation."""

    SEXUAL = "SexualExploitation", "Sexual exploitation"
    FORCED_LABOUR = "ForcedLabour", "Forced labour"
    FORCED_CRIMINALITY = "ForcedCriminality", "Forced criminality"
    FORCED_MARRIAGE = "ForcedMarriage", "Forced marriage"
    ORGAN_REMOVAL = "OrganRemoval", "Organ removal"
    OTHER = "Other", "Other"


class LabourIndustry(models.TextChoices):
    """CTDC typeOfLabour* (ISIC Rev.4)."""

    AGRICULTURE = "Agriculture", "Agriculture, farms, animal husbandry"
    AQUAFARMING = "Aquafarming", "Aquafarming, fishing"
    BEGGING = "Begging", "Begging"
    CONSTRUCTION = "Construction", "Construction"
    DOMESTIC_WORK = "DomesticWork", "Domestic work"
    HOSPITALITY = "Hospitality", "Hospitality, restaurants, hotels"
    ILLICIT = "IllicitActivities", "Illicit activities"
    MANUFACTURING = "Manufacturing", "Manufacturing"
    MINING = "MiningOrDrilling", "Mining, quarrying"
    PEDDLING = "Peddling", "Street selling"
    TRANSPORTATION = "Transportation", "Transportation"
    OTHER = "Other", "Other"


class SexExploitationType(models.TextChoices):
    PROSTITUTION = "Prostitution", "Prostitution"
    PORNOGRAPHY = "Pornography", "Pornography"
    REMOTE = "RemoteInteractiveServices", "Remote interactive services"
    PRIVATE = "PrivateSexualServices", "Private sexual services"


class MeansOfControl(models.TextChoices):
    """CTDC meansOfControl* / HTCDS vic_MethodsOfControl."""

    DEBT_BONDAGE = "DebtBondage", "Debt bondage"
    TAKES_EARNINGS = "TakesEarnings", "Takes or withholds earnings"
    RESTRICTS_FINANCIAL_ACCESS = "RestrictsFinancialAccess", "Restricts access to finances"
    THREATS = "Threats", "Threats to the person or others"
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", "Psychological abuse"
    PHYSICAL_ABUSE = "PhysicalAbuse", "Physical abuse"
    SEXUAL_ABUSE = "SexualAbuse", "Sexual abuse"
    FALSE_PROMISES = "FalsePromises", "False promises or deception"
    PSYCHOACTIVE_SUBSTANCES = "PsychoactiveSubstances", "Use of drugs or alcohol"
    RESTRICTS_MOVEMENT = "RestrictsMovement", "Restricts movement, isolation"
    RESTRICTS_MEDICAL_CARE = "RestrictsMedicalCare", "Restricts medical care"
    EXCESSIVE_WORKING_HOURS = "ExcessiveWorkingHours", "Excessive working hours"
    USES_CHILDREN = "UsesChildren", "Restricts access to or uses children"
    THREAT_OF_LAW_ENFORCEMENT = "ThreatOfLawEnforcement", "Threat of action by authorities"
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", "Withholds basic necessities"
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", "Withholds or destroys documents"
    OTHER = "Other", "Other"


class RecruiterRelation(models.TextChoices):
    INTIMATE_PARTNER = "IntimatePartner", "Intimate partner"
    FRIEND = "Friend", "Friend or acquaintance"
    FAMILY = "Family", "Family member or relative"
    OTHER = "Other", "Other (employer, broker, smuggler)"
    UNKNOWN = "Unknown", "Unknown"


class RecruitmentType(models.TextChoices):
    JOB_OFFER = "job_offer", "Job offer or advertisement"
    PERSONAL_CONTACT = "personal_contact", "Personal contact"
    ONLINE = "online", "Online or social media"
    ABDUCTION = "abduction", "Abduction"
    FAMILY_ARRANGEMENT = "family", "Arranged by family"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class ConsentPurpose(models.TextChoices):
    ASSISTANCE = "assistance", "Assistance and services"
    SHARING = "sharing", "Sharing with named agencies"
    STATISTICS = "statistics", "Statistics and research (anonymised)"
    CONTACT = "contact", "Being contacted"


class ConsentMethod(models.TextChoices):
    IN_PERSON_WRITTEN = "written", "In person, written"
    IN_PERSON_ORAL = "oral", "In person, oral"
    WITH_INTERPRETER = "interpreter", "With an interpreter"
    BY_GUARDIAN = "guardian", "By a guardian (child)"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    IMMEDIATE = "immediate", "Immediate danger"


IMMEDIATE_NEEDS = [
    ("safe_shelter", "Safe shelter tonight"),
    ("medical", "Urgent medical care"),
    ("food_clothing", "Food, clothing, hygiene"),
    ("interpreter", "An interpreter"),
    ("protection", "Police protection"),
    ("child_protection", "Child protection services"),
    ("contact_family", "Contact with family"),
    ("consular", "Consular assistance"),
]


class ResidenceStatus(models.TextChoices):
    CITIZEN = "citizen", "Citizen of Saint Lucia"
    LAWFUL_RESIDENT = "lawful", "Lawful resident"
    TEMPORARY_PERMIT = "temporary", "Temporary permit as a victim"
    PENDING = "pending", "Application pending"
    IRREGULAR = "irregular", "No valid status"
    UNKNOWN = "unknown", "Unknown"


class ShareBasis(models.TextChoices):
    """What a share of case sections rests on. Referrals and transfers add their own basis."""

    CONSENT = "consent", "The person's consent"
    OVERRIDE = "override", "A supervisor's override, with a reason"
    JOINT_INTAKE = "joint_intake", "Joint intake from a tip (case section only)"
    REFERRAL = "referral", "A referral for services, with the person's consent"
    TRANSFER = "transfer", "A transfer of the case awaiting the receiving agency's answer (case section only)"


class CaseSection(models.TextChoices):
    """Parts of a case that a share can open to a partner agency."""

    IDENTITY = "identity", "Identity and contact"
    CASE = "case", "Case facts and exploitation"
    SCREENING = "screening", "Screening"
    PLAN = "plan", "Case plan and services"
    NOTES = "notes", "Notes"
    HEALTH = "health", "Health and psychosocial"
    JUSTICE = "justice", "Criminal justice"
