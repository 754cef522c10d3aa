"""Every case view, for four personas: anonymous, another agency, a wrong role, the right role."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.core.tests.snapshot import database_values

from .. import services
from ..models import Attachment, Case
from .factories import make_case

pytestmark = pytest.mark.django_db


def counts() -> dict[str, Any]:
    """Every value of every row of the case apps (a refusal must change none)."""
    values = database_values()
    return {label: rows for label, rows in values.items() if label.split(".")[0] in {"cases", "screening"}}


@pytest.fixture
def world(agency: Any, other_agency: Any) -> dict[str, Any]:
    supervisor = make_user([Role.SUPERVISOR], agency=agency, username="sup")
    case = make_case(supervisor)
    plan_item = services.plan_item_save(actor=supervisor, case=case, category="medical", status="planned")
    task = services.task_save(actor=supervisor, case=case, title="Visit", due_on=datetime.date(2026, 3, 10))
    consent = services.consent_record(
        actor=supervisor, case=case, purpose="assistance", given_on=datetime.date(2026, 3, 3), method="oral"
    )
    share = services.case_share_grant(
        actor=supervisor,
        case=case,
        agency=other_agency,
        sections=["case"],
        reason="r",
        override_reason="urgent",
    )
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, format="PNG")
    attachment = services.attachment_add(
        actor=supervisor, case=case, kind="photo", filename="p.png", data=png.getvalue()
    )
    return {
        "supervisor": supervisor,
        "case": case,
        "item": plan_item,
        "task": task,
        "consent": consent,
        "share": share,
        "attachment": attachment,
        "agency": agency,
        "other": other_agency,
    }


# (url name, extra kwargs builder, method, the role that may, a role that may not)
VIEWS = [
    ("detail", {}, "get", Role.CASE_MANAGER, Role.TRIAGE_OFFICER),
    ("identity", {}, "get", Role.CASE_MANAGER, Role.SERVICE_PROVIDER),
    ("person_edit", {}, "get", Role.CASE_MANAGER, Role.SERVICE_PROVIDER),
    ("dependants", {}, "get", Role.CASE_MANAGER, Role.SERVICE_PROVIDER),
    ("edit", {}, "get", Role.CASE_MANAGER, Role.ANALYST),
    ("print", {}, "get", Role.CASE_MANAGER, Role.TRAINER),
    ("transition", {"name": "start_screening"}, "get", Role.CASE_MANAGER, Role.HEALTH_PROVIDER),
    ("decision", {}, "get", Role.SUPERVISOR, Role.CASE_MANAGER),
    ("close", {}, "get", Role.SUPERVISOR, Role.CASE_MANAGER),
    ("consent", {}, "get", Role.CASE_MANAGER, Role.SERVICE_PROVIDER),
    ("consent_withdraw", {"consent_id": "consent"}, "post", Role.CASE_MANAGER, Role.HEALTH_PROVIDER),
    ("share", {}, "get", Role.CASE_MANAGER, Role.POLICE_INVESTIGATOR),
    ("share_revoke", {"share_id": "share"}, "post", Role.CASE_MANAGER, Role.HEALTH_PROVIDER),
    ("risk", {}, "get", Role.CASE_MANAGER, Role.HEALTH_PROVIDER),
    ("protection", {}, "get", Role.CASE_MANAGER, Role.HEALTH_PROVIDER),
    ("health", {}, "get", Role.HEALTH_PROVIDER, Role.CASE_MANAGER),
    ("plan", {}, "get", Role.CASE_MANAGER, Role.TRIAGE_OFFICER),
    ("plan_item", {"item_id": "item"}, "get", Role.CASE_MANAGER, Role.ANALYST),
    ("task_add", {}, "post", Role.CASE_MANAGER, Role.HEALTH_PROVIDER),
    ("task_done", {"task_id": "task"}, "post", Role.CASE_MANAGER, Role.HEALTH_PROVIDER),
    ("notes", {}, "get", Role.CASE_MANAGER, Role.TRIAGE_OFFICER),
    ("attachments", {}, "get", Role.CASE_MANAGER, Role.TRIAGE_OFFICER),
    ("attachment", {"attachment_id": "attachment"}, "get", Role.CASE_MANAGER, Role.TRIAGE_OFFICER),
]


def _url(world: dict[str, Any], name: str, extra: dict[str, str]) -> str:
    from django.urls import reverse

    kwargs = {"case_id": world["case"].pk}
    for key, value in extra.items():
        kwargs[key] = world[value].pk if value in world else value
    return reverse(f"cases:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name,extra,method,right,wrong", VIEWS, ids=[v[0] for v in VIEWS])
def test_case_view_personas(
    world: dict[str, Any], name: str, extra: dict[str, str], method: str, right: Role, wrong: Role
) -> None:
    url = _url(world, name, extra)
    before = counts()
    assert getattr(Client(), method)(url).status_code == 302  # anonymous: to the login page
    outsider = sign_in(Client(), make_user([right], agency=make_user([]).agency))
    assert getattr(outsider, method)(url).status_code == 404  # another agency, no share: not found
    assert AuditEvent.objects.filter(action="access.denied", object_id=str(world["case"].pk)).exists()
    wrong_role = sign_in(Client(), make_user([wrong], agency=world["agency"]))
    assert getattr(wrong_role, method)(url).status_code in {403, 404}
    assert counts() == before  # refusals changed nothing
    allowed = sign_in(Client(), make_user([right], agency=world["agency"]))
    response = getattr(allowed, method)(url)
    assert response.status_code in {200, 302}, response.status_code
    if method == "get" and name != "attachment":
        assert "no-store" in response["Cache-Control"]


def test_a_partner_agency_sees_only_the_shared_sections(world: dict[str, Any]) -> None:
    partner = sign_in(Client(), make_user([Role.CASE_MANAGER], agency=world["other"]))
    case = world["case"]
    assert partner.get(f"/cases/{case.pk}/").status_code == 200
    assert partner.get(f"/cases/{case.pk}/identity/").status_code == 403  # identity not shared
    assert b"Show full identity" not in partner.get(f"/cases/{case.pk}/").content
    services.case_share_revoke(actor=world["supervisor"], share=world["share"], reason="done")
    assert partner.get(f"/cases/{case.pk}/").status_code == 404


def test_health_fields_never_reach_someone_without_the_health_permission(world: dict[str, Any]) -> None:
    case = world["case"]
    health = make_user([Role.HEALTH_PROVIDER], agency=world["agency"])
    services.health_update(actor=health, case=case, version=1, medical_notes="Marker-TB-positive")
    manager = sign_in(Client(), make_user([Role.CASE_MANAGER], agency=world["agency"]))
    for path in ("", "print/", "notes/", "plan/", "identity/"):
        assert b"Marker-TB-positive" not in manager.get(f"/cases/{case.pk}/{path}").content
    assert b"Marker-TB-positive" in sign_in(Client(), health).get(f"/cases/{case.pk}/health/").content
    assert all("Marker-TB" not in str(e.details) for e in AuditEvent.objects.all())


def test_showing_the_identity_is_one_deliberate_audited_click(world: dict[str, Any]) -> None:
    case = world["case"]
    manager = sign_in(Client(), make_user([Role.CASE_MANAGER], agency=world["agency"]))
    listing = manager.get("/cases/").content
    assert b"Jn Baptiste" not in listing and b"MJ" in listing
    row = listing.decode().split(f'href="/cases/{case.pk}/"', 1)[1].split("</tr>", 1)[0]
    assert case.number in row and case.get_status_display() in row
    assert case.owning_agency.display_name in row
    assert b"Jn Baptiste" in manager.get(f"/cases/{case.pk}/identity/").content
    assert AuditEvent.objects.filter(action="case.identity_viewed", object_id=str(case.pk)).count() == 1


def test_registering_a_case_through_the_page_keeps_entries_on_error(agency: Any) -> None:
    manager = sign_in(Client(), make_user([Role.CASE_MANAGER], agency=agency))
    data = {
        "given_names": "Ana",
        "family_name": "Reyes",
        "gender": "Feminine",
        "intake_source": "ngo",
        "intake_date_day": "31",
        "intake_date_month": "2",
        "intake_date_year": "2026",
    }
    refused = manager.post("/cases/new/", data)
    assert (
        refused.status_code == 200
        and b"Enter a real date" in refused.content
        and b'value="Reyes"' in refused.content
    )
    assert not Case.objects.exists()
    data["intake_date_day"] = "28"
    response = manager.post("/cases/new/", data)
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/" and case.person.family_name == "Reyes"


def test_a_stale_form_is_refused_with_the_entries_kept(world: dict[str, Any]) -> None:
    case = world["case"]
    manager = sign_in(Client(), make_user([Role.CASE_MANAGER], agency=world["agency"]))
    services.case_update(actor=world["supervisor"], case=case, version=case.version, district="LC-02")
    response = manager.post(
        f"/cases/{case.pk}/edit/",
        {
            "version": 1,
            "intake_source": "ngo",
            "intake_date_day": "2",
            "intake_date_month": "3",
            "intake_date_year": "2026",
            "summary": "my careful edit",
        },
    )
    assert response.status_code == 200 and b"Someone else changed this case" in response.content
    assert b"my careful edit" in response.content
    assert Case.objects.get(pk=case.pk).district == "LC-02"


def test_the_case_list_takes_the_same_number_of_queries_for_3_or_15_cases(agency: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    client = sign_in(Client(), supervisor)
    used = []
    for batch in (3, 12):
        for _ in range(batch):
            make_case(supervisor)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cases/").status_code == 200
        used.append(len(queries))
    assert used[0] == used[1] <= 16


def test_overdue_items_of_visible_cases_show_on_the_home_page(world: dict[str, Any]) -> None:
    manager = make_user([Role.CASE_MANAGER], agency=world["agency"])
    outsider_case = make_case(make_user([Role.SUPERVISOR]))
    services.task_save(
        actor=outsider_case.created_by,
        case=outsider_case,
        title="Other agency task",
        due_on=datetime.date(2020, 1, 1),
    )
    services.task_save(
        actor=world["supervisor"], case=world["case"], title="Overdue visit", due_on=datetime.date(2020, 1, 1)
    )
    page = sign_in(Client(), manager).get("/home/").content.decode()
    assert "Overdue visit" in page and "Other agency task" not in page


def test_an_image_comes_back_without_its_gps_metadata(
    world: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (13.0, 52.0, 0.0)}  # GPSInfo
    exif[0x010F] = "MarkerCamera"
    raw = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(raw, format="JPEG", exif=exif)
    assert b"MarkerCamera" in raw.getvalue()
    attachment = services.attachment_add(
        actor=world["supervisor"],
        case=world["case"],
        kind="photo",
        filename="../../etc/passwd photo.jpg",
        data=raw.getvalue(),
    )
    stored = (tmp_path / "attachments" / attachment.stored_name).read_bytes()
    assert b"MarkerCamera" not in stored and b"passwd" not in stored
    assert attachment.filename == "passwd photo.jpg"
    client = sign_in(Client(), world["supervisor"])
    response = client.get(f"/cases/{world['case'].pk}/files/{attachment.pk}/")
    assert "no-store" in response["Cache-Control"] and response["Content-Disposition"].startswith(
        "attachment"
    )
    with Image.open(io.BytesIO(response.content)) as image:
        assert not image.getexif()
    assert AuditEvent.objects.filter(
        action="case.attachment_downloaded", object_id=str(attachment.pk)
    ).exists()


def test_executables_and_oversized_files_are_refused(world: dict[str, Any], settings: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="PDF, JPEG or PNG"):
        services.attachment_add(
            actor=world["supervisor"],
            case=world["case"],
            kind="photo",
            filename="x.jpg",
            data=b"MZ\x90\x00 this is a program",
        )
    from ..services import care

    with pytest.raises(ValidationError, match="larger than"):
        services.attachment_add(
            actor=world["supervisor"],
            case=world["case"],
            kind="other",
            filename="x.pdf",
            data=b"%PDF-" + b"0" * care.MAX_ATTACHMENT_BYTES,
        )
    assert Attachment.objects.count() == 1


def test_a_dependant_is_added_and_kept_encrypted(world: dict[str, Any]) -> None:
    case = world["case"]
    client = sign_in(Client(), make_user([Role.CASE_MANAGER], agency=world["agency"]))
    response = client.post(
        f"/cases/{case.pk}/dependants/",
        {"name": "Little Rosa", "relationship": "daughter", "age_band": "0--8", "accompanying": "on"},
    )
    assert response["Location"] == f"/cases/{case.pk}/dependants/"
    assert b"Little Rosa" in client.get(f"/cases/{case.pk}/dependants/").content
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM cases_dependant")
        assert "Little Rosa" not in str(cursor.fetchall())
