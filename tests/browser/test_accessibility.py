"""Every public page of the register, in a real browser, at desktop and mobile widths:
axe-core's WCAG 2.2 A and AA checks, no sideways scrolling at 320px, British English, one h1.

Each page is visited once per width for the whole module (the `visits` fixture) and every test
below reads what that visit found, so that the suite stays quick however many checks it makes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test.utils import modify_settings, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import Browser, Page, Response

from commissioning.models import Contract
from decisions.models import Body, Decision, ForwardPlanEntry
from tests.browser.helpers import (
    DESKTOP,
    MOBILE,
    axe_violations,
    describe_violations,
    save_screenshot,
)

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}

# The pages, by the name their screenshots carry; the one answering 400 is the register with a
# date it cannot read, whose error summary must be as accessible as any page.
PAGES = [
    "home",
    "decision-list",
    "search",
    "bad-filter",
    "bnes-decision",
    "herefordshire-home-care",
    "herefordshire-day-opportunities",
    "bnes-issue",
    "forward-plan",
    "contract-list",
    "contract",
    # Signing in and out, and a forgotten password (decisions.accounts): account_pages().
    "sign-in",
    "sign-in-error",
    "locked-out",
    "password-reset",
    "password-reset-error",
    "password-reset-sent",
    "password-reset-new",
    "password-reset-expired",
    "password-reset-complete",
    "signed-out",
    "sign-out",
    "api-docs",
    # The error pages (councilgov/errors.py), at tests/error_urls.py's failing addresses.
    "error-400",
    "error-403",
    "error-404",
    "error-405",
    "error-500",
    "error-503",
    # A public request cut off by the statement timeout (councilgov/middleware.py).
    "query-timeout",
]
EXPECTED_STATUS = {
    "locked-out": 429,
    "bad-filter": 400,
    **{f"error-{status}": status for status in (400, 403, 404, 405, 500, 503)},
    "query-timeout": 503,
}
# Swagger UI's own markup fails axe (its badges' contrast, buttons inside buttons, small
# targets), which the register cannot change: axe checks the rest of the page around it.
AXE_EXCLUDE = {"api-docs": ["#swagger-ui"]}
# Pages finished by a script: checked once it has drawn them.
DRAWN_WHEN = {"api-docs": ".swagger-ui .opblock"}


def public_pages() -> dict[str, str]:
    """The address of each page in PAGES, among the seed records."""
    bnes = Decision.objects.get(title__startswith="Community Services Transformation Programme")
    home_care = Decision.objects.get(title__startswith="Redesign and commissioning of home care")
    day_opportunities = Decision.objects.get(
        title__startswith="Adult Social Care Next Stage Integration"
    )
    contract = Contract.objects.get(title__startswith="Community services contract")
    return {
        "home": "/",
        "decision-list": "/decisions/",
        "search": "/decisions/?q=Better+Care+Fund",
        "bad-filter": "/decisions/?decided_from=nonsense",
        "bnes-decision": bnes.get_absolute_url(),
        "herefordshire-home-care": home_care.get_absolute_url(),
        "herefordshire-day-opportunities": day_opportunities.get_absolute_url(),
        "bnes-issue": reverse("issue-detail", args=[bnes.issue_id]),
        "forward-plan": "/forward-plan/",
        "contract-list": "/contracts/",
        "contract": reverse("contract-detail", args=[contract.pk]),
        "api-docs": reverse("api:docs"),
    }


def add_forward_plan_entry() -> ForwardPlanEntry:
    """A key decision to come, published ten days ago, so that the forward plan is not empty."""
    cabinet = Body.objects.get(authority__slug="bathnes", name="Cabinet")
    today = timezone.localdate()
    return ForwardPlanEntry.objects.create(
        authority=cabinet.authority,
        title="Re-procurement of community equipment services",
        decision_maker=cabinet,
        intended_date=today + timedelta(days=60),
        first_published=today - timedelta(days=10),
        documents="Report to Cabinet",
    )


def error_pages() -> dict[str, str]:
    """An address answering each error page; the 404 is a B&NES one, with its header."""
    return {
        "error-400": "/bad-request/",
        "error-403": "/forbidden/",
        "error-404": reverse("decision-detail", args=["bathnes", "no-such-decision"]),
        "error-405": "/post-only/",
        "error-500": "/broken/",
        "error-503": "/database-gone/",
        "query-timeout": "/statement-cancelled/",
    }


ACCOUNT_PASSWORD = "a-long-password-1"


def account_pages() -> dict[str, str]:
    """The sign-in, lockout, sign-out and password reset pages, for a clerk made here.

    Pages that follow a form are reached by filling it in (SUBMITTED); "sign-out" signs in, so
    it comes last.
    """
    clerk = get_user_model().objects.create_user(
        "democratic.services", "clerk@example.org", ACCOUNT_PASSWORD, first_name="Dee"
    )
    # Five failures for this username from another address: its next sign-in is refused.
    AccessAttempt.objects.create(
        username="locked.out", ip_address="192.0.2.1", failures_since_start=5, user_agent=""
    )
    uid = urlsafe_base64_encode(force_bytes(clerk.pk))
    token = default_token_generator.make_token(clerk)
    return {
        "sign-in": reverse("login"),
        "sign-in-error": reverse("login"),
        "locked-out": reverse("login"),
        "password-reset": reverse("password_reset"),
        "password-reset-error": reverse("password_reset"),
        "password-reset-sent": reverse("password_reset_done"),
        "password-reset-new": reverse("password_reset_confirm", args=[uid, token]),
        "password-reset-expired": reverse("password_reset_confirm", args=[uid, "expired-token"]),
        "password-reset-complete": reverse("password_reset_complete"),
        "signed-out": reverse("signed-out"),
        "sign-out": reverse("logout"),
    }


def submit(page: Page, fields: dict[str, str], button: str) -> Response:
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button).click()
    return navigation.value


def sign_in_as(username: str, password: str) -> Callable[[Page, str], Response]:
    def sign_in(page: Page, path: str) -> Response:
        page.goto(path)
        return submit(page, {"Username": username, "Password": password}, "Sign in")

    return sign_in


def signed_in_at(page: Page, path: str) -> Response:
    sign_in_as("democratic.services", ACCOUNT_PASSWORD)(page, reverse("login"))
    return page.goto(path)


def reset_for(address: str) -> Callable[[Page, str], Response]:
    def ask(page: Page, path: str) -> Response:
        page.goto(path)
        return submit(page, {"Email address": address}, "Send the link")

    return ask


# How to reach the pages a form leads to, from their form's address.
SUBMITTED: dict[str, Callable[[Page, str], Response]] = {
    "sign-in-error": sign_in_as("democratic.services", "not-the-password"),
    "locked-out": sign_in_as("locked.out", "any-password-at-all"),
    "password-reset-error": reset_for("clerk.at.example.org"),
    "sign-out": signed_in_at,
}


# The outermost elements reaching past the right edge of the window, to name in a failure.
OVERFLOWING_ELEMENTS = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const past = element => element.getBoundingClientRect().right > edge;
  return [...document.body.querySelectorAll('*')]
    .filter(element => past(element) && !past(element.parentElement))
    .map(element => {
      const classes = [...element.classList].map(name => '.' + name).join('');
      const text = (element.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
      const right = Math.round(element.getBoundingClientRect().right);
      return `${element.tagName.toLowerCase()}${classes} (to ${right}px): ${text}`;
    });
}"""


@dataclass(frozen=True)
class Visit:
    status: int
    violations: list[dict]
    scroll_width: int
    lang: str
    h1_count: int
    error_summary: str
    overflowing: list[str]


def visit(page: Page, name: str, path: str, screenshot: str) -> Visit:
    # Either returns once the page, its styles and scripts have loaded.
    response = SUBMITTED[name](page, path) if name in SUBMITTED else page.goto(path)
    if name in DRAWN_WHEN:
        page.locator(DRAWN_WHEN[name]).first.wait_for()
    found = Visit(
        status=response.status,
        violations=axe_violations(page, exclude=AXE_EXCLUDE.get(name, ())),
        scroll_width=page.evaluate("document.documentElement.scrollWidth"),
        lang=page.evaluate("document.documentElement.lang"),
        h1_count=page.locator("h1").count(),
        error_summary=" ".join(page.locator(".govuk-error-summary").all_inner_texts()),
        overflowing=page.evaluate(OVERFLOWING_ELEMENTS),
    )
    save_screenshot(page, screenshot)
    return found


@pytest.fixture(scope="module")
def visits(
    browser: Browser, live_server, django_db_setup, django_db_blocker
) -> dict[tuple[str, str], Visit]:
    """Each page at each width, visited once: the seed records are committed for live_server's
    thread (as transactional_db would), read by the browser, then flushed before any test runs.
    """
    host = urlsplit(live_server.url).hostname
    found = {}
    with (
        django_db_blocker.unblock(),
        modify_settings(ALLOWED_HOSTS={"append": host}),
        override_settings(ROOT_URLCONF="tests.error_urls"),
    ):
        try:
            call_command("load_seed_records", verbosity=0)
            add_forward_plan_entry()
            addresses = {**public_pages(), **account_pages(), **error_pages()}
            for width, viewport in WIDTHS.items():
                context = browser.new_context(
                    base_url=live_server.url, viewport=viewport, locale="en-GB"
                )
                page = context.new_page()
                for name, path in addresses.items():
                    found[name, width] = visit(page, name, path, f"{name}-{viewport['width']}")
                context.close()
        finally:
            call_command("flush", interactive=False, verbosity=0)
    return found


def test_compiled_stylesheet_is_served(page):
    """Colour contrast is only checked against the real styles if the CSS reaches the browser."""
    response = page.request.get("/static/build/councilgov.css")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/css")
    assert b".govuk-header" in response.body()


@pytest.mark.parametrize("name", PAGES)
def test_page_answers_with_its_status(visits, name):
    assert visits[name, "desktop"].status == EXPECTED_STATUS.get(name, 200)


def test_unreadable_filter_is_explained_in_the_error_summary(visits):
    summary = visits["bad-filter", "desktop"].error_summary
    assert "There is a problem" in summary
    assert "Decided on or after: Enter a real date" in summary


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(visits, name, width):
    violations = visits[name, width].violations
    assert violations == [], f"{name} at {width} width:\n\n{describe_violations(violations)}"


@pytest.mark.parametrize("name", PAGES)
def test_page_does_not_scroll_sideways_at_320_pixels(visits, name):
    # WCAG 1.4.10 Reflow: content fits 320 CSS pixels without scrolling in two directions.
    found = visits[name, "mobile"]
    assert found.scroll_width <= MOBILE["width"] + 1, "\n".join(
        [f"{name} is {found.scroll_width}px wide; too wide:", *found.overflowing]
    )


@pytest.mark.parametrize("name", PAGES)
def test_page_is_in_british_english(visits, name):
    assert visits[name, "desktop"].lang == "en-GB"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_exactly_one_h1(visits, name):
    assert visits[name, "desktop"].h1_count == 1
