"""Security property 22 for the API: requests generated from its own OpenAPI schema (schemathesis) never cause
a server error, and every answer matches what the schema promises. Sent over HTTP to a real server."""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.country.services import country_load

pytestmark = pytest.mark.django_db(transaction=True)


def _operations() -> list[Any]:
    document = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    return [result.ok() for result in schema.get_all_operations()]


OPERATIONS = _operations()


def test_the_schema_describes_every_endpoint() -> None:
    assert {op.path for op in OPERATIONS} >= {"/api/v1/me/", "/api/v1/agencies/", "/api/v1/districts/"}


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
    if operation.method.upper() == "GET" and "{" not in operation.path:
        assert 200 in answered, f"the signed-in fuzzer was never let in: {answered}"
    else:  # an action on an object the fuzzer cannot name: let in, then refused for the object or the input
        assert answered - {401, 403}, f"the signed-in fuzzer was never let in: {answered}"
