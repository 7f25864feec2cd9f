"""Trial defect 13: at 375px the funding table's amount and total lay off-screen. The rows now
stack on a narrow screen, each cell under its column's name, so every amount and the total are
inside the window with no sideways scrolling; from tablet width up it is an ordinary table."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from commissioning.models import FundingLine
from decisions.choices import FundingKind, FundingRecurrence, Precision
from decisions.groups import REPORT_AUTHORS
from decisions.models import Authority, DraftFundingLine
from decisions.reports.services.drafting import report_row_save, report_start
from tests import factories
from tests.browser.helpers import (
    axe_violations,
    describe_violations,
    save_screenshot,
    signed_in_as,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}


def outside_the_window(page: Page, selector: str) -> list[str]:
    """The text of each element matched that does not lie wholly inside the window's width."""
    return page.eval_on_selector_all(
        selector,
        """(cells) => cells
            .filter((cell) => {
                const box = cell.getBoundingClientRect();
                return box.width === 0 || box.left < 0 || box.right > window.innerWidth;
            })
            .map((cell) => cell.innerText)""",
    )


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_a_decisions_amounts_and_total_are_on_screen_at_375_pixels(page: Page, seeded_register):
    decision = FundingLine.objects.filter(decision__isnull=False).first().decision
    page.set_viewport_size(PHONE)
    page.goto(decision.get_absolute_url())
    amounts = "#funding-lines tbody td[data-label='Amount']"
    assert page.locator(amounts).count() == decision.funding_lines.count()
    assert outside_the_window(page, amounts) == []
    assert outside_the_window(page, "#funding-lines tfoot td") == []
    assert not scrolls_sideways(page)
    # Each stacked cell is named by its column.
    label = page.eval_on_selector(amounts, "(cell) => getComputedStyle(cell, '::before').content")
    assert label == '"Amount"'
    save_screenshot(page, "decision-funding-375")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)

    # From tablet width the table is an ordinary table: the amount beside what it covers.
    page.set_viewport_size({"width": 1280, "height": 900})
    covers = page.locator("#funding-lines tbody td[data-label='What it covers']").first
    amount = page.locator(amounts).first
    assert covers.bounding_box()["y"] == amount.bounding_box()["y"]
    assert page.locator("#funding-lines thead").is_visible()


def test_a_reports_funding_lines_are_on_screen_at_375_pixels(
    page: Page, seeded_register, django_user_model, live_server
):
    author = factories.officer(django_user_model, "funding.author", REPORT_AUTHORS)
    doncaster = Authority.objects.get(slug="doncaster")
    report = report_start(authority=doncaster, title="Home support", by=author, at=timezone.now())
    for amount, year in ((Decimal("18116521.45"), "2024/25"), (Decimal("765000"), "2025/26")):
        report_row_save(
            row=DraftFundingLine(
                report=report,
                description="Services delivered through the framework arrangement.",
                amount=amount,
                precision=Precision.APPROXIMATE,
                kind=FundingKind.SPEND,
                recurrence=FundingRecurrence.PER_YEAR,
                financial_year=year,
            ),
            expected_version=None,
            by=author,
            at=timezone.now(),
        )
    signed_in_as(page, author, live_server.url)
    page.set_viewport_size(PHONE)
    page.goto(f"/officers/reports/{report.pk}/funding/")
    amounts = "#report-rows tbody td[data-label='Amount']"
    assert page.locator(amounts).count() == 2
    assert outside_the_window(page, amounts) == []
    assert outside_the_window(page, "#report-rows tbody a") == []
    assert outside_the_window(page, "#funding-totals dd") == []
    assert not scrolls_sideways(page)
    assert "£18,116,521.45" in page.locator(amounts).first.inner_text()
    save_screenshot(page, "report-funding-375")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
