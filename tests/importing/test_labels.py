"""The labels of the numbered items of a decision."""

import pytest

from decisions.importing.parsing.labels import recommendation_labels, recommendations


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("1. To note.\n2. To agree.\n3. To approve.", ["1.", "2.", "3."]),
        ("(a) To note;\n(b) To agree.", ["(a)", "(b)"]),
        ("a) To note;\nb) To agree.", ["a)", "b)"]),
        (
            "(i) To note;\n(ii) To agree;\n(iii) To adopt;\n(iv) To approve.",
            ["(i)", "(ii)", "(iii)", "(iv)"],
        ),
        ("i. To note;\nii. To agree.", ["i.", "ii."]),
        ("2.1 To note;\n2.2 To agree.", ["2.1", "2.2"]),
        ("A. To note;\nB. To agree.", ["A.", "B."]),
    ],
)
def test_each_label_style_is_kept_as_printed(text, labels):
    assert recommendation_labels(text) == labels


def test_i_in_a_run_from_a_to_j_is_a_letter():
    text = "\n".join(f"{letter}) item {letter};" for letter in "abcdefghij")

    assert recommendation_labels(text) == [f"{letter})" for letter in "abcdefghij"]


def test_a_run_starting_at_i_counts_in_numerals():
    assert recommendation_labels("(i) one;\n(ii) two;\n(iii) three.") == ["(i)", "(ii)", "(iii)"]


def test_sub_items_of_another_style_are_not_items_of_the_decision():
    text = "(a) To agree:\n(i) the budget;\n(ii) the plan;\n(b) To note the report."

    assert recommendation_labels(text) == ["(a)", "(b)"]


def test_a_reference_to_an_item_does_not_continue_the_run():
    text = "1. To agree the plan.\n2. To note (see 1. above) the risks.\n3. To approve."

    assert recommendation_labels(text) == ["1.", "2.", "3."]


def test_bracketed_labels_running_inside_one_paragraph_are_found():
    text = (
        "THAT: (a) the plan be agreed and; (b) the director be authorised 1 to tender 2 to "
        "award; (c) the risks be noted."
    )

    assert recommendation_labels(text) == ["(a)", "(b)", "(c)"]


def test_section_numbers_in_the_text_are_not_labels():
    assert recommendation_labels("To approve the plan (see Section 3.17 of the report).") == []


def test_headings_above_items_are_kept_with_the_items_they_head():
    text = (
        "Transfer of services\n\n1. To note the transfer.\n\n2. To endorse it.\n\n"
        "Commissioning\n\n3. To approve the plan."
    )

    assert [(item.label, item.text, item.heading) for item in recommendations(text)] == [
        ("1.", "To note the transfer.", "Transfer of services"),
        ("2.", "To endorse it.", "Transfer of services"),
        ("3.", "To approve the plan.", "Commissioning"),
    ]


def test_no_decision_text_has_no_labels():
    assert (recommendation_labels(None), recommendations(None)) == ([], [])
