"""A trafficking case of an NGO-like agency, shared with the police, investigated, sent to the Director of
Public Prosecutions and prosecuted: made through the services, as staff would."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.cases import services as case_services
from harbourline.cases.tests.factories import make_case

from .. import services

DAY = datetime.date(2026, 3, 2)


def justice_world(owner: Agency | None = None, *, convict: bool = True) -> dict[str, Any]:
    owner = owner or AgencyFactory.create(name="Human Services (justice test)")
    police = AgencyFactory.create(name="Police (justice test)", agency_type="police")
    dpp = AgencyFactory.create(name="DPP (justice test)")
    supervisor = make_user([Role.SUPERVISOR], agency=owner)
    case = make_case(supervisor)
    case_services.case_share_grant(
        actor=supervisor,
        case=case,
        agency=police,
        sections=["case", "identity", "justice"],
        reason="Police investigation",
        override_reason="Reported to the police with the victim's agreement",
    )
    officer = make_user([Role.POLICE_INVESTIGATOR], agency=police)
    prosecutor = make_user([Role.PROSECUTOR], agency=dpp)
    investigation = services.investigation_open(
        actor=officer, case=case, opened_on=DAY, offences=["cta_trafficking_adult"], reference="CID 12/26"
    )
    suspect = services.suspect_add(
        actor=officer,
        investigation=investigation,
        given_names="Rupert",
        family_name="Alexander",
        date_of_birth=datetime.date(1975, 6, 1),
        document_number="LC 998877",
        sex="Masculine",
        age_band="48+",
        nationality="LC",
        roles=["RecruiterOrIntermediary", "Exploiter"],
        relationship_to_victim="Acquainted",
    )
    services.investigation_refer(actor=officer, investigation=investigation, agency=dpp, referred_on=DAY)
    prosecution = services.prosecution_open(
        actor=prosecutor, investigation=investigation, court="high_court", filed_on=datetime.date(2026, 3, 10)
    )
    charge = services.charge_add(
        actor=prosecutor,
        prosecution=prosecution,
        defendant=suspect,
        offence="cta_trafficking_adult",
        section="s. 8(1)",
        filed_on=datetime.date(2026, 3, 10),
    )
    if convict:
        charge = services.charge_outcome(
            actor=prosecutor,
            charge=charge,
            outcome="convicted",
            outcome_on=datetime.date(2026, 3, 20),
            custody_months=60,
            restitution_ordered=Decimal("5000"),
            restitution_paid=Decimal("1000"),
        )
    witness = services.witness_support_save(
        actor=prosecutor,
        prosecution=prosecution,
        case=case,
        requested=["video_link", "support_person"],
        granted=["video_link"],
        informed=True,
        informed_on=datetime.date(2026, 3, 11),
    )
    investigation.refresh_from_db()
    return {
        "owner": owner,
        "police": police,
        "dpp": dpp,
        "supervisor": supervisor,
        "officer": officer,
        "prosecutor": prosecutor,
        "case": case,
        "investigation": investigation,
        "suspect": suspect,
        "prosecution": prosecution,
        "charge": charge,
        "witness": witness,
    }
