"""The register works under its Content-Security-Policy in a real browser: no page breaks the
policy (Chromium reports each breach as a securitypolicyviolation event and a console error),
GOV.UK Frontend's JavaScript starts, the council's colour reaches its header and the report
section's autosave still saves."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from decisions.groups import REPORT_AUTHORS
from decisions.models import Authority, Decision, Person
from decisions.reports.services import drafting

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-1"

# Collects every breach of the policy from the moment each page starts, before its own scripts.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || 'inline'}`);
});
"""


@pytest.fixture
def watched(page: Page) -> tuple[Page, list[str]]:
    """The page, and the console's complaints about the policy on every page it loads."""
    complaints: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, complaints


@pytest.fixture
def author(seeded_register) -> dict:
    users = get_user_model().objects
    user = users.create_user("teresa", "teresa@example.org", PASSWORD, first_name="Teresa")
    Group.objects.get(name=REPORT_AUTHORS).user_set.add(user)
    authority = Authority.objects.get(slug="doncaster")
    Person.objects.filter(authority=authority, name="Teresa Bainbridge").update(user=user)
    report = drafting.report_start(
        authority=authority, title="Day opportunities", by=user, at=timezone.now()
    )
    return {"user": user, "report": report}


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def govuk_frontend_started(page: Page) -> bool:
    """GOV.UK Frontend marks the body when it may run, and each component it initialises."""
    # Its module runs after the page has loaded: wait for one component's mark, then look at all.
    page.locator("[data-govuk-service-navigation-init]").wait_for(state="attached")
    return page.evaluate(
        """() => document.body.classList.contains('govuk-frontend-supported')
          && document.querySelector('[data-module="govuk-skip-link"]')
               .hasAttribute('data-govuk-skip-link-init')
          && document.querySelector('[data-module="govuk-service-navigation"]')
               .hasAttribute('data-govuk-service-navigation-init')"""
    )


def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_public_pages_keep_to_the_policy_and_start_govuk_frontend(watched, seeded_register):
    page, complaints = watched
    decision = Decision.objects.filter(authority__slug="bathnes").first()
    for path in ["/", "/decisions/", "/forward-plan/", "/contracts/", decision.get_absolute_url()]:
        page.goto(path)
        assert violations(page) == [], path
        assert govuk_frontend_started(page), path
    assert complaints == []


def test_council_colour_reaches_its_header_through_its_stylesheet(page, seeded_register):
    authority = Authority.objects.get(slug="bathnes")
    decision = Decision.objects.filter(authority=authority).first()
    page.goto(decision.get_absolute_url())
    colour = page.evaluate(
        "getComputedStyle(document.querySelector('.govuk-header'))"
        ".getPropertyValue('--govuk-brand-colour').trim()"
    )
    assert colour == authority.brand_colour


def test_workspace_keeps_to_the_policy_and_autosave_still_saves(watched, author):
    page, complaints = watched
    sign_in(page, "teresa")
    assert violations(page) == []
    assert govuk_frontend_started(page)

    page.goto(f"/officers/reports/{author['report'].pk}/sections/background/")
    page.get_by_label("Text", exact=True).fill("Day opportunities are changing.")
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved")
    assert violations(page) == []
    assert govuk_frontend_started(page)
    assert complaints == []


def test_an_inline_script_is_refused_by_the_browser(watched, seeded_register):
    """The policy is enforced, not only sent: so the checks above can see a breach."""
    page, complaints = watched
    page.goto("/")
    page.evaluate(
        """() => { const script = document.createElement('script');
          script.textContent = 'window.__ran = true'; document.body.append(script); }"""
    )
    assert page.evaluate("window.__ran === undefined")
    assert any(found.startswith("script-src") for found in violations(page))
