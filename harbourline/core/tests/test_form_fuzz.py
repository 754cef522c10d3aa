"""Security property 22 for forms: every form page of the project, found by walking the URL configuration,
answers malformed input with a page (a clear message), never a server error.

A user holding every role opens each page without URL arguments, reads the names of its form fields from
the HTML, and hypothesis posts random values (empty, huge, control characters, unicode, numbers, dates in odd
formats) to it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in

from .urlwalk import iter_routes

SKIP = {"accounts:logout"}  # ends the session the fuzzer runs in
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
FORM_ROUTES = [
    r for r in iter_routes() if not r.has_args and r.name not in SKIP and not r.path.startswith("/static/")
]

odd_text = st.one_of(
    st.just(""),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=10).map(lambda s: s * 500),
    st.sampled_from(
        [
            "0",
            "-1",
            "99999999999999999999",
            "2026-02-30",
            "31/12/1999",
            "<script>x</script>",
            "' OR 1=1 --",
            "\x00",
            "NaN",
            "../../etc/passwd",
            "\u00b2",  # a superscript two: str.isdigit() says yes, int() says no
            "\u0663",  # an Arabic-Indic three
            "9" * 40,
            "hl2:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  # looks like a stored ciphertext
            "a\x00b",
        ]
    ),
)


@pytest.fixture
def fuzz_client(db: Any) -> Client:
    from harbourline.country.services import country_load

    country_load(name="saint_lucia")
    return sign_in(
        Client(raise_request_exception=False),
        make_user(
            # every role but the administrator's: holding it takes away every case permission (separation of
            # duties), and the coordinator's role manages users and agencies too
            [r for r in Role if r != Role.ADMINISTRATOR],
            username="fuzzer",
        ),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("route", FORM_ROUTES, ids=lambda r: r.name)
def test_malformed_form_input_never_causes_a_server_error(route: Any, fuzz_client: Client) -> None:
    page = fuzz_client.get(route.path)
    assert page.status_code < 500, f"GET {route.path}: {page.status_code}"
    names = sorted(set(FIELD.findall(page.content.decode(errors="replace"))) - {"csrfmiddlewaretoken"})
    if not names:
        pytest.skip(f"{route.path} has no form")

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries(dict.fromkeys(names, odd_text)))
    def post(data: dict[str, str]) -> None:
        response = fuzz_client.post(route.path, data)
        assert response.status_code < 500, f"POST {route.path} with {data!r}: {response.status_code}"

    post()
