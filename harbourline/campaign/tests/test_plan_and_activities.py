from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent

from .. import services
from ..models import Activity, Audience, Campaign, Channel
from .factories import make_activity, make_campaign, officer

pytestmark = pytest.mark.django_db

PLAN = {
    "name": "Know the signs 2026",
    "objectives": "More people can name three signs.",
    "audiences": [Audience.YOUTH, Audience.MIGRANTS],
    "districts": ["LC-11", "LC-02"],
    "languages": ["en", "acf"],
    "partners": "Ministry of Education\nHelen FM",
    "budget": Decimal("25000.50"),
    "start_date": datetime.date(2026, 3, 1),
    "end_date": datetime.date(2026, 8, 31),
}


def _date(prefix: str, day: datetime.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_the_officer_plans_a_campaign_with_a_phase_and_it_is_audited() -> None:
    user = officer()
    campaign = services.campaign_create(actor=user, **PLAN)
    assert campaign.budget == Decimal("25000.50")
    assert campaign.partner_list() == ["Ministry of Education", "Helen FM"]
    phase = services.phase_save(
        actor=user,
        campaign=campaign,
        name="Launch",
        objectives="",
        audiences=[Audience.YOUTH],
        districts=["LC-11"],
        budget=Decimal("5000"),
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 4, 30),
    )
    assert phase.campaign == campaign
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "campaign.created" in actions and "campaign.phase_saved" in actions


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"districts": ["LC-99"]}, "districts"),
        ({"audiences": ["aliens"]}, "audiences"),
        ({"languages": ["fr"]}, "languages"),
        ({"end_date": datetime.date(2026, 2, 1)}, "end_date"),
        ({"budget": Decimal("-1")}, "budget"),
        ({"audiences": []}, "audiences"),
    ],
)
def test_a_bad_plan_is_refused_and_nothing_saved(change: dict, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.campaign_create(actor=officer(), **{**PLAN, **change})
    assert field in exc.value.message_dict
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("role", [Role.NATIONAL_COORDINATOR, Role.ANALYST, Role.TRAINER, Role.CASE_MANAGER])
def test_only_the_campaign_officer_changes_the_plan(role: Role) -> None:
    campaign = make_campaign()
    before = Campaign.objects.values().get(pk=campaign.pk)
    user = make_user([role])
    with pytest.raises(PermissionDenied):
        services.campaign_update(actor=user, campaign=campaign, budget=Decimal("1"))
    with pytest.raises(PermissionDenied):
        services.activity_record(
            actor=user,
            campaign=campaign,
            channel=Channel.EVENT,
            title="x",
            date=campaign.start_date,
            audience=Audience.YOUTH,
        )
    assert Campaign.objects.values().get(pk=campaign.pk) == before
    assert not Activity.objects.exists()


def test_an_activity_outside_the_campaign_dates_or_in_an_unknown_district_is_refused() -> None:
    campaign = make_campaign()
    base = {
        "channel": Channel.EVENT,
        "title": "Market day",
        "audience": Audience.GENERAL_PUBLIC,
        "district": "LC-02",
        "date": datetime.date(2026, 4, 1),
    }
    with pytest.raises(ValidationError) as exc:
        services.activity_record(
            actor=campaign.created_by, campaign=campaign, **{**base, "date": datetime.date(2027, 1, 1)}
        )
    assert "date" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.activity_record(actor=campaign.created_by, campaign=campaign, **{**base, "district": "XX"})
    assert not Activity.objects.exists()


def test_the_pages_plan_a_campaign_and_record_an_activity_with_materials() -> None:
    from harbourline.public.models import Material

    material = Material.objects.create(title="Signs leaflet", language="acf", kind="leaflet", file="x.pdf")
    user = officer()
    client = sign_in(Client(), user)
    data = {
        "name": "Schools 2026",
        "objectives": "Students know the hotline.",
        "audiences": ["youth"],
        "languages": ["en", "acf"],
        "partners": "",
        "budget": "12000",
        **_date("start_date", datetime.date(2026, 3, 1)),
        **_date("end_date", datetime.date(2026, 7, 31)),
    }
    response = client.post(reverse("campaign:campaign_create"), data)
    assert response.status_code == 302, response.content.decode()[:4000]
    campaign = Campaign.objects.get()
    response = client.post(
        reverse("campaign:activity_create", args=[campaign.pk]),
        {
            "channel": "school_talk",
            "title": "Form 4 talk",
            **_date("date", datetime.date(2026, 3, 12)),
            "district": "LC-11",
            "audience": "youth",
            "estimated_reach": "120",
            "counted_reach": "112",
            "partner": "Ministry of Education",
            "cost": "150.00",
            "materials": [str(material.pk)],
            "materials_distributed": "112",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get()
    assert activity.reach == 112 and list(activity.materials.all()) == [material]
    page = client.get(reverse("campaign:campaign", args=[campaign.pk])).content.decode()
    assert "Form 4 talk" in page and "Signs leaflet" in page and "XCD 150.00" in page


def test_the_coordinator_reads_but_cannot_open_the_forms() -> None:
    campaign = make_campaign()
    make_activity(campaign)
    client = sign_in(Client(), make_user([Role.NATIONAL_COORDINATOR]))
    assert client.get(reverse("campaign:campaign", args=[campaign.pk])).status_code == 200
    assert client.get(reverse("campaign:reach", args=[campaign.pk])).status_code == 200
    assert client.get(reverse("campaign:activity_create", args=[campaign.pk])).status_code == 403
    trainer = sign_in(Client(), make_user([Role.TRAINER]))
    assert trainer.get(reverse("campaign:campaign", args=[campaign.pk])).status_code == 403
