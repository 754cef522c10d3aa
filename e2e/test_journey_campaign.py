"""Journey: the campaign officer plans a national awareness campaign, records three activities (one from a
spreadsheet), enters KAP survey responses on a 360 px phone while the network is cut and then restored, and
opens the reach and KAP pages. Every page is checked with axe-core; screenshots go to the officer's guide."""

from __future__ import annotations

import datetime
import re
import time
from typing import Any

import pytest
from django.utils import timezone

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.campaign.models import Activity, Campaign, Response, SurveyRound
from harbourline.country.services import country_load

from .conftest import screenshot
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_axe_violations(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _fill_date(page: Any, name: str, day: datetime.date) -> None:
    page.fill(f'input[name="{name}_day"]', str(day.day))
    page.fill(f'input[name="{name}_month"]', str(day.month))
    page.fill(f'input[name="{name}_year"]', str(day.year))


def _answer(phone: Any, *, sex: str, age: str, district: str, hotline: str) -> None:
    phone.get_by_label(sex, exact=True).check()
    phone.get_by_label(age, exact=True).check()
    phone.get_by_label("District").select_option(district)
    phone.get_by_label("Their passport or ID is kept by someone else").check()
    phone.get_by_label("They cannot leave or come and go freely").check()
    phone.get_by_label("They are not paid, or pay off a debt that never ends").check()
    phone.locator("fieldset.question", has_text="number you can call").get_by_label(
        hotline, exact=True
    ).check()
    phone.locator("fieldset.question", has_text="would you report").get_by_label("Yes", exact=True).check()


def _next_totp_step() -> None:
    step = int(time.time()) // 30
    while int(time.time()) // 30 == step:
        time.sleep(0.5)


def _kobo_export(kind: str, knows: float) -> bytes:
    """80 submissions as KoboToolbox exports them (';'-separated, group prefixes, spaces between answers)."""
    lines = [
        "start;end;kap/sex;kap/age_band;kap/district;kap/signs;kap/hotline;kap/report;kap/heard_campaign;_uuid"
    ]
    for n in range(80):
        yes = n < 80 * knows
        lines.append(
            ";".join(
                [
                    "2026-01-01",
                    "2026-01-01",
                    "female" if n % 2 else "male",
                    ("15-24", "25-34", "35-49", "50+")[n % 4],
                    ("LC-02", "LC-11")[n % 3 % 2],
                    "documents_taken not_free unpaid" if yes else "unpaid",
                    "right" if yes or n % 5 == 0 else "dont_know",
                    "yes" if yes or n % 3 == 0 else "maybe",
                    "radio",
                    f"{kind}-{n}",
                ]
            )
        )
    return "\n".join(lines).encode()


def test_journey_campaign(page: Any, phone_page: Any, live_server: Any) -> None:
    country_load(name="saint_lucia")
    officer = make_user([Role.CAMPAIGN_OFFICER], username="campaignofficer")
    officer.first_name, officer.last_name = "Josette", "Alcide"
    officer.save()
    base = live_server.url
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=28), today + datetime.timedelta(days=60)
    log_in(page, base, officer)

    # 1. Plan the campaign.
    page.get_by_role("link", name="Campaign", exact=True).click()
    page.get_by_role("link", name="Plan a campaign").click()
    page.get_by_label("Name").fill("Know the signs, call the hotline")
    page.get_by_label("Objectives").fill(
        "More people can name three signs of trafficking and know the hotline."
    )
    page.get_by_label("Young people and students").check()
    page.get_by_label("Employers in tourism").check()
    page.get_by_label("Vieux Fort").check()
    page.get_by_label("Castries").check()
    page.get_by_label("English").check()
    page.get_by_label("Kwéyòl").check()
    page.get_by_label("Partners").fill("Ministry of Education\nHelen FM")
    page.get_by_label("Budget (XCD)").fill("45000")
    _fill_date(page, "start_date", start)
    _fill_date(page, "end_date", end)
    screenshot(page, "campaign-plan")
    no_axe_violations(page)
    page.get_by_role("button", name="Save the campaign").click()
    page.wait_for_url(re.compile(r".*/campaign/\d+/$"))
    campaign = Campaign.objects.get()
    assert campaign.districts == ["LC-11", "LC-02"] or set(campaign.districts) == {"LC-11", "LC-02"}

    # 2. Two activities through the form.
    for title, channel, district, audience, estimated, counted, cost in (
        ("Morning show interview, Helen FM", "radio_spot", "", "general_public", "25000", "", "350.00"),
        ("Form 4 talk, Vieux Fort Secondary", "school_talk", "LC-11", "youth", "120", "112", "150.00"),
    ):
        page.goto(f"{base}/campaign/{campaign.pk}/activities/new/")
        page.get_by_label("Channel").select_option(channel)
        page.get_by_label("What").fill(title)
        _fill_date(page, "date", today - datetime.timedelta(days=10))
        page.get_by_label("District").select_option(district)
        page.get_by_label("Audience").select_option(audience)
        page.get_by_label("Estimated reach").fill(estimated)
        page.get_by_label("Counted reach").fill(counted)
        page.get_by_label("Cost (XCD)").fill(cost)
        if channel == "school_talk":
            page.locator('input[name="materials"]').first.check()
            page.get_by_label("Materials distributed").fill("112")
            screenshot(page, "campaign-activity")
            no_axe_violations(page)
        # Keyboard, as many officers do; a mouse click right after the full-page screenshot can land beside
        # the button while the page settles.
        page.get_by_role("button", name="Save the activity", exact=True).press("Enter")
        page.wait_for_url(f"{base}/campaign/{campaign.pk}/")
    assert Activity.objects.count() == 2

    # 3. The third from a spreadsheet: a first file with a bad row is refused, then the valid row imported.
    page.get_by_role("link", name="Import from a spreadsheet").click()
    day = (today - datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    csv_text = (
        "date,channel,title,district,audience,estimated_reach,counted_reach,partner,cost,materials_distributed,materials,phase,notes\n"
        f"{day},Community talk,Village council talk,Castries,Community and faith leaders,60,54,,60.00,54,,,\n"
        f"31/02/2026,Event,Market day stand,Atlantis,General public,400,,,500.00,,,,\n"
    )
    page.set_input_files(
        'input[type="file"]',
        files=[{"name": "activities.csv", "mimeType": "text/csv", "buffer": csv_text.encode()}],
    )
    page.get_by_role("button", name="Check the file").click()
    page.locator("#row-errors").wait_for()
    assert "Unknown district" in page.locator("#row-errors").inner_text()
    assert Activity.objects.count() == 2
    screenshot(page, "campaign-import-errors")
    no_axe_violations(page)
    page.get_by_role("button", name=re.compile("Import only the 1 row")).click()
    page.wait_for_url(f"{base}/campaign/{campaign.pk}/")
    assert Activity.objects.count() == 3
    assert Activity.objects.filter(source="spreadsheet").get().district == "LC-02"
    screenshot(page, "campaign-detail")
    no_axe_violations(page)

    # 4. The survey and its baseline round.
    page.get_by_role("link", name="Surveys").click()
    page.get_by_label("Name").fill("KAP survey 2026")
    page.get_by_role("button", name="Create the survey").click()
    page.wait_for_url(re.compile(r".*/campaign/surveys/\d+/$"))
    no_axe_violations(page)
    page.goto(f"{base}/campaign/{campaign.pk}/surveys/")
    page.get_by_label("Round").select_option("baseline")
    page.get_by_label("Survey and version").select_option(label="KAP survey 2026 (version 1)")
    _fill_date(page, "start_date", start)
    _fill_date(page, "end_date", start + datetime.timedelta(days=14))
    page.get_by_role("button", name="Save the round").click()
    page.wait_for_url(f"{base}/campaign/{campaign.pk}/surveys/")
    screenshot(page, "campaign-surveys")
    no_axe_violations(page)
    survey_round = SurveyRound.objects.get()

    # 5. Responses on a 360 px phone, with the network cut and restored.
    # A colleague in the field signs in on her phone (her own account: the same code cannot serve two logins).
    field = make_user([Role.CAMPAIGN_OFFICER], username="fieldofficer")
    log_in(phone_page, base, field)
    phone_page.goto(f"{base}/campaign/rounds/{survey_round.pk}/respond/")
    no_axe_violations(phone_page)
    _answer(
        phone_page,
        sex="Female",
        age="15 to 24",
        district="LC-11",
        hotline="Names the trafficking hotline correctly",
    )
    phone_page.get_by_role("button", name="Save this response").click()
    phone_page.get_by_text("Sent.").wait_for()
    assert Response.objects.count() == 1

    phone_page.context.set_offline(True)
    _answer(phone_page, sex="Male", age="25 to 34", district="LC-02", hotline="Does not know")
    phone_page.get_by_role("button", name="Save this response").click()
    _answer(
        phone_page,
        sex="Female",
        age="35 to 49",
        district="LC-02",
        hotline="Names the trafficking hotline correctly",
    )
    phone_page.get_by_role("button", name="Save this response").click()
    status = phone_page.locator("[data-offline-status]")
    status.get_by_text("2 entries are saved on this phone, not yet sent").wait_for()
    screenshot(phone_page, "campaign-survey-phone-offline")
    no_axe_violations(phone_page)
    assert Response.objects.count() == 1

    phone_page.context.set_offline(False)
    status.get_by_text("2 entries kept on this phone have now been sent").wait_for()
    assert Response.objects.count() == 3
    assert sorted(Response.objects.values_list("sex", flat=True)) == ["female", "female", "male"]
    assert Response.objects.filter(knows_signs=True).count() == 3
    screenshot(phone_page, "campaign-survey-phone-sent")

    # A response kept offline meets an expired session: it stays on the phone and is sent after signing in.
    phone_page.context.set_offline(True)
    _answer(phone_page, sex="Male", age="50 and over", district="LC-11", hotline="Does not know")
    phone_page.get_by_role("button", name="Save this response").click()
    status.get_by_text("1 entry is saved on this phone").wait_for()
    phone_page.context.clear_cookies()  # the session ends while the phone is offline
    phone_page.context.set_offline(False)
    status.get_by_text("sign in again to send them").wait_for()
    assert Response.objects.count() == 3
    _next_totp_step()  # the same authenticator code cannot serve two logins
    log_in(phone_page, base, field)
    phone_page.goto(f"{base}/campaign/rounds/{survey_round.pk}/respond/")
    status.get_by_text("1 entry kept on this phone has now been sent").wait_for()
    assert Response.objects.count() == 4

    # 6. The endline round, and the rest of both rounds from KoboToolbox exports.
    page.goto(f"{base}/campaign/{campaign.pk}/surveys/")
    page.get_by_label("Round").select_option("endline")
    page.get_by_label("Survey and version").select_option(label="KAP survey 2026 (version 1)")
    _fill_date(page, "start_date", end - datetime.timedelta(days=14))
    _fill_date(page, "end_date", end)
    page.get_by_role("button", name="Save the round").click()
    page.wait_for_url(f"{base}/campaign/{campaign.pk}/surveys/")
    for kind, knows in (("baseline", 0.3), ("endline", 0.6)):
        page.get_by_role("link", name=f"Import a KoboToolbox export ({kind.capitalize()}").click()
        page.set_input_files(
            'input[type="file"]',
            files=[{"name": f"{kind}.csv", "mimeType": "text/csv", "buffer": _kobo_export(kind, knows)}],
        )
        page.get_by_role("button", name="Import").click()
        page.wait_for_url(f"{base}/campaign/{campaign.pk}/surveys/")
    assert Response.objects.count() == 4 + 2 * 80

    # 7. Reach and KAP.
    page.goto(f"{base}/campaign/{campaign.pk}/")
    page.get_by_role("link", name="Reach and cost").first.click()
    assert page.locator("#total-reach").inner_text() == str(25000 + 112 + 54)
    screenshot(page, "campaign-reach")
    no_axe_violations(page)
    page.get_by_role("link", name="Knowledge and attitudes (KAP)").click()
    assert "baseline 84, endline 80" in page.locator("#kap-counts").inner_text()
    assert "+" in page.locator("#table-knows_signs tbody tr").first.inner_text()
    screenshot(page, "campaign-kap")
    no_axe_violations(page)

    # 8. The donor report for the campaign's period, on the page and as files.
    page.get_by_role("link", name="Donor report").click()
    page.get_by_label("From").fill(start.isoformat())
    page.get_by_label("To").fill(end.isoformat())
    page.get_by_role("button", name="Show").click()
    assert "3" in page.locator("#logframe tbody tr").first.inner_text()
    screenshot(page, "campaign-donor-report")
    no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
