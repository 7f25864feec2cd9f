"""The issue's journeys, as a new visitor takes them in a real browser."""

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BNES_TITLE = "Community Services Transformation Programme - Preferred Delivery Options"


def test_visitor_finds_the_better_care_fund_decision_its_record_and_its_history(
    page, seeded_register
):
    page.goto("/")
    page.get_by_label("Search decisions").fill("Better Care Fund")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/decisions/\?q=Better\+Care\+Fund"))
    expect(page.locator("#result-count")).to_have_text("1 decision")
    page.get_by_role("link", name=re.compile(f"^{re.escape(BNES_TITLE)}")).click()

    expect(page.locator("h1")).to_have_text(re.compile(f"^{re.escape(BNES_TITLE)}"))
    effective = page.locator(".govuk-summary-list__row", has_text="Effective from")
    expect(effective.locator("dd")).to_have_text("18 November 2023")
    funding = page.locator("table", has_text="Funding lines of this decision")
    expect(funding.locator("tbody tr")).to_contain_text(["£18,116,521"])
    decision_url = page.url

    record = page.get_by_role("link", name="Record of decision (PDF)").first
    with page.expect_response(re.compile(r"/record\.pdf$")) as opened:
        record.click()
    pdf = opened.value
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    # Chromium shows the PDF in its own viewer, whose page replaces the body Playwright sees:
    # the bytes are fetched again, as the viewer's "Download" button would.
    assert page.request.get(pdf.url).body().startswith(b"%PDF")

    page.go_back()
    page.wait_for_url(decision_url)
    page.get_by_role("link", name=re.compile("^Issue history")).click()

    expect(page.locator("h2", has_text="10 November 2022 – Cabinet")).to_have_text(
        "Meeting: 10 November 2022 – Cabinet (Item 44)"
    )


def test_visitor_filters_by_council_and_downloads_the_same_decisions(page, seeded_register):
    page.goto("/decisions/")
    page.get_by_label("Council").select_option(label="Herefordshire Council")
    page.get_by_role("button", name="Apply filters").click()

    page.wait_for_url(re.compile(r"authority=herefordshire"))
    expect(page.locator("#result-count")).to_have_text("2 decisions")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download these results as CSV").click()

    with Path(downloading.value.path()).open(newline="", encoding="utf-8") as downloaded:
        rows = list(csv.DictReader(downloaded))
    assert [row["authority"] for row in rows] == ["herefordshire", "herefordshire"]
