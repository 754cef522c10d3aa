"""Code lists of the criminal-justice track (HTCDS 2.0 perpetrator context where HTCDS has one)."""

from __future__ import annotations

from django.db import models


class Offence(models.TextChoices):
    """Offences charged. The Counter-Trafficking Act 2010 (as amended 2021) sets a higher penalty where the
    victim is a child; the section number of each charge is recorded on the charge as filed."""

    CTA_TRAFFICKING_ADULT = (
        "cta_trafficking_adult",
        "Trafficking in persons, adult victim (Counter-Trafficking Act)",
    )
    CTA_TRAFFICKING_CHILD = (
        "cta_trafficking_child",
        "Trafficking in persons, child victim (Counter-Trafficking Act)",
    )
    CTA_OTHER = "cta_other", "Other offence under the Counter-Trafficking Act"
    OTHER_LAW = "other_law", "Offence under another law"


ACT_OFFENCES = (Offence.CTA_TRAFFICKING_ADULT, Offence.CTA_TRAFFICKING_CHILD, Offence.CTA_OTHER)


class InvestigationStatus(models.TextChoices):
    OPEN = "open", "Open"
    REFERRED = "referred", "File sent for prosecution"
    CLOSED = "closed", "Closed"


class InvestigationClosure(models.TextChoices):
    CHARGED = "charged", "Charges filed"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", "Not enough evidence"
    NO_OFFENCE = "no_offence", "No offence found"
    SUSPECT_NOT_FOUND = "suspect_not_found", "Suspect not found or left the country"
    VICTIM_WITHDREW = "victim_withdrew", "Victim did not wish to proceed"
    OTHER = "other", "Other reason"


class RoleInProcess(models.TextChoices):
    """HTCDS per_RoleInProcess."""

    TRAVELLING_PARTNER = "TravellingPartner", "Travelling partner"
    TRANSPORTER = "Transporter", "Transporter"
    RECRUITER = "RecruiterOrIntermediary", "Recruiter or intermediary"
    BROKER = "BrokerTravelAgent", "Broker or travel agent"
    TRANSFERRED = "TransferredIndividual", "Transferred the person"
    HARBOURED = "HarbouredIndividual", "Harboured the person"
    SOLD = "SoldIndividual", "Sold the person"
    BOUGHT = "BoughtIndividual", "Bought the person"
    RECEIVED = "ReceivedIndividual", "Received the person"
    CONTROLLED = "ControlledIndividual", "Controlled the person"
    SMUGGLER = "Smuggler", "Smuggler"
    ABUSER = "Abuser", "Abuser"
    KIDNAPPER = "Kidnapper", "Kidnapper"
    EXPLOITER = "Exploiter", "Exploiter"
    OTHER = "Other", "Other"


class RelationshipToVictim(models.TextChoices):
    """HTCDS vic_RelationshipToTrafficker, seen from the suspect."""

    FAMILIAL = "Familial", "Family member"
    ACQUAINTED = "Acquainted", "Known to the victim"
    UNACQUAINTED = "Unaquainted", "Not known to the victim"
    UNKNOWN = "", "Not known"


class Court(models.TextChoices):
    MAGISTRATE = "magistrate", "Magistrate's Court"
    HIGH_COURT = "high_court", "High Court (Criminal Division)"
    COURT_OF_APPEAL = "court_of_appeal", "Eastern Caribbean Court of Appeal"


class ProsecutionStatus(models.TextChoices):
    FILED = "filed", "Charges filed"
    TRIAL = "trial", "At trial"
    CONCLUDED = "concluded", "Concluded"


class ChargeOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    CONVICTED = "convicted", "Convicted after trial"
    PLEA = "plea", "Guilty plea"
    ACQUITTED = "acquitted", "Acquitted"
    WITHDRAWN = "withdrawn", "Withdrawn or discontinued"


CONVICTIONS = (ChargeOutcome.CONVICTED, ChargeOutcome.PLEA)


class SupportMeasure(models.TextChoices):
    IN_CAMERA = "in_camera", "Hearing in camera (closed court)"
    VIDEO_LINK = "video_link", "Evidence by video link"
    SCREEN = "screen", "Screen in the courtroom"
    SUPPORT_PERSON = "support_person", "Support person present"
    PROTECTION = "protection", "Witness protection"
