"""A council's written statement of a key decision (reg 13, 2012 Regulations): a heading that
names the decision maker ("WRITTEN STATEMENT OF A KEY DECISION CABINET"), then labelled rows,
often laid out in two columns parted by a tab, and a signature."""

import re

from decisions.importing.parsing.assemble import decision_from_fields, fill_missing
from decisions.importing.parsing.fields import vocabulary
from decisions.importing.parsing.records import PageFormat, ParsedPage
from decisions.importing.parsing.text import Source
from decisions.importing.parsing.tidy import one_line

HEADING = re.compile(
    r"^[ \t]*(?:written\s+)?statement\s+of\s+(?:an?\s+)?(?P<kind>key\s+|executive\s+)?decisions?"
    r"(?:[ \t]+(?:of\s+the\s+|by\s+the\s+)?(?P<maker>[^\n]*?))?[ \t]*$",
    re.I | re.M,
)
WRITTEN = re.compile(r"\bwritten\s+statement\b", re.I)
# The signature closes the statement: "COUNCILLOR AW JOHNSON......Date: 3 November 2016".
SIGNATURE = re.compile(r"^[ \t]*[A-Z][A-Z .'-]+\.{3,}", re.M)
MAKER_LENGTH = 80
VOCABULARY = vocabulary(
    title=("item", "title", "subject", "subject of decision", "decision title", "matter"),
)


def recognises(source: Source) -> bool:
    return bool(WRITTEN.search(source.text[:3000]) and HEADING.search(source.text[:3000]))


def line_after(text: str, position: int) -> str | None:
    """The decision maker printed under the heading, when it has a line of its own."""
    following = next((line for line in text[position:].split("\n") if line.strip()), "")
    if VOCABULARY.label.match(following) or len(following) > MAKER_LENGTH:
        return None
    return one_line(following)


def parse(source: Source) -> ParsedPage:
    heading = HEADING.search(source.text)
    signature = SIGNATURE.search(source.text)
    text = source.text[: signature.start()] if signature else source.text
    record = decision_from_fields(VOCABULARY.split(text), source_url=source.source_url)
    if heading:
        is_key = True if heading["kind"] and "key" in heading["kind"].lower() else None
        maker = one_line(heading["maker"]) or line_after(source.text, heading.end())
        record = fill_missing(record, decision_maker=maker, is_key_decision=is_key)
    return ParsedPage(
        format=PageFormat.WRITTEN_STATEMENT, records=[record], source_url=source.source_url
    )
