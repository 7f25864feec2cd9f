"""The text of a report section: limited Markdown in, sanitised HTML out.

Officers write sections in a plain text box, as GOV.UK's own publishers do (Govspeak): "## "
for a heading, "- " for a list, "**bold**", [links](https://…) and | tables |. On every save
the text is rendered with Python-Markdown and cleaned with nh3 to the elements a report may
hold: headings, paragraphs, lists, bold, links and tables. Anything else typed or pasted,
including raw HTML, scripts and styles, is dropped; its words are kept as text.
"""

import html as html_entities
import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "b",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# A heading in a section sits under the section's own heading (h2 in the workspace and PDF), so
# "# " and "## " both become h3 and the rest one level lower, never deeper than h4.
HEADING_LEVELS = {"1": "3", "2": "3", "3": "4", "4": "4", "5": "4", "6": "4"}
HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


def render(text: str) -> str:
    """Sanitised HTML for `text`; the same text always gives the same HTML."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    html = HEADING_TAG.sub(lambda tag: f"<{tag[1]}h{HEADING_LEVELS[tag[2]]}>", html)
    html = sanitise(html)
    # Cleaning parses the HTML, and a second parse can still move what the first left
    # misnested (a heading typed inside a heading): clean until cleaning changes nothing, so
    # that the HTML stored is the HTML printed.
    for _ in range(3):
        again = sanitise(html)
        if again == html:
            break
        html = again
    return html


def sanitise(html: str) -> str:
    """Only the allowed elements and attributes of `html`; also used again before printing."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        clean_content_tags={"script", "style"},
    )


# Where a block ends in plain text: list items one to a line, other blocks a blank line apart.
BLOCK_ENDS = re.compile(r"</(p|h3|h4|ul|ol|table)>|<br>")
ITEM_END = re.compile(r"</(li|tr)>")
CELL_END = re.compile(r"</(td|th)>\s*")
TAG = re.compile(r"<[^>]*>")


def plain_text(html: str) -> str:
    """The sanitised HTML of a section as the register's plain text fields keep it: blank lines
    between paragraphs, "- " before each list item, " | " between table cells, no markup.

    For the fields printed as text (a decision's purpose and reasons, a forward plan summary).
    """
    # Line breaks in the HTML are only between tags or soft breaks inside a paragraph.
    text = re.sub(r"\s*\n\s*", " ", sanitise(html))
    text = re.sub(r"<li>\s*", "- ", text)
    text = CELL_END.sub(" | ", text)
    text = BLOCK_ENDS.sub("\n\n", text)
    text = ITEM_END.sub("\n", text)
    # What is left are the sanitised tags themselves; the text is escaped again where printed.
    text = html_entities.unescape(TAG.sub("", text))
    lines = [line.strip().removesuffix("|").strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# The GOV.UK Frontend class of each element a section may hold, for printing it on a page.
GOVUK_CLASSES = {
    "<h3>": '<h3 class="govuk-heading-m">',
    "<h4>": '<h4 class="govuk-heading-s">',
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<table>": '<table class="govuk-table">',
    "<thead>": '<thead class="govuk-table__head">',
    "<tbody>": '<tbody class="govuk-table__body">',
    "<tr>": '<tr class="govuk-table__row">',
    "<th>": '<th scope="col" class="govuk-table__header">',
    "<td>": '<td class="govuk-table__cell">',
    "<a ": '<a class="govuk-link" ',
}
GOVUK_TAG = re.compile("|".join(re.escape(tag) for tag in GOVUK_CLASSES))


def for_page(html: str) -> SafeString:
    """Stored section HTML cleaned again and dressed in GOV.UK Frontend's classes.

    The classes are added after cleaning, to the few elements the allow-list keeps, so that
    nothing typed can carry a class or attribute of its own onto the page.
    """
    return mark_safe(  # sanitised first, then only fixed classes are added
        GOVUK_TAG.sub(lambda tag: GOVUK_CLASSES[tag[0]], sanitise(html))
    )
