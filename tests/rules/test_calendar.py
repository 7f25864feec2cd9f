"""Working days: weekends, the nation's bank holidays, and the authority's closure days."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions.rules import working_days

NATIONS = ["england", "wales", "scotland", "northern_ireland"]

nations = st.sampled_from(NATIONS)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))
closures = st.frozensets(days, max_size=10)


@pytest.mark.parametrize(
    ("day", "nation", "reason"),
    [
        (date(2023, 11, 11), "england", "Saturday"),
        (date(2023, 11, 12), "wales", "Sunday"),
        (date(2023, 12, 25), "england", "Christmas Day"),
        (date(2022, 9, 19), "england", "State Funeral of Queen Elizabeth II"),
        (date(2022, 9, 19), "northern_ireland", "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "scotland", "Coronation of Charles III"),
        (date(2024, 1, 2), "scotland", "New Year Holiday"),
        (date(2023, 3, 17), "northern_ireland", "Saint Patrick's Day"),
        (date(2024, 4, 1), "wales", "Easter Monday"),
    ],
)
def test_non_working_days_say_why(day, nation, reason):
    assert working_days.non_working_reason(day, nation=nation) == reason
    assert not working_days.is_working_day(day, nation=nation)


@pytest.mark.parametrize(
    ("day", "nation"),
    [
        (date(2024, 1, 2), "england"),  # 2 January is a holiday in Scotland only
        (date(2024, 4, 1), "scotland"),  # Easter Monday is not a Scottish bank holiday
        (date(2023, 3, 17), "england"),  # St Patrick's Day is Northern Ireland's only
        (date(2023, 11, 10), "england"),
    ],
)
def test_ordinary_weekdays_are_working_days(day, nation):
    assert working_days.is_working_day(day, nation=nation)


def test_closure_day_is_not_a_working_day():
    closure = {date(2023, 12, 27)}
    reason = working_days.non_working_reason(
        date(2023, 12, 27), nation="england", closure_days=closure
    )
    assert reason == "Closure day"
    assert working_days.is_working_day(date(2023, 12, 27), nation="england")


def test_unknown_nation_is_refused_with_the_names_allowed():
    with pytest.raises(ValueError, match="england, wales, scotland, northern_ireland"):
        working_days.is_working_day(date(2023, 11, 10), nation="cornwall")


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        working_days.add_working_days(date(2023, 11, 10), -1, nation="england")


@pytest.mark.parametrize(
    ("start", "nation", "closure", "expected"),
    [
        # Christmas and New Year: 25, 26 December and 1 January pass uncounted.
        (date(2023, 12, 21), "england", (), date(2024, 1, 2)),
        (date(2023, 12, 21), "scotland", (), date(2024, 1, 3)),
        # A Christmas shutdown on the authority's own calendar.
        (
            date(2023, 12, 21),
            "england",
            (date(2023, 12, 27), date(2023, 12, 28), date(2023, 12, 29)),
            date(2024, 1, 5),
        ),
        # Easter 2024: Good Friday everywhere, Easter Monday outside Scotland.
        (date(2024, 3, 28), "england", (), date(2024, 4, 8)),
        (date(2024, 3, 28), "scotland", (), date(2024, 4, 5)),
        # The one-off bank holiday for the State Funeral, 19 September 2022.
        (date(2022, 9, 14), "england", (), date(2022, 9, 22)),
        # The Coronation bank holiday, 8 May 2023, a week after the early May one.
        (date(2023, 4, 28), "wales", (), date(2023, 5, 9)),
    ],
)
def test_five_working_days_across_holidays(start, nation, closure, expected):
    assert (
        working_days.add_working_days(start, 5, nation=nation, closure_days=frozenset(closure))
        == expected
    )


@given(start=days, count=st.integers(min_value=1, max_value=20), nation=nations, closed=closures)
def test_nth_working_day_is_a_working_day_with_exactly_n_before_it(start, count, nation, closed):
    end = working_days.add_working_days(start, count, nation=nation, closure_days=closed)
    assert working_days.is_working_day(end, nation=nation, closure_days=closed)
    assert (
        working_days.working_days_between(start, end, nation=nation, closure_days=closed) == count
    )
    assert end > start


@given(first=days, gap=st.integers(min_value=0, max_value=60), nation=nations, closed=closures)
def test_later_start_never_gives_an_earlier_nth_working_day(first, gap, nation, closed):
    second = first + timedelta(days=gap)
    assert working_days.add_working_days(
        first, 5, nation=nation, closure_days=closed
    ) <= working_days.add_working_days(second, 5, nation=nation, closure_days=closed)


@given(day=days, nation=nations, closed=closures)
def test_next_working_day_skips_only_non_working_days(day, nation, closed):
    following = working_days.next_working_day(day, nation=nation, closure_days=closed)
    assert working_days.is_working_day(following, nation=nation, closure_days=closed)
    between = day + timedelta(days=1)
    while between < following:
        assert not working_days.is_working_day(between, nation=nation, closure_days=closed)
        between += timedelta(days=1)
