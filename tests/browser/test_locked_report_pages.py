"""Trial defect 18 in the browser: the seed report, with the decision maker, read-only in its
author's workspace. Its pages offer no form, pass axe-core at 1280px and 320px, and do not
scroll sideways."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page

from decisions.models import Report
from tests.browser.helpers import (
    axe_violations,
    describe_violations,
    save_screenshot,
    signed_in_as,
)

pytestmark = pytest.mark.browser

LOCKED = "The report is with the decision maker: its text can no longer be changed."


@pytest.fixture
def seed_report(seeded_register, settings) -> Report:
    settings.DEBUG = True  # the demo logins are for a local register
    call_command("ensure_demo_admin", verbosity=0, stdout=io.StringIO())
    settings.DEBUG = False
    return Report.objects.get(title="Commissioning Specialist Home and Community Support")


@pytest.mark.parametrize("width", [1280, 320])
def test_the_seed_reports_pages_are_read_only_and_accessible(
    page: Page, seed_report, live_server, width
):
    signed_in_as(page, get_user_model().objects.get(username="demo.officer"), live_server.url)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seed_report.get_absolute_url())
    assert LOCKED in page.locator("main").inner_text()
    for link in ("Report details", "Legal implications", "Recommendations"):
        page.goto(seed_report.get_absolute_url())
        page.get_by_role("link", name=link, exact=True).first.click()
        main = page.locator("main")
        assert main.locator("textarea, input[type=text], button[type=submit]").count() == 0, link
        assert LOCKED in main.inner_text(), link
        assert not page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        ), link
        violations = axe_violations(page)
        assert violations == [], f"{link}: {describe_violations(violations)}"
        save_screenshot(page, f"locked-{link.lower().replace(' ', '-')}-{width}")
