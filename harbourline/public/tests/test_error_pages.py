"""Error pages: the public site answers in its own layout and language, and a form whose security check failed
loses nothing the visitor typed."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from harbourline.public.tips.models import Tip

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict() -> Client:
    """A browser whose security cookie is missing or stale: the CSRF check is enforced, as in production."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/es/no-such-page/", "es", "Página no encontrada"),
        ("/acf/no-such-page/", "acf", "Nou pa jwenn paj-la"),
        ("/report/en/nothing-here/", "en", "Page not found"),
    ],
)
def test_a_missing_public_page_is_answered_in_the_public_layout_and_its_language(
    client: Client, path: str, lang: str, heading: str
) -> None:
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert response["Content-Language"] == lang and f'<html lang="{lang}">' in html
    assert heading in html
    assert 'id="exit-page"' in html and 'href="tel:' in html  # exit button, emergency and hotline numbers
    assert f'href="/report/{lang}/"' in html  # the way to report stays one tap away


def test_a_missing_staff_page_keeps_the_staff_layout(client: Client) -> None:
    response = client.get("/no-such-area/at-all/")
    assert response.status_code == 404
    assert 'id="exit-page"' not in response.content.decode()


def _tip(key: str = "8f0c7d8e-0a5b-4c44-9a57-8d3f1d2e6b10") -> dict[str, str]:
    return {
        "idempotency_key": key,
        "what_happened": "Three men sleep in the packing shed at the banana farm",
        "danger_now": "no",
        "child_involved": "no",
        "contact_choice": "anonymous",
        "district": "LC-03",
        "website": "",
    }


def test_a_tip_whose_security_check_failed_comes_back_filled_in_and_saves_nothing(strict: Client) -> None:
    response = strict.post("/report/acf/", _tip())
    html = response.content.decode()
    assert response.status_code == 403
    assert "Wapò ou pòkò pati" in html  # "your report was not sent yet", in the page's language
    assert "Three men sleep in the packing shed at the banana farm" in html
    assert 'value="8f0c7d8e-0a5b-4c44-9a57-8d3f1d2e6b10"' in html  # same form key: a retry stays one tip
    assert Tip.objects.count() == 0
    assert "no-store" in response["Cache-Control"]

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, "the page carries a fresh token so that sending again works"
    again = strict.post("/report/acf/", {**_tip(), "csrfmiddlewaretoken": token.group(1)})
    assert again.status_code == 200 and Tip.objects.count() == 1


def test_a_reply_whose_security_check_failed_shows_what_was_written_but_not_the_passphrase(
    strict: Client,
) -> None:
    response = strict.post(
        "/report/es/status/reply/",
        {
            "reference": "ABCD-EFGH-JKMN",
            "passphrase": "coral-mango-reef-sail-07",
            "text": "El bus sale el lunes",
        },
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Su formulario no se envió" in html and "El bus sale el lunes" in html
    assert "coral-mango-reef-sail-07" not in html
    assert 'id="exit-page"' in html


def test_the_language_switch_works_with_cookies_blocked(strict: Client) -> None:
    response = strict.post("/i18n/setlang/", {"language": "es", "next": "/site/signs/"})
    assert response.status_code == 302 and response["Location"] == "/es/signs/"
    response = strict.post("/i18n/setlang/", {"language": "acf", "next": "/site/report/~/status/"})
    assert response["Location"] == "/report/acf/status/"
    response = strict.post("/i18n/setlang/", {"language": "es", "next": "/site/"})
    assert response["Location"] == "/es/"


def test_the_language_switch_never_sends_a_visitor_to_another_site(strict: Client) -> None:
    response = strict.post("/i18n/setlang/", {"language": "es", "next": "https://evil.example/"})
    assert response.status_code == 403 and "Location" not in response


def test_a_staff_form_whose_security_check_failed_says_so_in_plain_words(strict: Client) -> None:
    response = strict.post("/accounts/login/", {"username": "someone", "password": "whatever-it-is"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form was not sent" in html and "Back" in html
    assert 'id="exit-page"' not in html
