"""Reads of the training app, scoped to the user; one ``<thing>_get_for_user`` per object type."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404, HttpRequest

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_denied

from .models import (
    Attendance,
    Certificate,
    Evaluation,
    MaterialVersion,
    Module,
    Question,
    Registration,
    RegistrationStatus,
    Session,
    TestAttempt,
    TestItem,
    Workshop,
)
from .models.people import ATTENDED_STATUSES
from .scoring import (
    Discrimination,
    ItemResult,
    Key,
    certificate_missing,
    class_gain,
    discrimination,
    gain,
    item_analysis,
    item_pairs,
    mean,
    normalised_gain,
)


def workshops_visible_to(user: User) -> QuerySet[Workshop]:
    """The focal point sees every workshop; a trainer those they lead, co-facilitate or planned."""
    qs = Workshop.objects.all()
    if user.has_hl_perm(Perm.TRAINING_MANAGE):
        return qs
    if user.has_hl_perm(Perm.TRAINING_RUN):
        return qs.filter(Q(trainer_links__user=user) | Q(created_by=user)).distinct()
    return qs.none()


def _denied(request: HttpRequest, object_type: str, pk: object) -> Http404:
    audit_denied(request, object_type=object_type, object_id=pk)
    return Http404("Not found")


def workshop_get_for_user(request: HttpRequest, pk: int) -> Workshop:
    workshop = workshops_visible_to(request.user).filter(pk=pk).first()  # type: ignore[arg-type]
    if workshop is None:
        raise _denied(request, "training.workshop", pk)
    return workshop


def session_get_for_user(request: HttpRequest, pk: int) -> Session:
    visible = workshops_visible_to(request.user)  # type: ignore[arg-type]
    session = Session.objects.filter(pk=pk, workshop__in=visible).select_related("workshop").first()
    if session is None:
        raise _denied(request, "training.session", pk)
    return session


def registration_get_for_user(request: HttpRequest, pk: int) -> Registration:
    visible = workshops_visible_to(request.user)  # type: ignore[arg-type]
    reg = (
        Registration.objects.filter(pk=pk, workshop__in=visible)
        .select_related("workshop", "participant")
        .first()
    )
    if reg is None:
        raise _denied(request, "training.registration", pk)
    return reg


def certificate_get_for_user(request: HttpRequest, pk: int) -> Certificate:
    visible = workshops_visible_to(request.user)  # type: ignore[arg-type]
    cert = (
        Certificate.objects.filter(pk=pk, registration__workshop__in=visible)
        .select_related("registration__workshop", "registration__participant")
        .first()
    )
    if cert is None:
        raise _denied(request, "training.certificate", pk)
    return cert


def module_get_for_user(request: HttpRequest, pk: int) -> Module:
    """Every trainer may read the curriculum; only the focal point changes it (checked by the view)."""
    module = Module.objects.filter(pk=pk).first()
    if module is None:
        raise _denied(request, "training.module", pk)
    return module


def material_get_for_user(request: HttpRequest, pk: int) -> MaterialVersion:
    material = MaterialVersion.objects.filter(pk=pk).select_related("module").first()
    if material is None:
        raise _denied(request, "training.material", pk)
    return material


def trainer_get_for_user(request: HttpRequest, pk: int) -> User:
    """A member of the trainer pool (trainer or focal point), for the focal point."""
    from .forms import trainer_queryset

    user = trainer_queryset().filter(pk=pk).first()
    if user is None:
        raise _denied(request, "accounts.user", pk)
    return user  # type: ignore[no-any-return]


def modules_with_counts() -> QuerySet[Module]:
    return Module.objects.annotate(
        question_count=Count("questions", filter=Q(questions__is_active=True), distinct=True),
        material_count=Count("materials", distinct=True),
    ).order_by("order", "title")


def latest_materials(module: Module) -> list[dict[str, Any]]:
    """Each material title with its newest version first and the older versions after it."""
    grouped: dict[str, list[MaterialVersion]] = {}
    for material in module.materials.defer("data").order_by("title", "-version"):
        grouped.setdefault(material.title, []).append(material)
    return [{"title": t, "latest": v[0], "older": v[1:]} for t, v in grouped.items()]


@dataclass
class ProgressRow:
    registration: Registration
    attended: int
    sessions: int
    pre: float | None
    post: float | None
    missing: list[str] = field(default_factory=list)
    certificate: Certificate | None = None

    @property
    def gain(self) -> float | None:
        return gain(self.pre, self.post) if self.pre is not None and self.post is not None else None

    @property
    def normalised_gain(self) -> float | None:
        return (
            normalised_gain(self.pre, self.post) if self.pre is not None and self.post is not None else None
        )


def workshop_progress(workshop: Workshop) -> list[ProgressRow]:
    """Per participant holding a place: sessions attended, test scores, gain, what a certificate still needs."""
    sessions = workshop.sessions.count()
    regs = list(
        workshop.registrations.exclude(
            status__in=[RegistrationStatus.WAITLISTED, RegistrationStatus.WITHDRAWN]
        )
        .select_related("participant", "participant__agency")
        .annotate(attended=Count("attendance", filter=Q(attendance__status__in=ATTENDED_STATUSES)))
        .order_by("number")
    )
    attempts: dict[tuple[int, str], float] = {
        (a.registration_id, a.kind): a.percent for a in TestAttempt.objects.filter(registration__in=regs)
    }
    certs = {
        c.registration_id: c
        for c in Certificate.objects.filter(registration__in=regs, status="valid").order_by("issued_at")
    }
    rows = []
    for reg in regs:
        pre, post = attempts.get((reg.pk, "pre")), attempts.get((reg.pk, "post"))
        missing = certificate_missing(
            attended=reg.attended,
            sessions=sessions,
            threshold=workshop.attendance_threshold,  # type: ignore[attr-defined]
            post_percent=post,
            pass_mark=workshop.pass_mark,
        )
        rows.append(ProgressRow(reg, reg.attended, sessions, pre, post, missing, certs.get(reg.pk)))  # type: ignore[attr-defined]
    return rows


def trained_registrations(workshops: QuerySet[Workshop]) -> list[Registration]:
    """The registrations in these workshops that meet their curriculum's 'trained' rule, as the workshop
    recorded it (the same test as for a certificate). Participant and agency are loaded."""
    regs = list(
        Registration.objects.filter(workshop__in=workshops)
        .exclude(status__in=[RegistrationStatus.WAITLISTED, RegistrationStatus.WITHDRAWN])
        .select_related("participant", "participant__agency", "workshop")
        .annotate(attended=Count("attendance", filter=Q(attendance__status__in=ATTENDED_STATUSES)))
    )
    sessions = dict(
        Session.objects.filter(workshop__in=workshops)
        .values("workshop")
        .annotate(n=Count("pk"))
        .values_list("workshop", "n")
    )
    posts = {
        a.registration_id: a.percent
        for a in TestAttempt.objects.filter(registration__workshop__in=workshops, kind="post").only(
            "registration_id", "score", "max_score"
        )
    }
    return [
        r
        for r in regs
        if not certificate_missing(
            attended=r.attended,  # type: ignore[attr-defined]
            sessions=sessions.get(r.workshop_id, 0),
            threshold=r.workshop.attendance_threshold,
            post_percent=posts.get(r.pk),
            pass_mark=r.workshop.pass_mark,
        )
    ]


@dataclass
class ItemRow:
    question: Question
    result: ItemResult


def workshop_item_analysis(workshop: Workshop, kind: str) -> list[ItemRow]:
    items = list(TestItem.objects.filter(workshop=workshop, kind=kind).select_related("question"))
    keys = [Key(i.question_id, i.question.correct_index) for i in items]
    answers = TestAttempt.objects.filter(registration__workshop=workshop, kind=kind).values_list(
        "answers", flat=True
    )
    by_id = {i.question_id: i.question for i in items}
    return [ItemRow(by_id[r.question_id], r) for r in item_analysis(keys, list(answers))]


@dataclass(frozen=True)
class FormsCheck:
    comparable: bool
    message: str = ""


NOT_COMPARABLE = (
    "No knowledge gain is worked out: the pre-test and the post-test are not the same form, nor parallel forms "
    "(form A and form B drawn from the same modules, the same number of questions from each). A gain between "
    "unrelated tests would measure the tests, not the learning. Rebuild the post-test on the Tests page "
    "(only possible before answers are entered) or report the two scores separately."
)


def forms_comparable(pre: list[Question], post: list[Question]) -> FormsCheck:
    """Same questions, or parallel forms: every pre question of one form, every post question of the other,
    and the same number of questions from each module (the builder's blueprint)."""
    if not pre or not post:
        return FormsCheck(False, "No knowledge gain is worked out: the workshop does not have both tests.")
    if {q.pk for q in pre} == {q.pk for q in post}:
        return FormsCheck(True)
    pre_forms, post_forms = {q.form for q in pre}, {q.form for q in post}
    blueprint = Counter(q.module_id for q in pre) == Counter(q.module_id for q in post)
    if len(pre_forms) == 1 and len(post_forms) == 1 and pre_forms != post_forms and blueprint:
        return FormsCheck(True)
    return FormsCheck(False, NOT_COMPARABLE)


def workshop_forms_check(workshop: Workshop) -> FormsCheck:
    items = TestItem.objects.filter(workshop=workshop).select_related("question")
    pre = [i.question for i in items if i.kind == "pre"]
    post = [i.question for i in items if i.kind == "post"]
    return forms_comparable(pre, post)


def workshop_summary(rows: list[ProgressRow], workshop: Workshop) -> dict[str, Any]:
    """The class's figures. The gain is Hake's <g> over the matched pairs (people with both tests), with the
    mean of the individual gains beside it; none when the two tests cannot be compared."""
    check = workshop_forms_check(workshop)
    pairs = [(r.pre, r.post) for r in rows if r.pre is not None and r.post is not None]
    return {
        "mean_pre_all": mean(r.pre for r in rows),
        "mean_post_all": mean(r.post for r in rows),
        "took_pre": sum(1 for r in rows if r.pre is not None),
        "took_post": sum(1 for r in rows if r.post is not None),
        "class_gain": class_gain(pairs) if check.comparable else None,  # type: ignore[arg-type]
        "gain_refused": "" if check.comparable else check.message,
        "eligible": sum(1 for r in rows if not r.missing),
        "certified": sum(1 for r in rows if r.certificate),
    }


def question_bank_analysis(module: Module) -> dict[int, Discrimination]:
    """Discrimination of each question of the module's bank, pooled over every test it was in: each answer
    paired with the percent right on the rest of that test."""
    question_ids = set(module.questions.values_list("pk", flat=True))
    tests = TestItem.objects.filter(question__module=module).values_list("workshop_id", "kind").distinct()
    pooled: dict[int, list[tuple[bool, float]]] = {qid: [] for qid in question_ids}
    for workshop_id, kind in tests:
        items = TestItem.objects.filter(workshop_id=workshop_id, kind=kind).select_related("question")
        keys = [Key(i.question_id, i.question.correct_index) for i in items]
        answers = TestAttempt.objects.filter(registration__workshop_id=workshop_id, kind=kind).values_list(
            "answers", flat=True
        )
        for qid, pairs in item_pairs(keys, list(answers)).items():
            if qid in pooled:
                pooled[qid].extend(pairs)
    return {qid: discrimination(pairs) for qid, pairs in pooled.items() if pairs}


def evaluation_summary(workshop: Workshop) -> dict[str, Any]:
    qs = Evaluation.objects.filter(workshop=workshop)
    summary = qs.aggregate(
        count=Count("*"),
        content=Avg("content"),
        trainers=Avg("trainers"),
        relevance=Avg("relevance"),
        organisation=Avg("organisation"),
    )
    summary["comments"] = list(qs.exclude(comments="").values_list("comments", flat=True)[:50])
    return summary


def attendance_sheet(session: Session) -> list[tuple[Registration, str]]:
    regs = (
        session.workshop.registrations.exclude(
            status__in=[RegistrationStatus.WAITLISTED, RegistrationStatus.WITHDRAWN]
        )
        .select_related("participant", "participant__agency")
        .order_by("number")
    )
    marks = dict(Attendance.objects.filter(session=session).values_list("registration_id", "status"))
    return [(r, marks.get(r.pk, "")) for r in regs]
