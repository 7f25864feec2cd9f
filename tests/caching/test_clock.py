"""A cached page whose words change with the clock expires at that moment, and no later."""

from datetime import date, datetime, time

import pytest
import time_machine
from django.test import Client

from decisions.call_in.services import decision_publish
from decisions.models import CallInRuleVersion, Decision
from decisions.rules.call_in import LONDON
from tests import factories

pytestmark = pytest.mark.django_db


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


@pytest.fixture
def closing_at_four(page_cache, django_capture_on_commit_callbacks) -> Decision:
    """A decision published on Monday 26 February 2024 under a 5 working day rule closing at
    4pm: its window closes at 4pm on Monday 4 March, and it takes effect on the 5th."""
    decision = factories.decision(
        title="Parking charges review", date_of_decision=date(2024, 2, 23)
    )
    CallInRuleVersion.objects.filter(authority=decision.authority).update(deadline_time=time(16))
    with django_capture_on_commit_callbacks(execute=True):
        decision_publish(decision=decision, by=None, at=at(2024, 2, 26, 10))
    decision.refresh_from_db()
    assert decision.deadline == at(2024, 3, 4, 16)
    return decision


def status_at(client: Client, decision: Decision, moment: datetime) -> str:
    with time_machine.travel(moment, tick=False):
        response = client.get(decision.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    for status in ("Open for call-in", "Call-in period closed", "Effective"):
        if f">{status}<" in text or f"{status}</strong>" in text:
            return status
    raise AssertionError("no call-in status on the page")


def test_the_page_changes_when_the_window_closes_at_4pm_and_at_midnight(client, closing_at_four):
    assert status_at(client, closing_at_four, at(2024, 3, 4, 15, 0)) == "Open for call-in"
    # Cached at 3pm; still right a second before the deadline.
    assert status_at(client, closing_at_four, at(2024, 3, 4, 15, 59, 59)) == "Open for call-in"
    assert status_at(client, closing_at_four, at(2024, 3, 4, 16, 0)) == "Call-in period closed"
    assert status_at(client, closing_at_four, at(2024, 3, 4, 23, 59, 59)) == "Call-in period closed"
    assert status_at(client, closing_at_four, at(2024, 3, 5, 0, 0)) == "Effective"


def test_the_page_is_served_from_the_cache_until_then(
    client, closing_at_four, django_assert_num_queries
):
    status_at(client, closing_at_four, at(2024, 3, 4, 15, 0))
    with django_assert_num_queries(0):
        assert status_at(client, closing_at_four, at(2024, 3, 4, 15, 59)) == "Open for call-in"


def test_the_list_expires_at_the_deadline_too(client, closing_at_four):
    with time_machine.travel(at(2024, 3, 4, 15, 0), tick=False):
        before = client.get("/decisions/").content
    with time_machine.travel(at(2024, 3, 4, 16, 0), tick=False):
        after = client.get("/decisions/").content
    assert before != after
