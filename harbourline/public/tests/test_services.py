from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from harbourline.accounts.models import User
from harbourline.audit.models import AuditEvent
from harbourline.public import selectors, services
from harbourline.public.actions import PublicAction
from harbourline.public.models import Page, PageVersion, ReviewStatus, VersionStatus

pytestmark = pytest.mark.django_db


def _last_audit(action: PublicAction) -> AuditEvent:
    return AuditEvent.objects.filter(action=action.value).latest("seq")


def _page(officer: User) -> Page:
    return services.page_create(actor=officer, slug="signs-fishing", section="signs", order=5)


def test_creating_a_page_is_audited(officer: User) -> None:
    page = _page(officer)
    event = _last_audit(PublicAction.PAGE_CREATED)
    assert (event.actor_id, event.object_id, event.details) == (
        officer.pk,
        str(page.pk),
        {"section": "signs"},
    )


def test_a_page_address_can_be_used_only_once(officer: User) -> None:
    _page(officer)
    with pytest.raises(ValidationError):
        _page(officer)
    assert Page.objects.filter(slug="signs-fishing").count() == 1


def test_saving_makes_a_draft_that_is_not_live_until_published(officer: User) -> None:
    page = _page(officer)
    draft = services.page_version_save(
        actor=officer, page=page, language="en", title="T", summary="", body="B"
    )
    assert draft.status == VersionStatus.DRAFT
    assert selectors.live_version(page, "en") is None
    assert _last_audit(PublicAction.PAGE_VERSION_SAVED).object_id == str(draft.pk)

    services.page_version_publish(actor=officer, version=draft)

    assert selectors.live_version(page, "en") == draft
    event = _last_audit(PublicAction.PAGE_VERSION_PUBLISHED)
    assert event.object_id == str(draft.pk) and event.details["language"] == "en"


def test_english_is_approved_and_other_languages_need_review_unless_ticked(officer: User) -> None:
    page = _page(officer)
    english = services.page_version_save(
        actor=officer, page=page, language="en", title="T", summary="", body="B"
    )
    kweyol = services.page_version_save(
        actor=officer, page=page, language="acf", title="T", summary="", body="B"
    )
    spanish = services.page_version_save(
        actor=officer, page=page, language="es", title="T", summary="", body="B", reviewed=True
    )
    assert english.review_status == ReviewStatus.APPROVED
    assert kweyol.review_status == ReviewStatus.NEEDS_REVIEW
    assert spanish.review_status == ReviewStatus.APPROVED


def test_publishing_a_new_version_keeps_the_old_one_as_a_revision(officer: User) -> None:
    page = _page(officer)
    first = services.page_version_save(
        actor=officer, page=page, language="en", title="One", summary="", body="1"
    )
    services.page_version_publish(actor=officer, version=first)
    second = services.page_version_save(
        actor=officer, page=page, language="en", title="Two", summary="", body="2"
    )
    services.page_version_publish(actor=officer, version=second)

    assert selectors.live_version(page, "en") == second
    assert list(PageVersion.objects.filter(page=page).order_by("id")) == [first, second]
    first.refresh_from_db()
    assert (first.title, first.body) == ("One", "1")


def test_only_a_draft_can_be_published(officer: User) -> None:
    page = _page(officer)
    version = services.page_version_save(
        actor=officer, page=page, language="en", title="T", summary="", body="B"
    )
    services.page_version_publish(actor=officer, version=version)
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.page_version_publish(actor=officer, version=version)
    assert AuditEvent.objects.count() == count


def test_restoring_an_old_revision_makes_a_new_draft_with_its_text(officer: User) -> None:
    page = _page(officer)
    old = services.page_version_save(
        actor=officer, page=page, language="es", title="Viejo", summary="S", body="1"
    )
    services.page_version_publish(actor=officer, version=old)
    new = services.page_version_save(
        actor=officer, page=page, language="es", title="Nuevo", summary="", body="2"
    )
    services.page_version_publish(actor=officer, version=new)

    draft = services.page_version_restore(actor=officer, version=old)

    assert (draft.title, draft.summary, draft.body, draft.language) == ("Viejo", "S", "1", "es")
    assert draft.status == VersionStatus.DRAFT and draft.restored_from == old
    assert selectors.live_version(page, "es") == new
    event = _last_audit(PublicAction.PAGE_VERSION_RESTORED)
    assert event.object_id == str(draft.pk) and event.details["restored_from"] == old.pk


def test_approving_a_translation_records_the_review(officer: User) -> None:
    page = _page(officer)
    version = services.page_version_save(
        actor=officer, page=page, language="acf", title="T", summary="", body="B"
    )
    services.page_version_approve(actor=officer, version=version)
    version.refresh_from_db()
    assert version.review_status == ReviewStatus.APPROVED
    assert _last_audit(PublicAction.PAGE_VERSION_APPROVED).object_id == str(version.pk)
