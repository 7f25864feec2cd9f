"""ModernGov "Decision details" pages, as HTML and as text copied from the browser."""

from dataclasses import fields
from datetime import date
from decimal import Decimal

import pytest

from decisions.importing import parse_page


@pytest.fixture
def library(page):
    return parse_page(page("moderngov_decision.html"))


def test_the_html_page_is_a_decision_details_page(library):
    assert library.format == "moderngov-decision"
    assert len(library.records) == 1


def test_the_text_copy_gives_the_same_facts_as_the_html(page, library):
    (from_text,) = parse_page(page("moderngov_decision.txt")).records
    (from_html,) = library.records

    differing = {
        field.name
        for field in fields(from_html)
        if getattr(from_html, field.name) != getattr(from_text, field.name)
    }
    # Only the saved HTML notes the page's own address.
    assert differing == {"source_url"}


def test_reads_the_labelled_fields(library):
    (record,) = library.records

    assert (record.decision_maker, record.decision_status, record.report_author) == (
        "Cabinet Member for Communities and Culture",
        "Recommendations Approved",
        "Priya Natarajan",
    )
    assert (record.is_key_decision, record.subject_to_call_in) == (True, True)


def test_reads_the_official_dates(library):
    (record,) = library.records

    assert (record.publication_date, record.date_of_decision, record.effective_from) == (
        date(2024, 3, 14),
        date(2024, 3, 13),
        date(2024, 3, 22),
    )
    assert record.call_in_deadline is None


def test_the_title_loses_its_trailing_full_stop(library):
    assert library.records[0].title == "Library Service Redesign and the Mobile Library Replacement"


def test_all_wards_is_kept_as_printed(library):
    assert library.records[0].wards == ["(All Wards)"]


def test_every_sum_of_money_in_order(library):
    assert [(amount.text, amount.value) for amount in library.records[0].amounts] == [
        ("£1.2m", Decimal("1200000")),
        ("-£0.844m", Decimal("-844000")),
        ("£27,890.90", Decimal("27890.90")),
        ("£500k", Decimal("500000")),
        ("approximately £3.5m", Decimal("3500000")),
    ]


def test_the_phone_number_in_the_footer_is_not_money_nor_a_date(library):
    (record,) = library.records

    assert not any("01632" in amount.text for amount in record.amounts)
    assert "01632" not in record.decision_text


def test_labels_run_from_a_to_j_through_the_letter_i(library):
    assert library.records[0].recommendation_labels == [f"{letter})" for letter in "abcdefghij"]


def test_each_recommendation_keeps_its_text(library):
    items = library.records[0].recommendations

    assert items[8].label == "i)"
    assert items[8].text == "delegates the award of the vehicle contract to the Director of Place;"


def test_word_hard_wrapping_inside_a_paragraph_is_joined(library):
    assert library.records[0].decision_text.startswith(
        "That the Cabinet Member:\n\n"
        "a) approves the library service model set out in paragraph 4.3 of the report;"
    )


def test_paragraphs_are_kept_and_spacing_paragraphs_dropped(library):
    assert library.records[0].reasons.split("\n\n") == [
        "The service must make savings in 2023-24 and 2024/25 while keeping a library within "
        "two miles of every home.",
        "The mobile library vehicle is 17 years old and failed its inspection in 2023.",
    ]


def test_the_saved_page_gives_its_address(library):
    address = "https://democracy.example-borough.gov.uk/ieDecisionDetails.aspx?ID=4821"

    assert library.source_url == address
    assert library.records[0].source_url == address


def test_a_page_with_only_a_meeting_takes_its_decision_maker_from_the_meeting(page):
    """Some installations print no "Decision Maker", only "Decided at meeting"."""
    (record,) = parse_page(page("moderngov_decision_meeting.html")).records

    assert record.decision_maker == "Policy Committee"
    assert (record.decided_at_meeting.meeting, record.decided_at_meeting.date) == (
        "Policy Committee",
        date(2015, 10, 19),
    )


def test_an_empty_wards_field_gives_no_wards_rather_than_none(page):
    (record,) = parse_page(page("moderngov_decision_meeting.html")).records

    assert record.wards == []


def test_a_page_from_word_reads_its_wrapped_title_and_fields(page):
    (record,) = parse_page(page("moderngov_decision_wrapped.txt")).records

    assert record.title == "Highways Maintenance Capital Programme 2023/24"
    assert record.decision_maker == "Executive Member for Highways and Transport"
    assert record.purpose == (
        "To approve the highways maintenance capital programme for 2023/24, worth £9m, as set out "
        "in the report to the Executive on 14 March 2023."
    )


def test_a_page_from_word_reads_its_wrapped_items(page):
    (record,) = parse_page(page("moderngov_decision_wrapped.txt")).records

    assert record.recommendation_labels == ["(i)", "(ii)", "(iii)"]
    assert record.recommendations[2].text == (
        "delegates changes within the programme to the Director of Highways, in consultation "
        "with the Executive Member."
    )


def test_a_county_page_prints_divisions_for_wards(page):
    (record,) = parse_page(page("moderngov_decision_wrapped.txt")).records

    assert record.wards == ["Abbeymead", "Brockworth", "Hucclecote"]


def test_empty_fields_followed_by_the_next_label_stay_empty(page):
    (record,) = parse_page(page("moderngov_decision_wrapped.txt")).records

    assert (record.reason_key, record.report_author) == (None, None)
    assert record.purpose.startswith("To approve the highways")
    assert record.publication_date == date(2023, 4, 3)


def test_text_cut_off_mid_word_is_kept_as_printed(page):
    (record,) = parse_page(page("moderngov_decision_wrapped.txt")).records

    assert record.alternatives.endswith("£0.4m in repairs and lef")
    assert record.amounts[-1].value == Decimal("400000")


def test_dates_in_words_are_read(page):
    (record,) = parse_page(page("moderngov_decision_wrapped.txt")).records

    assert (record.publication_date, record.date_of_decision) == (
        date(2023, 4, 3),
        date(2023, 3, 30),
    )


@pytest.mark.parametrize(
    ("label", "value", "key"),
    [
        ("Is Key decision?:", "Yes", True),
        ("Is Key decision?:", "No", False),
        ("Is a Key Decision:", "Yes", True),
        ("Key decision:", "No", False),
        ("Decision type:", "Key Decision", True),
        ("Decision type:", "Key", True),
        ("Decision type:", "Non-key", False),
    ],
)
def test_the_key_decision_label_varies_between_installations(label, value, key):
    text = (
        f"Decision details\n\nA decision\n\nDecision Maker: Cabinet\n\n{label} {value}\n\n"
        "Is subject to call in?: Yes\n"
    )

    assert parse_page(text).records[0].is_key_decision is key


@pytest.mark.parametrize(
    ("label", "value", "callable_in"),
    [
        ("Is subject to call in?:", "Yes", True),
        ("Is subject to call-in?:", "No", False),
        ("Subject to call-in:", "Not for call-in", False),
        ("Is Callable In?:", "Yes", True),
    ],
)
def test_the_call_in_label_varies_between_installations(label, value, callable_in):
    text = f"Decision details\n\nA decision\n\nIs Key decision?: No\n\n{label} {value}\n"

    assert parse_page(text).records[0].subject_to_call_in is callable_in


def test_a_page_that_does_not_say_leaves_the_flags_unknown():
    (record,) = parse_page("Decision details\n\nA decision\n\nDecision Maker: Cabinet\n").records

    assert (record.is_key_decision, record.subject_to_call_in) == (None, None)


def test_a_call_in_deadline_is_read_where_the_page_prints_one():
    text = (
        "Decision details\n\nA decision\n\nPublication date: 10/11/2023\n\n"
        "Call-in deadline: 17/11/2023\n"
    )

    assert parse_page(text).records[0].call_in_deadline == date(2023, 11, 17)


def test_a_sum_in_the_title_is_counted_once():
    text = (
        "Decision details\n\nA £5m grant to the Friends of the Park\n\nDecision:\n\nTo award it.\n"
    )

    assert [amount.text for amount in parse_page(text).records[0].amounts] == ["£5m"]
