"""Reading other systems' pages into the register: ModernGov and CMIS decision pages and
councils' written statements. `parsing/` is the pure parser (no database, no network); it
imports only the standard library and BeautifulSoup."""

from decisions.importing.parsing import parse_page
from decisions.importing.parsing.records import (
    Amount,
    MeetingEntry,
    PageFormat,
    ParsedDecision,
    ParsedPage,
    Recommendation,
)

__all__ = [
    "Amount",
    "MeetingEntry",
    "PageFormat",
    "ParsedDecision",
    "ParsedPage",
    "Recommendation",
    "parse_page",
]
