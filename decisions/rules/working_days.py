"""Working days of a council: pure functions, no database.

A working day is not a Saturday or Sunday, not a bank holiday of the council's nation (from the
`holidays` package, which carries one-off holidays such as the State Funeral of Queen Elizabeth
II on 19 September 2022), and not one of the council's own closure days.
"""

from collections.abc import Collection
from datetime import date, timedelta
from functools import cache

import holidays

# The `holidays` package's subdivisions of the United Kingdom.
NATION_SUBDIVISIONS = {
    "england": "ENG",
    "wales": "WLS",
    "scotland": "SCT",
    "northern_ireland": "NIR",
}
ONE_DAY = timedelta(days=1)


@cache
def _bank_holidays(nation: str) -> holidays.HolidayBase:
    try:
        subdivision = NATION_SUBDIVISIONS[nation]
    except KeyError:
        raise ValueError(
            f"Unknown nation {nation!r}: use one of {', '.join(NATION_SUBDIVISIONS)}."
        ) from None
    return holidays.country_holidays("GB", subdiv=subdivision)


def bank_holiday_name(day: date, *, nation: str) -> str | None:
    """The bank holiday on `day` in `nation`, or None if there is none."""
    return _bank_holidays(nation).get(day)


def non_working_reason(
    day: date, *, nation: str, closure_days: Collection[date] = ()
) -> str | None:
    """Why `day` is not a working day ("Saturday", "Christmas Day", …), or None if it is one."""
    if day.weekday() >= 5:
        return day.strftime("%A")
    holiday = bank_holiday_name(day, nation=nation)
    if holiday:
        return holiday
    if day in closure_days:
        return "Closure day"
    return None


def is_working_day(day: date, *, nation: str, closure_days: Collection[date] = ()) -> bool:
    return non_working_reason(day, nation=nation, closure_days=closure_days) is None


def next_working_day(day: date, *, nation: str, closure_days: Collection[date] = ()) -> date:
    """The first working day strictly after `day`."""
    day += ONE_DAY
    while not is_working_day(day, nation=nation, closure_days=closure_days):
        day += ONE_DAY
    return day


def add_working_days(
    start: date, count: int, *, nation: str, closure_days: Collection[date] = ()
) -> date:
    """The `count`-th clear working day after `start` (`start` itself never counts).

    With a count of 0, `start` is returned unchanged.
    """
    if count < 0:
        raise ValueError("The number of working days cannot be negative.")
    day = start
    for _ in range(count):
        day = next_working_day(day, nation=nation, closure_days=closure_days)
    return day


def working_days_between(
    start: date, end: date, *, nation: str, closure_days: Collection[date] = ()
) -> int:
    """How many working days fall after `start`, up to and including `end`."""
    count, day = 0, start + ONE_DAY
    while day <= end:
        if is_working_day(day, nation=nation, closure_days=closure_days):
            count += 1
        day += ONE_DAY
    return count


def subtract_working_days(
    end: date, count: int, *, nation: str, closure_days: Collection[date] = ()
) -> date:
    """The working day `count` working days before `end` (`end` itself never counts)."""
    if count < 0:
        raise ValueError("The number of working days cannot be negative.")
    day = end
    for _ in range(count):
        day -= ONE_DAY
        while not is_working_day(day, nation=nation, closure_days=closure_days):
            day -= ONE_DAY
    return day
