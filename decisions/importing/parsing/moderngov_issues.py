"""ModernGov's issue pages (mgIssueHistoryHome.aspx, ieIssueDetails.aspx): a matter followed
over time. "Issue details" is the forward plan item: who decides, when ("Decision due: Not
before 22 Jan 2026"), the lead member and officer, the notice's first publication, and the
meetings on its agenda. "Issue - meetings" prints each meeting that considered it:
"Meeting: 10/11/2022 - Cabinet (Item 44)", the item, its summary and its minutes."""

import re
from dataclasses import replace

from decisions.importing.parsing import values
from decisions.importing.parsing.assemble import decision_from_fields
from decisions.importing.parsing.dates import first_date
from decisions.importing.parsing.fields import Vocabulary, vocabulary
from decisions.importing.parsing.moderngov import title_after
from decisions.importing.parsing.money import find_amounts
from decisions.importing.parsing.records import MeetingEntry, PageFormat, ParsedPage
from decisions.importing.parsing.text import Link, Source
from decisions.importing.parsing.tidy import block, is_truncated, one_line, paragraphs, title

HEADING = re.compile(
    r"^[ \t]*issue[ \t]*(?:-|–)?[ \t]*"
    r"(?:details|history|meetings|decisions|items at meetings)[ \t]*$",
    re.I | re.M,
)
ADDRESS = re.compile(r"mgIssueHistory\w*\.aspx|ieIssueDetails\.aspx", re.I)
MEETING_LINE = re.compile(r"^[ \t]*meeting[ \t]*:[ \t]*(?P<meeting>\S.*)$", re.I | re.M)
ITEM_LINE = re.compile(
    r"^(?P<item>\d{1,4}[a-z]?|[A-Z]{1,4}\s?\d{1,4}(?:/\d{2,4})?)\.?(?:\s+(?P<title>.+))?$"
)
DATED_LINE = re.compile(r"^(?P<date>\d{1,2}/\d{1,2}/\d{4})\s+[-–]\s+(?P<rest>.+)$")
VOCABULARY = vocabulary(
    decision=("decision", "decision made", "decision taken"),
    agenda_items=("agenda items$",),
    issue_history=("issue history$",),
    decisions_taken=("decisions$",),
)
MEETING_VOCABULARY = Vocabulary(
    {
        "documents": ("additional documents", "documents"),
        "minutes": ("minutes",),
        "decision": ("decisions?",),
        "reasons": ("reasons? for (?:the )?decisions?", "reasons?"),
    }
)


def recognises(source: Source) -> bool:
    return bool(ADDRESS.search(source.source_url or "") or HEADING.search(source.text))


def parse(source: Source) -> ParsedPage:
    blocks = MEETING_LINE.split(source.text)
    issue_text, meeting_blocks = blocks[0], list(zip(blocks[1::2], blocks[2::2], strict=True))
    fields = VOCABULARY.split(issue_text)
    issue_title = title_after(fields.preamble, HEADING)
    meetings = [meeting_entry(header, body, source.links) for header, body in meeting_blocks]
    meetings += dated_entries(fields.value("agenda_items"), source.links)
    record = decision_from_fields(
        fields,
        title=issue_title,
        purpose=block(after_title(fields.preamble, issue_title)),
        source_url=source.source_url,
    )
    truncated = record.is_truncated or any(meeting.is_truncated for meeting in meetings)
    spoken = [
        text
        for meeting in meetings
        for text in (meeting.summary, meeting.decision_text, meeting.minutes)
    ]
    amounts = record.amounts + find_amounts("\n\n".join(filter(None, spoken)))
    record = replace(record, meetings=meetings, amounts=amounts, is_truncated=truncated)
    return ParsedPage(
        format=PageFormat.MODERNGOV_ISSUE, records=[record], source_url=source.source_url
    )


def after_title(preamble: str, issue_title: str | None) -> str | None:
    """The issue's description: what the preamble prints after its title."""
    found = HEADING.search(preamble)
    lines = preamble[found.end() if found else 0 :].strip().split("\n")
    for index, line in enumerate(lines):
        if issue_title and title(line) == issue_title:
            return "\n".join(lines[index + 1 :]).strip() or None
    return None


def meeting_entry(header: str, body: str, links: tuple[Link, ...]) -> MeetingEntry:
    meeting = values.meeting(header) or MeetingEntry(meeting=None, date=None)
    fields = MEETING_VOCABULARY.split(body)
    found = paragraphs(fields.preamble)
    item, item_title, summary = item_and_title(found, meeting.item)
    minutes = fields.value("minutes")
    return replace(
        meeting,
        item=item,
        title=item_title,
        summary=block("\n\n".join(summary)),
        decision_text=block(fields.value("decision")),
        minutes=block(minutes),
        url=link_for(item_title, links),
        is_truncated=is_truncated(minutes) or is_truncated(fields.preamble),
    )


def item_and_title(found: list[str], item: str | None) -> tuple[str | None, str | None, list[str]]:
    """ "44 Community Services Design - Update Position pdf icon PDF 590 KB", or the number and
    the title on lines of their own, as an HTML page gives them."""
    if not found:
        return item, None, []
    match = ITEM_LINE.match(found[0])
    if match and (item is None or match["item"] == item):
        if match["title"]:
            return match["item"], title(match["title"]), found[1:]
        return match["item"], title(found[1]) if len(found) > 1 else None, found[2:]
    return item, title(found[0]), found[1:]


def dated_entries(text: str | None, links: tuple[Link, ...]) -> list[MeetingEntry]:
    """The "Agenda items" of an issue: "10/11/2022 - Cabinet", then the item's title, on the
    same line parted by a tab or on the next line."""
    entries: list[MeetingEntry] = []
    for raw in (text or "").split("\n"):
        line = raw.strip()
        match = DATED_LINE.match(line)
        if match:
            meeting, item_title = meeting_and_title(match["rest"])
            entry = MeetingEntry(meeting=meeting, date=first_date(match["date"]), title=item_title)
            entries.append(replace(entry, url=link_for(item_title, links)))
        elif line and entries and entries[-1].title is None:
            item_title = title(line)
            entries[-1] = replace(entries[-1], title=item_title, url=link_for(item_title, links))
    return entries


def meeting_and_title(rest: str) -> tuple[str | None, str | None]:
    pieces = [piece for piece in re.split(r"\t|\s{2,}", rest, maxsplit=1) if piece.strip()]
    return one_line(pieces[0]) if pieces else None, title(pieces[1]) if len(pieces) > 1 else None


def link_for(item_title: str | None, links: tuple[Link, ...]) -> str | None:
    if not item_title:
        return None
    for link in links:
        if title(link.text) == item_title:
            return link.url
    return None
