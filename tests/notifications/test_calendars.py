"""The personal calendar: its page in the workspace and its private iCalendar feed."""

import re
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.core.signing import Signer
from django.urls import reverse
from django.utils.http import urlsafe_base64_encode

from decisions.call_in.services import call_in_record_outcome, call_in_request
from decisions.models import CallInRuleVersion, Decision, Subscription
from decisions.notifications.calendar import calendar_token
from decisions.rules.call_in import LONDON
from tests import factories

BNES_TITLE = (
    "Community Services Transformation Programme - Preferred Delivery Options for 2024-25 "
    "and 2025-26"
)
# The B&NES window: published 10 November 2023, closes at the end of the 17th.
WINDOW_OPEN = datetime(2023, 11, 14, 12, tzinfo=LONDON)


@pytest.fixture
def window_open(db) -> None:
    with time_machine.travel(WINDOW_OPEN, tick=False):
        yield


@pytest.fixture
def bnes_decision(seeded) -> Decision:
    return Decision.objects.get(title=BNES_TITLE)


@pytest.fixture
def clerk(django_user_model) -> object:
    return django_user_model.objects.create_user("clerk", email="clerk@example.org")


def follow(user: object, *, decision: Decision | None = None, authority: object = None) -> None:
    Subscription.objects.create(user=user, decision=decision, authority=authority)


def feed_address(user: object) -> str:
    return reverse("officers:calendar-feed", args=[calendar_token(user)])


def feed_events(client, user: object) -> list[icalendar.Event]:
    response = client.get(feed_address(user))
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).events


def event_for(events: list[icalendar.Event], decision: Decision) -> icalendar.Event:
    (event,) = [event for event in events if str(event["URL"]).endswith(decision.url_key + "/")]
    return event


def open_decision(authority: object, title: str, **fields: object) -> Decision:
    fields.setdefault("publication_date", date(2023, 11, 10))
    fields.setdefault("call_in_deadline", date(2023, 11, 17))
    fields.setdefault("effective_from", date(2023, 11, 18))
    return factories.decision(authority=authority, title=title, **fields)


# The page --------------------------------------------------------------------------------------


def test_calendar_page_sends_the_public_to_sign_in(client, db):
    response = client.get(reverse("officers:calendar"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/officers/calendar/"


def test_calendar_page_shows_the_whole_private_address_of_the_feed(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("officers:calendar"))
    assert response.status_code == 200
    assert f'value="http://testserver{feed_address(clerk)}"' in response.content.decode()


def test_calendar_page_says_how_to_add_the_feed_and_to_keep_it_private(client, clerk):
    client.force_login(clerk)
    content = client.get(reverse("officers:calendar")).content.decode()
    assert "Subscribe from web" in content
    assert "New Calendar Subscription" in content
    assert "Keep this address private" in content


def test_calendar_page_lists_the_decisions_and_councils_followed(
    client, clerk, window_open, bnes_decision
):
    follow(clerk, decision=bnes_decision)
    follow(clerk, authority=factories.authority(name="Elsewhere Borough Council"))
    client.force_login(clerk)
    content = client.get(reverse("officers:calendar")).content.decode()
    assert BNES_TITLE in content
    assert "17 November 2023" in content
    assert "Open for call-in" in content
    assert "Elsewhere Borough Council" in content


def test_calendar_page_says_when_nothing_is_followed(client, clerk):
    client.force_login(clerk)
    content = client.get(reverse("officers:calendar")).content.decode()
    assert "Your calendar is empty." in content
    assert "You do not follow a whole council." in content


def test_calendar_page_queries_do_not_grow_with_decisions(
    client, clerk, window_open, django_assert_max_num_queries
):
    council = factories.authority()
    follow(clerk, authority=council)
    client.force_login(clerk)
    open_decision(council, "First")
    with django_assert_max_num_queries(9):
        client.get(reverse("officers:calendar"))
    for number in range(20):
        open_decision(council, f"More {number}")
    with django_assert_max_num_queries(9):
        response = client.get(reverse("officers:calendar"))
    assert len(response.context["followed"]) == 21


# The feed's address ----------------------------------------------------------------------------


def test_feed_address_is_url_safe_and_different_for_each_user(clerk, django_user_model):
    other = django_user_model.objects.create_user("other")
    assert re.fullmatch(r"[A-Za-z0-9_-]+", calendar_token(clerk))
    assert calendar_token(clerk) != calendar_token(other)


def test_feed_needs_no_sign_in(client, clerk):
    response = client.get(feed_address(clerk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["X-Robots-Tag"] == "noindex"


def signed(value: str, salt: str = "councilgov.calendar") -> str:
    return urlsafe_base64_encode(Signer(salt=salt).sign(value).encode())


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "%%%",
        signed("1", salt="another.purpose"),
        urlsafe_base64_encode(b"1:forged-signature"),
        signed("999999"),
    ],
    ids=["garbage", "not-base64", "other-salt", "forged", "no-such-user"],
)
def test_feed_with_a_bad_token_is_not_found(client, clerk, token):
    response = client.get(f"/officers/calendar/{token}.ics")
    assert response.status_code == 404


def test_feed_of_a_deactivated_user_is_not_found(client, clerk):
    clerk.is_active = False
    clerk.save()
    assert client.get(feed_address(clerk)).status_code == 404


# What the feed holds ---------------------------------------------------------------------------


def test_followed_decision_is_an_all_day_event_on_its_deadline(
    client, clerk, window_open, bnes_decision
):
    follow(clerk, decision=bnes_decision)
    event = event_for(feed_events(client, clerk), bnes_decision)
    assert event["DTSTART"].dt == date(2023, 11, 17)
    assert event["DTEND"].dt == date(2023, 11, 18)
    assert str(event["SUMMARY"]) == f"Call-in deadline: {BNES_TITLE}"
    assert "Call-in status: Open for call-in" in str(event["DESCRIPTION"])
    assert "Effective from: 18 November 2023" in str(event["DESCRIPTION"])


def test_followed_decision_stays_after_its_window_closes(client, clerk, bnes_decision):
    follow(clerk, decision=bnes_decision)
    with time_machine.travel(datetime(2023, 11, 20, 9, tzinfo=LONDON), tick=False):
        event = event_for(feed_events(client, clerk), bnes_decision)
    assert "Call-in status: Effective" in str(event["DESCRIPTION"])


def test_followed_council_adds_its_decisions_open_for_call_in(
    client, clerk, window_open, bnes_decision
):
    follow(clerk, authority=bnes_decision.authority)
    events = feed_events(client, clerk)
    # The other B&NES seed records took effect long ago.
    assert [str(event["SUMMARY"]) for event in events] == [f"Call-in deadline: {BNES_TITLE}"]


def test_followed_council_drops_a_decision_once_it_is_effective(client, clerk, bnes_decision):
    follow(clerk, authority=bnes_decision.authority)
    with time_machine.travel(datetime(2023, 11, 18, 9, tzinfo=LONDON), tick=False):
        assert feed_events(client, clerk) == []


def test_someone_elses_follows_are_not_in_my_feed(
    client, clerk, django_user_model, window_open, bnes_decision
):
    other = django_user_model.objects.create_user("other")
    follow(other, decision=bnes_decision)
    assert feed_events(client, clerk) == []


@pytest.mark.parametrize(
    "withheld",
    [{"is_exempt": True, "exempt_paragraph": "3"}, {"is_confidential": True}],
    ids=["exempt", "confidential"],
)
def test_exempt_or_confidential_decision_never_appears_even_when_followed(
    client, clerk, window_open, withheld
):
    council = factories.authority()
    secret = open_decision(council, "Sale of the depot", **withheld)
    follow(clerk, decision=secret)
    follow(clerk, authority=council)
    response = client.get(feed_address(clerk))
    assert icalendar.Calendar.from_ical(response.content).events == []
    assert b"Sale of the depot" not in response.content


def test_unpublished_decision_is_not_in_the_feed(client, clerk, window_open):
    draft = factories.decision(title="Not yet published", publication_date=None)
    follow(clerk, decision=draft)
    assert feed_events(client, clerk) == []


def test_timed_deadline_is_an_event_ending_at_4pm_london(client, clerk, db):
    council = factories.authority(slug="timed")
    CallInRuleVersion.objects.create(
        authority=council, valid_from=date(2020, 1, 1), days=5, deadline_time=time(16)
    )
    decision = factories.decision(
        authority=council, date_of_decision=date(2023, 6, 1), publication_date=date(2023, 6, 1)
    )
    decision.fill_computed_dates()
    decision.save()
    follow(clerk, decision=decision)
    with time_machine.travel(datetime(2023, 6, 7, 12, tzinfo=LONDON), tick=False):
        (event,) = feed_events(client, clerk)
    assert event["DTEND"].dt == datetime(2023, 6, 8, 16, tzinfo=LONDON)
    assert event["DTEND"].dt.utcoffset() == timedelta(hours=1)


def test_feed_queries_do_not_grow_with_decisions(
    client, clerk, window_open, django_assert_max_num_queries
):
    council = factories.authority()
    follow(clerk, authority=council)
    open_decision(council, "First")
    with django_assert_max_num_queries(7):
        assert len(feed_events(client, clerk)) == 1
    for number in range(20):
        follow(clerk, decision=open_decision(council, f"More {number}"))
    with django_assert_max_num_queries(7):
        assert len(feed_events(client, clerk)) == 21


# The feed follows the call-in ------------------------------------------------------------------


@pytest.fixture
def called_in(clerk, bnes_decision) -> object:
    """The B&NES decision followed by the clerk, validly called in on 14 November 2023."""
    follow(clerk, decision=bnes_decision)
    member = factories.councillor(bnes_decision.authority, "Backbench Member")
    return call_in_request(
        decision=bnes_decision, member=member, reasons="Not consulted.", at=WINDOW_OPEN
    )


def test_valid_call_in_makes_the_event_say_called_in(client, clerk, window_open, called_in):
    assert called_in.is_valid
    event = event_for(feed_events(client, clerk), called_in.decision)
    assert str(event["SUMMARY"]) == f"Called in: {BNES_TITLE}"
    assert "Effective from: not until scrutiny has considered it" in str(event["DESCRIPTION"])


def test_no_further_action_gives_the_event_the_new_effective_date(client, clerk, called_in):
    call_in_record_outcome(
        call_in=called_in, outcome="no_further_action", on=date(2023, 11, 22), by=clerk
    )
    with time_machine.travel(datetime(2023, 11, 23, 9, tzinfo=LONDON), tick=False):
        event = event_for(feed_events(client, clerk), called_in.decision)
    assert str(event["SUMMARY"]) == f"Called in, effective 22 November 2023: {BNES_TITLE}"
    description = str(event["DESCRIPTION"])
    assert "Scrutiny's outcome: No further action, 22 November 2023" in description
    assert "Effective from: 22 November 2023" in description
    assert event["DTSTART"].dt == date(2023, 11, 17)  # still at the deadline


def test_calendar_page_shows_the_called_in_status(client, clerk, window_open, called_in):
    client.force_login(clerk)
    content = client.get(reverse("officers:calendar")).content.decode()
    assert "Called in" in content
    assert "Not until scrutiny has considered it" in content
