from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse

from harbourline.accounts.models import User
from harbourline.country.services import country_load
from harbourline.public import services
from harbourline.public.models import Page, PageVersion
from harbourline.public.sections import PUBLIC_LANGUAGES, Section

pytestmark = pytest.mark.django_db

ALLOWED_COOKIES = {"csrftoken", "django_language"}
LAUNCH_SLUGS = [section.value for section in Section]


def public_paths() -> list[str]:
    paths = []
    for lang in PUBLIC_LANGUAGES:
        paths.append(f"/{lang}/")
        paths.extend(f"/{lang}/{slug}/" for slug in LAUNCH_SLUGS)
    return paths


def tip_paths() -> list[str]:
    """The tip line's public pages (its own app), when it is installed."""
    try:
        return [
            reverse(name, kwargs={"lang": lang})
            for name in ("tips:form", "tips:status")
            for lang in PUBLIC_LANGUAGES
        ]
    except NoReverseMatch:
        return []


@pytest.mark.parametrize("path", public_paths())
def test_every_launch_page_opens_without_login_and_may_be_cached_briefly(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert "no-store" not in response["Cache-Control"]
    assert set(response.cookies) <= ALLOWED_COOKIES


def _weight(client: Client, html: str) -> int:
    total = len(html.encode())
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        found = finders.find(asset.removeprefix("/static/"))
        assert found, asset
        total += Path(str(found)).stat().st_size
    return total


@pytest.mark.parametrize("path", public_paths() + tip_paths())
def test_every_public_page_weighs_under_100_kb_with_its_css_and_js(client: Client, path: str) -> None:
    html = client.get(path).content.decode()
    assert "/static/public/exit.js" in html and "/static/public/public.css" in html
    assert _weight(client, html) < 100 * 1024


def test_every_page_has_the_numbers_the_exit_button_and_alternate_languages(client: Client) -> None:
    html = client.get("/es/signs/").content.decode()
    assert 'href="tel:999"' in html and 'href="tel:847"' in html
    assert 'id="exit-page" href="https://www.google.com/search?q=weather"' in html
    for code in PUBLIC_LANGUAGES:
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/signs/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/site/signs/">' in html
    assert '<html lang="es">' in html


def test_the_exit_address_comes_from_a_setting(client: Client, settings: object) -> None:
    settings.HARBOURLINE_PUBLIC_EXIT_URL = "https://www.bbc.com/weather"  # type: ignore[attr-defined]
    assert 'href="https://www.bbc.com/weather"' in client.get("/en/").content.decode()


def test_interface_strings_are_translated_from_the_catalogues(client: Client) -> None:
    assert "Salir de esta página" in client.get("/es/").content.decode()
    assert "Kité paj-sa" in client.get("/acf/").content.decode()
    assert "Exit this page" in client.get("/en/").content.decode()


def test_a_page_without_a_published_translation_falls_back_to_english_with_a_notice(
    client: Client, officer: User
) -> None:
    page = services.page_create(actor=officer, slug="fishing", section="signs", order=3)
    english = services.page_version_save(
        actor=officer, page=page, language="en", title="Fishing", summary="", body="On boats"
    )
    services.page_version_publish(actor=officer, version=english)
    services.page_version_save(
        actor=officer, page=page, language="acf", title="Pèch", summary="", body="Draft"
    )

    html = client.get("/acf/fishing/").content.decode()

    assert "Fishing" in html and "On boats" in html and "Draft" not in html
    assert "Paj-sa poko la an Kwéyòl; mi'y an Anglé." in html
    assert "not yet available" not in client.get("/en/fishing/").content.decode()


def test_a_published_translation_is_shown_without_the_notice(client: Client) -> None:
    html = client.get("/es/rights/").content.decode()
    assert "Derechos de las víctimas" in html
    assert "todavía no está disponible" not in html


def test_a_page_with_no_published_text_is_not_found(client: Client, officer: User) -> None:
    page = services.page_create(actor=officer, slug="unfinished", section="signs")
    services.page_version_save(actor=officer, page=page, language="en", title="Draft", summary="", body="B")
    assert client.get("/en/unfinished/").status_code == 404
    assert client.get("/en/no-such-page/").status_code == 404


def test_a_script_in_a_page_body_is_shown_as_text(client: Client, officer: User) -> None:
    page = services.page_create(actor=officer, slug="xss", section="signs")
    version = services.page_version_save(
        actor=officer,
        page=page,
        language="en",
        title="<script>t</script>",
        summary="",
        body="<script>x()</script>",
    )
    services.page_version_publish(actor=officer, version=version)
    html = client.get("/en/xss/").content.decode()
    assert "<script>x()</script>" not in html and "<script>t</script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html


def test_site_root_sends_the_visitor_to_their_language(client: Client) -> None:
    assert client.get("/site/", HTTP_ACCEPT_LANGUAGE="es-419,es;q=0.9")["Location"] == "/es/"
    assert client.get("/site/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/en/"
    client.cookies["django_language"] = "acf"
    assert client.get("/site/")["Location"] == "/acf/"


def test_the_language_switcher_returns_to_the_same_page_in_the_chosen_language(client: Client) -> None:
    html = client.get("/en/signs/").content.decode()
    assert 'name="next" type="hidden" value="/site/signs/"' in html
    response = client.post(reverse("set_language"), {"language": "acf", "next": "/site/signs/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/acf/signs/"
    assert "Siy pou gadé" in response.content.decode()
    assert set(response.cookies) <= ALLOWED_COOKIES


def test_the_help_page_lists_active_agencies_by_district_without_addresses(
    client: Client, officer: User
) -> None:
    country_load(name="saint_lucia")
    agency = officer.agency
    assert agency is not None
    agency.district_id = "LC-11"
    agency.address = "12 Secret Shelter Road"
    agency.phone = "+1 758 555 0100"
    agency.services = "Shelter"
    agency.save()
    html = client.get("/en/get-help/").content.decode()
    assert "Vieux Fort" in html and agency.name in html and "tel:+1 758 555 0100" in html
    assert "Secret Shelter" not in html


def test_published_materials_are_listed_and_downloaded_and_others_are_not(
    client: Client, officer: User
) -> None:
    pdf = SimpleUploadedFile("poster.pdf", b"%PDF-1.4 poster", content_type="application/pdf")
    material = services.material_add(actor=officer, title="Poster", language="en", kind="poster", file=pdf)
    url = reverse("public:material_download", kwargs={"material_id": material.pk})
    assert client.get(url).status_code == 404
    assert url not in client.get("/en/materials/").content.decode()

    services.material_set_published(actor=officer, material=material, published=True)

    assert url in client.get("/en/materials/").content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 poster"  # type: ignore[attr-defined]


def test_launch_content_has_every_page_in_three_languages_with_translations_needing_review() -> None:
    for slug in LAUNCH_SLUGS:
        versions = PageVersion.objects.filter(page__slug=slug, status="published")
        assert {v.language: v.review_status for v in versions} == {
            "en": "approved",
            "acf": "needs_review",
            "es": "needs_review",
        }
    assert Page.objects.filter(slug__in=LAUNCH_SLUGS).count() == len(LAUNCH_SLUGS)


def test_signed_in_staff_never_get_a_cacheable_public_page(officer: User) -> None:
    from harbourline.accounts.tests.factories import sign_in

    response = sign_in(Client(), officer).get("/en/")
    assert "public" not in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_public_page_needs_few_queries_however_many_pages_its_section_has(
    client: Client, officer: User, django_assert_max_num_queries: Any
) -> None:
    for number in range(15):
        page = services.page_create(actor=officer, slug=f"more-{number}", section="signs", order=number + 1)
        version = services.page_version_save(
            actor=officer, page=page, language="en", title="T", summary="", body="B"
        )
        services.page_version_publish(actor=officer, version=version)
    with django_assert_max_num_queries(8):
        response = client.get("/acf/signs/")
    assert response.status_code == 200 and "/acf/more-14/" in response.content.decode()


def test_a_page_with_the_language_inside_its_address_switches_language_too() -> None:
    from django.test import RequestFactory
    from django.urls import ResolverMatch

    from harbourline.public.templatetags.public_tags import alternate_links, in_language, language_next

    request = RequestFactory().get("/report/es/status/")
    request.resolver_match = ResolverMatch(lambda r: None, (), {"lang": "es"})
    assert language_next({"request": request}) == "/site/report/~/status/"
    links = {link["code"]: link["url"] for link in alternate_links({"request": request})}
    assert links["acf"] == "http://testserver/report/acf/status/"
    assert links["x-default"] == "http://testserver/site/report/~/status/"
    assert in_language("report/~/status/", "en") == "/report/en/status/"


def test_the_language_neutral_address_never_leaves_the_site(client: Client) -> None:
    client.cookies["django_language"] = "es"
    assert client.get("/site/report/~/status/")["Location"] == "/report/es/status/"
    for rest in ("/evil.example/", "//evil.example/", "\\\\evil.example/", "/\\evil.example/"):
        location = client.get(f"/site/{rest}")["Location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\")), location


@pytest.mark.parametrize("path", tip_paths())
def test_the_tip_lines_public_pages_set_no_cookie_but_language_and_csrf(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert set(response.cookies) <= ALLOWED_COOKIES
