"""Pages anyone may open: certificate verification, and the phone test, evaluation and follow-up survey."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.training import services
from harbourline.training.models import Evaluation, OpenForm, TestAttempt, TestItem

from .factories import answer, attend_all, build_tests, make_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified() -> Any:
    trainer = make_user([Role.TRAINER])
    workshop = make_workshop(trainer, sessions=2, participants=1)
    build_tests(trainer, workshop)
    attend_all(trainer, workshop)
    reg = workshop.registrations.get()
    answer(trainer, reg, "post", right=workshop.test_items.filter(kind="post").count())
    cert = services.certificates_issue(actor=trainer, workshop=workshop)[0]
    return trainer, workshop, cert


def test_the_verification_page_shows_only_what_is_on_the_certificate(client: Client, certified: Any) -> None:
    _, workshop, cert = certified
    participant = cert.registration.participant
    html = client.get(reverse("training:verify", args=[cert.code])).content.decode()
    assert "Valid" in html and cert.participant_name in html and cert.code in html and "Vieux Fort" in html
    for secret in (participant.email, cert.registration.pin, workshop.access_code, "Immigration Department"):
        assert secret not in html


def test_an_unknown_code_gives_404_and_reveals_nothing(client: Client, certified: Any) -> None:
    response = client.get(reverse("training:verify", args=["ZZZZZ-ZZZZZ"]))
    assert response.status_code == 404
    assert certified[2].participant_name not in response.content.decode()


def test_a_revoked_or_replaced_certificate_says_so(client: Client, certified: Any) -> None:
    trainer, _, cert = certified
    new = services.certificate_reissue(actor=trainer, certificate=cert, reason="Name misspelt")
    assert "Replaced" in client.get(reverse("training:verify", args=[cert.code])).content.decode()
    services.certificate_revoke(actor=trainer, certificate=new, reason="Issued in error")
    html = client.get(reverse("training:verify", args=[new.code.lower()])).content.decode()
    assert "Revoked" in html and "Issued in error" not in html


def test_the_test_link_works_only_while_a_test_is_open(client: Client, certified: Any) -> None:
    _, workshop, _ = certified
    assert client.get(reverse("training:take", args=[workshop.access_code])).status_code == 404
    response = client.get(reverse("training:take_start"), {"code": workshop.access_code})
    assert response.status_code == 200 and "No test or form is open" in response.content.decode()


def test_a_participant_answers_on_a_phone_with_number_and_pin(client: Client, certified: Any) -> None:
    trainer, workshop, _ = certified
    services.workshop_open_form(actor=trainer, workshop=workshop, form=OpenForm.PRE)
    reg = workshop.registrations.get()
    start = client.get(reverse("training:take_start"), {"code": workshop.access_code.lower()})
    assert start.status_code == 302
    items = list(TestItem.objects.filter(workshop=workshop, kind="pre").select_related("question"))
    data = {f"q{i.question_id}": str(i.question.correct_index) for i in items}
    url = reverse("training:take", args=[workshop.access_code])
    wrong_pin = "0000" if reg.pin != "0000" else "1111"
    refused = client.post(url, {**data, "number": reg.number, "pin": wrong_pin})
    assert refused.status_code == 400 and not TestAttempt.objects.filter(kind="pre").exists()
    assert f'value="{reg.number}"' in refused.content.decode()
    done = client.post(url, {**data, "number": reg.number, "pin": reg.pin})
    assert done.status_code == 200 and "Thank you" in done.content.decode()
    attempt = TestAttempt.objects.get(registration=reg, kind="pre")
    assert attempt.score == len(items) and attempt.entered_by == "participant"


def test_the_evaluation_is_anonymous_unless_the_participant_chooses(client: Client, certified: Any) -> None:
    trainer, workshop, _ = certified
    services.workshop_open_form(actor=trainer, workshop=workshop, form=OpenForm.EVALUATION)
    url = reverse("training:evaluate", args=[workshop.access_code])
    marks = {"content": "5", "trainers": "4", "relevance": "5", "organisation": "4", "comments": "Useful"}
    assert client.post(url, {**marks, "anonymous": "on"}).status_code == 200
    assert Evaluation.objects.get().registration is None
    reg = workshop.registrations.get()
    client.post(url, {**marks, "number": reg.number, "pin": reg.pin})
    assert Evaluation.objects.filter(registration=reg).count() == 1
    bad = client.post(url, {**marks, "number": reg.number, "pin": "x"})
    assert "do not match" in bad.content.decode() and Evaluation.objects.count() == 2


def test_the_follow_up_survey_is_answered_once_through_its_link(client: Client, certified: Any) -> None:
    trainer, workshop, _ = certified
    services.follow_ups_create(actor=trainer, workshop=workshop)
    survey = workshop.registrations.get().follow_up
    url = reverse("training:follow_up", args=[survey.token])
    answers = {"uses_learning": "often", "identified_case": "yes", "referred_case": "no"}
    assert client.post(url, answers).status_code == 200
    survey.refresh_from_db()
    assert survey.identified_case is True and survey.referred_case is False
    assert "already answered" in client.get(url).content.decode()
    assert client.get(reverse("training:follow_up", args=["nosuchtoken"])).status_code == 404


def test_a_stranger_guessing_pins_cannot_lock_the_participant_out(certified: Any) -> None:
    """Issue 10: a workshop code and a participant number were enough to lock a participant out for good."""
    trainer, workshop, _ = certified
    services.workshop_open_form(actor=trainer, workshop=workshop, form=OpenForm.PRE)
    reg = workshop.registrations.get()
    items = TestItem.objects.filter(workshop=workshop, kind="pre").select_related("question")
    data = {f"q{i.question_id}": str(i.question.correct_index) for i in items}
    url = reverse("training:take", args=[workshop.access_code])
    stranger = Client(REMOTE_ADDR="198.51.100.66")
    wrong = [f"{n:04d}" for n in range(20) if f"{n:04d}" != reg.pin][:8]
    answers = [stranger.post(url, {**data, "number": reg.number, "pin": pin}).status_code for pin in wrong]
    # guessing is limited: after five wrong PINs for this participant, this connection must wait
    assert answers == [400] * 5 + [429] * 3
    held = stranger.post(url, {**data, "number": reg.number, "pin": reg.pin})
    assert held.status_code == 429 and "Wait 15 minutes" in held.content.decode()
    assert not TestAttempt.objects.filter(kind="pre").exists()
    # the participant, on their own phone in the room, is not locked out
    own_phone = Client(REMOTE_ADDR="192.0.2.14")
    done = own_phone.post(url, {**data, "number": reg.number, "pin": reg.pin})
    assert done.status_code == 200 and "Thank you" in done.content.decode()
    assert TestAttempt.objects.filter(registration=reg, kind="pre").exists()


def test_wrong_pins_from_one_connection_are_limited_across_participants(
    certified: Any, settings: Any
) -> None:
    trainer, workshop, _ = certified
    settings.HARBOURLINE_RATE_LIMITS = {**settings.HARBOURLINE_RATE_LIMITS, "training_pin": (3, 900)}
    services.workshop_open_form(actor=trainer, workshop=workshop, form=OpenForm.EVALUATION)
    reg = workshop.registrations.get()
    url = reverse("training:evaluate", args=[workshop.access_code])
    form = {"content": "5", "trainers": "5", "relevance": "5", "organisation": "5", "comments": "Good"}
    stranger = Client(REMOTE_ADDR="198.51.100.66")
    codes = [stranger.post(url, {**form, "number": n, "pin": "9999x"}).status_code for n in (7, 8, 9, 10)]
    assert codes == [200, 200, 200, 429]
    assert stranger.post(url, {**form, "number": reg.number, "pin": reg.pin}).status_code == 429
    assert not Evaluation.objects.exists()
    done = Client(REMOTE_ADDR="192.0.2.14").post(url, {**form, "number": reg.number, "pin": reg.pin})
    assert done.status_code == 200 and Evaluation.objects.get().registration == reg


def test_certificate_verification_is_rate_limited_per_address(
    client: Client, certified: Any, settings: Any
) -> None:
    """Issue 10: certificate codes could be tried at any speed."""
    settings.HARBOURLINE_RATE_LIMITS = {**settings.HARBOURLINE_RATE_LIMITS, "certificate_verify": (3, 600)}
    cert = certified[2]
    guesser = Client(REMOTE_ADDR="198.51.100.66")
    codes = [guesser.get(reverse("training:verify", args=[f"ZZZZZ-ZZZZ{n}"])).status_code for n in range(3)]
    assert codes == [404, 404, 404]
    held = guesser.get(reverse("training:verify", args=[cert.code]))
    assert held.status_code == 429 and cert.participant_name not in held.content.decode()
    other = Client(REMOTE_ADDR="192.0.2.14").get(reverse("training:verify", args=[cert.code]))
    assert other.status_code == 200 and cert.participant_name in other.content.decode()
