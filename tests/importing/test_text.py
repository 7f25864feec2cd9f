"""HTML detected and read as text, and the tidying of what pages print."""

import pytest

from decisions.importing import parse_page
from decisions.importing.parsing.text import looks_like_html, read
from decisions.importing.parsing.tidy import block, is_truncated, paragraphs, title


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "<div id='modgov'><p>x</p></div>",
        "\ufeff  <table><tr><td>x</td></tr></table>",
        "<!-- saved from url=(0020)https://example.org/ -->\n<html>",
    ],
)
def test_html_is_detected(page):
    assert looks_like_html(page)


@pytest.mark.parametrize(
    "page",
    [
        "Decision details\n\nA title",
        "## WRITTEN STATEMENT\n\n<ul> <li>a stray list from the template</li> </ul>",
        "Costs < £5m and > £1m",
    ],
)
def test_text_is_not_taken_for_html(page):
    assert not looks_like_html(page)


def test_stray_tags_in_text_are_dropped():
    assert read("Reasons:\t<ul> <li>of home care</li> </ul>").text.split() == [
        "Reasons:",
        "of",
        "home",
        "care",
    ]


def test_html_labels_and_values_share_a_line_and_paragraphs_part():
    source = read(
        "<p><span class='mgLabel'>Decision status: </span><span>Approved</span></p><p>Next</p>"
    )

    assert source.text == "Decision status: Approved\n\nNext"


def test_html_table_cells_are_parted_by_tabs():
    assert (
        read("<table><tr><td>Title</td><td>01/04/2025</td></tr></table>").text
        == "Title\t01/04/2025"
    )


def test_html_form_controls_and_scripts_are_dropped():
    source = read("<p>Kept</p><script>var x = 1;</script><select><option>Cabinet</option></select>")

    assert source.text == "Kept"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Review of Political Balance.", "Review of Political Balance"),
        (
            "Community Services Design - Update Position pdf icon PDF 590 KB",
            "Community Services Design - Update Position",
        ),
        ("Settlement Agreement ref: 13567", "Settlement Agreement"),
        ("Queen Elizabeth II's Platinum Jubilee New!", "Queen Elizabeth II's Platinum Jubilee"),
        ("{meta} Decisions |", "Decisions"),
        ("**Key requirements within decision taken**", "Key requirements within decision taken"),
        ("  A   title \n wrapped ", "A title wrapped"),
    ],
)
def test_titles_lose_trailing_full_stops_and_template_artefacts(printed, expected):
    assert title(printed) == expected


def test_hard_wrapped_lines_are_joined_into_their_paragraph():
    text = (
        "2\nCommunity based\nopportunities for people that are\nlikely to need support;\n"
        "(d)\nNote the commitment"
    )

    assert paragraphs(text) == [
        "2 Community based opportunities for people that are likely to need support;",
        "(d) Note the commitment",
    ]


def test_a_bullet_list_is_kept_one_item_a_line():
    text = (
        "The options include:\n\n·  Re-commissioning\n\n·  In-sourcing\n"
        "The clear recommendation is to in-source."
    )

    assert (
        block(text) == "The options include:\n\n- Re-commissioning\n- In-sourcing\n\n"
        "The clear recommendation is to in-source."
    )


def test_the_read_more_link_is_dropped_and_the_text_marked_cut_short():
    text = "He felt it was not prudent.  ...  view the full minutes text for item 44"

    assert block(text) == "He felt it was not prudent. ..."
    assert is_truncated(text)


def test_text_ending_mid_word_is_not_taken_for_a_read_more_cut():
    assert not is_truncated("The difficulties include additional costs and a limited existi")


def test_a_page_that_is_no_known_format_is_unknown_with_no_records():
    parsed = parse_page("Dear resident, the bins will be collected on Tuesday.")

    assert (parsed.format, parsed.records) == ("unknown", [])


def test_a_page_saved_as_bytes_is_read(page):
    parsed = parse_page(page("moderngov_decision.html").encode("utf-8"))

    assert parsed.records[0].title == "Library Service Redesign and the Mobile Library Replacement"


def test_a_page_saved_in_windows_1252_is_read():
    parsed = parse_page(
        "Decision details\n\nA grant\n\nDecision:\n\nTo award £5,000.\n".encode("cp1252")
    )

    assert parsed.records[0].amounts[0].text == "£5,000"


def test_a_printed_page_gives_its_address_from_its_own_line():
    address = "https://democracy.example-borough.gov.uk/ieDecisionDetails.aspx?ID=77"
    text = f"{address}\n\nDecision details\n\nA title\n"

    assert parse_page(text).source_url == address
