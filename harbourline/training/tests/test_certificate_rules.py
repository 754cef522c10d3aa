"""Certificates: a revocation stands until that one certificate is reissued explicitly, with a reason; the QR
link uses the configured public address, never the host the trainer happened to reach the site by."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.training import services
from harbourline.training.actions import TrainingAction
from harbourline.training.models import Certificate, TestKind
from harbourline.training.views.common import verify_url

from .factories import answer, attend_all, build_tests, make_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer() -> Any:
    return make_user([Role.TRAINER], username="trainer1")


def _earned(trainer: Any) -> Any:
    workshop = make_workshop(trainer, sessions=2, participants=2)
    build_tests(trainer, workshop)
    attend_all(trainer, workshop)
    posts = workshop.test_items.filter(kind="post").count()
    for reg in workshop.registrations.all():
        answer(trainer, reg, TestKind.POST, right=posts)
    return workshop


def _state() -> list[tuple[Any, ...]]:
    return list(
        Certificate.objects.order_by("pk").values_list(
            "pk", "code", "status", "replaced_by", "revoked_reason"
        )
    )


def test_the_next_issue_run_does_not_reissue_a_revoked_certificate(trainer: Any) -> None:
    workshop = _earned(trainer)
    first = services.certificates_issue(actor=trainer, workshop=workshop)
    assert len(first) == 2
    services.certificate_revoke(actor=trainer, certificate=first[0], reason="Attendance was wrong")
    before = _state()
    assert services.certificates_issue(actor=trainer, workshop=workshop) == []
    assert _state() == before
    assert not Certificate.objects.filter(registration=first[0].registration, status="valid").exists()


def test_a_revoked_certificate_is_reissued_only_explicitly_with_a_reason(trainer: Any) -> None:
    workshop = _earned(trainer)
    cert = services.certificates_issue(actor=trainer, workshop=workshop)[0]
    services.certificate_revoke(actor=trainer, certificate=cert, reason="Attendance was wrong")
    before = _state()
    with pytest.raises(ValidationError) as refused:
        services.certificate_reissue(actor=trainer, certificate=cert, reason="  ")
    assert "reason" in str(refused.value).lower()
    assert _state() == before
    new = services.certificate_reissue(
        actor=trainer, certificate=cert, reason="Attendance corrected by the lead"
    )
    cert.refresh_from_db()
    assert new.status == "valid" and new.reissue_reason == "Attendance corrected by the lead"
    assert cert.status == "revoked" and cert.replaced_by == new
    row = AuditEvent.objects.filter(action=TrainingAction.CERTIFICATE_REISSUED.value).latest("seq")
    assert row.details == {
        "code": new.code,
        "replaces": cert.code,
        "reason": "Attendance corrected by the lead",
    }
    with pytest.raises(ValidationError):  # the old one has been reissued already
        services.certificate_reissue(actor=trainer, certificate=cert, reason="again")


def test_the_reissue_page_asks_for_a_reason(trainer: Any) -> None:
    workshop = _earned(trainer)
    cert = services.certificates_issue(actor=trainer, workshop=workshop)[0]
    services.certificate_revoke(actor=trainer, certificate=cert, reason="Issued in error")
    client = sign_in(Client(), trainer)
    url = reverse("training:certificate_reissue", args=[cert.pk])
    assert 'name="reason"' in client.get(url).content.decode()
    before = _state()
    assert client.post(url, {"reason": ""}).status_code == 200
    assert _state() == before
    response = client.post(url, {"reason": "Decision reviewed"})
    assert response.status_code == 302
    assert Certificate.objects.get(replaces=cert).reissue_reason == "Decision reviewed"


@override_settings(HARBOURLINE_PUBLIC_URL="https://harbourline.gov.lc", ALLOWED_HOSTS=["*"])
def test_the_verification_link_uses_the_public_address_not_the_request_host() -> None:
    request = RequestFactory().get("/", HTTP_HOST="10.0.0.7:8000")
    assert verify_url(request, "ABCDE-FGHJK") == "https://harbourline.gov.lc/training/verify/ABCDE-FGHJK/"


@override_settings(HARBOURLINE_PUBLIC_URL="https://harbourline.gov.lc/", ALLOWED_HOSTS=["*"])
def test_the_downloaded_certificate_carries_the_public_address(trainer: Any, monkeypatch: Any) -> None:
    from harbourline.training.views import certificates as views

    seen: list[str] = []

    def fake_pdf(cert: Any, verify_url: str) -> bytes:
        seen.append(verify_url)
        return b"%PDF"

    monkeypatch.setattr(views, "certificate_pdf", fake_pdf)
    workshop = _earned(trainer)
    cert = services.certificates_issue(actor=trainer, workshop=workshop)[0]
    client = sign_in(Client(HTTP_HOST="internal-host.lan"), trainer)
    assert client.get(reverse("training:certificate_pdf", args=[cert.pk])).status_code == 200
    assert seen == [f"https://harbourline.gov.lc/training/verify/{cert.code}/"]


@override_settings(HARBOURLINE_PUBLIC_URL="", DEBUG=False)
def test_a_deployment_without_a_public_address_is_warned() -> None:
    from harbourline.training.checks import public_url_check

    assert [m.id for m in public_url_check(None)] == ["harbourline.training.W001"]
    with override_settings(HARBOURLINE_PUBLIC_URL="http://harbourline.gov.lc"):
        assert [m.id for m in public_url_check(None)] == ["harbourline.training.W002"]
    with override_settings(HARBOURLINE_PUBLIC_URL="https://harbourline.gov.lc"):
        assert public_url_check(None) == []
