from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_staff_pages_are_never_cached_and_forbid_inline_script() -> None:
    client = sign_in(Client(), make_user([Role.ANALYST]))
    response = client.get("/home/")
    assert "no-store" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert b"<script>" not in response.content and b" style=" not in response.content


def test_the_home_page_shows_each_role_what_it_may_do() -> None:
    admin = sign_in(Client(), make_user([Role.ADMINISTRATOR])).get("/home/")
    analyst = sign_in(Client(), make_user([Role.ANALYST])).get("/home/")
    assert b"Administration" in admin.content and b"Administration" not in analyst.content
    assert b'href="/accounts/users/"' in admin.content
    assert b'href="/accounts/users/"' not in analyst.content


def test_the_health_check_answers_without_login() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_pages_have_a_skip_link_landmarks_and_a_language() -> None:
    html = Client().get("/accounts/login/").content.decode()
    assert '<html lang="en">' in html
    assert 'class="skip-link" href="#main"' in html
    for landmark in ('<header class="site-header" role="banner">', '<main id="main"', 'role="contentinfo"'):
        assert landmark in html


def test_seed_demo_refuses_to_run_outside_a_demo_installation() -> None:
    with pytest.raises(CommandError, match="only for demo"):
        call_command("seed_demo", "--quiet")


def test_seed_demo_creates_one_login_per_role_and_demo_logins_prints_working_codes(settings: Any) -> None:
    settings.HARBOURLINE_DEMO_MODE = True
    err = StringIO()
    call_command("seed_demo", "--cases", "3", stdout=StringIO(), stderr=err)
    assert "demo users: 100%" in err.getvalue()
    assert {r for u in User.objects.filter(is_demo=True) for r in u.role_codes()} == {r.value for r in Role}
    out = StringIO()
    call_command("demo_logins", "--url", "http://127.0.0.1:8011", stdout=out)
    assert "Open http://127.0.0.1:8011 and log in." in out.getvalue()
    line = next(row for row in out.getvalue().splitlines() if row.startswith("casemanager "))
    code = re.split(r"\s{2,}", line)[3].split()[0]
    client = Client()
    client.post("/accounts/login/", {"username": "casemanager", "password": "Harbour-demo-2026!"})
    assert client.post("/accounts/login/verify/", {"code": code})["Location"] == "/home/"
    again = StringIO()
    call_command("seed_demo", "--if-empty", stdout=again)
    assert "already present" in again.getvalue()


def test_an_administrator_creates_an_agency_and_a_user_through_the_pages() -> None:
    admin = make_user([Role.ADMINISTRATOR])
    client = sign_in(Client(), admin)
    response = client.post(
        "/accounts/agencies/new/",
        {"name": "Saint Lucia Crisis Centre", "agency_type": "ngo", "is_active": "on"},
    )
    assert response["Location"] == "/accounts/agencies/"
    from harbourline.accounts.models import Agency

    agency = Agency.objects.get(name="Saint Lucia Crisis Centre")
    data = {
        "username": "kfelix",
        "password": "short",
        "first_name": "Kervin",
        "last_name": "Felix",
        "email": "k@example.invalid",
        "agency": agency.pk,
        "roles": ["case_manager"],
        "is_active": "on",
    }
    refused = client.post("/accounts/users/new/", data)
    assert refused.status_code == 200
    assert b"There is a problem" in refused.content
    assert b'value="Kervin"' in refused.content  # nothing the administrator typed is lost
    assert not User.objects.filter(username="kfelix").exists()
    data["password"] = "a-long-enough-passphrase"
    assert client.post("/accounts/users/new/", data)["Location"] == "/accounts/users/"
    created = User.objects.get(username="kfelix")
    assert created.role_codes() == [] and created.must_change_password  # case roles wait for approval
    assert created.pending_changes.get().payload == {"add": ["case_manager"]}
    assert AuditEvent.objects.filter(action="user.created", object_id=str(created.pk), actor=admin).exists()


def test_the_user_list_takes_a_fixed_number_of_queries(django_assert_max_num_queries: Any) -> None:
    admin = make_user([Role.ADMINISTRATOR])
    for _ in range(15):
        make_user([Role.CASE_MANAGER, Role.TRAINER])
    client = sign_in(Client(), admin)
    with django_assert_max_num_queries(12):
        assert client.get("/accounts/users/").status_code == 200


def test_create_admin_makes_the_first_administrator_with_a_one_time_password() -> None:
    from harbourline.country.services import country_load

    country_load(name="saint_lucia")
    out = StringIO()
    call_command("create_admin", "--username", "firstadmin", "--agency", "Home Affairs", stdout=out)
    password = out.getvalue().split("(shown once): ")[1].strip()
    user = User.objects.get(username="firstadmin")
    assert user.check_password(password) and user.must_change_password
    assert user.role_codes() == ["administrator"]
    with pytest.raises(CommandError, match="taken"):
        call_command("create_admin", "--username", "firstadmin", "--agency", "Home Affairs")
    with pytest.raises(CommandError, match="No agency"):
        call_command("create_admin", "--username", "other", "--agency", "Nowhere")


def test_forms_refuse_a_post_without_the_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_the_language_switcher_changes_the_language_without_javascript() -> None:
    client = Client()
    page = client.get("/accounts/login/").content.decode()
    assert 'action="/i18n/setlang/"' in page and 'value="acf"' in page
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/accounts/login/"})
    assert response["Location"] == "/accounts/login/"
    assert client.cookies["django_language"].value == "es"


def test_production_settings_pass_check_deploy_with_secure_cookies(tmp_path: Any) -> None:
    import os
    import secrets
    import subprocess
    import sys

    from harbourline.crypto.keys import write_key_file

    keys = tmp_path / "keys.json"
    write_key_file(keys)
    env = {
        **{
            k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },  # set for the browser tests
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "harbourline.example.gov.lc",
        "HARBOURLINE_PUBLIC_URL": "https://harbourline.example.gov.lc",
        "HARBOURLINE_KEY_FILE": str(keys),
    }
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT)"
    )
    flags = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], env=env, capture_output=True, text=True
    )
    assert flags.stdout.strip().splitlines()[-1].split() == ["True", "True", "True", "Lax", "True", "True"], (
        flags.stderr
    )


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password/reset/"])
def test_login_and_reset_pages_are_never_cached(path: str) -> None:
    assert "no-store" in Client().get(path)["Cache-Control"]


def test_the_fast_select_renders_like_djangos_select_and_escapes() -> None:
    from django import forms

    from harbourline.core.forms import FastSelect

    class Pick(forms.Form):
        country = forms.ChoiceField(
            choices=[("", "Any"), ("LC", "Saint Lucia"), ("XX", "<b>odd</b>")], widget=FastSelect
        )

    html = str(Pick(initial={"country": "LC"})["country"])
    assert html.startswith("<select") and 'name="country"' in html and 'id="id_country"' in html
    assert '<option value="LC" selected>Saint Lucia</option>' in html
    assert "&lt;b&gt;odd&lt;/b&gt;" in html and "<b>" not in html
    bound = Pick({"country": "XX"})
    assert bound.is_valid() and 'value="XX" selected' in str(bound["country"])


def test_the_site_root_sends_the_public_to_the_awareness_site_and_staff_home() -> None:
    assert Client().get("/")["Location"] == "/site/"
    assert sign_in(Client(), make_user([Role.ANALYST])).get("/")["Location"] == "/home/"
