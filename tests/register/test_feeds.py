"""The Atom feed of decisions and the iCalendar feed of open call-in windows."""

import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.urls import reverse
from model_bakery import baker

from decisions.models import CallIn, CallInRuleVersion, CallInSignature, Decision
from decisions.rules.call_in import LONDON
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"
BNES_TITLE = (
    "Community Services Transformation Programme - Preferred Delivery Options for 2024-25 "
    "and 2025-26"
)
# Four days into the B&NES window, which closes at the end of 17 November 2023.
WINDOW_OPEN = datetime(2023, 11, 14, 12, 0, tzinfo=LONDON)
WINDOW_CLOSED = datetime(2023, 11, 18, 12, 0, tzinfo=LONDON)


@pytest.fixture
def window_open(db) -> None:
    with time_machine.travel(WINDOW_OPEN, tick=False):
        yield


@pytest.fixture
def bnes_decision(seeded) -> Decision:
    return Decision.objects.get(title=BNES_TITLE)


def atom_entries(client, **query: str) -> list[ET.Element]:
    response = client.get(reverse("feed-decisions"), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def entry_titled(entries: list[ET.Element], title: str) -> ET.Element:
    (entry,) = [entry for entry in entries if entry.findtext(f"{ATOM}title") == title]
    return entry


def calendar_events(client, **query: str) -> list[icalendar.Event]:
    response = client.get(reverse("feed-call-in"), query)
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).events


def timed_deadline_decision(*, published: date) -> Decision:
    """A decision under a rule whose window closes at 4pm, five working days on."""
    council = factories.authority(slug="timed")
    CallInRuleVersion.objects.create(
        authority=council, valid_from=date(2020, 1, 1), days=5, deadline_time=time(16)
    )
    decision = factories.decision(
        authority=council, title="Timed", date_of_decision=published, publication_date=published
    )
    decision.fill_computed_dates()
    decision.save()
    return decision


def open_decisions(count: int) -> None:
    """Decisions open for call-in at WINDOW_OPEN, each with an unsigned (invalid) request."""
    council = factories.authority()
    member = baker.make("decisions.Person", authority=council, kind="councillor")
    for number in range(count):
        decision = factories.decision(
            authority=council,
            title=f"Open decision {number}",
            publication_date=date(2023, 11, 10),
            call_in_deadline=date(2023, 11, 17),
            effective_from=date(2023, 11, 18),
        )
        request = CallIn.objects.create(decision=decision, received_at=WINDOW_OPEN, reasons="Why")
        CallInSignature.objects.create(call_in=request, member=member, confirmed_at=None)


# Atom ----------------------------------------------------------------------------------


def test_atom_feed_has_the_seeded_bnes_decision(client, window_open, bnes_decision):
    entry = entry_titled(atom_entries(client), BNES_TITLE)

    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver/decisions/bathnes/id-{bnes_decision.pk}/"
    published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    assert published == datetime(2023, 11, 10, tzinfo=LONDON)
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == bnes_decision.updated_at
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Cabinet"


def test_atom_entry_summary_is_the_purpose_as_plain_text(client, window_open, bnes_decision):
    summary = entry_titled(atom_entries(client), BNES_TITLE).find(f"{ATOM}summary")

    assert summary.get("type") == "text"
    assert summary.text == bnes_decision.purpose.strip()


def test_atom_entry_categories_say_key_decision_and_call_in_status(client, window_open, seeded):
    entry = entry_titled(atom_entries(client), BNES_TITLE)

    terms = {category.get("term") for category in entry.findall(f"{ATOM}category")}
    assert {"Key decision", "Open for call-in"} <= terms


def test_atom_entry_id_is_its_register_number_address(client, window_open, bnes_decision):
    entry = entry_titled(atom_entries(client), BNES_TITLE)

    expected = f"http://testserver/decisions/bathnes/id-{bnes_decision.pk}/"
    assert entry.findtext(f"{ATOM}id") == expected


def test_atom_entry_title_starts_with_the_reference(client, window_open, seeded):
    factories.decision(reference="E3393", title="Referenced", publication_date=date(2023, 11, 1))

    assert entry_titled(atom_entries(client), "E3393 Referenced") is not None


def test_atom_feed_orders_by_publication_or_else_decision_date(client, window_open, seeded):
    titles = [entry.findtext(f"{ATOM}title") for entry in atom_entries(client)]

    # Herefordshire's 2016 record has no publication date; its date of decision places it.
    assert titles == [
        BNES_TITLE,
        "Redesign and commissioning of home care services",
        "Adult Social Care Next Stage Integration - Commissioning of Day Opportunities",
    ]


def test_atom_feed_updated_moves_when_a_call_in_status_moves_on(client, window_open, seeded):
    with time_machine.travel(WINDOW_CLOSED, tick=False):
        response = client.get(reverse("feed-decisions"))

    updated = datetime.fromisoformat(ET.fromstring(response.content).findtext(f"{ATOM}updated"))
    # B&NES became effective at the start of 18 November, after its last edit on the 14th.
    assert updated == datetime(2023, 11, 18, tzinfo=LONDON)
    assert response["Last-Modified"] == "Sat, 18 Nov 2023 00:00:00 GMT"


def test_atom_feed_links_to_the_register_and_itself(client, window_open, seeded):
    feed = ET.fromstring(client.get(reverse("feed-decisions"), {"authority": "bathnes"}).content)

    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["alternate"] == "http://testserver/decisions/?authority=bathnes"
    assert links["self"] == "http://testserver/feeds/decisions.atom?authority=bathnes"


def test_atom_feed_for_one_authority_has_only_its_decisions(client, window_open, seeded):
    response = client.get(reverse("feed-decisions"), {"authority": "bathnes"})
    feed = ET.fromstring(response.content)

    assert feed.findtext(f"{ATOM}title") == "Decisions of Bath and North East Somerset Council"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == [BNES_TITLE]


def test_atom_feed_keeps_the_latest_fifty(client, window_open):
    council = factories.authority()
    for day in range(1, 56):
        factories.decision(
            authority=council,
            title=f"Published {day}",
            date_of_decision=date(2023, 1, 1),
            publication_date=date(2023, 1, 1) + timedelta(days=day),
        )

    titles = [entry.findtext(f"{ATOM}title") for entry in atom_entries(client)]
    assert len(titles) == 50
    assert titles[0] == "Published 55"
    assert titles[-1] == "Published 6"


@pytest.mark.parametrize("name", ["feed-decisions", "feed-call-in"])
def test_unknown_authority_is_a_bad_request_naming_it(client, seeded, name):
    response = client.get(reverse(name), {"authority": "nope"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "authority" in response.content.decode()
    assert "nope" in response.content.decode()


@pytest.mark.parametrize(
    "private", [{"is_exempt": True, "exempt_paragraph": "3"}, {"is_confidential": True}]
)
def test_atom_feed_never_has_an_exempt_or_confidential_decision(
    client, window_open, bnes_decision, private
):
    Decision.objects.filter(pk=bnes_decision.pk).update(**private)

    response = client.get(reverse("feed-decisions"))
    assert response.status_code == 200
    assert BNES_TITLE.encode() not in response.content
    assert f"/id-{bnes_decision.pk}/".encode() not in response.content


def test_atom_feed_queries_do_not_grow_with_decisions(
    client, window_open, seeded, django_assert_max_num_queries
):
    open_decisions(2)
    with django_assert_max_num_queries(7):
        assert len(atom_entries(client, authority="bathnes")) == 1
    with django_assert_max_num_queries(7):
        assert len(atom_entries(client)) == 5

    open_decisions(20)
    with django_assert_max_num_queries(7):
        assert len(atom_entries(client, authority="bathnes")) == 1
    with django_assert_max_num_queries(7):
        assert len(atom_entries(client)) == 25


# iCalendar -----------------------------------------------------------------------------


def test_call_in_calendar_has_the_open_bnes_window_on_its_deadline_day(
    client, window_open, bnes_decision
):
    (event,) = calendar_events(client)

    assert event["DTSTART"].dt == date(2023, 11, 17)
    assert event["DTEND"].dt == date(2023, 11, 18)
    assert event["SUMMARY"] == f"Call-in deadline: {BNES_TITLE}"
    assert event["UID"] == f"decision-{bnes_decision.pk}-call-in@councilgov"
    assert event["URL"] == f"http://testserver/decisions/bathnes/id-{bnes_decision.pk}/"


def test_call_in_event_describes_maker_deadline_and_address(client, window_open, bnes_decision):
    (event,) = calendar_events(client)

    description = str(event["DESCRIPTION"])
    assert "Decision maker: Cabinet" in description
    assert "Call-in deadline: 17 November 2023" in description
    assert f"http://testserver/decisions/bathnes/id-{bnes_decision.pk}/" in description


def test_call_in_event_stamped_with_the_decision_last_change(client, window_open, bnes_decision):
    (event,) = calendar_events(client)

    assert event["LAST-MODIFIED"].dt == bnes_decision.updated_at
    assert event["DTSTAMP"].dt == bnes_decision.updated_at


def test_call_in_calendar_is_named_and_served_as_text_calendar(client, window_open, seeded):
    response = client.get(reverse("feed-call-in"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == "Call-in deadlines"


def test_call_in_calendar_is_empty_once_the_window_closed(client, seeded):
    with time_machine.travel(WINDOW_CLOSED, tick=False):
        assert calendar_events(client) == []


def test_call_in_calendar_for_another_authority_leaves_bnes_out(client, window_open, seeded):
    assert calendar_events(client, authority="herefordshire") == []
    assert len(calendar_events(client, authority="bathnes")) == 1


@pytest.mark.parametrize(
    "private", [{"is_exempt": True, "exempt_paragraph": "3"}, {"is_confidential": True}]
)
def test_call_in_calendar_never_has_an_exempt_or_confidential_decision(
    client, window_open, bnes_decision, private
):
    Decision.objects.filter(pk=bnes_decision.pk).update(**private)

    response = client.get(reverse("feed-call-in"))
    assert response.status_code == 200
    assert icalendar.Calendar.from_ical(response.content).events == []
    assert b"Community Services" not in response.content


@pytest.mark.parametrize(
    ("published", "now", "deadline", "utc_offset"),
    [
        # Summer time: 4pm on Thursday 8 June 2023 is 15:00 UTC.
        (date(2023, 6, 1), datetime(2023, 6, 7, 12, tzinfo=LONDON), date(2023, 6, 8), 1),
        # Greenwich Mean Time: 4pm on Friday 17 November 2023 is 16:00 UTC.
        (date(2023, 11, 10), datetime(2023, 11, 16, 12, tzinfo=LONDON), date(2023, 11, 17), 0),
    ],
)
def test_timed_deadline_is_half_an_hour_ending_at_4pm_london(
    client, db, published, now, deadline, utc_offset
):
    with time_machine.travel(now, tick=False):
        timed_deadline_decision(published=published)
        response = client.get(reverse("feed-call-in"))

    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.events
    end = event["DTEND"]
    assert end.params["TZID"] == "Europe/London"
    assert end.dt == datetime.combine(deadline, time(16), tzinfo=LONDON)
    assert end.dt.utcoffset() == timedelta(hours=utc_offset)
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=30)
    assert "Call-in deadline: 4pm on" in str(event["DESCRIPTION"])
    assert [zone.tz_name for zone in calendar.timezones] == ["Europe/London"]


def test_call_in_calendar_queries_do_not_grow_with_decisions(
    client, window_open, seeded, django_assert_max_num_queries
):
    open_decisions(2)
    with django_assert_max_num_queries(9):
        assert len(calendar_events(client, authority="bathnes")) == 1
    with django_assert_max_num_queries(8):
        assert len(calendar_events(client)) == 3

    open_decisions(20)
    with django_assert_max_num_queries(9):
        assert len(calendar_events(client, authority="bathnes")) == 1
    with django_assert_max_num_queries(8):
        assert len(calendar_events(client)) == 23
