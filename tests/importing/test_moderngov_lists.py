"""ModernGov's decision lists: mgDelegatedDecisions.aspx in its full (V=1) and compact (V=0)
views, and mgListOfficerDecisions.aspx."""

from datetime import date
from decimal import Decimal

import pytest

from decisions.importing import parse_page


def summary(record) -> tuple:
    return (
        record.reference,
        record.title,
        record.date_of_decision,
        record.effective_from,
        record.decision_status,
        record.subject_to_call_in,
        record.call_ins,
    )


@pytest.mark.parametrize("name", ["moderngov_list_compact.txt", "moderngov_list_compact.html"])
def test_the_compact_view_splits_the_columns_that_run_together(page, name):
    parsed = parse_page(page(name))

    assert parsed.format == "moderngov-list"
    assert [summary(record) for record in parsed.records] == [
        (
            "12718",
            "Waste Collection Contract Extension",
            date(2022, 11, 17),
            date(2022, 11, 25),
            "Call-in expired",
            True,
            None,
        ),
        (
            "12716",
            "Appointment of Interim Head of Legal Services",
            date(2022, 11, 16),
            date(2022, 11, 16),
            "Not for call-in",
            False,
            None,
        ),
        (
            "12709",
            "Northgate Park Play Area Improvements",
            date(2022, 11, 15),
            date(2022, 11, 23),
            None,
            True,
            0,
        ),
        (
            "12701",
            "Budget Monitoring 2022/23 - Quarter 2",
            date(2022, 11, 10),
            date(2022, 11, 18),
            None,
            True,
            1,
        ),
    ]


def test_the_compact_row_in_the_brief_is_split_at_the_first_date():
    (record,) = parse_page(
        "Decisions published\n"
        "Adult Social Care Transfer ref: 1271817/11/202225/11/2022Call-in expired\n"
    ).records

    assert summary(record)[:5] == (
        "12718",
        "Adult Social Care Transfer",
        date(2022, 11, 17),
        date(2022, 11, 25),
        "Call-in expired",
    )


def test_a_row_that_is_not_a_decision_is_left_out(page):
    parsed = parse_page(page("moderngov_list_compact.html"))

    assert "An issue followed on the forward plan" not in [
        record.title for record in parsed.records
    ]


def test_each_html_entry_links_to_its_details_page(page):
    parsed = parse_page(page("moderngov_list_compact.html"))

    assert [record.url for record in parsed.records] == [
        "ieDecisionDetails.aspx?ID=12718",
        "ieDecisionDetails.aspx?ID=12716",
        "ieDecisionDetails.aspx?ID=12709",
        "ieDecisionDetails.aspx?ID=12701",
    ]


def test_text_entries_have_no_link():
    (record,) = parse_page(
        "Decisions published\nA decision ref: 1271817/11/202225/11/2022Call-in expired\n"
    ).records

    assert record.url is None


@pytest.mark.parametrize("name", ["moderngov_list_full.txt", "moderngov_list_full.html"])
def test_the_full_view_gives_each_entry_with_its_fields(page, name):
    parsed = parse_page(page(name))

    assert parsed.format == "moderngov-list"
    assert [
        (
            record.reference,
            record.title,
            record.decision_maker,
            record.publication_date,
            record.effective_from,
        )
        for record in parsed.records
    ] == [
        (
            "12718",
            "Waste Collection Contract Extension",
            "Cabinet",
            date(2022, 11, 18),
            date(2022, 11, 25),
        ),
        (
            "12716",
            "Appointment of Interim Head of Legal Services",
            "Chief Executive",
            date(2022, 11, 16),
            date(2022, 11, 16),
        ),
        (
            "12709",
            "Northgate Park Play Area Improvements",
            "Cabinet Member for Environment",
            date(2022, 11, 15),
            date(2022, 11, 23),
        ),
    ]


@pytest.mark.parametrize("name", ["moderngov_list_full.txt", "moderngov_list_full.html"])
def test_the_full_view_keeps_each_entrys_status_and_date_of_decision(page, name):
    parsed = parse_page(page(name))

    assert [(record.decision_status, record.date_of_decision) for record in parsed.records] == [
        ("Call-in expired", date(2022, 11, 17)),
        ("Not for call-in", date(2022, 11, 16)),
        ("Recommendations Approved", date(2022, 11, 15)),
    ]
    assert [record.subject_to_call_in for record in parsed.records] == [True, False, None]


@pytest.mark.parametrize("name", ["moderngov_list_full.txt", "moderngov_list_full.html"])
def test_the_full_view_reads_each_entrys_decision(page, name):
    first, second, third = parse_page(page(name)).records

    assert first.recommendation_labels == ["(a)", "(b)"]
    assert third.recommendation_labels == ["1.", "2."]
    assert [(amount.text, amount.value) for amount in second.amounts] == [
        ("up to £650 per day", Decimal("650"))
    ]
    assert (second.amounts[0].qualifier, second.amounts[0].recurrence) == ("up to", "per day")


@pytest.mark.parametrize("name", ["moderngov_list_full.txt", "moderngov_list_full.html"])
def test_the_full_view_keeps_wards_meeting_and_lead_officer(page, name):
    first, second, third = parse_page(page(name)).records

    assert (first.wards, second.wards, third.wards) == (
        ["(All Wards)"],
        None,
        ["Northgate", "Riverside"],
    )
    assert (first.decided_at_meeting.meeting, first.decided_at_meeting.date) == (
        "Cabinet",
        date(2022, 11, 17),
    )
    assert [record.lead_officer for record in (first, second, third)] == [
        "Martin Okafor",
        "Sarah Whitlock",
        "Martin Okafor",
    ]


def test_the_search_form_below_the_list_is_not_part_of_the_last_entry(page):
    last = parse_page(page("moderngov_list_full.txt")).records[-1]

    assert last.decision_maker == "Cabinet Member for Environment"
    assert "Date range" not in (last.decision_text or "")


def test_the_full_html_view_links_each_entry_and_its_next_page(page):
    parsed = parse_page(page("moderngov_list_full.html"))

    assert [record.url for record in parsed.records] == [
        "ieDecisionDetails.aspx?ID=12718",
        "ieDecisionDetails.aspx?ID=12716",
        "ieDecisionDetails.aspx?ID=12709",
    ]
    assert parsed.next_page_url == (
        "mgDelegatedDecisions.aspx?bcr=1&DM=0&DS=2&K=0&DR=01%2f11%2f2022-30%2f11%2f2022&V=1&PG=2"
    )


def test_a_list_without_a_next_link_has_no_next_page(page):
    assert parse_page(page("moderngov_list_compact.html")).next_page_url is None


@pytest.mark.parametrize("name", ["moderngov_officer_list.txt", "moderngov_officer_list.html"])
def test_the_officer_list_gives_title_and_date_with_or_without_a_reference(page, name):
    parsed = parse_page(page(name))

    assert parsed.format == "moderngov-officer-list"
    assert [
        (record.reference, record.title, record.date_of_decision) for record in parsed.records
    ] == [
        (None, "Tree Preservation Order TPO/NG/2/24 at Land West of Mill Lane", date(2024, 9, 26)),
        ("4410", "Award of contract for grounds maintenance equipment", date(2024, 9, 13)),
        (None, "Disposal of surplus fleet vehicles", date(2024, 9, 2)),
    ]


def test_the_officer_list_html_links_each_entry_by_title_or_reference(page):
    parsed = parse_page(page("moderngov_officer_list.html"))

    assert [record.url for record in parsed.records] == [
        "ieDecisionDetails.aspx?ID=4412",
        "ieDecisionDetails.aspx?ID=4410",
        "ieDecisionDetails.aspx?ID=4402",
    ]
    assert parsed.next_page_url == "mgListOfficerDecisions.aspx?bcr=1&PG=2"


def test_an_officer_list_with_no_decisions_has_no_records():
    parsed = parse_page(
        "Officer decisions\n\nUse the search options below.\n\n"
        "Officer decisions\n\nNo matching decisions\n"
    )

    assert (parsed.format, parsed.records) == ("moderngov-officer-list", [])


def test_the_address_tells_the_officer_list_from_the_delegated_list():
    text = "Decisions published\nA decision ref: 1271817/11/202225/11/2022Call-in expired\n"

    officer = parse_page(
        text, url="https://democracy.example-borough.gov.uk/mgListOfficerDecisions.aspx"
    )
    delegated = parse_page(
        text, url="https://democracy.example-borough.gov.uk/mgDelegatedDecisions.aspx"
    )

    assert (officer.format, delegated.format) == ("moderngov-officer-list", "moderngov-list")


def test_a_list_entrys_title_is_counted_with_its_text():
    text = (
        "Decisions published\n\n17/11/2022 - A £5m grant ref: 12 Approved\n\n"
        "Decision:\n\nTo award £5m.\n"
    )

    assert [amount.text for amount in parse_page(text).records[0].amounts] == ["£5m", "£5m"]
