"""What a contract's dates say about it: pure functions, no ORM.

The querysets (commissioning.querysets.contract_status) say the same in SQL, for filtering;
tests/test_contract_status.py checks that the two agree.
"""

from datetime import date


def effective_end(end_date: date | None, exercised_ends: list[date | None]) -> date | None:
    """The contract's end date, or the latest end of an extension taken up, if later."""
    known = [day for day in (end_date, *exercised_ends) if day is not None]
    return max(known, default=None)


def status_from_dates(*, on: date, start: date | None, end: date | None) -> str | None:
    """Planned before the start, active from the start to the end (inclusive), ended after it.

    None when the dates known do not settle it: started with no end recorded, or an end still
    to come with no start recorded.
    """
    if start is not None and on < start:
        return "planned"
    if end is not None and on > end:
        return "ended"
    if start is not None and end is not None:
        return "active"
    return None
