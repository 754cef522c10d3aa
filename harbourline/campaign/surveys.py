"""KAP surveys: instruments and their versions, rounds, responses (from the phone form or a KoboToolbox
export), scoring, and the indicators by sex, age band and district with the change from baseline to endline."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from harbourline.accounts.models import User
from harbourline.audit.services import audit_record
from harbourline.country.selectors import district_choices, district_name

from .access import can_read, require_manage
from .actions import CampaignAction
from .models import (
    AgeBand,
    Campaign,
    Instrument,
    Question,
    QuestionKind,
    Response,
    RoundKind,
    Scores,
    Sex,
    SurveyRound,
)
from .stats import Difference, newcombe_difference

STANDARD_QUESTIONS: list[dict[str, Any]] = [
    {
        "code": "signs",
        "text": "What are signs that someone may be a victim of human trafficking? (Do not read the list; tick each sign named.)",
        "kind": QuestionKind.MULTIPLE,
        "choices": [
            ["documents_taken", "Their passport or ID is kept by someone else"],
            ["not_free", "They cannot leave or come and go freely"],
            ["unpaid", "They are not paid, or pay off a debt that never ends"],
            ["controlled", "Someone else speaks for them or watches them"],
            ["threatened", "They or their family are threatened"],
            ["long_hours", "Very long hours with no days off"],
            ["lives_at_work", "They live where they work, in poor conditions"],
            ["none", "Does not know any sign"],
        ],
        "scores": Scores.SIGNS,
        "correct": [
            "documents_taken",
            "not_free",
            "unpaid",
            "controlled",
            "threatened",
            "long_hours",
            "lives_at_work",
        ],
    },
    {
        "code": "hotline",
        "text": "Is there a number you can call to report trafficking? Which one?",
        "kind": QuestionKind.SINGLE,
        "choices": [
            ["right", "Names the trafficking hotline correctly"],
            ["police", "Names the police emergency number only"],
            ["wrong", "Names a wrong number"],
            ["dont_know", "Does not know"],
        ],
        "scores": Scores.HOTLINE,
        "correct": ["right"],
    },
    {
        "code": "report",
        "text": "If you saw signs of trafficking, would you report it?",
        "kind": QuestionKind.SINGLE,
        "choices": [
            ["yes", "Yes"],
            ["maybe", "Maybe"],
            ["no", "No"],
            ["dont_know", "Does not know"],
        ],
        "scores": Scores.REPORT,
        "correct": ["yes"],
    },
    {
        "code": "heard_campaign",
        "text": "In the last three months, have you seen or heard anything about human trafficking? Where?",
        "kind": QuestionKind.MULTIPLE,
        "choices": [
            ["tv", "Television"],
            ["radio", "Radio"],
            ["poster", "Poster, billboard or leaflet"],
            ["social_media", "Social media"],
            ["school", "School or community talk"],
            ["nothing", "Nothing"],
        ],
        "scores": Scores.NONE,
        "correct": [],
    },
]


def small_cell() -> int:
    """Counts from 1 to this number less one are not shown (HARBOURLINE_SMALL_CELL, 5 by default)."""
    return int(getattr(settings, "HARBOURLINE_SMALL_CELL", 5))


# --- instruments ----------------------------------------------------------------------------------------------


@transaction.atomic
def instrument_create_standard(*, actor: User, name: str, signs_threshold: int = 3) -> Instrument:
    require_manage(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the survey a name."})
    if Instrument.objects.filter(name=name).exists():
        raise ValidationError({"name": "A survey of that name exists: make a new version of it instead."})
    instrument = Instrument.objects.create(name=name, signs_threshold=signs_threshold, created_by=actor)
    for position, q in enumerate(STANDARD_QUESTIONS):
        Question.objects.create(instrument=instrument, position=position, **q)
    audit_record(
        actor=actor,
        action=CampaignAction.INSTRUMENT_SAVED,
        object_type="campaign.instrument",
        object_id=instrument.pk,
        details={"version": 1, "questions": len(STANDARD_QUESTIONS)},
    )
    return instrument


def _check_question(question: Question) -> None:
    question.full_clean()
    listed = question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    codes = [c for c, _ in question.choices]
    if listed and len(codes) < 2:
        raise ValidationError({"choices": "Give at least two answers, one a line: code | label."})
    if len(set(codes)) != len(codes):
        raise ValidationError({"choices": "Two answers have the same code."})
    if question.scores and not listed:
        raise ValidationError({"scores": "Only a question with answers from a list can be scored."})
    if question.scores == Scores.SIGNS and question.kind != QuestionKind.MULTIPLE:
        raise ValidationError({"scores": "The signs question must allow several answers."})
    if question.scores and not question.correct:
        raise ValidationError({"correct": "Name the answers that score."})
    unknown = set(question.correct) - set(codes)
    if unknown:
        raise ValidationError({"correct": f"Not an answer of this question: {', '.join(sorted(unknown))}."})
    others = Question.objects.filter(instrument=question.instrument, scores=question.scores).exclude(
        pk=question.pk
    )
    if question.scores and others.exists():
        raise ValidationError({"scores": "Another question of this survey already has that score."})


@transaction.atomic
def question_save(
    *, actor: User, instrument: Instrument, question: Question | None = None, **fields: Any
) -> Question:
    require_manage(actor)
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    if instrument.frozen:
        raise ValidationError("This version has responses: make a new version to change its questions.")
    question = question or Question(instrument=instrument, position=instrument.questions.count())
    if question.instrument_id != instrument.pk:
        raise ValidationError("That question belongs to another survey.")
    for name, value in fields.items():
        setattr(question, name, value)
    _check_question(question)
    question.save()
    audit_record(
        actor=actor,
        action=CampaignAction.INSTRUMENT_SAVED,
        object_type="campaign.instrument",
        object_id=instrument.pk,
        details={"question": question.code},
    )
    return question


@transaction.atomic
def instrument_new_version(*, actor: User, instrument: Instrument) -> Instrument:
    require_manage(actor)
    latest = Instrument.objects.filter(name=instrument.name).order_by("-version").first()
    assert latest is not None
    copy = Instrument.objects.create(
        name=instrument.name,
        version=latest.version + 1,
        signs_threshold=instrument.signs_threshold,
        previous=instrument,
        created_by=actor,
    )
    for q in instrument.questions.all():
        Question.objects.create(
            instrument=copy,
            position=q.position,
            code=q.code,
            text=q.text,
            kind=q.kind,
            choices=q.choices,
            scores=q.scores,
            correct=q.correct,
        )
    audit_record(
        actor=actor,
        action=CampaignAction.INSTRUMENT_SAVED,
        object_type="campaign.instrument",
        object_id=copy.pk,
        details={"version": copy.version, "from": instrument.pk},
    )
    return copy


@transaction.atomic
def round_save(
    *, actor: User, campaign: Campaign, kind: str, instrument: Instrument, start_date: Any, end_date: Any
) -> SurveyRound:
    require_manage(actor)
    survey_round = SurveyRound.objects.filter(campaign=campaign, kind=kind).first() or SurveyRound(
        campaign=campaign, kind=kind
    )
    if survey_round.pk and survey_round.instrument_id != instrument.pk and survey_round.responses.exists():
        raise ValidationError({"instrument": "This round has responses: its survey cannot change."})
    survey_round.instrument = instrument
    survey_round.start_date, survey_round.end_date = start_date, end_date
    survey_round.full_clean(validate_unique=False)
    if end_date < start_date:
        raise ValidationError({"end_date": "The last day cannot be before the first day."})
    survey_round.save()
    audit_record(
        actor=actor,
        action=CampaignAction.ROUND_SAVED,
        object_type="campaign.round",
        object_id=survey_round.pk,
        details={"campaign": campaign.pk, "kind": kind, "instrument": instrument.pk},
    )
    return survey_round


# --- responses ------------------------------------------------------------------------------------------------


def clean_answers(instrument: Instrument, raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Answers keyed by question code, checked against the instrument; and the problems by code."""
    answers: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for q in instrument.questions.all():
        value = raw.get(q.code)
        codes = {c for c, _ in q.choices}
        if q.kind == QuestionKind.MULTIPLE:
            values = value if isinstance(value, list) else str(value or "").split()
            bad = [v for v in values if v not in codes]
            if bad:
                problems[q.code] = f"Not an answer to “{q.code}”: {', '.join(bad)}."
            answers[q.code] = [v for v in values if v in codes]
        elif q.kind == QuestionKind.SINGLE:
            text = str(value or "").strip()
            if text and text not in codes:
                problems[q.code] = f"Not an answer to “{q.code}”: {text}."
            elif not text and q.scores:
                problems[q.code] = f"“{q.code}” must be answered."
            answers[q.code] = text
        elif q.kind == QuestionKind.NUMBER:
            text = str(value or "").strip()
            if text and not (text.isdigit() and len(text) < 9):
                problems[q.code] = f"“{q.code}” must be a whole number."
            answers[q.code] = int(text) if text.isdigit() and len(text) < 9 else None
        else:
            answers[q.code] = str(value or "").strip()[:2000]
    return answers, problems


def score(instrument: Instrument, answers: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"signs_known": 0, "knows_hotline": False, "would_report": False}
    for q in instrument.questions.exclude(scores=""):
        given = answers.get(q.code)
        chosen = set(given) if isinstance(given, list) else {given}
        right = len(chosen & set(q.correct))
        if q.scores == Scores.SIGNS:
            result["signs_known"] = right
        elif q.scores == Scores.HOTLINE:
            result["knows_hotline"] = right > 0
        elif q.scores == Scores.REPORT:
            result["would_report"] = right > 0
    result["knows_signs"] = result["signs_known"] >= instrument.signs_threshold
    return result


def _check_person(sex: str, age_band: str, district: str) -> dict[str, str]:
    problems = {}
    if sex not in Sex.values:
        problems["sex"] = "Choose the respondent's sex."
    if age_band not in AgeBand.values:
        problems["age_band"] = "Choose the respondent's age band."
    if district not in {c for c, _ in district_choices()}:
        problems["district"] = "Choose a district of the country."
    return problems


def _build(
    survey_round: SurveyRound,
    actor: User,
    client_key: uuid.UUID,
    person: dict[str, str],
    answers: dict[str, Any],
    source: str,
) -> Response:
    return Response(
        round=survey_round,
        client_key=client_key,
        answers=answers,
        source=source,
        entered_by=actor,
        **person,
        **score(survey_round.instrument, answers),
    )


def response_record(
    *,
    actor: User,
    survey_round: SurveyRound,
    client_key: uuid.UUID,
    sex: str,
    age_band: str,
    district: str,
    answers: dict[str, Any],
) -> tuple[Response, bool]:
    """Save one response; the same ``client_key`` again (a form resent from the phone's queue) returns the
    first one and ``False``."""
    require_manage(actor)
    existing = Response.objects.filter(client_key=client_key).first()
    if existing is not None:
        if existing.round_id != survey_round.pk:
            raise ValidationError("This form key belongs to another survey round.")
        return existing, False
    problems = _check_person(sex, age_band, district)
    answers, answer_problems = clean_answers(survey_round.instrument, answers)
    problems.update(answer_problems)
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            response = _build(
                survey_round,
                actor,
                client_key,
                {"sex": sex, "age_band": age_band, "district": district},
                answers,
                "form",
            )
            response.save()
            audit_record(
                actor=actor,
                action=CampaignAction.RESPONSE_RECORDED,
                object_type="campaign.response",
                object_id=response.pk,
                details={"round": survey_round.pk},
            )
    except IntegrityError:  # the same key sent twice at once
        return Response.objects.get(client_key=client_key), False
    return response, True


# --- KoboToolbox / XLSForm CSV export -------------------------------------------------------------------------


@dataclass
class ResponseImport:
    rows: int = 0
    valid: list[Response] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    already: int = 0
    file_error: str = ""


def _lookup(value: str, choices: list[tuple[str, str]]) -> str:
    wanted = value.strip().casefold()
    for code, label in choices:
        if wanted in (code.casefold(), str(label).casefold()):
            return code
    return value.strip()


def _kobo_key(value: str) -> uuid.UUID:
    value = value.strip().removeprefix("uuid:")
    try:
        return uuid.UUID(value)
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, f"harbourline-kobo:{value}")


def parse_responses(survey_round: SurveyRound, actor: User, content: bytes) -> ResponseImport:
    """Read a KoboToolbox (or ODK Central) CSV export of an XLSForm built from the instrument: one column per
    question code (group prefixes like ``kap/signs`` are dropped), several answers separated
    by spaces, and ``sex``, ``age_band``, ``district``; ``_uuid`` (or ``meta/instanceID``) keeps a re-import
    from counting a response twice."""
    result = ResponseImport()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.file_error = "The file is not a UTF-8 CSV export. Export it again as CSV."
        return result
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        table = [row for row in reader if any(c.strip() for c in row)]
    except csv.Error:
        result.file_error = "The file could not be read as CSV."
        return result
    if not table:
        result.file_error = "The file is empty."
        return result
    header = [h.strip().split("/")[-1] for h in table[0]]
    if "_uuid" not in header and "instanceID" in header:
        header[header.index("instanceID")] = "_uuid"
    missing = [c for c in ("sex", "age_band", "district") if c not in header]
    if missing:
        result.file_error = f"Columns missing from the export: {', '.join(missing)}."
        return result
    instrument = survey_round.instrument
    existing = set(Response.objects.values_list("client_key", flat=True))
    seen: set[uuid.UUID] = set()
    districts = district_choices()
    result.rows = len(table) - 1
    for index, raw in enumerate(table[1:], start=2):
        cells = {name: raw[i] if i < len(raw) else "" for i, name in enumerate(header)}
        key_text = cells.get("_uuid", "").strip()
        key = (
            _kobo_key(key_text)
            if key_text
            else uuid.uuid5(uuid.NAMESPACE_URL, f"harbourline-row:{survey_round.pk}:{index}:{','.join(raw)}")
        )
        if key in existing:
            result.already += 1
            continue
        if key in seen:
            result.errors.append((index, "The same submission appears twice in the file."))
            continue
        seen.add(key)
        person = {
            "sex": _lookup(cells.get("sex", ""), list(Sex.choices)),
            "age_band": _lookup(cells.get("age_band", ""), list(AgeBand.choices)),
            "district": _lookup(cells.get("district", ""), districts),
        }
        problems = _check_person(**person)
        answers, answer_problems = clean_answers(instrument, cells)
        problems.update(answer_problems)
        if problems:
            result.errors.extend((index, message) for message in problems.values())
            continue
        result.valid.append(_build(survey_round, actor, key, person, answers, "import"))
    return result


@transaction.atomic
def responses_import(
    *, actor: User, survey_round: SurveyRound, content: bytes, valid_rows_only: bool = False
) -> ResponseImport:
    require_manage(actor)
    result = parse_responses(survey_round, actor, content)
    if result.file_error:
        raise ValidationError(result.file_error)
    if result.errors and not valid_rows_only:
        raise ValidationError(
            f"{len({r for r, _ in result.errors})} row(s) have errors: nothing was saved. Correct them, or "
            "choose to import only the rows without errors."
        )
    Response.objects.bulk_create(result.valid)
    audit_record(
        actor=actor,
        action=CampaignAction.RESPONSES_IMPORTED,
        object_type="campaign.round",
        object_id=survey_round.pk,
        details={"saved": len(result.valid), "errors": len(result.errors), "already": result.already},
    )
    return result


# --- indicators -----------------------------------------------------------------------------------------------

INDICATORS = [
    ("knows_signs", "Can name enough signs of trafficking"),
    ("knows_hotline", "Knows the hotline"),
    ("would_report", "Would report"),
]


@dataclass
class Cell:
    x: int
    n: int
    suppressed: bool

    @property
    def percent(self) -> float | None:
        return None if self.suppressed or not self.n else 100 * self.x / self.n


@dataclass
class IndicatorRow:
    group: str
    label: str
    baseline: Cell
    endline: Cell
    change: Difference | None


def _small(count: int, limit: int) -> bool:
    return 0 < count < limit


def _cell(rows: list[dict[str, Any]], key: str, limit: int) -> Cell:
    n = len(rows)
    x = sum(1 for r in rows if r[key])
    return Cell(x, n, n < limit or _small(x, limit) or _small(n - x, limit))


def kap_indicators(user: User, campaign: Campaign) -> dict[str, Any]:
    """Each indicator for everyone and by sex, age band and district: baseline, endline, and the change with its
    95% confidence interval (Newcombe). A group's figures are hidden when a count is below the small-cell
    threshold (in either round)."""
    limit = small_cell()
    if not can_read(user):
        return {"indicators": [], "rounds": {}, "limit": limit}
    rounds = {r.kind: r for r in SurveyRound.objects.filter(campaign=campaign).select_related("instrument")}
    data: dict[str, list[dict[str, Any]]] = {}
    for kind in RoundKind.values:
        survey_round = rounds.get(kind)
        data[kind] = (
            list(
                survey_round.responses.values(  # type: ignore[arg-type]
                    "sex", "age_band", "district", "knows_signs", "knows_hotline", "would_report"
                )
            )
            if survey_round
            else []
        )
    groups: list[tuple[str, str, str, str]] = [("all", "Everyone", "", "")]
    groups += [("sex", f"Sex: {label}", "sex", code) for code, label in Sex.choices]
    groups += [("age", f"Age {label}", "age_band", code) for code, label in AgeBand.choices]
    present = sorted({r["district"] for rows in data.values() for r in rows}, key=district_name)
    groups += [("district", district_name(code), "district", code) for code in present]
    indicators = []
    for key, title in INDICATORS:
        rows = []
        for group, label, column, code in groups:
            base = _cell([r for r in data["baseline"] if not column or r[column] == code], key, limit)
            end = _cell([r for r in data["endline"] if not column or r[column] == code], key, limit)
            change = None
            if base.n and end.n and not (base.suppressed or end.suppressed):
                change = newcombe_difference(end.x, end.n, base.x, base.n)
            rows.append(IndicatorRow(group, label, base, end, change))
        indicators.append({"key": key, "title": title, "rows": rows})
    return {
        "indicators": indicators,
        "rounds": rounds,
        "limit": limit,
        "counts": {kind: len(rows) for kind, rows in data.items()},
    }
