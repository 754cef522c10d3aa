"""KAP surveys: the confidence interval against Newcombe's worked examples, scoring, the phone form's resend,
the KoboToolbox import, and small-cell suppression."""

from __future__ import annotations

import datetime
import math
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in

from .. import surveys
from ..models import Instrument, Response, RoundKind, SurveyRound
from ..stats import newcombe_difference, wilson
from .factories import make_campaign, officer

pytestmark = pytest.mark.django_db


def test_wilson_and_newcombe_against_the_hand_worked_example() -> None:
    """Newcombe (1998), example (a): 56/70 against 48/80.

    By hand, z = 1.959964, z^2 = 3.841459:
      p1 = 0.8;  centre = 0.8 + 3.841459/140 = 0.827439;  spread = z*sqrt(0.8*0.2/70 + 3.841459/19600)
             = 1.959964*sqrt(0.00228571 + 0.00019599) = 1.959964*0.0498167 = 0.0976389;
             denominator = 1 + 3.841459/70 = 1.0548780;
             l1 = (0.827439 - 0.097639)/1.054878 = 0.691834,  u1 = (0.827439 + 0.097639)/1.054878 = 0.876953.
      p2 = 0.6;  centre = 0.6 + 3.841459/160 = 0.624009;  spread = 1.959964*sqrt(0.003 + 0.00015006)
             = 1.959964*0.0561254 = 0.110004;  denominator = 1 + 3.841459/80 = 1.0480182;
             l2 = 0.490455,  u2 = 0.700382.
      D = 0.2;  delta = sqrt((0.8-0.691834)^2 + (0.700382-0.6)^2) = sqrt(0.0117 + 0.0100766) = 0.147569;
      epsilon = sqrt((0.876953-0.8)^2 + (0.6-0.490455)^2) = sqrt(0.0059219 + 0.0120001) = 0.133873.
      Interval: 0.2 - 0.147569 = 0.0524 to 0.2 + 0.133873 = 0.3339, as in Newcombe's Table II (method 10).
    """
    l1, u1 = wilson(56, 70)
    l2, u2 = wilson(48, 80)
    assert (round(l1, 4), round(u1, 4)) == (0.6918, 0.8770)
    assert (round(l2, 4), round(u2, 4)) == (0.4905, 0.7004)
    d = newcombe_difference(56, 70, 48, 80)
    assert math.isclose(d.estimate, 0.2)
    assert (round(d.lower, 4), round(d.upper, 4)) == (0.0524, 0.3339)


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2", "lower", "upper"),
    [  # Newcombe 1998, Table II, method 10
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0),
    ],
)
def test_newcombe_against_the_papers_table(
    x1: int, n1: int, x2: int, n2: int, lower: float, upper: float
) -> None:
    d = newcombe_difference(x1, n1, x2, n2)
    assert (round(d.lower, 4), round(d.upper, 4)) == (lower, upper)


def _setup() -> tuple[SurveyRound, SurveyRound]:
    user = officer()
    campaign = make_campaign(created_by=user)
    instrument = surveys.instrument_create_standard(actor=user, name="KAP 2026")
    day = datetime.date(2026, 3, 1)
    base = surveys.round_save(
        actor=user,
        campaign=campaign,
        kind=RoundKind.BASELINE,
        instrument=instrument,
        start_date=day,
        end_date=day,
    )
    end = surveys.round_save(
        actor=user,
        campaign=campaign,
        kind=RoundKind.ENDLINE,
        instrument=instrument,
        start_date=day,
        end_date=day,
    )
    return base, end


def _answers(signs: int, hotline: bool, report: bool) -> dict:
    correct = ["documents_taken", "not_free", "unpaid", "controlled", "threatened"]
    return {
        "signs": correct[:signs],
        "hotline": "right" if hotline else "dont_know",
        "report": "yes" if report else "no",
    }


def test_scoring_and_a_resent_form_is_one_response() -> None:
    base, _ = _setup()
    key = uuid.uuid4()
    args = {"sex": "female", "age_band": "15-24", "district": "LC-11", "answers": _answers(3, True, False)}
    response, created = surveys.response_record(
        actor=base.campaign.created_by, survey_round=base, client_key=key, **args
    )
    assert created and (response.signs_known, response.knows_signs) == (3, True)
    assert (response.knows_hotline, response.would_report) == (True, False)
    again, created = surveys.response_record(
        actor=base.campaign.created_by, survey_round=base, client_key=key, **args
    )
    assert not created and again.pk == response.pk and Response.objects.count() == 1
    two, _ = surveys.response_record(
        actor=base.campaign.created_by,
        survey_round=base,
        client_key=uuid.uuid4(),
        **{**args, "answers": _answers(2, False, True)},
    )
    assert (two.knows_signs, two.would_report) == (False, True)


def test_a_bad_response_or_a_reader_changes_nothing() -> None:
    base, _ = _setup()
    bad = {
        "sex": "female",
        "age_band": "99",
        "district": "LC-11",
        "answers": {"signs": ["flying"], "hotline": "right", "report": "yes"},
    }
    with pytest.raises(ValidationError) as exc:
        surveys.response_record(
            actor=base.campaign.created_by, survey_round=base, client_key=uuid.uuid4(), **bad
        )
    assert "age_band" in exc.value.message_dict and "signs" in exc.value.message_dict
    good = {**bad, "age_band": "15-24", "answers": _answers(1, True, True)}
    with pytest.raises(PermissionDenied):
        surveys.response_record(
            actor=make_user([Role.NATIONAL_COORDINATOR]), survey_round=base, client_key=uuid.uuid4(), **good
        )
    assert not Response.objects.exists()


def test_a_version_with_responses_is_frozen_and_a_new_version_copies_it() -> None:
    base, _ = _setup()
    instrument = base.instrument
    surveys.response_record(
        actor=base.campaign.created_by,
        survey_round=base,
        client_key=uuid.uuid4(),
        sex="male",
        age_band="25-34",
        district="LC-02",
        answers=_answers(3, True, True),
    )
    with pytest.raises(ValidationError):
        surveys.question_save(
            actor=base.campaign.created_by,
            instrument=instrument,
            question=instrument.questions.first(),
            text="Changed",
        )
    assert instrument.questions.first().text != "Changed"
    copy = surveys.instrument_new_version(actor=base.campaign.created_by, instrument=instrument)
    assert copy.version == 2 and copy.questions.count() == instrument.questions.count()
    q = copy.questions.get(code="report")
    surveys.question_save(
        actor=base.campaign.created_by, instrument=copy, question=q, correct=["yes", "maybe"]
    )
    assert Instrument.objects.get(pk=instrument.pk).questions.get(code="report").correct == ["yes"]


KOBO = (
    "start;end;kap/sex;kap/age_band;kap/district;kap/signs;kap/hotline;kap/report;kap/heard_campaign;_uuid\n"
    "x;x;female;15-24;Vieux Fort;documents_taken not_free unpaid;right;yes;radio tv;0b6c1c8e-1f0a-4f37-9d1c-1a2b3c4d5e6f\n"
    "x;x;male;25-34;LC-02;unpaid;dont_know;no;;5a8b2b3e-0e1f-4a2b-8c3d-4e5f6a7b8c9d\n"
    "x;x;male;200;Atlantis;unpaid;dont_know;no;;6a8b2b3e-0e1f-4a2b-8c3d-4e5f6a7b8c9d\n"
    "x;x;female;50+;Castries;telepathy;right;yes;;7a8b2b3e-0e1f-4a2b-8c3d-4e5f6a7b8c9d\n"
)


def test_kobo_export_rows_with_errors_save_nothing_unless_asked_and_a_reimport_adds_nothing() -> None:
    base, _ = _setup()
    user = base.campaign.created_by
    with pytest.raises(ValidationError):
        surveys.responses_import(actor=user, survey_round=base, content=KOBO.encode())
    assert not Response.objects.exists()
    result = surveys.responses_import(
        actor=user, survey_round=base, content=KOBO.encode(), valid_rows_only=True
    )
    assert sorted({row for row, _ in result.errors}) == [4, 5]
    saved = Response.objects.order_by("age_band")
    assert [(r.sex, r.district, r.signs_known, r.knows_hotline) for r in saved] == [
        ("female", "LC-11", 3, True),
        ("male", "LC-02", 1, False),
    ]
    assert saved[0].answers["heard_campaign"] == ["radio", "tv"]
    again = surveys.responses_import(
        actor=user, survey_round=base, content=KOBO.encode(), valid_rows_only=True
    )
    assert again.already == 2 and Response.objects.count() == 2


def _fill(survey_round: SurveyRound, n: int, *, sex: str, hits: int) -> None:
    for i in range(n):
        surveys.response_record(
            actor=survey_round.campaign.created_by,
            survey_round=survey_round,
            client_key=uuid.uuid4(),
            sex=sex,
            age_band="25-34",
            district="LC-02",
            answers=_answers(3 if i < hits else 0, i < hits, True),
        )


@override_settings(HARBOURLINE_SMALL_CELL=5)
def test_indicators_with_change_interval_and_small_cells_hidden() -> None:
    base, end = _setup()
    _fill(base, 30, sex="female", hits=12)
    _fill(base, 3, sex="male", hits=1)
    _fill(end, 40, sex="female", hits=28)
    _fill(end, 3, sex="male", hits=2)
    figures = surveys.kap_indicators(base.campaign.created_by, base.campaign)
    signs = next(i for i in figures["indicators"] if i["key"] == "knows_signs")
    rows = {r.label: r for r in signs["rows"]}
    everyone = rows["Everyone"]
    assert (everyone.baseline.x, everyone.baseline.n, everyone.endline.x, everyone.endline.n) == (
        13,
        33,
        30,
        43,
    )
    expected = newcombe_difference(30, 43, 13, 33)
    assert everyone.change == expected and everyone.change.lower > 0
    women = rows["Sex: Female"]
    assert not women.baseline.suppressed and women.change is not None
    men = rows["Sex: Male"]
    assert men.baseline.suppressed and men.endline.suppressed and men.change is None
    report = next(i for i in figures["indicators"] if i["key"] == "would_report")
    everyone_report = next(r for r in report["rows"] if r.label == "Everyone")
    assert everyone_report.baseline.x == 33  # everyone would report: no one without, so nothing small
    page = sign_in(Client(), make_user([Role.NATIONAL_COORDINATOR])).get(
        reverse("campaign:kap", args=[base.campaign.pk])
    )
    text = page.content.decode()
    assert "hidden (small group)" in text and f"{100 * expected.estimate:+.1f}" in text


def test_the_phone_form_answers_204_to_the_offline_script_and_400_to_a_bad_entry() -> None:
    base, _ = _setup()
    client = sign_in(Client(), base.campaign.created_by)
    url = reverse("campaign:respond", args=[base.pk])
    page = client.get(url).content.decode()
    assert 'data-offline-form="survey-' in page and "offline-forms.js" in page
    key = str(uuid.uuid4())
    data = {
        "client_key": key,
        "sex": "female",
        "age_band": "15-24",
        "district": "LC-11",
        "q_signs": ["unpaid", "not_free"],
        "q_hotline": "right",
        "q_report": "yes",
    }
    assert client.post(url, data, HTTP_X_OFFLINE_FORM="1").status_code == 204
    assert client.post(url, data, HTTP_X_OFFLINE_FORM="1").status_code == 204
    assert Response.objects.count() == 1
    assert client.post(url, {**data, "client_key": str(uuid.uuid4()), "district": ""}).status_code == 400
    assert Response.objects.count() == 1
