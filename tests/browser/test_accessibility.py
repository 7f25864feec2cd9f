"""Every public page of the register, in a real browser, at desktop and mobile widths:
axe-core's WCAG 2.2 A and AA checks, no sideways scrolling at 320px, British English, one h1.

Each page is visited once per width for the whole module (the `visits` fixture) and every test
below reads what that visit found, so that the suite stays quick however many checks it makes.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test.utils import modify_settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page

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
]
EXPECTED_STATUS = {"bad-filter": 400}


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


def visit(page: Page, path: str, screenshot: str) -> Visit:
    response = page.goto(path)  # returns once the page, its styles and scripts have loaded
    found = Visit(
        status=response.status,
        violations=axe_violations(page),
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
    with django_db_blocker.unblock(), modify_settings(ALLOWED_HOSTS={"append": host}):
        try:
            call_command("load_seed_records", verbosity=0)
            add_forward_plan_entry()
            addresses = public_pages()
            for width, viewport in WIDTHS.items():
                context = browser.new_context(
                    base_url=live_server.url, viewport=viewport, locale="en-GB"
                )
                page = context.new_page()
                for name, path in addresses.items():
                    found[name, width] = visit(page, path, f"{name}-{viewport['width']}")
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
