"""ModernGov's "Decision details" page (ieDecisionDetails.aspx): a heading, the title, then
labelled fields. The same labels vary between installations ("Is Key decision?", "Is a Key
Decision:", "Decision type: Key Decision"); the vocabulary in fields.py holds them."""

import re

from decisions.importing.parsing.assemble import decision_from_fields
from decisions.importing.parsing.fields import vocabulary
from decisions.importing.parsing.records import PageFormat, ParsedPage
from decisions.importing.parsing.text import Source
from decisions.importing.parsing.tidy import one_line, title

HEADING = re.compile(r"^[ \t]*decision\s+details[ \t]*$", re.I | re.M)
ADDRESS = re.compile(r"ieDecisionDetails\.aspx", re.I)
KEY_LABEL = re.compile(r"^[ \t]*is\s+(?:a\s+)?key\s+decision", re.I | re.M)
CALL_IN_LABEL = re.compile(r"^[ \t]*is\s+subject\s+to\s+call", re.I | re.M)
# Lines around the title that are the site's, not the record's.
NOT_A_TITLE = re.compile(
    r"^(?:find out more about this issue|issue history|printable version|print(?: this page)?|"
    r"share(?: this page)?|back(?: to .*)?|decision details|decisions?|home|skip to .*|"
    r"related decisions?|details)$",
    re.I,
)
VOCABULARY = vocabulary()


def recognises(source: Source) -> bool:
    return bool(
        ADDRESS.search(source.source_url or "")
        or HEADING.search(source.text)
        or (KEY_LABEL.search(source.text) and CALL_IN_LABEL.search(source.text))
    )


def parse(source: Source) -> ParsedPage:
    fields = VOCABULARY.split(source.text)
    record = decision_from_fields(
        fields, title=title_after(fields.preamble, HEADING), source_url=source.source_url
    )
    return ParsedPage(
        format=PageFormat.MODERNGOV_DECISION, records=[record], source_url=source.source_url
    )


def title_after(preamble: str, heading: re.Pattern[str]) -> str | None:
    """The title is the first paragraph after the page's heading (a long title wraps); with
    no heading, the last line before the fields, since the site's menus come first."""
    found = heading.search(preamble)
    lines = preamble[found.end() if found else 0 :].split("\n")
    kept = [one_line(line) or "" for line in lines if not NOT_A_TITLE.match(line.strip())]
    if not found:
        return title(next((line for line in reversed(kept) if line), None))
    text = "\n".join(kept).strip()
    return title(text.split("\n\n")[0]) if text else None
