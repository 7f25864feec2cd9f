"""What the parser hands back: a page, its records, and the facts each record prints.

Plain frozen dataclasses, no ORM: the importer maps them onto the models. Every text field is
as printed with its whitespace tidied; a field the page does not print is None."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class PageFormat(StrEnum):
    """The kinds of page the parser knows, named after the page that prints them."""

    MODERNGOV_DECISION = "moderngov-decision"  # ieDecisionDetails.aspx
    MODERNGOV_LIST = "moderngov-list"  # mgDelegatedDecisions.aspx, full (V=1) or compact (V=0)
    MODERNGOV_OFFICER_LIST = "moderngov-officer-list"  # mgListOfficerDecisions.aspx
    MODERNGOV_ISSUE = "moderngov-issue"  # mgIssueHistoryHome.aspx, ieIssueDetails.aspx
    CMIS_DECISION = "cmis-decision"  # CMIS "Decision Details"
    WRITTEN_STATEMENT = "written-statement"  # a council's written statement of a key decision
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Amount:
    """A sum of money as printed ("approximately £3.5m") and its value in pounds."""

    text: str
    value: Decimal
    qualifier: str | None = None  # "approximately", "circa", "up to", as printed
    recurrence: str | None = None  # "per year", "per annum", as printed


@dataclass(frozen=True)
class MeetingEntry:
    """A meeting that considered the matter: "10/11/2022 - Cabinet (Item 44)"."""

    meeting: str | None
    date: date | None
    item: str | None = None
    title: str | None = None
    summary: str | None = None
    decision_text: str | None = None
    minutes: str | None = None
    url: str | None = None
    is_truncated: bool = False


@dataclass(frozen=True)
class Recommendation:
    """One numbered item of the decision: its label as printed, its text, and the heading
    printed above it, if any."""

    label: str
    text: str
    heading: str | None = None


@dataclass(frozen=True)
class ParsedDecision:
    title: str | None = None
    reference: str | None = None
    decision_maker: str | None = None
    decision_status: str | None = None
    report_author: str | None = None
    is_key_decision: bool | None = None
    subject_to_call_in: bool | None = None
    publication_date: date | None = None
    date_of_decision: date | None = None
    effective_from: date | None = None
    call_in_deadline: date | None = None
    # As printed; [] when the page says there are none; None when it has no wards field.
    wards: list[str] | None = None
    amounts: list[Amount] = field(default_factory=list)
    recommendation_labels: list[str] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    purpose: str | None = None
    decision_text: str | None = None
    reasons: str | None = None
    alternatives: str | None = None
    # Facts some pages print, kept in their own words rather than forced into the above.
    decided_at_meeting: MeetingEntry | None = None
    notice_first_published: date | None = None
    decision_due: date | None = None
    decision_due_not_before: bool = False
    decision_due_as_printed: str | None = None
    implementation_date_not_before: date | None = None  # CMIS "Implementation Date (not before)"
    reason_key: str | None = None
    contact: str | None = None
    lead_officer: str | None = None
    portfolio_holder: str | None = None
    urgency: str | None = None
    is_exempt: bool | None = None
    is_confidential: bool | None = None
    call_ins: int | None = None  # the count a list page prints in its "Call-ins" column
    meetings: list[MeetingEntry] = field(default_factory=list)  # an issue's meetings
    url: str | None = None  # a list entry's link to its details page, as printed
    source_url: str | None = None  # the address of the page itself, when it prints it
    # The page cut the text short ("...", "view the full decision text").
    is_truncated: bool = False


@dataclass(frozen=True)
class ParsedPage:
    format: str
    records: list[ParsedDecision] = field(default_factory=list)
    source_url: str | None = None
    next_page_url: str | None = None  # a list page's link to its next page, as printed
