"""CMIS "Decision Details" (ViewCMIS_DecisionDetails): each label on a line of its own and its
value on the next ("Title:" then the title), dates as "Wed 11 Jan 2023", and the date the
decision may be implemented, not before, under its own label."""

import re

from decisions.importing.parsing.assemble import decision_from_fields
from decisions.importing.parsing.fields import vocabulary
from decisions.importing.parsing.records import PageFormat, ParsedPage
from decisions.importing.parsing.text import Source

ADDRESS = re.compile(r"ViewCMIS_DecisionDetails|\bcmis\b", re.I)
MARKERS = re.compile(
    r"view the general details of a decision|^[ \t]*implementation date \(not before\)",
    re.I | re.M,
)
VOCABULARY = vocabulary(
    decision_maker=("decision makers?", "decision taker", "decision taken by", "decided by"),
    date_of_decision=("date of (?:the )?decision", "decision date", "date decision (?:made|taken)"),
    publication_date=("date published", "publication date", "published(?: on)?"),
)


def recognises(source: Source) -> bool:
    return bool(ADDRESS.search(source.source_url or "") or MARKERS.search(source.text))


def parse(source: Source) -> ParsedPage:
    record = decision_from_fields(VOCABULARY.split(source.text), source_url=source.source_url)
    return ParsedPage(
        format=PageFormat.CMIS_DECISION, records=[record], source_url=source.source_url
    )
