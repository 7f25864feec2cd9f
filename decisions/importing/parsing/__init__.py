"""The parser: a saved or copied page, text or HTML, read into records. Pure: no database, no
network. Each format has its module; text.py turns HTML into the text a browser copies, so
each format is read one way; fields.py holds the labels installations print; dates.py,
money.py and labels.py read the facts inside the text."""

import logging

from decisions.importing.parsing import (
    cmis,
    moderngov,
    moderngov_issues,
    moderngov_lists,
    statement,
)
from decisions.importing.parsing.records import PageFormat, ParsedPage
from decisions.importing.parsing.text import read

logger = logging.getLogger(__name__)

# Checked in this order: a list or an issue page holds labels a details page also prints.
FORMATS = (
    (moderngov_issues.recognises, moderngov_issues.parse),
    (moderngov_lists.recognises_officer_list, moderngov_lists.parse_officer_list),
    (moderngov_lists.recognises_list, moderngov_lists.parse_delegated_list),
    (cmis.recognises, cmis.parse),
    (statement.recognises, statement.parse),
    (moderngov.recognises, moderngov.parse),
)


def parse_page(page: str | bytes, *, url: str | None = None) -> ParsedPage:
    """The page's format and records; "unknown" with no records when no format fits. It
    never raises: an importer reading thousands of pages reports the one it could not read."""
    try:
        return read_page(page, url=url)
    except Exception:
        logger.exception("The page could not be read (%s)", url or "no address")
        return ParsedPage(format=PageFormat.UNKNOWN, source_url=url)


def read_page(page: str | bytes, *, url: str | None = None) -> ParsedPage:
    source = read(decoded(page), url)
    for recognises, parse in FORMATS:
        if recognises(source):
            return parse(source)
    return ParsedPage(format=PageFormat.UNKNOWN, source_url=source.source_url)


def decoded(page: str | bytes) -> str:
    if isinstance(page, str):
        return page
    try:
        return page.decode("utf-8-sig")
    except UnicodeDecodeError:
        return page.decode("cp1252", errors="replace")
