"""Dates as councils print them: 18/11/2023, 18.11.23, 2013/12/13, "Thu 22 Jan 2026",
"3rd Apr 2023", "July 25th, 2013". A financial year (2018/19, 2023-24) and a minute
reference (Cab.7.9.2016/9) are not dates, and neither is a telephone number."""

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY = r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)[a-z]*\.?,?\s+"
ORDINAL = r"(?:st|nd|rd|th)?"

# Numbers in a date stand alone: not inside a reference such as Cab.7.9.2016/9, a financial
# year such as 2023/24/25, or a longer run of digits such as a telephone number.
ALONE_BEFORE = r"(?<![\w./\-])"
ALONE_AFTER = r"(?![\w/]|[.\-]\d)"

NUMERIC = re.compile(
    rf"{ALONE_BEFORE}(?P<day>\d{{1,2}})(?P<separator>[/.\-])(?P<month>\d{{1,2}})(?P=separator)"
    rf"(?P<year>\d{{4}}|\d{{2}}){ALONE_AFTER}"
)
YEAR_FIRST = re.compile(
    rf"{ALONE_BEFORE}(?P<year>\d{{4}})(?P<separator>[/\-])(?P<month>\d{{1,2}})(?P=separator)"
    rf"(?P<day>\d{{1,2}}){ALONE_AFTER}"
)
DAY_FIRST_WORDS = re.compile(
    rf"(?<!\w)(?:{WEEKDAY})?(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?(?P<month_name>{MONTH})\.?,?"
    rf"\s+(?P<year>\d{{4}}){ALONE_AFTER}",
    re.I,
)
MONTH_FIRST_WORDS = re.compile(
    rf"(?<!\w)(?:{WEEKDAY})?(?P<month_name>{MONTH})\.?\s+(?P<day>\d{{1,2}}){ORDINAL},?"
    rf"\s+(?P<year>\d{{4}}){ALONE_AFTER}",
    re.I,
)
PATTERNS = (NUMERIC, YEAR_FIRST, DAY_FIRST_WORDS, MONTH_FIRST_WORDS)
NOT_BEFORE = re.compile(r"^\W*(?:not\s+before|no\s+earlier\s+than)\b", re.I)
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every date in the text with where it starts and ends, in order."""
    found: dict[int, tuple[date, int, int]] = {}
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            when = to_date(match)
            if when is not None and not overlaps(found, match.start(), match.end()):
                found[match.start()] = (when, match.start(), match.end())
    return [found[start] for start in sorted(found)]


def overlaps(found: dict[int, tuple[date, int, int]], start: int, end: int) -> bool:
    return any(
        start < other_end and other_start < end for _, other_start, other_end in found.values()
    )


def to_date(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month_name = parts.get("month_name")
    month = MONTHS[month_name.lower()] if month_name else int(parts["month"])
    year = int(parts["year"])
    if len(parts["year"]) == 2:
        year += 2000 if year < 70 else 1900
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, int(parts["day"]))
    except ValueError:
        return None


def first_date(text: str | None) -> date | None:
    """The date a field's value opens with (its first line), if it has one."""
    if not text:
        return None
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    found = find_dates(first_line)
    return found[0][0] if found else None


def qualified_date(text: str | None) -> tuple[date | None, bool]:
    """A date and whether the page qualified it with "Not before"."""
    if not text:
        return None, False
    return first_date(text), bool(NOT_BEFORE.match(text))
