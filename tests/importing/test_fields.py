"""Labels as installations print them, and the split of a page into fields."""

import pytest

from decisions.importing.parsing.fields import vocabulary

VOCABULARY = vocabulary()


def found(text: str) -> list[tuple[str, str]]:
    return [(item.name, item.value) for item in VOCABULARY.split(text).found]


@pytest.mark.parametrize(
    "line",
    [
        "Wards affected: Abbey; Westgate;",
        "Divisions affected: Abbey; Westgate;",
        "Ward(s) affected: Abbey; Westgate;",
        "Electoral divisions affected: Abbey; Westgate;",
    ],
)
def test_wards_and_divisions_are_the_same_field(line):
    assert found(line) == [("wards", "Abbey; Westgate;")]


@pytest.mark.parametrize(
    "line",
    [
        "Is Key decision?: Yes",
        "Is a Key Decision: Yes",
        "Key decision: Yes",
        "Decision type: Key Decision",
        "Is Key decision? Yes",
    ],
)
def test_the_key_decision_labels_are_one_field(line):
    assert found(line)[0][0] == "key_decision"


def test_an_empty_field_runs_straight_into_the_next_label_on_its_line():
    assert found("Decision maker: Decision due: March 2022") == [
        ("decision_maker", ""),
        ("decision_due", "March 2022"),
    ]


def test_an_empty_field_is_followed_by_the_next_label_on_the_next_line():
    assert found("Lead officer:\nDecision due:\nMarch 2022") == [
        ("lead_officer", ""),
        ("decision_due", "March 2022"),
    ]


def test_a_value_on_the_line_after_its_label_belongs_to_it():
    assert found("Title:\n\nCity Status - verbal update\n\nDetails:\n\nA verbal update.") == [
        ("title", "City Status - verbal update"),
        ("purpose", "A verbal update."),
    ]


def test_a_label_parted_from_its_value_by_a_tab_is_read():
    assert found("Confidential\tNo") == [("confidential", "No")]


def test_a_word_that_is_also_a_label_is_not_a_label_without_its_colon():
    assert found("Decision makers agreed the plan.\nStatus of the report is draft.") == []


def test_a_menu_line_is_not_taken_for_a_label():
    assert found("Decisions\nDecision details\n\nA title") == []


def test_the_text_before_the_first_label_is_the_preamble():
    fields = VOCABULARY.split("Decision details\n\nA title\n\nDecision Maker: Cabinet")

    assert fields.preamble == "Decision details\n\nA title"
