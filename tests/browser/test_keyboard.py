"""The register with a keyboard alone: every step below is Tab, typing or Enter, never a click."""

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from model_bakery import baker
from playwright.sync_api import expect

from decisions.models import Body
from tests import factories
from tests.browser.helpers import focused, tab_until

pytestmark = pytest.mark.browser

FORM_FIELDS = {"input", "select", "textarea", "button"}


def is_visibly_focused(element: dict) -> bool:
    return element["outlineVisible"] or element["boxShadow"] != "none"


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main_content(page, transactional_db):
    page.goto("/decisions/")
    # GOV.UK Frontend's skip link moves the focus once its script has set it up, which it marks
    # on the link; on a loaded machine that can come a moment after the page's load event.
    page.wait_for_selector(".govuk-skip-link[data-govuk-skip-link-init]", state="attached")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main-content'")
    assert focused(page)["id"] == "main-content"


def test_every_tab_stop_shows_where_the_focus_is(page, seeded_register):
    page.goto("/decisions/")
    unmarked = []
    for _ in range(80):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None:  # past the last tab stop
            break
        if not is_visibly_focused(element):
            unmarked.append(element)
    else:
        pytest.fail("80 presses of Tab never left the page")
    assert unmarked == [], "\n".join(
        f"{element['tag']}#{element['id']} “{element['text']}”: outline {element['outline']}, "
        f"box-shadow {element['boxShadow']}"
        + ("" if element["matchesFocus"] else " (focus is inside the browser's own control)")
        for element in unmarked
    )


def test_search_is_the_first_field_and_apply_filters_answers_enter(page, seeded_register):
    page.goto("/decisions/")
    expect(page.locator("#result-count")).to_have_text("3 decisions")

    first_field = tab_until(page, lambda element: element["tag"] in FORM_FIELDS)
    assert first_field["id"] == "id_q"
    page.keyboard.type("Better Care Fund")
    tab_until(page, lambda element: element["text"] == "Apply filters")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"q=Better\+Care\+Fund"))
    expect(page.locator("#result-count")).to_have_text("1 decision")


def test_csv_link_is_reachable_by_tab_and_carries_the_filters(page, seeded_register):
    page.goto("/decisions/?authority=herefordshire&key_decision=yes")

    link = tab_until(page, lambda element: element["text"] == "Download these results as CSV")
    address = urlsplit(link["href"])
    assert address.path == "/decisions/download.csv"
    assert parse_qs(address.query) == {"authority": ["herefordshire"], "key_decision": ["yes"]}


def test_next_page_link_answers_enter_and_marks_the_page_reached(page, transactional_db):
    council = factories.authority(slug="testshire", name="Testshire Council")
    cabinet = baker.make(Body, authority=council, kind=Body.Kind.CABINET, name="Cabinet")
    for _ in range(45):  # three pages of twenty
        factories.decision(
            authority=council,
            decision_maker=cabinet,
            publication_date=date(2023, 11, 10),
            effective_from=date(2023, 11, 18),
        )
    page.goto("/decisions/")

    tab_until(page, lambda element: element["text"] == "Next page")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"page=2$"))
    expect(page.locator(".govuk-pagination [aria-current=page]")).to_have_text("2")
    expect(page.locator("#result-count")).to_have_text("45 decisions")
