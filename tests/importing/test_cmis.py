"""CMIS "Decision Details": each label on a line of its own, its value on the next."""

from dataclasses import fields
from datetime import date
from decimal import Decimal

import pytest

from decisions.importing import parse_page


@pytest.fixture
def castle_park(page):
    return parse_page(page("cmis_decision.html"))


def test_the_html_page_is_a_cmis_decision(castle_park):
    assert castle_park.format == "cmis-decision"
    assert castle_park.source_url.endswith(
        "/ViewCMIS_DecisionDetails/mid/391/Id/4f2c9a10-6b1e-4c55-9a3e-2d7f0c1e8b44/Default.aspx"
    )


def test_the_text_copy_gives_the_same_facts(page, castle_park):
    (from_text,) = parse_page(page("cmis_decision.txt")).records
    (from_html,) = castle_park.records

    differing = {
        field.name
        for field in fields(from_html)
        if getattr(from_html, field.name) != getattr(from_text, field.name)
    }
    assert differing == {"source_url"}


def test_reads_values_from_the_line_after_their_label(castle_park):
    (record,) = castle_park.records

    assert (record.title, record.decision_maker, record.decision_status) == (
        "Castle Park Events Programme 2023/24",
        "Portfolio Holder for Culture and Tourism",
        "Approved",
    )
    assert (record.is_key_decision, record.subject_to_call_in) == (False, True)
    assert record.purpose.startswith("To approve the events programme for Castle Park")


def test_reads_dates_with_their_day_names(castle_park):
    (record,) = castle_park.records

    assert (record.date_of_decision, record.publication_date) == (
        date(2023, 1, 3),
        date(2023, 1, 4),
    )


def test_the_implementation_date_keeps_its_own_field(castle_park):
    (record,) = castle_park.records

    assert record.implementation_date_not_before == date(2023, 1, 11)
    assert record.effective_from is None


def test_reads_the_items_wards_money_and_contact(castle_park):
    (record,) = castle_park.records

    assert record.recommendation_labels == ["1.", "2."]
    assert record.wards == ["Castle", "St Anne's and St John's"]
    assert [(amount.text, amount.value) for amount in record.amounts] == [
        ("circa £42,000 per year", Decimal("42000")),
        ("circa £42,000 per year", Decimal("42000")),
    ]
    assert record.contact == "Lucy Fenwick, Events Manager, 01632 960321"
