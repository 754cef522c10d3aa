"""The campaign officer's pages. Site content is national, so an officer of any agency may edit it: the
personas are anonymous, every role without the campaign permission, and the campaign officer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm, roles_without
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.public import selectors, services
from harbourline.public.actions import PublicAction
from harbourline.public.models import Material, Page, PageVersion, VersionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(officer: User) -> PageVersion:
    page = Page.objects.get(slug="signs")
    return services.page_version_save(
        actor=officer, page=page, language="acf", title="Nouvo", summary="", body="B"
    )


@pytest.fixture
def material(officer: User) -> Material:
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    return services.material_add(actor=officer, title="A", language="en", kind="poster", file=pdf)


def _state() -> tuple[Any, ...]:
    return (
        list(Page.objects.values_list("id", "slug")),
        list(PageVersion.objects.values_list("id", "status", "review_status")),
        list(Material.objects.values_list("id", "published")),
    )


# name, method, url kwargs, POST data, expected status for the campaign officer
VIEWS: list[tuple[str, str, Callable[[PageVersion, Material], dict[str, Any]], dict[str, Any], int]] = [
    ("manage_pages", "get", lambda d, m: {}, {}, 200),
    ("manage_page_create", "get", lambda d, m: {}, {}, 200),
    (
        "manage_page_create",
        "post",
        lambda d, m: {},
        {"slug": "new-page", "section": "signs", "order": 1},
        302,
    ),
    ("manage_page", "get", lambda d, m: {"page_id": d.page_id}, {}, 200),
    ("manage_edit", "get", lambda d, m: {"page_id": d.page_id, "language": "es"}, {}, 200),
    (
        "manage_edit",
        "post",
        lambda d, m: {"page_id": d.page_id, "language": "es"},
        {"title": "T", "body": "B"},
        302,
    ),
    ("manage_version", "get", lambda d, m: {"version_id": d.pk}, {}, 200),
    ("manage_publish", "post", lambda d, m: {"version_id": d.pk}, {}, 302),
    ("manage_approve", "post", lambda d, m: {"version_id": d.pk}, {}, 302),
    ("manage_restore", "post", lambda d, m: {"version_id": d.pk}, {}, 302),
    ("manage_review", "get", lambda d, m: {}, {}, 200),
    ("manage_materials", "get", lambda d, m: {}, {}, 200),
    ("manage_material_file", "get", lambda d, m: {"material_id": m.pk}, {}, 200),
    ("manage_material_publish", "post", lambda d, m: {"material_id": m.pk}, {"published": "1"}, 302),
]
IDS = [f"{name}-{method}" for name, method, *_ in VIEWS]


@pytest.mark.parametrize(("name", "method", "kwargs", "data", "expected"), VIEWS, ids=IDS)
def test_anonymous_is_sent_to_login_and_nothing_changes(
    client: Client,
    draft: PageVersion,
    material: Material,
    name: str,
    method: str,
    kwargs: Any,
    data: Any,
    expected: int,
) -> None:
    before = _state()
    response = getattr(client, method)(reverse(f"public:{name}", kwargs=kwargs(draft, material)), data)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert _state() == before


@pytest.mark.parametrize("role", roles_without(Perm.CAMPAIGN_MANAGE))
@pytest.mark.parametrize(("name", "method", "kwargs", "data", "expected"), VIEWS, ids=IDS)
def test_a_role_without_the_campaign_permission_is_refused_and_nothing_changes(
    draft: PageVersion,
    material: Material,
    role: str,
    name: str,
    method: str,
    kwargs: Any,
    data: Any,
    expected: int,
) -> None:
    client = sign_in(Client(), make_user([role]))
    before = _state()
    response = getattr(client, method)(reverse(f"public:{name}", kwargs=kwargs(draft, material)), data)
    assert response.status_code == 403
    assert _state() == before


@pytest.mark.parametrize(("name", "method", "kwargs", "data", "expected"), VIEWS, ids=IDS)
def test_the_campaign_officer_may_use_every_view(
    officer: User,
    draft: PageVersion,
    material: Material,
    name: str,
    method: str,
    kwargs: Any,
    data: Any,
    expected: int,
) -> None:
    client = sign_in(Client(), make_user(["campaign_officer"]))  # an officer of another agency too
    response = getattr(client, method)(reverse(f"public:{name}", kwargs=kwargs(draft, material)), data)
    assert response.status_code == expected
    if method == "post":
        assert AuditEvent.objects.filter(action__startswith="public.", actor__isnull=False).exists()


def test_an_unknown_page_or_version_is_not_found(officer: User) -> None:
    client = sign_in(Client(), officer)
    assert client.get(reverse("public:manage_page", kwargs={"page_id": 999999})).status_code == 404
    assert client.post(reverse("public:manage_publish", kwargs={"version_id": 999999})).status_code == 404


def test_editing_saves_a_new_draft_and_publishing_puts_it_live(officer: User) -> None:
    client = sign_in(Client(), officer)
    page = Page.objects.get(slug="signs")
    url = reverse("public:manage_edit", kwargs={"page_id": page.pk, "language": "es"})
    form = client.get(url).content.decode()
    assert "Señales de alerta" in form  # starts from the latest Spanish text

    response = client.post(url, {"title": "Señales", "summary": "", "body": "Texto nuevo", "reviewed": "on"})

    version = PageVersion.objects.latest("id")
    assert response["Location"] == reverse("public:manage_version", kwargs={"version_id": version.pk})
    assert (version.status, version.review_status, version.author) == ("draft", "approved", officer)
    assert "Texto nuevo" not in Client().get("/es/signs/").content.decode()
    client.post(reverse("public:manage_publish", kwargs={"version_id": version.pk}))
    assert "Texto nuevo" in Client().get("/es/signs/").content.decode()


def test_a_form_with_errors_keeps_what_was_typed_and_saves_nothing(officer: User) -> None:
    client = sign_in(Client(), officer)
    page = Page.objects.get(slug="signs")
    count = PageVersion.objects.count()
    url = reverse("public:manage_edit", kwargs={"page_id": page.pk, "language": "es"})
    response = client.post(url, {"title": "", "summary": "Mi resumen", "body": "Mi texto"})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "Mi resumen" in html and "Mi texto" in html
    assert PageVersion.objects.count() == count


def test_publishing_twice_shows_a_message_and_changes_nothing(officer: User, draft: PageVersion) -> None:
    client = sign_in(Client(), officer)
    url = reverse("public:manage_publish", kwargs={"version_id": draft.pk})
    client.post(url)
    published_at = PageVersion.objects.get(pk=draft.pk).published_at
    response = client.post(url, follow=True)
    assert "Only a draft can be published" in response.content.decode()
    assert PageVersion.objects.get(pk=draft.pk).published_at == published_at


def test_old_revisions_are_listed_and_can_be_restored(officer: User) -> None:
    client = sign_in(Client(), officer)
    page = Page.objects.get(slug="rights")
    old = selectors.live_version(page, "en")
    assert old is not None
    html = client.get(reverse("public:manage_page", kwargs={"page_id": page.pk})).content.decode()
    assert reverse("public:manage_version", kwargs={"version_id": old.pk}) in html
    response = client.post(reverse("public:manage_restore", kwargs={"version_id": old.pk}))
    draft = PageVersion.objects.latest("id")
    assert response["Location"] == reverse("public:manage_version", kwargs={"version_id": draft.pk})
    assert (draft.body, draft.status, draft.restored_from) == (old.body, VersionStatus.DRAFT, old)


def test_the_review_page_lists_translations_and_strings_needing_review(
    officer: User, draft: PageVersion
) -> None:
    client = sign_in(Client(), officer)
    html = client.get(reverse("public:manage_review")).content.decode()
    assert "Nouvo" in html  # the Kwéyòl draft of "signs" needs review
    assert "Señales de alerta" in html  # launch Spanish text, not yet approved
    assert "Exit this page" in html and "Kité paj-sa" in html  # a fuzzy catalogue string
    assert "base.html" in html  # and where it appears
    services.page_version_approve(actor=officer, version=draft)
    assert "Nouvo" not in client.get(reverse("public:manage_review")).content.decode()


def test_uploading_a_material_checks_its_type(officer: User) -> None:
    client = sign_in(Client(), officer)
    url = reverse("public:manage_materials")
    count = Material.objects.count()
    fake = SimpleUploadedFile("poster.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url, {"title": "Poster", "language": "en", "kind": "poster", "file": fake})
    assert "This file is not a PDF." in response.content.decode()
    exe = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url, {"title": "Poster", "language": "en", "kind": "poster", "file": exe})
    assert "Choose a PDF" in response.content.decode()
    assert Material.objects.count() == count
    script = SimpleUploadedFile("spot.txt", "Kwiyé 847".encode(), content_type="text/plain")
    response = client.post(url, {"title": "Spot", "language": "acf", "kind": "radio_script", "file": script})
    assert response.status_code == 302
    added = Material.objects.latest("id")
    assert (added.title, added.published, added.size) == ("Spot", False, len("Kwiyé 847".encode()))
    event = AuditEvent.objects.filter(action=PublicAction.MATERIAL_ADDED.value).latest("seq")
    assert event.object_id == str(added.pk)


def test_the_page_list_needs_few_queries_however_many_pages(
    officer: User, django_assert_max_num_queries: Any
) -> None:
    for number in range(20):
        page = services.page_create(actor=officer, slug=f"extra-{number}", section="signs", order=number)
        services.page_version_save(actor=officer, page=page, language="en", title="T", summary="", body="B")
    client = sign_in(Client(), officer)
    client.get(reverse("public:manage_pages"))  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("public:manage_pages"))
    assert response.status_code == 200 and "extra-19" in response.content.decode()


def test_the_officer_home_shows_what_waits_on_the_public_site(officer: User, draft: PageVersion) -> None:
    html = sign_in(Client(), officer).get(reverse("core:home")).content.decode()
    assert "1 draft saved but not published" in html
    assert "13 page texts in Kwéyòl or Spanish waiting for a native speaker" in html  # 12 launch + the draft
    assert reverse("public:manage_review") in html


def test_other_roles_do_not_see_the_public_site_panel() -> None:
    html = sign_in(Client(), make_user(["case_manager"])).get(reverse("core:home")).content.decode()
    assert "panel-public-site" not in html
