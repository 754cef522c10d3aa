"""Issue 8, defect 10: each malformed input that gave HTTP 500 now gets a page with a clear message (or is
ignored when it is only a filter), on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import pytest
from django.test import Client

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user, sign_in
from harbourline.cases.models import Note, Person
from harbourline.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "\u00b2"  # str.isdigit() says yes, int() says no
HUGE = "9" * 40


@pytest.fixture
def everyone(db: Any) -> Any:
    from harbourline.country.services import country_load

    country_load(name="saint_lucia")
    user = make_user(
        # every role but the administrator's: holding it takes away every case permission (separation of
        # duties), and the coordinator's role manages users and agencies too
        [r for r in Role if r != Role.ADMINISTRATOR],
        agency=AgencyFactory.create(),
        username="everyone",
    )
    return user, sign_in(Client(raise_request_exception=False), user)


@pytest.mark.parametrize(
    "url",
    [
        f"/cases/?before={SUPERSCRIPT_TWO}",
        f"/cases/?before={HUGE}",
        f"/training/?before={SUPERSCRIPT_TWO}",
        f"/training/?before={HUGE}",
        f"/training/programme/?year={SUPERSCRIPT_TWO}",
        f"/training/programme/?year={HUGE}",
        f"/audit/?before={SUPERSCRIPT_TWO}",
        f"/audit/?before={HUGE}",
        f"/accounts/users/?agency={SUPERSCRIPT_TWO}",
        f"/accounts/users/?agency={HUGE}",
        "/cases/?q=Marie%00Doe",
        "/accounts/users/?q=a%00b",
        "/tips/?status=a%00b",
    ],
)
def test_odd_query_parameters_get_a_page_not_a_server_error(url: str, everyone: Any) -> None:
    _, client = everyone
    response = client.get(url)
    assert response.status_code in (200, 400), (url, response.status_code)
    if response.status_code == 400:
        assert b"cannot be used" in response.content


@pytest.mark.parametrize("corrects", ["abc", SUPERSCRIPT_TWO, HUGE, "-1", "1.5"])
def test_a_note_correcting_something_that_is_not_a_note_number_is_refused_plainly(
    corrects: str, everyone: Any
) -> None:
    user, client = everyone
    case = make_case(user)
    response = client.post(f"/cases/{case.pk}/notes/", {"text": "Seen at the clinic.", "corrects": corrects})
    assert response.status_code == 200
    assert b"Choose the note to correct" in response.content
    assert not Note.objects.filter(case=case).exists()


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(60_000, 60_000), (12_000, 12_000)], ids=["bomb", "too-many-pixels"])
def test_an_image_with_huge_dimensions_is_refused_plainly(
    size: tuple[int, int], everyone: Any, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    user, client = everyone
    case = make_case(user)
    upload = SimpleUploadedFile("bomb.png", _png_header_only(*size), content_type="image/png")
    response = client.post(f"/cases/{case.pk}/files/", {"kind": "photo", "file": upload})
    assert response.status_code == 200
    assert b"too large" in response.content


def test_a_number_that_is_not_a_plain_number_on_the_public_test_page_is_refused_plainly() -> None:
    from django.urls import reverse

    from harbourline.training import services
    from harbourline.training.models import OpenForm
    from harbourline.training.tests.factories import build_tests, make_workshop

    trainer = make_user([Role.TRAINER])
    workshop = make_workshop(trainer, sessions=1, participants=1)
    build_tests(trainer, workshop)
    services.workshop_open_form(actor=trainer, workshop=workshop, form=OpenForm.PRE)
    client = Client(raise_request_exception=False)
    url = reverse("training:take", args=[workshop.access_code])
    for number in (SUPERSCRIPT_TWO, HUGE, "\u0663"):  # ², forty nines, Arabic-Indic three
        response = client.post(url, {"number": number, "pin": "1234", "q1": SUPERSCRIPT_TWO})
        assert response.status_code == 400, number
        assert b"do not match" in response.content


@pytest.mark.parametrize("text", ["hl1:k1:AAAA", "hl2:k2026:" + "A" * 60, "hl1:", "hl2:x:y:z"])
def test_text_that_looks_like_a_stored_ciphertext_is_kept_as_typed(text: str, everyone: Any) -> None:
    user, client = everyone
    case = make_case(user)
    url = f"/cases/{case.pk}/identity/edit/"
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(date_of_birth="", aliases=text, version=case.version)
    response = client.post(url, data)
    assert response.status_code == 302, response.status_code
    assert Person.objects.get(pk=case.person_id).aliases == text
    assert client.get(f"/cases/{case.pk}/identity/").status_code == 200


def test_an_uploaded_file_is_not_read_by_the_nul_check(everyone: Any) -> None:
    _, client = everyone
    response = client.post("/cases/?q=x", {"file": io.BytesIO(b"\x00\x00")})
    assert response.status_code != 500
