"""The text of a report section: limited Markdown in, sanitised HTML out
(decisions.reports.richtext)."""

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from decisions.reports.richtext import for_page, plain_text, render, sanitise

# What the report may hold ---------------------------------------------------------------------


def test_headings_are_kept():
    assert "<h4>Procurement</h4>" in render("### Procurement")


def test_hash_and_double_hash_headings_both_become_h3():
    # The section's own heading is h2: a heading inside it sits one level below.
    assert render("# Background\n\n## The market") == "<h3>Background</h3>\n<h3>The market</h3>"


@pytest.mark.parametrize("hashes", ["###", "####", "#####", "######"])
def test_deeper_headings_go_no_deeper_than_h4(hashes):
    assert render(f"{hashes} Detail") == "<h4>Detail</h4>"


def test_bulleted_and_numbered_lists_are_kept():
    html = render("- Adults\n- Carers\n\n1. Tender\n2. Award")
    assert "<ul>\n<li>Adults</li>\n<li>Carers</li>\n</ul>" in html
    assert "<ol>\n<li>Tender</li>\n<li>Award</li>\n</ol>" in html


def test_bold_is_kept():
    assert render("around **£765,000**") == "<p>around <strong>£765,000</strong></p>"


def test_links_are_kept_and_open_without_the_opener():
    html = render("See [the framework](https://www.doncaster.gov.uk/framework).")
    assert (
        '<a href="https://www.doncaster.gov.uk/framework" rel="noopener noreferrer">'
        "the framework</a>"
    ) in html


def test_mailto_links_are_kept():
    assert 'href="mailto:teresa.bainbridge@doncaster.gov.uk"' in render(
        "[Email](mailto:teresa.bainbridge@doncaster.gov.uk)"
    )


def test_tables_are_kept():
    html = render("| Year | Spend |\n|---|---|\n| 2015/16 | £765,000 |")
    for tag in ("<table>", "<thead>", "<tbody>", "<th>Year</th>", "<td>£765,000</td>"):
        assert tag in html


# What is removed ------------------------------------------------------------------------------


def test_scripts_are_removed_with_their_content():
    html = render("Before <script>alert('x')</script> after")
    assert "<script" not in html
    assert "alert" not in html
    assert "Before" in html
    assert "after" in html


def test_styles_are_removed_with_their_content():
    html = render("<style>p { display: none }</style>\n\nText")
    assert "<style" not in html
    assert "display" not in html
    assert "<p>Text</p>" in html


def test_images_are_removed():
    assert "<img" not in render('![chart](https://example.org/chart.png) <img src="x">')


def test_iframes_are_removed():
    assert "<iframe" not in render('<iframe src="https://example.org"></iframe>')


def test_event_handler_attributes_are_removed():
    html = render('<p onclick="steal()" onmouseover="steal()">Hover</p>')
    assert "onclick" not in html
    assert "onmouseover" not in html
    assert "steal" not in html
    assert "<p>Hover</p>" in html


def test_javascript_links_lose_their_address_and_keep_their_words():
    html = render("[Click](javascript:alert(1)) and <a href='javascript:alert(2)'>here</a>")
    assert "javascript" not in html
    assert "Click" in html
    assert "here" in html


def test_inline_styles_are_removed():
    html = render('<p style="color: red">Red</p>')
    assert "style" not in html
    assert "<p>Red</p>" in html


def test_italic_is_kept_as_plain_words():
    assert render("*important*") == "<p>important</p>"


# Rendering is stable --------------------------------------------------------------------------


def test_the_same_text_always_gives_the_same_html():
    text = "## Options\n\n1. **Open framework**\n2. Do nothing"
    assert render(text) == render(text)


def test_sanitising_rendered_html_again_changes_nothing_on_a_worked_example():
    text = (
        "# Background\n\nThe council spent around **£765,000** "
        "([details](https://example.org)).\n\n- one\n- two\n\n| A | B |\n|---|---|\n| 1 | 2 |"
        "\n\n<script>x()</script><p style='x' onclick='y'>z</p>"
    )
    assert sanitise(render(text)) == render(text)


EVENT_HANDLER = re.compile(r"<[^>]*\son\w+\s*=")
MARKDOWN_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "#### ",
        "- ",
        "1. ",
        "**",
        "*",
        "[a](https://example.org/?q=1&r=2)",
        "[b](javascript:alert(1))",
        "| A | B |\n|---|---|\n| 1 | 2 |\n",
        "<script>s()</script>",
        "<style>p{}</style>",
        '<img src="x" onerror="e()">',
        '<a href="https://example.org" style="x">c</a>',
        "<iframe></iframe>",
        "<h1>H</h1>",
        "&",
        "<",
        ">",
        '"',
        "\n",
        "\n\n",
        "  \n",
        "word ",
        "£765,000 ",
    ]
)


@given(st.lists(MARKDOWN_PIECES, max_size=30).map("".join))
@example("# **<h1>H</h1>*")  # a heading typed inside a heading, once printed nested
def test_sanitising_rendered_html_again_changes_nothing(text):
    assert sanitise(render(text)) == render(text)


@given(st.lists(MARKDOWN_PIECES | st.text(max_size=10), max_size=30).map("".join))
def test_no_text_renders_to_a_script_a_handler_or_a_javascript_link(text):
    html = render(text).lower()
    assert "<script" not in html
    assert not EVENT_HANDLER.search(html)
    assert 'href="javascript' not in html


def test_plain_text_keeps_paragraphs_list_items_and_table_rows_without_markup():
    html = render(
        "Reasons include:\n\n- a. **Open Framework** - an [unlimited](https://example.org) "
        "number\n- b. Value for money\n\n## Outcomes\n\n| Outcome | Implication |\n|---|---|\n"
        "| Jobs | None |"
    )
    assert plain_text(html) == (
        "Reasons include:\n\n- a. Open Framework - an unlimited number\n- b. Value for money"
        "\n\nOutcomes\n\nOutcome | Implication\nJobs | None"
    )


def test_plain_text_gives_back_characters_not_entities():
    assert plain_text(render("Fees & charges < £5")) == "Fees & charges < £5"


def test_a_section_on_a_page_wears_govuk_classes_and_nothing_typed():
    html = render(
        '## Options\n\n<p class="evil" style="x">Two options</p>\n\n- one\n\n| A |\n|---|\n| 1 |'
    )
    page = for_page(html + '<a href="https://example.org" class="evil">link</a>')
    assert '<h3 class="govuk-heading-m">Options</h3>' in page
    assert '<p class="govuk-body">Two options</p>' in page
    assert '<ul class="govuk-list govuk-list--bullet">' in page
    assert '<th scope="col" class="govuk-table__header">A</th>' in page
    assert '<a class="govuk-link" href="https://example.org"' in page
    assert "evil" not in page
    assert "style" not in page
