"""The call-in rule as plain functions: deadlines, effective dates and status, no database."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions.rules import working_days
from decisions.rules.call_in import (
    LONDON,
    CallInRule,
    CallInStatus,
    call_in_deadline,
    call_in_status,
    deadline_passed,
    describe_difference,
    effective_from,
    format_deadline,
    next_moment,
)

NATIONS = ["england", "wales", "scotland", "northern_ireland"]
FIVE_DAYS = CallInRule(days=5, day_kind="working", anchor="publication", effective="day_after")


def dates_for(published: date, decided: date | None = None) -> dict:
    return {"nation": "england", "published": published, "decided": decided, "closure_days": ()}


# The programmatic interface, exactly as other code calls it ------------------------------------


def test_bnes_example_gives_the_printed_dates():
    rule = CallInRule(
        days=5, day_kind="working", anchor="publication", effective="day_after", deadline_time=None
    )
    arguments = {
        "nation": "england",
        "published": date(2023, 11, 10),
        "decided": date(2023, 11, 9),
        "closure_days": (),
    }
    assert call_in_deadline(rule, **arguments) == date(2023, 11, 17)
    assert effective_from(rule, **arguments) == date(2023, 11, 18)


# Rule variants -------------------------------------------------------------------------------


def test_rule_counted_from_the_date_of_decision():
    rule = CallInRule(days=5, anchor="decision")
    assert call_in_deadline(rule, **dates_for(date(2023, 11, 10), date(2023, 11, 9))) == date(
        2023, 11, 16
    )


def test_calendar_day_rule_counts_weekends():
    rule = CallInRule(days=7, day_kind="calendar")
    assert call_in_deadline(rule, **dates_for(date(2023, 11, 10))) == date(2023, 11, 17)
    assert call_in_deadline(rule, **dates_for(date(2023, 12, 21))) == date(2023, 12, 28)


@pytest.mark.parametrize(
    ("effective", "expected"),
    [
        ("day_after", date(2023, 11, 18)),  # a Saturday: the day after, whatever day it is
        ("deadline_day", date(2023, 11, 17)),
        ("next_working_day", date(2023, 11, 20)),
    ],
)
def test_effective_date_conventions(effective, expected):
    rule = CallInRule(days=5, effective=effective)
    assert effective_from(rule, **dates_for(date(2023, 11, 10))) == expected


def test_next_working_day_convention_skips_christmas():
    rule = CallInRule(days=2, effective="next_working_day")
    # Published Wed 20 Dec 2023: deadline Fri 22 Dec; next working day is Wed 27 Dec.
    assert effective_from(rule, **dates_for(date(2023, 12, 20))) == date(2023, 12, 27)


def test_four_pm_deadline_is_in_summer_time_before_the_clocks_change():
    rule = CallInRule(days=5, deadline_time=time(16, 0))
    deadline = call_in_deadline(rule, **dates_for(date(2023, 10, 20)))
    assert deadline == datetime(2023, 10, 27, 16, 0, tzinfo=LONDON)
    assert deadline.utcoffset() == timedelta(hours=1)


def test_four_pm_deadline_is_in_greenwich_time_after_the_clocks_change():
    rule = CallInRule(days=5, deadline_time=time(16, 0))
    deadline = call_in_deadline(rule, **dates_for(date(2023, 10, 27)))
    assert deadline == datetime(2023, 11, 3, 16, 0, tzinfo=LONDON)
    assert deadline.utcoffset() == timedelta(0)


def test_deadline_time_does_not_change_the_effective_day():
    rule = CallInRule(days=5, deadline_time=time(12, 0))
    assert effective_from(rule, **dates_for(date(2023, 11, 10))) == date(2023, 11, 18)


def test_closure_days_of_the_authority_lengthen_the_window():
    closure = frozenset({date(2023, 12, 27), date(2023, 12, 28), date(2023, 12, 29)})
    deadline = call_in_deadline(
        FIVE_DAYS,
        nation="england",
        published=date(2023, 12, 21),
        decided=date(2023, 12, 21),
        closure_days=closure,
    )
    assert deadline == date(2024, 1, 5)


def test_the_nation_decides_the_bank_holidays():
    published = {"published": date(2024, 3, 28), "decided": None, "closure_days": ()}
    assert call_in_deadline(FIVE_DAYS, nation="england", **published) == date(2024, 4, 8)
    assert call_in_deadline(FIVE_DAYS, nation="scotland", **published) == date(2024, 4, 5)


def test_decision_not_subject_to_call_in_is_effective_on_publication():
    arguments = dates_for(date(2023, 11, 10), date(2023, 11, 9))
    assert effective_from(FIVE_DAYS, subject_to_call_in=False, **arguments) == date(2023, 11, 10)


def test_decision_not_subject_to_call_in_published_before_it_was_taken_is_effective_on_decision():
    arguments = dates_for(date(2023, 11, 8), date(2023, 11, 9))
    assert effective_from(FIVE_DAYS, subject_to_call_in=False, **arguments) == date(2023, 11, 9)


def test_missing_anchor_date_is_refused_by_name():
    with pytest.raises(ValueError, match="publication date"):
        call_in_deadline(FIVE_DAYS, **dates_for(None, date(2023, 11, 9)))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"days": 0}, "at least one day"),
        ({"days": 5, "day_kind": "fortnightly"}, "day_kind must be one of working, calendar"),
        ({"days": 5, "anchor": "signature"}, "anchor must be one of publication, decision"),
        ({"days": 5, "effective": "whenever"}, "effective must be one of"),
        ({"days": 5, "deadline_time": "16:00"}, "deadline_time must be a time"),
        ({"days": 5, "signatories_required": 0}, "At least one member"),
    ],
)
def test_impossible_rules_are_refused_with_a_message(fields, message):
    with pytest.raises(ValueError, match=message):
        CallInRule(**fields)


# Properties of the deadline -----------------------------------------------------------------

rules = st.builds(
    CallInRule,
    days=st.integers(min_value=1, max_value=15),
    day_kind=st.just("working"),
    anchor=st.sampled_from(["publication", "decision"]),
    effective=st.sampled_from(["day_after", "deadline_day", "next_working_day"]),
)
anchor_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))
closure_sets = st.frozensets(anchor_dates, max_size=8)


@given(rule=rules, nation=st.sampled_from(NATIONS), day=anchor_dates, closed=closure_sets)
def test_working_day_deadline_is_a_working_day_at_least_n_working_days_on(
    rule, nation, day, closed
):
    deadline = call_in_deadline(
        rule, nation=nation, published=day, decided=day, closure_days=closed
    )
    assert working_days.is_working_day(deadline, nation=nation, closure_days=closed)
    assert (
        working_days.working_days_between(day, deadline, nation=nation, closure_days=closed)
        >= rule.days
    )


@given(
    rule=rules,
    nation=st.sampled_from(NATIONS),
    day=anchor_dates,
    gap=st.integers(min_value=0, max_value=40),
    closed=closure_sets,
)
def test_deadline_and_effective_date_never_go_back_as_the_anchor_moves_on(
    rule, nation, day, gap, closed
):
    later = day + timedelta(days=gap)
    first = {"nation": nation, "published": day, "decided": day, "closure_days": closed}
    second = {"nation": nation, "published": later, "decided": later, "closure_days": closed}
    assert call_in_deadline(rule, **first) <= call_in_deadline(rule, **second)
    assert effective_from(rule, **first) <= effective_from(rule, **second)


@given(rule=rules, nation=st.sampled_from(NATIONS), day=anchor_dates)
def test_effective_date_is_never_before_the_deadline_day(rule, nation, day):
    arguments = {"nation": nation, "published": day, "decided": day, "closure_days": ()}
    assert effective_from(rule, **arguments) >= call_in_deadline(rule, **arguments)


# Deadlines in time ----------------------------------------------------------------------------


def test_end_of_day_deadline_closes_at_midnight():
    assert not deadline_passed(date(2023, 11, 17), datetime(2023, 11, 17, 23, 59, tzinfo=LONDON))
    assert deadline_passed(date(2023, 11, 17), datetime(2023, 11, 18, 0, 0, tzinfo=LONDON))


def test_four_pm_deadline_closes_at_four():
    deadline = datetime(2023, 11, 17, 16, 0, tzinfo=LONDON)
    assert not deadline_passed(deadline, datetime(2023, 11, 17, 15, 59, tzinfo=LONDON))
    assert deadline_passed(deadline, datetime(2023, 11, 17, 16, 0, tzinfo=LONDON))


@pytest.mark.parametrize(
    ("deadline", "printed"),
    [
        (date(2023, 11, 7), "7 November 2023"),
        (datetime(2023, 11, 17, 16, 0, tzinfo=LONDON), "4pm on 17 November 2023"),
        (datetime(2023, 11, 17, 12, 0, tzinfo=LONDON), "midday on 17 November 2023"),
        (datetime(2023, 11, 17, 9, 30, tzinfo=LONDON), "9:30am on 17 November 2023"),
    ],
)
def test_deadlines_are_printed_as_councils_print_them(deadline, printed):
    assert format_deadline(deadline) == printed


# Status ---------------------------------------------------------------------------------------


def bnes_status_at(moment: datetime, **changes: object) -> CallInStatus:
    facts = {
        "subject_to_call_in": True,
        "published": date(2023, 11, 10),
        "deadline": date(2023, 11, 17),
        "effective": date(2023, 11, 18),
        "called_in": False,
    }
    facts.update(changes)
    return call_in_status(at=moment, **facts)


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (datetime(2023, 11, 9, 18, 0, tzinfo=LONDON), CallInStatus.AWAITING_PUBLICATION),
        (datetime(2023, 11, 10, 9, 0, tzinfo=LONDON), CallInStatus.OPEN),
        (datetime(2023, 11, 14, 12, 0, tzinfo=LONDON), CallInStatus.OPEN),
        (datetime(2023, 11, 17, 23, 59, tzinfo=LONDON), CallInStatus.OPEN),
        (datetime(2023, 11, 18, 0, 1, tzinfo=LONDON), CallInStatus.EFFECTIVE),
    ],
)
def test_status_follows_the_dates(moment, status):
    assert bnes_status_at(moment) == status


def test_status_is_closed_between_a_timed_deadline_and_the_effective_day():
    deadline = datetime(2023, 11, 17, 16, 0, tzinfo=LONDON)
    moment = datetime(2023, 11, 17, 17, 0, tzinfo=LONDON)
    assert bnes_status_at(moment, deadline=deadline) == CallInStatus.CLOSED


def test_valid_call_in_shows_called_in_until_its_outcome():
    moment = datetime(2023, 11, 20, 12, 0, tzinfo=LONDON)
    assert bnes_status_at(moment, called_in=True, effective=None) == CallInStatus.CALLED_IN


def test_urgent_decision_is_not_subject_to_call_in_once_published():
    moment = datetime(2023, 11, 14, 12, 0, tzinfo=LONDON)
    status = bnes_status_at(moment, subject_to_call_in=False, deadline=None)
    assert status == CallInStatus.NOT_SUBJECT
    assert status.label == "Not subject to call-in"


def test_unpublished_record_with_an_official_effective_date_is_not_awaiting_publication():
    moment = datetime(2016, 11, 10, 12, 0, tzinfo=LONDON)
    status = bnes_status_at(moment, published=None, deadline=None, effective=date(2016, 11, 9))
    assert status == CallInStatus.EFFECTIVE


# Differences between the official date and the rule ---------------------------------------


def test_agreeing_dates_report_no_difference():
    assert describe_difference(recorded=date(2023, 11, 18), computed=date(2023, 11, 18)) is None


def test_later_official_date_is_described_with_both_dates():
    said = describe_difference(recorded=date(2014, 1, 1), computed=date(2013, 12, 31))
    assert said == (
        "The recorded effective date, 1 January 2014, is 1 day later than the rule gives "
        "(31 December 2013)."
    )


def test_uncheckable_official_date_says_why():
    said = describe_difference(
        recorded=date(2016, 11, 9),
        computed=None,
        reason_if_not_computable="The publication date is not recorded.",
    )
    assert said.endswith(
        "cannot be checked against the rule: The publication date is not recorded."
    )


# When the clock next changes the register's words ------------------------------------------------


def test_next_moment_is_midnight_in_london_without_closing_times():
    assert next_moment(datetime(2024, 3, 4, 15, tzinfo=LONDON), []) == datetime(
        2024, 3, 5, tzinfo=LONDON
    )


def test_next_moment_is_the_next_closing_time_still_to_come_today():
    three_pm = datetime(2024, 3, 4, 15, tzinfo=LONDON)
    assert next_moment(three_pm, [time(12), time(16)]) == datetime(2024, 3, 4, 16, tzinfo=LONDON)
    assert next_moment(three_pm, [time(12)]) == datetime(2024, 3, 5, tzinfo=LONDON)


def test_next_moment_at_a_closing_time_is_the_one_after():
    four_pm = datetime(2024, 3, 4, 16, tzinfo=LONDON)
    assert next_moment(four_pm, [time(16)]) == datetime(2024, 3, 5, tzinfo=LONDON)


def test_next_moment_is_london_midnight_in_summer_time_from_a_utc_clock():
    late_utc = datetime(2024, 7, 1, 22, 30, tzinfo=UTC)  # 11.30pm in London
    assert next_moment(late_utc, []) == datetime(2024, 7, 1, 23, tzinfo=UTC)
