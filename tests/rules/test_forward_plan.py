"""The notice rules of decisions.forward_plan (regs 9 and 10, 2012 Regulations)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from decisions.rules import notice as notice_rules


def test_notice_on_1_march_allows_a_decision_from_30_march():
    # 2 to 29 March are the 28 clear days: neither the day of notice nor of decision counts.
    assert notice_rules.first_day_for_decision(date(2026, 3, 1), 28) == date(2026, 3, 30)
    assert notice_rules.has_full_notice(date(2026, 3, 1), date(2026, 3, 30))
    assert not notice_rules.has_full_notice(date(2026, 3, 1), date(2026, 3, 29))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_the_first_day_for_decision_is_the_inverse_of_the_latest_day_for_notice(intended):
    latest = notice_rules.latest_publication_for_full_notice(intended)
    assert notice_rules.first_day_for_decision(latest, 28) == intended
    first = notice_rules.first_day_for_decision(intended, 5)
    assert notice_rules.clear_days_between(intended, first) == 5
    assert notice_rules.clear_days_between(intended, first - timedelta(days=1)) == 4
