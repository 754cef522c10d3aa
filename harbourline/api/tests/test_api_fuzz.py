"""Security property 22 for the API: requests generated from its own OpenAPI schema (schemathesis) never cause
a server error, and every answer matches what the schema promises. Sent over HTTP to a real server."""

from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.test import Client
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from harbourline.accounts.models import PendingAccountChange
from harbourline.accounts.permissions import Role
from harbourline.accounts.services import account_change_approve
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.api.models import Scope
from harbourline.api.services import api_token_create
from harbourline.cases.tests.factories import make_case
from harbourline.country.services import country_load
from harbourline.reference.services import reference_import

pytestmark = pytest.mark.django_db(transaction=True)


def _operations() -> list[Any]:
    document = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    return [result.ok() for result in schema.get_all_operations()]


OPERATIONS = _operations()
CASE_WORK = ("/api/v1/cases/", "/api/v1/persons/", "/api/v1/tips/", "/api/v1/workshops/")


def test_the_schema_describes_every_endpoint() -> None:
    assert {op.path for op in OPERATIONS} >= {
        "/api/v1/me/",
        "/api/v1/agencies/",
        "/api/v1/districts/",
        "/api/v1/cases/",
        "/api/v1/cases/{case_id}/",
        "/api/v1/persons/{person_id}/",
        "/api/v1/cases/{case_id}/screenings/",
        "/api/v1/tips/",
        "/api/v1/workshops/",
        "/api/v1/workshops/{workshop_id}/participants/",
        "/api/v1/reference/",
        "/api/v1/reference/{name}/figures/",
    }


def _seed_and_token() -> str:
    """A case, a reference data set and an approved integration token reading everything, for the fuzzer."""
    admin, second = make_user([Role.ADMINISTRATOR]), make_user([Role.ADMINISTRATOR])
    manager = make_user([Role.CASE_MANAGER], username="fuzzcasemanager")
    make_case(manager)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.csv"
        path.write_text("gender,ageBroad\nFemale,18--20\nMale,-99\n", encoding="utf-8")
        reference_import(path, name="sample")
    roles = ["case_manager", "triage_officer", "trainer", "analyst"]
    token, raw = api_token_create(
        admin,
        name="Fuzzer",
        agency=manager.agency,
        roles=roles,
        scopes=[s.value for s in Scope],
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    for change in PendingAccountChange.objects.filter(user=token.user, status="pending"):
        account_change_approve(second, change=change)
    return raw


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_the_api_answers_token_clients_as_its_schema_promises(operation: Any, live_server: Any) -> None:
    country_load(name="saint_lucia")
    raw = _seed_and_token()
    answered: set[int] = set()

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        response = case.call(base_url=live_server.url, headers={"Authorization": f"Bearer {raw}"})
        answered.add(response.status_code)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
        if response.status_code == 200:
            case.validate_response(response, checks=[response_schema_conformance])

    check()
    if operation.method.upper() == "GET" and "{" not in operation.path:
        assert 200 in answered, f"the token was never let in: {answered}"
    else:  # an action on an object the fuzzer cannot name: let in, then refused for the object or the input
        assert answered - {401, 403}, f"the token was never let in: {answered}"


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_the_api_answers_what_its_schema_promises_and_never_fails(operation: Any, live_server: Any) -> None:
    country_load(name="saint_lucia")
    # case endpoints need a case worker (an administrator never reads case content)
    roles = [Role.SERVICE_PROVIDER] if "/referrals/" in operation.path else [Role.ADMINISTRATOR, Role.ANALYST]
    client = sign_in(Client(), make_user(roles, username="apifuzzer"))
    token = "fuzzcsrf" * 4  # a session-authenticated POST carries the CSRF cookie and header, as a page would
    cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}"
    referer = {"Referer": live_server.url + "/", "X-CSRFToken": token}
    answered: set[int] = set()

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        response = case.call(base_url=live_server.url, headers={"Cookie": cookie, **referer})
        answered.add(response.status_code)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
        if response.status_code == 200:
            case.validate_response(response, checks=[response_schema_conformance])

    check()
    if operation.path.startswith(CASE_WORK):  # an administrator and analyst read no case work: refused
        assert answered <= {400, 403, 404}, answered
    elif operation.method.upper() == "GET" and "{" not in operation.path:
        assert 200 in answered, f"the signed-in fuzzer was never let in: {answered}"
    else:  # an action on an object the fuzzer cannot name: let in, then refused for the object or the input
        assert answered - {401, 403}, f"the signed-in fuzzer was never let in: {answered}"
