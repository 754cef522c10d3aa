"""Issue 8, defect 10: every URL of the project, including those with ids (filled with real sample objects),
answers odd input with a page, never a server error: random values for every GET parameter the view reads
(found in its source and in the page's forms) and for every field of the page's forms (POST).

One world of sample objects serves every route (the fuzzer may close the case or revoke the share on the way:
later routes then answer 404 or a message, which is also checked). Run it on PostgreSQL too:
``DATABASE_URL=postgres://... pytest harbourline/core/tests/test_url_fuzz.py``.
"""

from __future__ import annotations

import datetime
import inspect
import io
import re
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user, sign_in

from .test_form_fuzz import FIELD, odd_text

SKIP = {"accounts:logout"}  # ends the session the fuzzer runs in
SKIP_PREFIXES = ("static/", "api/")  # the API has its own schema-driven fuzzer (schemathesis)
GET_PARAM = re.compile(r"""GET(?:\.get|\.getlist|\.__getitem__)?[\(\[]\s*["']([\w-]+)["']""")
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
GET_EXAMPLES, POST_EXAMPLES = 4, 5


def _patterns(entries: list[Any] | None = None, prefix: str = "", ns: str = "") -> list[tuple[str, str, Any]]:
    found: list[tuple[str, str, Any]] = []
    for entry in entries if entries is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{ns}{entry.namespace}:" if entry.namespace else ns
            found.extend(_patterns(entry.url_patterns, prefix + str(entry.pattern), namespace))
        elif isinstance(entry, URLPattern):
            found.append((f"{ns}{entry.name or ''}", prefix + str(entry.pattern), entry.callback))
    return [f for f in found if not f[1].lstrip("^").startswith(SKIP_PREFIXES) and f[0] not in SKIP]


def get_params_read_by(view: Any) -> set[str]:
    """The query parameters a view reads (request.GET.get('x'), request.GET['x'], ...), from its source."""
    names: set[str] = set()
    seen: set[Any] = set()
    todo = [inspect.unwrap(view)]
    while todo:
        fn = todo.pop()
        if fn in seen:
            continue
        seen.add(fn)
        try:
            source = inspect.getsource(fn)
        except (OSError, TypeError):
            continue
        names |= set(GET_PARAM.findall(source))
        module = inspect.getmodule(fn)
        for called in re.findall(r"\b(_\w+)\(", source):  # the view's own helpers (_year, _search, ...)
            helper = getattr(module, called, None)
            if inspect.isfunction(helper):
                todo.append(helper)
    return names


def _world(fuzzer: Any) -> dict[str, str]:
    """Sample objects for every kind of id in the URLs, made through the services."""
    from harbourline.cases import services as case_services
    from harbourline.cases.screening.models import Instrument, InstrumentStatus
    from harbourline.cases.screening.services import screening_start
    from harbourline.cases.tests.factories import make_case
    from harbourline.public import services as public
    from harbourline.public.models import Language, MaterialKind, Page
    from harbourline.public.tips.services import tip_submit
    from harbourline.training import services as training
    from harbourline.training.models import FollowUp, Module
    from harbourline.training.tests.factories import attend_all, build_tests, make_workshop

    other = AgencyFactory.create(name="Fuzz partner")
    case = make_case(fuzzer)
    plan_item = case_services.plan_item_save(actor=fuzzer, case=case, category="medical", status="planned")
    task = case_services.task_save(actor=fuzzer, case=case, title="Visit", due_on=datetime.date(2026, 3, 10))
    consent = case_services.consent_record(
        actor=fuzzer, case=case, purpose="assistance", given_on=datetime.date(2026, 3, 3), method="oral"
    )
    share = case_services.case_share_grant(
        actor=fuzzer,
        case=case,
        agency=other,
        sections=["case"],
        reason="Protection",
        override_reason="urgent",
    )
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, format="PNG")
    attachment = case_services.attachment_add(
        actor=fuzzer, case=case, kind="photo", filename="p.png", data=png.getvalue()
    )
    instrument = Instrument.objects.filter(status=InstrumentStatus.ACTIVE).first()
    screening = screening_start(
        actor=fuzzer,
        case=case,
        instrument=instrument,
        interviewed_on=datetime.date(2026, 3, 4),
        age_at_exploitation=12 if instrument.age_group == "child" else 30,
    )
    workshop = make_workshop(fuzzer, sessions=1, participants=1)
    build_tests(fuzzer, workshop)
    attend_all(fuzzer, workshop)
    reg = workshop.registrations.get()
    keys = {str(i.question_id): i.question.correct_index for i in workshop.test_items.filter(kind="post")}
    training.test_submit(actor=fuzzer, registration=reg, kind="post", answers=keys, entered_by="paper")
    certificate = training.certificates_issue(actor=fuzzer, workshop=workshop)[0]
    module = Module.objects.get(code="identification")
    material = training.material_upload(
        actor=fuzzer, module=module, title="Slides", file_name="s.pdf", data=b"%PDF-1.4 x"
    )
    training.follow_ups_create(actor=fuzzer, workshop=workshop)
    follow_up = FollowUp.objects.filter(registration=reg).first()
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = Page.objects.first()
    version = public.page_version_save(
        actor=fuzzer, page=page, language=Language.values[0], title="T", summary="S", body="B"
    )
    public_material = public.material_add(
        actor=fuzzer,
        title="Poster",
        language=Language.values[0],
        kind=MaterialKind.values[0],
        file=SimpleUploadedFile("p.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
    )
    tip = tip_submit(idempotency_key=uuid.uuid4(), language="en", what_happened="Seen at the port.").tip
    workshop_pk = {
        "training:participant_edit": reg.pk,
        "training:registration_status": reg.pk,
        "training:attendance": workshop.sessions.get().pk,
        "training:sign_in_sheet": workshop.sessions.get().pk,
        "training:certificate_pdf": certificate.pk,
        "training:certificate_reissue": certificate.pk,
        "training:certificate_revoke": certificate.pk,
        "training:module": module.pk,
        "training:module_edit": module.pk,
        "training:material_upload": module.pk,
        "training:question_add": module.pk,
        "training:material_download": material.pk,
        "training:trainer_status": fuzzer.pk,
    }
    values: dict[str, Any] = {
        "case_id": case.pk,
        "consent_id": consent.pk,
        "share_id": share.pk,
        "item_id": plan_item.pk,
        "task_id": task.pk,
        "attachment_id": attachment.pk,
        "screening_id": screening.pk,
        "instrument_id": instrument.pk,  # type: ignore[union-attr]
        "name": "start_screening",
        "pk": workshop.pk,
        "kind": "pre",
        "fmt": "csv",
        "code": workshop.access_code,
        "token": follow_up.token if follow_up else "x",
        "tip_id": tip.pk,
        "lang": "en",
        "slug": page.slug if page else "x",  # type: ignore[union-attr]
        "rest": "about/",
        "page_id": page.pk if page else 1,  # type: ignore[union-attr]
        "language": Language.values[0],
        "version_id": version.pk,
        "material_id": public_material.pk,
        "agency_id": other.pk,
        "user_id": make_user([Role.CASE_MANAGER], agency=other, username="fuzzed").pk,
    }
    values.update({f"pk@{name}": pk for name, pk in workshop_pk.items()})
    values["code@training:verify"] = certificate.code
    return {k: str(v) for k, v in values.items()}


def _fill(name: str, pattern: str, values: dict[str, str]) -> str:
    def repl(match: re.Match[str]) -> str:
        param = match.group(2)
        return values.get(f"{param}@{name}") or values.get(param) or "999999"

    return "/" + PARAM.sub(repl, pattern).lstrip("^").rstrip("$").replace("\\Z", "")


def _fuzz_get(client: Client, path: str, params: list[str], failures: list[str]) -> None:
    @settings(
        max_examples=GET_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(params, odd_text)))
    def get(query: dict[str, str]) -> None:
        response = client.get(path, query)
        if response.status_code >= 500:
            failures.append(f"GET {path} {query!r}: {response.status_code}")

    get()


def _fuzz_post(client: Client, path: str, fields: list[str], failures: list[str]) -> None:
    @settings(
        max_examples=POST_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(st.fixed_dictionaries(dict.fromkeys(fields, odd_text)))
    def post(data: dict[str, str]) -> None:
        response = client.post(path, data)
        if response.status_code >= 500:
            failures.append(f"POST {path} {data!r}: {response.status_code}")

    post()


@pytest.mark.django_db
def test_no_url_answers_odd_input_with_a_server_error() -> None:
    from harbourline.country.services import country_load

    country_load(name="saint_lucia")
    fuzzer = make_user(
        # every role but the administrator's: holding it takes away every case permission (separation of
        # duties), and the coordinator's role manages users and agencies too
        [r for r in Role if r != Role.ADMINISTRATOR],
        agency=AgencyFactory.create(name="Fuzz home"),
        username="fuzzer",
    )
    values = _world(fuzzer)
    client = sign_in(Client(raise_request_exception=False), fuzzer)
    failures: list[str] = []
    visited = 0
    for name, pattern, view in _patterns():
        path = _fill(name, pattern, values)
        page = client.get(path)
        visited += 1
        if page.status_code >= 500:
            failures.append(f"GET {path}: {page.status_code}")
            continue
        html = (
            page.content.decode(errors="replace")
            if page.get("Content-Type", "").startswith("text/html")
            else ""
        )
        fields = sorted(set(FIELD.findall(html)) - {"csrfmiddlewaretoken"})
        params = sorted(get_params_read_by(view) | set(fields))

        if params:
            _fuzz_get(client, path, params, failures)
        if fields:
            _fuzz_post(client, path, fields, failures)
    assert visited > 100
    assert not failures, "\n".join(failures[:30])
