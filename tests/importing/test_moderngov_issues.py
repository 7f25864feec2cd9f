"""ModernGov issue pages: "Issue details" (the forward plan item) and "Issue - meetings"."""

from datetime import date
from decimal import Decimal

import pytest

from decisions.importing import parse_page


@pytest.mark.parametrize("name", ["moderngov_issue_details.txt", "moderngov_issue_details.html"])
def test_issue_details_give_the_forward_plan_item(page, name):
    parsed = parse_page(page(name))
    (record,) = parsed.records

    assert parsed.format == "moderngov-issue"
    assert record.title == "Northgate Leisure Centre Replacement"
    assert (record.is_key_decision, record.decision_status) == (True, "For Determination")
    assert record.wards == ["Northgate", "Riverside", "Mill Lane"]


@pytest.mark.parametrize("name", ["moderngov_issue_details.txt", "moderngov_issue_details.html"])
def test_not_before_qualifies_the_date_the_decision_is_due(page, name):
    (record,) = parse_page(page(name)).records

    assert (record.decision_due, record.decision_due_not_before) == (date(2026, 1, 22), True)
    assert record.decision_due_as_printed == "Not before Thu 22 Jan 2026 by Cabinet"


@pytest.mark.parametrize("name", ["moderngov_issue_details.txt", "moderngov_issue_details.html"])
def test_issue_details_give_who_decides_and_who_leads(page, name):
    (record,) = parse_page(page(name)).records

    assert (record.decision_maker, record.portfolio_holder, record.lead_officer) == (
        "Cabinet",
        "Cabinet Member for Leisure and Wellbeing",
        "Director of Place",
    )
    assert record.contact == (
        "Tom Ashworth, Leisure Services Manager Email: tom.ashworth@example-borough.gov.uk "
        "Tel: 01632 960456."
    )


@pytest.mark.parametrize("name", ["moderngov_issue_details.txt", "moderngov_issue_details.html"])
def test_issue_details_give_the_notice_and_the_description(page, name):
    (record,) = parse_page(page(name)).records

    assert record.notice_first_published == date(2025, 12, 5)
    assert record.purpose == (
        "To decide whether to build a replacement leisure centre on the Mill Lane site, at an "
        "estimated capital cost of £18.5m, and to approve the business case."
    )
    assert [(amount.text, amount.value) for amount in record.amounts] == [
        ("£18.5m", Decimal("18500000"))
    ]


@pytest.mark.parametrize("name", ["moderngov_issue_details.txt", "moderngov_issue_details.html"])
def test_issue_details_give_the_meetings_on_whose_agenda_it_is(page, name):
    (record,) = parse_page(page(name)).records

    assert [(entry.meeting, entry.date, entry.title) for entry in record.meetings] == [
        ("Scrutiny Committee", date(2025, 10, 8), "Northgate Leisure Centre Replacement - options"),
        ("Cabinet", date(2026, 1, 22), "Northgate Leisure Centre Replacement"),
    ]


def test_issue_details_html_links_each_agenda_item(page):
    (record,) = parse_page(page("moderngov_issue_details.html")).records

    assert [entry.url for entry in record.meetings] == ["mgAi.aspx?ID=22871", "mgAi.aspx?ID=23004"]


def test_the_new_flag_is_not_part_of_the_title(page):
    (record,) = parse_page(page("moderngov_issue_details.txt")).records

    assert "New" not in record.title


@pytest.fixture
def meetings(page):
    return parse_page(page("moderngov_issue_meetings.html"))


def test_issue_meetings_give_each_meeting_with_its_item(meetings):
    (record,) = meetings.records

    assert meetings.format == "moderngov-issue"
    assert record.title == "Northgate Leisure Centre Replacement"
    assert [(entry.meeting, entry.date, entry.item, entry.title) for entry in record.meetings] == [
        ("Cabinet", date(2026, 1, 22), "71", "Northgate Leisure Centre Replacement"),
        (
            "Scrutiny Committee",
            date(2025, 10, 8),
            "23",
            "Northgate Leisure Centre Replacement - options",
        ),
    ]


def test_issue_meetings_give_summary_decision_and_minutes(meetings):
    cabinet, scrutiny = meetings.records[0].meetings

    assert cabinet.summary == (
        "The report sets out the business case for a replacement leisure centre, with a capital "
        "budget of £18.5m over 2025/26 and 2026/27."
    )
    assert cabinet.decision_text == (
        "(a) To approve the business case.\n"
        "(b) To delegate the award of the construction contract to the Director of Place."
    )
    assert (
        scrutiny.minutes
        == "The committee considered the options and recommended option 2 to Cabinet."
    )


def test_minutes_cut_short_lose_the_read_more_link_and_say_so(meetings):
    cabinet, scrutiny = meetings.records[0].meetings

    assert cabinet.minutes.endswith("for residents' questions. ...")
    assert (cabinet.is_truncated, scrutiny.is_truncated, meetings.records[0].is_truncated) == (
        True,
        False,
        True,
    )


def test_issue_meetings_link_each_item_to_its_report(meetings):
    assert [entry.url for entry in meetings.records[0].meetings] == [
        "documents/s90112/Leisure%20Centre%20report.pdf",
        "documents/s89011/Options.pdf",
    ]


def test_issue_meetings_count_the_money_their_items_print(meetings):
    assert [amount.text for amount in meetings.records[0].amounts] == ["£18.5m"]
