from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.cases.models import Case, CaseShare

from .. import services
from ..models import Tip, TipMessage

pytestmark = pytest.mark.django_db


def _form(client: Client, lang: str = "en") -> dict[str, str]:
    html = client.get(f"/report/{lang}/").content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', html)
    assert key
    return {
        "idempotency_key": key.group(1),
        "what_happened": "Girls kept in a bar in Gros Islet",
        "danger_now": "no",
        "child_involved": "yes",
        "contact_choice": "anonymous",
        "district": "LC-06",
    }


def test_a_tip_is_stored_without_address_or_browser_and_encrypted(client: Client) -> None:
    response = client.post(
        "/report/en/", _form(client), HTTP_USER_AGENT="MarkerBrowser/9", REMOTE_ADDR="10.9.8.7"
    )
    assert response.status_code == 200 and b"Receipt code" in response.content
    tip = Tip.objects.get()
    assert tip.urgent  # a child is involved
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tips_tip")
        row = " ".join(str(v) for v in cursor.fetchone())
    assert "10.9.8.7" not in row and "MarkerBrowser" not in row and "Gros Islet" not in row
    assert all("10.9.8.7" not in str(e.details) for e in AuditEvent.objects.all())
    assert "no-store" in response["Cache-Control"]


def test_a_double_submission_is_one_tip_with_the_same_receipt(client: Client) -> None:
    data = _form(client)
    first = client.post("/report/en/", data).content.decode()
    second = client.post("/report/en/", data).content.decode()
    code = re.compile(r'id="receipt-code">([^<]+)<')
    words = re.compile(r'id="receipt-passphrase">([^<]+)<')
    assert code.search(first).group(1) == code.search(second).group(1)
    assert words.search(first).group(1) == words.search(second).group(1)
    assert Tip.objects.count() == 1


def test_a_filled_honeypot_gets_thanks_and_nothing_is_stored(client: Client) -> None:
    response = client.post("/report/en/", {**_form(client), "website": "http://spam.example"})
    assert response.status_code == 200 and b"Receipt code" in response.content
    assert not Tip.objects.exists()


def test_every_invalid_field_gets_a_message_and_nothing_typed_is_lost(client: Client) -> None:
    data = {
        **_form(client),
        "what_happened": "",
        "settlement": "Dennery village",
        "contact_choice": "share",
        "people_count": "-3",
        "contact_email": "not an email",
    }
    response = client.post("/report/en/", data)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert 'value="Dennery village"' in html
    for message in ("What happened?", "About how many people", "Your email"):
        assert message in html
    assert not Tip.objects.exists()


def test_too_many_submissions_get_a_friendly_429(client: Client, settings: Any) -> None:
    settings.HARBOURLINE_RATE_LIMITS = {**settings.HARBOURLINE_RATE_LIMITS, "tip_submit": (2, 3600)}
    for _ in range(2):
        assert client.post("/report/en/", _form(client)).status_code == 200
    response = client.post("/report/en/", _form(client))
    assert response.status_code == 429 and b"Please wait a little" in response.content
    assert Tip.objects.count() == 2


def test_behind_the_proxy_one_reporter_using_up_the_limit_does_not_block_another(settings: Any) -> None:
    """Issue 10: the limit keyed on the connecting address, which behind nginx is the proxy for everyone."""
    settings.HARBOURLINE_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.HARBOURLINE_RATE_LIMITS = {**settings.HARBOURLINE_RATE_LIMITS, "tip_submit": (2, 3600)}
    first = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")
    second = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20")
    for _ in range(2):
        assert first.post("/report/en/", _form(first)).status_code == 200
    assert first.post("/report/en/", _form(first)).status_code == 429
    # the first reporter cannot get round the limit by naming another address themselves
    forged = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.10")
    assert forged.post("/report/en/", _form(forged)).status_code == 429
    assert second.post("/report/en/", _form(second)).status_code == 200
    assert Tip.objects.count() == 3


def test_the_status_page_reveals_nothing_without_both_code_and_passphrase(client: Client) -> None:
    receipt = services.tip_submit(
        idempotency_key=uuid.uuid4(), language="en", what_happened="x", contact_choice="anonymous"
    )
    wrong_pass = client.post("/report/en/status/", {"reference": receipt.reference, "passphrase": "guess"})
    unknown = client.post("/report/en/status/", {"reference": "AAAA-BBBB-CCCC", "passphrase": "guess"})
    strip = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"|value="[A-Z0-9-]{14}"')
    assert strip.sub(b"", wrong_pass.content) == strip.sub(b"", unknown.content)
    assert b"could not find" in wrong_pass.content
    right = client.post(
        "/report/en/status/", {"reference": receipt.reference.lower(), "passphrase": receipt.passphrase}
    )
    assert b"Received" in right.content


def test_the_reporter_answers_the_triage_officer_through_the_receipt(client: Client) -> None:
    receipt = services.tip_submit(
        idempotency_key=uuid.uuid4(), language="en", what_happened="x", contact_choice="anonymous"
    )
    officer = make_user([Role.TRIAGE_OFFICER])
    services.tip_message_reporter(actor=officer, tip=receipt.tip, text="How old is the girl?")
    page = client.post(
        "/report/en/status/", {"reference": receipt.reference, "passphrase": receipt.passphrase}
    )
    assert b"How old is the girl?" in page.content
    client.post(
        "/report/en/status/reply/",
        {"reference": receipt.reference, "passphrase": receipt.passphrase, "text": "About 14."},
    )
    assert TipMessage.objects.filter(tip=receipt.tip, from_reporter=True).get().text == "About 14."
    forged = client.post(
        "/report/en/status/reply/", {"reference": receipt.reference, "passphrase": "nope", "text": "x"}
    )
    assert b"could not find" in forged.content
    assert TipMessage.objects.filter(from_reporter=True).count() == 1


def test_the_queue_puts_urgent_tips_first_and_is_closed_to_other_roles() -> None:
    calm = services.tip_submit(
        idempotency_key=uuid.uuid4(), language="en", what_happened="calm", contact_choice="anonymous"
    )
    urgent = services.tip_submit(
        idempotency_key=uuid.uuid4(),
        language="en",
        what_happened="danger",
        danger_now="yes",
        contact_choice="anonymous",
    )
    officer = sign_in(Client(), make_user([Role.TRIAGE_OFFICER]))
    page = officer.get("/tips/").content.decode()
    assert page.index(urgent.reference) < page.index(calm.reference)
    before = Tip.objects.count(), AuditEvent.objects.filter(action__startswith="tip.").count()
    for role in (Role.CASE_MANAGER, Role.CAMPAIGN_OFFICER, Role.ANALYST):
        other = sign_in(Client(), make_user([role]))
        assert other.get("/tips/").status_code == 403
        assert other.get(f"/tips/{urgent.tip.pk}/").status_code == 403
        assert other.post(f"/tips/{urgent.tip.pk}/convert/", {"owning_agency": 1}).status_code == 403
    assert (Tip.objects.count(), AuditEvent.objects.filter(action__startswith="tip.").count()) == before
    assert Client().get("/tips/")["Location"].startswith("/accounts/login/")


def test_convert_to_case_intake_creates_the_linked_case_in_the_chosen_agency() -> None:
    police, human_services = (
        AgencyFactory.create(name="Police (test)"),
        AgencyFactory.create(name="HS (test)"),
    )
    officer = make_user([Role.TRIAGE_OFFICER])
    receipt = services.tip_submit(
        idempotency_key=uuid.uuid4(),
        language="acf",
        what_happened="Timoun ka travay",
        child_involved="yes",
        district="LC-11",
        contact_choice="anonymous",
    )
    client = sign_in(Client(), officer)
    client.get(f"/tips/{receipt.tip.pk}/")
    response = client.post(
        f"/tips/{receipt.tip.pk}/convert/", {"owning_agency": police.pk, "share_with": [human_services.pk]}
    )
    assert response.status_code == 302
    tip = Tip.objects.get()
    case = Case.objects.get()
    assert tip.case == case and tip.status == "converted" and case.owning_agency == police
    assert case.intake_source == "tip_line" and case.tip_reference == tip.reference and case.child_involved
    assert "Timoun ka travay" in case.summary and case.district == "LC-11"
    assert CaseShare.objects.get(case=case).agency == human_services
    assert AuditEvent.objects.filter(action="tip.converted_to_case", object_id=str(tip.pk)).exists()


def test_status_changes_need_a_reason_and_are_audited() -> None:
    from django.core.exceptions import ValidationError

    officer = make_user([Role.TRIAGE_OFFICER])
    receipt = services.tip_submit(
        idempotency_key=uuid.uuid4(), language="en", what_happened="x", contact_choice="anonymous"
    )
    with pytest.raises(ValidationError):
        services.tip_set_status(
            actor=officer, tip=receipt.tip, status="closed", reason="", closure_reason="spam"
        )
    services.tip_set_status(
        actor=officer, tip=receipt.tip, status="referred", reason="Labour case", referred_to="labour"
    )
    assert Tip.objects.get().referred_to == "labour"
    assert AuditEvent.objects.get(action="tip.status_changed").details["to"] == "referred"


def test_tip_figures_count_by_week_district_sector_and_how_they_heard() -> None:
    for sector in ("agriculture", "agriculture", "domestic_work"):
        services.tip_submit(
            idempotency_key=uuid.uuid4(),
            language="en",
            what_happened="x",
            sector=sector,
            heard_via="radio",
            district="LC-02",
            contact_choice="anonymous",
        )
    page = sign_in(Client(), make_user([Role.CAMPAIGN_OFFICER])).get("/tips/figures/").content.decode()
    assert "3 tips since" in page
    assert re.search(r"agriculture</th><td>2<", page) and re.search(r"radio</th><td>3<", page)


@pytest.mark.django_db(transaction=True)
def test_the_tip_narrative_is_absent_from_the_raw_sqlite_file() -> None:
    """The tip is committed to the file (its receipt is there in clear), and its narrative is not."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite file check")
    key = uuid.uuid4()
    services.tip_submit(
        idempotency_key=key,
        language="en",
        what_happened="MarkerNarrativeXYZ",
        contact_choice="anonymous",
    )
    assert not connection.in_atomic_block  # committed: the bytes below are what is on disk
    path = Path(settings.DATABASES["default"]["TEST"]["NAME"])
    raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert key.hex.encode() in raw  # the row reached the file
    assert b"MarkerNarrativeXYZ" not in raw


@pytest.mark.parametrize(("lang", "danger"), [("en", "no"), ("es", "yes")])
def test_the_kept_thank_you_page_is_what_the_template_gives(
    client: Client, monkeypatch: Any, lang: str, danger: str
) -> None:
    from .. import kept_pages

    fast = client.post(f"/report/{lang}/", {**_form(client, lang), "danger_now": danger})
    monkeypatch.setattr(kept_pages, "cacheable", lambda request: False)
    slow = client.post(f"/report/{lang}/", {**_form(client, lang), "danger_now": danger})
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|id="receipt-(code|passphrase)">[^<]+<')
    fast_html, slow_html = fast.content.decode(), slow.content.decode()
    assert strip.sub("", fast_html) == strip.sub("", slow_html)
    assert "HLMARK" not in fast_html and f'lang="{lang}"' in fast_html
    tip = Tip.objects.order_by("pk").first()
    assert f'id="receipt-code">{tip.reference}<' in fast_html
    assert fast["Cache-Control"] == slow["Cache-Control"] == "no-store"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', fast_html)
    assert token and len(token.group(1)) == 64  # a real, masked token for this visitor


@pytest.mark.parametrize("lang", ["en", "acf"])
def test_the_kept_empty_form_is_what_the_template_gives_with_a_fresh_key(
    client: Client, monkeypatch: Any, lang: str
) -> None:
    from .. import kept_pages

    first, second = client.get(f"/report/{lang}/"), client.get(f"/report/{lang}/")
    monkeypatch.setattr(kept_pages, "cacheable", lambda request: False)
    fresh = client.get(f"/report/{lang}/")
    key = re.compile(r'name="idempotency_key" value="([^"]+)"')
    keys = [key.search(r.content.decode()).group(1) for r in (first, second, fresh)]
    assert len(set(keys)) == 3 and all(uuid.UUID(k) for k in keys)  # every visit gets its own form key
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|name="idempotency_key" value="[^"]+"')
    assert strip.sub("", first.content.decode()) == strip.sub("", fresh.content.decode())
    assert "HLMARK" not in first.content.decode() and first["Cache-Control"] == "no-store"
    assert "csrftoken" in first.cookies
