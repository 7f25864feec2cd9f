"""A council's written statement of a key decision, as HTML (the text form is seed 003)."""

from datetime import date
from decimal import Decimal

import pytest

from decisions.importing import parse_page


@pytest.fixture
def statement(page):
    return parse_page(page("written_statement.html"))


def test_the_html_statement_is_a_written_statement(statement):
    assert statement.format == "written-statement"
    assert len(statement.records) == 1


def test_the_decision_maker_is_the_line_under_the_heading(statement):
    assert statement.records[0].decision_maker == "CABINET MEMBER FOR ADULTS AND HEALTH"


def test_a_written_statement_of_a_key_decision_is_key(statement):
    assert statement.records[0].is_key_decision is True


def test_reads_its_rows(statement):
    (record,) = statement.records

    assert record.title == "EXTENSION OF THE COMMUNITY EQUIPMENT SERVICE CONTRACT"
    assert (record.date_of_decision, record.effective_from) == (date(2023, 4, 3), date(2023, 4, 12))
    assert (record.is_exempt, record.is_confidential, record.urgency) == (False, False, "No")
    assert record.recommendation_labels == ["(a)", "(b)"]
    assert [(amount.text, amount.value) for amount in record.amounts] == [
        ("up to £1,250,000", Decimal("1250000"))
    ]


def test_the_signature_is_not_part_of_the_last_row(statement):
    assert statement.records[0].effective_from == date(2023, 4, 12)
    assert "COUNCILLOR" not in (statement.records[0].alternatives or "")


def test_the_seed_statement_reads_its_tab_laid_rows(page):
    (record,) = parse_page(page("seed_003_herefordshire_written_statement.txt")).records

    assert record.title == "REDESIGN AND COMMISSIONING OF HOME CARE SERVICES"
    assert record.decision_maker == "CABINET"
    assert record.alternatives.startswith("To continue with the current model of service")
