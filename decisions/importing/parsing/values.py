"""Reading a field's printed value: yes or no, key or non-key, the wards, the meeting a
decision was made at, a count."""

import re

from decisions.importing.parsing.dates import find_dates, first_date
from decisions.importing.parsing.records import MeetingEntry
from decisions.importing.parsing.tidy import first_paragraph, one_line

YES = re.compile(r"^\W*(?:yes|y|true)\b", re.I)
NO = re.compile(r"^\W*(?:no|n|false|none|not)\b", re.I)
NOT_CALLABLE = re.compile(
    r"not\s+(?:for|subject\s+to)\s+call[- ]?in|exempt\s+from\s+call[- ]?in|"
    r"call[- ]?in\s+(?:does\s+not\s+apply|not\s+applicable|waived)|urgent",
    re.I,
)
CALLABLE = re.compile(
    r"call[- ]?in\s+(?:expired|period|open|ends|deadline)|called[- ]?in|subject\s+to\s+call[- ]?in",
    re.I,
)
NO_WARDS = re.compile(
    r"^\W*(?:none|no\s+(?:specific\s+)?(?:wards?|divisions?)|not\s+applicable|n/?a|nil)\W*$", re.I
)
MEETING = re.compile(
    r"^(?P<date>.+?)\s+[-–]\s+(?P<meeting>.+?)(?:\s*\((?:Item|Minute)\s+(?P<item>[^)]+)\))?\s*$",
    re.I,
)
DUE_BY = re.compile(r"\bby\s+(?P<maker>[A-Z].+)$")


def yes_no(text: str | None) -> bool | None:
    line = first_paragraph(text)
    if not line:
        return None
    if NO.match(line):
        return False
    return True if YES.match(line) else None


def key_decision(text: str | None) -> bool | None:
    """ "Yes", "Key", "Key Decision" and "Yes - expenditure" are key; "No", "Non-key" are not."""
    line = first_paragraph(text)
    if not line:
        return None
    if re.match(r"^\W*(?:non[- ]?key|not\s+(?:a\s+)?key|no\b)", line, re.I):
        return False
    if re.match(r"^\W*(?:yes\b|key\b)", line, re.I):
        return True
    return None


def call_in(text: str | None) -> bool | None:
    line = first_paragraph(text)
    if not line:
        return None
    if NOT_CALLABLE.search(line):
        return False
    if CALLABLE.search(line):
        return True
    return yes_no(line)


def wards(text: str | None) -> list[str] | None:
    """The wards as printed, "(All Wards)" among them; [] when the page says there are none."""
    if text is None:
        return None
    printed = one_line(text.replace("\n", ";")) or ""
    if not printed or NO_WARDS.match(printed):
        return []
    separator = ";" if ";" in printed else ","
    return [name.strip() for name in printed.split(separator) if name.strip(" .")]


def meeting(text: str | None) -> MeetingEntry | None:
    """ "09/11/2023 - Cabinet" or "10/11/2022 - Cabinet (Item 44)"."""
    line = one_line(first_paragraph(text))
    if not line:
        return None
    match = MEETING.match(line)
    if match and find_dates(match["date"]):
        return MeetingEntry(
            meeting=match["meeting"].strip(), date=first_date(match["date"]), item=match["item"]
        )
    return MeetingEntry(meeting=line, date=first_date(line))


def maker_from_due(text: str | None) -> str | None:
    """ModernGov prints "Decision due: 22 Jan 2026 by Cabinet"."""
    line = one_line(first_paragraph(text)) or ""
    match = DUE_BY.search(line)
    return match["maker"].strip(" .") if match else None


def count(text: str | None) -> int | None:
    line = one_line(text)
    return int(line) if line and line.isdigit() and len(line) < 6 else None
