"""A sending agency with a case, a receiving agency with services, and a third agency."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

from PIL import Image

from harbourline.accounts.models import Agency, User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.cases import services as case_services
from harbourline.cases.models import Attachment, Case, Consent, PlanItem
from harbourline.cases.tests.factories import make_case

from .. import services
from ..models import Referral, ServiceEntry

TODAY = datetime.date(2026, 3, 20)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, format="PNG")
    return out.getvalue()


@dataclass
class Network:
    sender_agency: Agency
    receiver_agency: Agency
    third_agency: Agency
    supervisor: User  # sender
    case_manager: User  # sender
    provider: User  # receiver, service provider
    receiver_supervisor: User
    third: User
    coordinator: User
    case: Case
    consent: Consent
    item: PlanItem
    attachment: Attachment
    shelter: ServiceEntry
    counselling: ServiceEntry

    def refer(self, **kwargs: Any) -> Referral:
        defaults: dict[str, Any] = {
            "actor": self.case_manager,
            "case": self.case,
            "to_agency": self.receiver_agency,
            "services": [self.shelter],
            "plan_item": self.item,
            "message": "Needs a bed tonight.",
        }
        return services.referral_send(**{**defaults, **kwargs})


def make_network() -> Network:
    sender = AgencyFactory.create(name="Human Services (test)")
    receiver = AgencyFactory.create(name="Shelter (test)")
    third = AgencyFactory.create(name="Far agency (test)")
    supervisor = make_user([Role.SUPERVISOR], agency=sender)
    case_manager = make_user([Role.CASE_MANAGER], agency=sender)
    provider = make_user([Role.SERVICE_PROVIDER], agency=receiver)
    provider.email = "provider@example.org"
    provider.save(update_fields=["email"])
    receiver_supervisor = make_user([Role.SUPERVISOR, Role.SERVICE_PROVIDER], agency=receiver)
    case = make_case(supervisor)
    consent = case_services.consent_record(
        actor=supervisor, case=case, purpose="sharing", agency=receiver, given_on=TODAY, method="written"
    )
    item = case_services.plan_item_save(actor=supervisor, case=case, category="shelter")
    attachment = case_services.attachment_add(
        actor=supervisor, case=case, kind="other", filename="letter.png", data=png()
    )
    shelter = services.directory_entry_save(
        actor=receiver_supervisor,
        category="shelter",
        name="Safe house",
        districts=["LC-02"],
        languages=["en", "es"],
        hours="24 hours",
        phone="+1 758 555 0100",
        capacity_total=8,
        capacity_free=3,
        is_public=True,
    )
    counselling = services.directory_entry_save(
        actor=receiver_supervisor, category="counselling", name="Counselling room", is_public=False
    )
    case.refresh_from_db()
    return Network(
        sender_agency=sender,
        receiver_agency=receiver,
        third_agency=third,
        supervisor=supervisor,
        case_manager=case_manager,
        provider=provider,
        receiver_supervisor=receiver_supervisor,
        third=make_user([Role.SUPERVISOR, Role.SERVICE_PROVIDER], agency=third),
        coordinator=make_user([Role.NATIONAL_COORDINATOR], agency=AgencyFactory.create(name="NCC (test)")),
        case=case,
        consent=consent,
        item=item,
        attachment=attachment,
        shelter=shelter,
        counselling=counselling,
    )
