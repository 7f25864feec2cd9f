"""ModernGov's lists of decisions: mgDelegatedDecisions.aspx and mgListOfficerDecisions.aspx.

The full view (V=1) prints each entry as "15/09/2022 - Title ref: 2190  Status" followed by
labelled fields. The compact view (V=0) prints a table whose columns run together when the
page is copied: "Title ref: 1271817/11/202225/11/2022Call-in expired" is ref 12718, decided
17/11/2022, effective from 25/11/2022, "Call-in expired". A date is always dd/mm/yyyy, so the
reference ends where the two digits before the first slash begin. The officer list's compact
view has only a title and a date, and often no reference."""

import re
from dataclasses import replace
from typing import Any

from decisions.importing.parsing import values
from decisions.importing.parsing.assemble import decision_from_fields, fill_missing
from decisions.importing.parsing.dates import first_date
from decisions.importing.parsing.fields import vocabulary
from decisions.importing.parsing.money import find_amounts
from decisions.importing.parsing.records import PageFormat, ParsedDecision, ParsedPage
from decisions.importing.parsing.text import Link, Source
from decisions.importing.parsing.tidy import one_line, title

DATE = r"\d{2}/\d{2}/\d{4}"
FULL_ENTRY = re.compile(
    rf"^[ \t]*(?P<date>{DATE})[ \t]+[-–][ \t]+(?P<title>.+?)[ \t]*\bref:[ \t]*(?P<ref>\d+)"
    r"(?:[ \t]+(?P<status>\S.*?))?[ \t]*$",
    re.I,
)
COMPACT_ENTRY = re.compile(
    rf"^[ \t]*(?P<title>\S.*?)[ \t]*\bref:[ \t]*(?P<ref>\d+?)[ \t]*(?P<first>{DATE})"
    rf"(?:[ \t]*(?P<second>{DATE}))?[ \t]*(?P<status>.*?)[ \t]*$",
    re.I,
)
TITLE_AND_DATE = re.compile(rf"^[ \t]*(?P<title>\S.*?)[ \t]*(?P<first>{DATE})[ \t]*$")
HEADER = re.compile(r"^[ \t]*title[ \t]+date\b", re.I)
LIST_START = re.compile(r"^[ \t]*(?:decisions published|officer decisions)[ \t]*$", re.I)
LIST_END = re.compile(
    r"^[ \t]*(?:search options|search criteria|search decisions|filter decisions|date range|"
    r"show decisions|no matching decisions)\b",
    re.I,
)
OFFICER_CAPTION = re.compile(r"^[ \t]*officer decisions[ \t]*$", re.I | re.M)
PUBLISHED_CAPTION = re.compile(r"^[ \t]*decisions published[ \t]*$", re.I | re.M)
OFFICER_ADDRESS = re.compile(r"mgListOfficerDecisions\.aspx", re.I)
LIST_ADDRESS = re.compile(r"mgDelegatedDecisions\.aspx", re.I)
ANY_ENTRY = re.compile(
    rf"\bref:[ \t]*\d+?[ \t]*{DATE}|^[ \t]*{DATE}[ \t]+-[ \t].*\bref:[ \t]*\d+", re.I | re.M
)
NEXT = re.compile(r"^(?:next(?: page)?|next\s*[>»›]+|[>»›]{1,2})$", re.I)
LONGEST_LINE = 3000
VOCABULARY = vocabulary()


def recognises_officer_list(source: Source) -> bool:
    return bool(
        OFFICER_ADDRESS.search(source.source_url or "") or OFFICER_CAPTION.search(source.text)
    )


def recognises_list(source: Source) -> bool:
    return bool(
        LIST_ADDRESS.search(source.source_url or "")
        or PUBLISHED_CAPTION.search(source.text)
        or ANY_ENTRY.search(source.text)
    )


def parse_officer_list(source: Source) -> ParsedPage:
    return parse_list(source, PageFormat.MODERNGOV_OFFICER_LIST)


def parse_delegated_list(source: Source) -> ParsedPage:
    return parse_list(source, PageFormat.MODERNGOV_LIST)


def parse_list(source: Source, page_format: PageFormat) -> ParsedPage:
    officer = page_format == PageFormat.MODERNGOV_OFFICER_LIST
    records = [
        with_link(record, source.links)
        for record in entries(list_lines(source.text), officer, source.source_url)
    ]
    return ParsedPage(
        format=page_format,
        records=records,
        source_url=source.source_url,
        next_page_url=next_page(source.links),
    )


def list_lines(text: str) -> list[str]:
    """The lines of the list itself: after its caption or header, before the search form."""
    lines = text.split("\n")
    starts = [
        index for index, line in enumerate(lines) if LIST_START.match(line) or HEADER.match(line)
    ]
    lines = lines[starts[0] + 1 :] if starts else lines
    ends = [index for index, line in enumerate(lines) if LIST_END.match(line)]
    return lines[: ends[0]] if ends else lines


def entries(lines: list[str], officer: bool, source_url: str | None) -> list[ParsedDecision]:
    records: list[ParsedDecision] = []
    full: tuple[re.Match[str], list[str]] | None = None
    for line in lines:
        short = line[:LONGEST_LINE]
        if HEADER.match(short):
            continue
        if match := FULL_ENTRY.match(short):
            close_full(full, records, source_url)
            full = (match, [])
        elif match := COMPACT_ENTRY.match(short) or (
            officer_row(short) if officer and not full else None
        ):
            close_full(full, records, source_url)
            full = None
            records.append(compact_entry(match, source_url))
        elif full is not None:
            full[1].append(line)
    close_full(full, records, source_url)
    return records


def officer_row(line: str) -> re.Match[str] | None:
    if VOCABULARY.label.match(line):
        return None
    return TITLE_AND_DATE.match(line)


def close_full(
    full: tuple[re.Match[str], list[str]] | None,
    records: list[ParsedDecision],
    source_url: str | None,
) -> None:
    if full is None:
        return
    match, lines = full
    record = decision_from_fields(
        VOCABULARY.split("\n".join(lines)),
        title=title(match["title"]),
        reference=match["ref"],
        source_url=source_url,
    )
    records.append(
        fill_missing(record, date_of_decision=first_date(match["date"]), **status(match["status"]))
    )


def compact_entry(match: re.Match[str], source_url: str | None) -> ParsedDecision:
    parts = match.groupdict()
    return ParsedDecision(
        title=title(parts["title"]),
        reference=parts.get("ref"),
        date_of_decision=first_date(parts["first"]),
        effective_from=first_date(parts.get("second")),
        amounts=find_amounts(parts["title"]),
        source_url=source_url,
        **status(parts.get("status")),
    )


def status(printed: str | None) -> dict[str, Any]:
    """The last column: a status ("Call-in expired", "Not for call-in") or a count of call-ins."""
    line = one_line(printed)
    if line is None:
        return {}
    calls = values.count(line)
    if calls is not None:
        return {"call_ins": calls, "subject_to_call_in": True}
    return {"decision_status": line, "subject_to_call_in": values.call_in(line)}


def with_link(record: ParsedDecision, links: tuple[Link, ...]) -> ParsedDecision:
    """The entry's link to its details page, found by its reference (ModernGov's ID) or its
    title."""
    for link in links:
        if record.reference and re.search(rf"[?&]ID={record.reference}(?!\d)", link.url, re.I):
            return replace(record, url=link.url)
    for link in links:
        if record.title and title(re.sub(rf"^{DATE}\s+-\s+", "", link.text)) == record.title:
            return replace(record, url=link.url)
    return record


def next_page(links: tuple[Link, ...]) -> str | None:
    for link in links:
        if NEXT.match(link.text.strip()):
            return link.url
    return None
