"""Issue 8, defect 12 (parts): an attachment is always a download, whatever script its name is in, and an
upload larger than the limit is stopped while it streams, not read whole first."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from PIL import Image

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user, sign_in

from .. import services
from ..models import Attachment
from .factories import make_case

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    raw = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(raw, format="PNG")
    return raw.getvalue()


@pytest.mark.parametrize("name", ["паспорт.png", "护照 扫描.png", 'a"; inline; x=".png', "plain.png"])
def test_an_attachment_is_always_a_download_with_its_name_in_any_script(
    name: str, settings: Any, tmp_path: Any
) -> None:
    from django.test import Client

    settings.MEDIA_ROOT = tmp_path
    supervisor = make_user([Role.SUPERVISOR], agency=AgencyFactory.create())
    case = make_case(supervisor)
    attachment = services.attachment_add(
        actor=supervisor, case=case, kind="photo", filename=name, data=_png()
    )
    response = sign_in(Client(), supervisor).get(f"/cases/{case.pk}/files/{attachment.pk}/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "filename*=UTF-8''" in disposition
    assert disposition.count(";") == 2  # the name cannot add parameters
    from urllib.parse import unquote

    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == attachment.filename
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_oversized_upload_is_stopped_while_it_streams(
    settings: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    from django.test import Client

    settings.MEDIA_ROOT = tmp_path
    received: list[int] = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def counting(self: Any, raw_data: bytes, start: int) -> Any:
        received.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting)
    supervisor = make_user([Role.SUPERVISOR], agency=AgencyFactory.create())
    case = make_case(supervisor)
    limit = services.care.MAX_ATTACHMENT_BYTES
    big = SimpleUploadedFile(
        "big.png", b"\x89PNG" + b"0" * (limit + 3 * 1024 * 1024), content_type="image/png"
    )
    response = sign_in(Client(), supervisor).post(f"/cases/{case.pk}/files/", {"kind": "photo", "file": big})
    assert response.status_code == 200
    assert b"larger than 10 MB" in response.content
    assert sum(received) <= limit + 256 * 1024  # stopped at the limit, not read to the end
    assert not Attachment.objects.filter(case=case).exists()
