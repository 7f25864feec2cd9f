"""Democratic services in the workspace: the call-in dashboard, publishing, and
recording scrutiny's outcome of a call-in."""

import threading
from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from model_bakery import baker

from decisions.call_in import services
from decisions.call_in.views.dashboard import time_left, timeline
from decisions.models import (
    Body,
    CallIn,
    CallInRuleVersion,
    Decision,
    Meeting,
    Person,
    Subscription,
)
from decisions.rules.call_in import LONDON, CallInStatus
from tests import factories

pytestmark = pytest.mark.django_db

BNES_TITLE = "Community Services Transformation Programme - Preferred Delivery Options"
DECIDED = date(2023, 11, 9)
PUBLISHED = date(2023, 11, 10)
# Five clear working days after Friday 10 November 2023: the end of Friday 17 November.
WINDOW_OPEN = datetime(2023, 11, 14, 12, tzinfo=LONDON)
AFTER_WINDOW = datetime(2023, 11, 20, 10, tzinfo=LONDON)
# After scrutiny met (24 November) and the decision maker reconsidered (5 December): an outcome
# is recorded once it has happened.
AFTER_SCRUTINY = datetime(2023, 12, 6, 10, tzinfo=LONDON)


# People and records -----------------------------------------------------------------------------


@pytest.fixture
def clerk(django_user_model) -> object:
    """A democratic services officer: staff, in the group holding both clerk permissions."""
    group, _ = Group.objects.get_or_create(name="Democratic services")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="decisions",
            codename__in=["publish_decision", "manage_call_in"],
        )
    )
    user = django_user_model.objects.create_user(
        "clerk", email="clerk@example.org", first_name="Sam", last_name="Clerk", is_staff=True
    )
    user.groups.add(group)
    return user


@pytest.fixture
def clerk_client(client, clerk) -> object:
    client.force_login(clerk)
    return client


def published_decision(**fields: object) -> Decision:
    fields.setdefault("publication_date", PUBLISHED)
    fields.setdefault("call_in_deadline", date(2023, 11, 17))
    fields.setdefault("effective_from", date(2023, 11, 18))
    return factories.decision(**fields)


def called_in(
    decision: Decision, *, co_signatories: tuple[Person, ...] = (), at: datetime = WINDOW_OPEN
) -> CallIn:
    """A call-in by a councillor of the decision's council, made while its window is open."""
    lead = factories.councillor(decision.authority, f"Lead {decision.pk}", email="")
    return services.call_in_request(
        decision=decision,
        member=lead,
        reasons="The consultation was not adequate.",
        co_signatories=co_signatories,
        at=at,
    )


def outcome_data(**fields: str) -> dict[str, str]:
    data = {
        "action": "outcome",
        "outcome": "no_further_action",
        "outcome_date_day": "24",
        "outcome_date_month": "11",
        "outcome_date_year": "2023",
        "scrutiny_meeting": "",
    }
    data.update(fields)
    return data


def final_outcome_data(**fields: str) -> dict[str, str]:
    data = {
        "action": "final_outcome",
        "final_outcome": "confirmed",
        "final_outcome_date_day": "5",
        "final_outcome_date_month": "12",
        "final_outcome_date_year": "2023",
    }
    data.update(fields)
    return data


# Who may reach the pages ------------------------------------------------------------------------


CLERK_URLS = [
    ("get", "officers:home", False),
    ("get", "officers:call-in-dashboard", False),
    ("get", "officers:publish-decision", True),
    ("post", "officers:publish-decision", True),
    ("post", "officers:follow-decision", True),
    ("get", "officers:call-in-detail", True),
    ("post", "officers:call-in-detail", True),
]


@pytest.mark.parametrize(("method", "name", "needs_pk"), CLERK_URLS)
def test_the_public_is_sent_to_sign_in_from_every_clerk_page(client, method, name, needs_pk):
    address = reverse(name, args=[1] if needs_pk else [])
    response = getattr(client, method)(address)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={address}"


@pytest.fixture
def councillor_client(client) -> object:
    member = factories.councillor(factories.authority(), "Ann Other", email="")
    client.force_login(member.user)
    return client


def test_a_councillor_cannot_see_the_call_in_dashboard(councillor_client):
    response = councillor_client.get(reverse("officers:call-in-dashboard"))
    assert response.status_code == 403


def test_a_councillor_cannot_publish_a_decision(councillor_client):
    decision = factories.decision()
    address = reverse("officers:publish-decision", args=[decision.pk])
    assert councillor_client.get(address).status_code == 403
    assert councillor_client.post(address).status_code == 403
    decision.refresh_from_db()
    assert decision.publication_date is None


def test_a_councillor_cannot_record_a_call_in_outcome(councillor_client):
    with time_machine.travel(WINDOW_OPEN, tick=False):
        request = called_in(published_decision())
    address = reverse("officers:call-in-detail", args=[request.pk])
    assert councillor_client.get(address).status_code == 403
    assert councillor_client.post(address, outcome_data()).status_code == 403
    request.refresh_from_db()
    assert request.outcome == ""


# Home -------------------------------------------------------------------------------------------


def test_home_gives_a_clerk_the_dashboard_and_what_awaits_publication(clerk_client):
    waiting = factories.decision(title="Library opening hours")
    content = clerk_client.get(reverse("officers:home")).content.decode()
    assert reverse("officers:call-in-dashboard") in content
    assert reverse("officers:publish-decision", args=[waiting.pk]) in content


def test_home_gives_a_councillor_their_call_ins_and_the_decisions_they_may_call_in(client):
    decision = published_decision(title="Closure of the Guildhall market")
    member = factories.councillor(decision.authority, "Ann Other", email="")
    client.force_login(member.user)
    with time_machine.travel(WINDOW_OPEN, tick=False):
        response = client.get(reverse("officers:home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("officers:my-call-ins") in content
    assert reverse("officers:request-call-in", args=[decision.pk]) in content
    assert "Call-in closes at the end of 17 November 2023 (3 days 12 hours left)" in content
    assert reverse("officers:call-in-dashboard") not in content


# Publishing -------------------------------------------------------------------------------------


PUBLISH_DAY = datetime(2023, 11, 10, 9, 30, tzinfo=LONDON)


def test_publishing_page_shows_the_dates_publishing_will_fix_without_saving(clerk_client):
    decision = factories.decision(title="Parking charges review")
    with time_machine.travel(PUBLISH_DAY, tick=False):
        response = clerk_client.get(reverse("officers:publish-decision", args=[decision.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "10 November 2023 (today)" in content
    assert "17 November 2023" in content
    assert "18 November 2023, unless a valid call-in is made" in content
    decision.refresh_from_db()
    assert (decision.publication_date, decision.call_in_deadline) == (None, None)


def test_a_clerk_publishes_a_decision_and_its_dates_are_fixed_from_the_rule(clerk_client, clerk):
    decision = factories.decision(title="Parking charges review")
    with time_machine.travel(PUBLISH_DAY, tick=False):
        response = clerk_client.post(reverse("officers:publish-decision", args=[decision.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("officers:call-in-dashboard")
    decision.refresh_from_db()
    assert decision.publication_date == date(2023, 11, 10)
    assert decision.call_in_deadline == date(2023, 11, 17)
    assert decision.effective_from == date(2023, 11, 18)
    latest = decision.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (clerk, "Published")


def test_publishing_says_when_call_in_closes_in_a_notification_banner(clerk_client):
    decision = factories.decision(title="Parking charges review")
    with time_machine.travel(PUBLISH_DAY, tick=False):
        response = clerk_client.post(
            reverse("officers:publish-decision", args=[decision.pk]), follow=True
        )
    content = response.content.decode()
    assert "govuk-notification-banner--success" in content
    assert (
        "Parking charges review published; call-in closes at the end of 17 November 2023."
        in content
    )


def test_publishing_special_urgency_without_the_agreement_recorded_is_refused(clerk_client):
    decision = factories.decision(
        is_subject_to_call_in=False, urgency=Decision.Urgency.SPECIAL_URGENCY, urgency_note=""
    )
    with time_machine.travel(PUBLISH_DAY, tick=False):
        response = clerk_client.post(reverse("officers:publish-decision", args=[decision.pk]))
    assert response.status_code == 400
    assert 'href="#id_urgency_note"' in response.content.decode()
    assert "Record who agreed the special urgency, and when." in response.content.decode()
    decision.refresh_from_db()
    assert decision.publication_date is None


def test_publishing_twice_is_refused(clerk_client, clerk):
    decision = factories.decision()
    services.decision_publish(decision=decision, by=clerk, at=PUBLISH_DAY)
    with time_machine.travel(datetime(2023, 11, 13, 9, tzinfo=LONDON), tick=False):
        response = clerk_client.post(reverse("officers:publish-decision", args=[decision.pk]))
    assert response.status_code == 400
    assert "Already published on 10/11/2023." in response.content.decode()
    decision.refresh_from_db()
    assert decision.publication_date == date(2023, 11, 10)


def test_publishing_an_unknown_decision_is_not_found(clerk_client):
    assert clerk_client.get(reverse("officers:publish-decision", args=[999])).status_code == 404


# The dashboard ----------------------------------------------------------------------------------


@pytest.fixture
def bnes(seeded) -> Decision:
    return Decision.objects.get(title__startswith=BNES_TITLE)


def test_the_bnes_seed_on_14_november_2023_is_open_until_17_november(clerk_client, bnes):
    with time_machine.travel(WINDOW_OPEN, tick=False):
        response = clerk_client.get(reverse("officers:call-in-dashboard"))
    assert response.status_code == 200
    (row,) = [row for row in response.context["rows"] if row.decision == bnes]
    assert row.status == CallInStatus.OPEN
    assert row.deadline_printed == "17 November 2023"
    assert (row.confirmed, row.required) == (0, 1)
    content = response.content.decode()
    assert "17 November 2023 (3 days 12 hours left)" in content
    assert "Open for call-in" in content


def test_the_bnes_seed_on_18_november_2023_has_left_the_open_list(clerk_client, bnes):
    with time_machine.travel(datetime(2023, 11, 18, 12, tzinfo=LONDON), tick=False):
        response = clerk_client.get(reverse("officers:call-in-dashboard"))
    assert bnes not in [row.decision for row in response.context["rows"]]
    (past,) = [row for row in response.context["past_rows"] if row.decision == bnes]
    assert past.status == CallInStatus.EFFECTIVE


def test_dashboard_orders_windows_by_deadline_and_keeps_called_in_decisions(clerk_client):
    council = factories.authority(slug="council-a")
    later = published_decision(
        authority=council, title="Later", call_in_deadline=date(2023, 11, 17)
    )
    sooner = published_decision(
        authority=council,
        title="Sooner",
        publication_date=date(2023, 11, 8),
        call_in_deadline=date(2023, 11, 15),
        effective_from=date(2023, 11, 16),
    )
    suspended = published_decision(
        authority=council,
        title="Suspended",
        publication_date=date(2023, 11, 6),
        call_in_deadline=date(2023, 11, 13),
        effective_from=date(2023, 11, 14),
    )
    called_in(suspended, at=datetime(2023, 11, 13, 12, tzinfo=LONDON))
    with time_machine.travel(WINDOW_OPEN, tick=False):
        response = clerk_client.get(reverse("officers:call-in-dashboard"))
    rows = response.context["rows"]
    assert [row.decision for row in rows] == [suspended, sooner, later]
    assert rows[0].status == CallInStatus.CALLED_IN
    assert (rows[0].confirmed, rows[0].required) == (1, 1)
    assert reverse("officers:call-in-detail", args=[rows[0].call_in.pk]) in (
        response.content.decode()
    )


def test_dashboard_counts_only_signatures_confirmed_before_the_deadline(clerk_client):
    decision = published_decision()
    CallInRuleVersion.objects.filter(authority=decision.authority).update(signatories_required=3)
    other = factories.councillor(decision.authority, "Bea Second", email="")
    with time_machine.travel(WINDOW_OPEN, tick=False):
        called_in(decision, co_signatories=(other,))
        response = clerk_client.get(reverse("officers:call-in-dashboard"))
    (row,) = response.context["rows"]
    assert (row.confirmed, row.required) == (1, 3)
    assert "1 of 3 needed" in response.content.decode()


def test_dashboard_says_a_window_closing_today_closes_today_at_its_time(clerk_client):
    decision = published_decision(
        call_in_deadline=date(2023, 11, 14), call_in_deadline_time=datetime(1, 1, 1, 16).time()
    )
    with time_machine.travel(WINDOW_OPEN, tick=False):
        response = clerk_client.get(reverse("officers:call-in-dashboard"))
    (row,) = [row for row in response.context["rows"] if row.decision == decision]
    assert row.closes_today
    assert row.time_left == "closes today at 4pm"
    assert "Closes today" in response.content.decode()


def test_dashboard_lists_decisions_awaiting_publication_with_a_publish_link(clerk_client):
    waiting = factories.decision(title="Leisure centre contract")
    factories.decision(status=Decision.Status.FOR_DETERMINATION, date_of_decision=None)
    response = clerk_client.get(reverse("officers:call-in-dashboard"))
    assert list(response.context["awaiting"]) == [waiting]
    assert reverse("officers:publish-decision", args=[waiting.pk]) in response.content.decode()


def test_dashboard_draws_a_timeline_with_today_marked_and_the_dates_in_text(clerk_client):
    published_decision(title="Parks")
    with time_machine.travel(WINDOW_OPEN, tick=False):
        content = clerk_client.get(reverse("officers:call-in-dashboard")).content.decode()
    assert "<svg" in content
    assert "<title" in content
    for line in (
        "Decided: 9 November 2023",
        "Published: 10 November 2023",
        "<strong>Today, 14 November 2023</strong>",
        "Call-in deadline: 17 November 2023",
        "Takes effect: 18 November 2023",
    ):
        assert line in content


def test_past_windows_are_searched_by_words_and_deadline(clerk_client):
    council = factories.authority(slug="council-p")
    parks = published_decision(authority=council, title="Parks maintenance")
    published_decision(authority=council, title="Bus lanes")
    published_decision(
        authority=council,
        title="Parks lighting",
        date_of_decision=date(2023, 9, 29),
        publication_date=date(2023, 10, 2),
        call_in_deadline=date(2023, 10, 9),
        effective_from=date(2023, 10, 10),
    )
    with time_machine.travel(AFTER_WINDOW, tick=False):
        response = clerk_client.get(
            reverse("officers:call-in-dashboard"), {"q": "parks", "closed_from": "1/11/2023"}
        )
    assert [row.decision for row in response.context["past_rows"]] == [parks]


def test_past_windows_search_with_a_date_it_cannot_read_answers_400(clerk_client):
    response = clerk_client.get(reverse("officers:call-in-dashboard"), {"closed_from": "31/2/2023"})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#id_closed_from"' in content
    assert 'value="31/2/2023"' in content


def test_past_windows_beyond_the_last_page_are_not_found(clerk_client):
    response = clerk_client.get(reverse("officers:call-in-dashboard"), {"page": "99"})
    assert response.status_code == 404


def test_dashboard_queries_do_not_grow_with_the_decisions(clerk_client):
    def measure() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert clerk_client.get(reverse("officers:call-in-dashboard")).status_code == 200
        return len(queries)

    def add(count: int) -> None:
        council = factories.authority()
        for number in range(count):
            decision = published_decision(authority=council, title=f"Decision {number}")
            called_in(decision)
            factories.decision(authority=council, title=f"Waiting {number}")
            published_decision(
                authority=council,
                title=f"Past {number}",
                date_of_decision=date(2023, 9, 29),
                publication_date=date(2023, 10, 2),
                call_in_deadline=date(2023, 10, 9),
                effective_from=date(2023, 10, 10),
            )

    with time_machine.travel(WINDOW_OPEN, tick=False):
        add(2)
        few = measure()
        add(8)
        many = measure()
    assert many == few, (few, many)


# Following ------------------------------------------------------------------------------------


def test_following_a_decision_subscribes_and_a_second_press_unsubscribes(clerk_client, clerk):
    decision = published_decision()
    address = reverse("officers:follow-decision", args=[decision.pk])
    back = reverse("officers:call-in-dashboard")
    response = clerk_client.post(address, {"next": back})
    assert response["Location"] == back
    assert Subscription.objects.filter(user=clerk, decision=decision).exists()
    clerk_client.post(address, {"next": back})
    assert not Subscription.objects.filter(user=clerk, decision=decision).exists()


def test_pressing_follow_twice_before_the_page_reloads_leaves_the_decision_followed(
    clerk_client, clerk
):
    decision = published_decision()
    address = reverse("officers:follow-decision", args=[decision.pk])
    clerk_client.post(address, {"follow": "yes"})
    clerk_client.post(address, {"follow": "yes"})
    assert Subscription.objects.filter(user=clerk, decision=decision).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Two threads need two connections to one database; the in-memory SQLite test "
    "database is private to each connection.",
)
@pytest.mark.django_db(transaction=True)
def test_two_follow_presses_at_once_both_succeed_and_follow_once(clerk):
    decision = published_decision()
    address = reverse("officers:follow-decision", args=[decision.pk])
    # Each request waits, once it has looked for the subscription, until the other has looked
    # too: both then find none, the race the register must survive.
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def after_looking(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith("SELECT") and '"decisions_subscription"' in sql:
            barrier.wait(timeout=10)
        return result

    def press() -> None:
        client = Client(raise_request_exception=False)
        client.force_login(clerk)
        try:
            with connection.execute_wrapper(after_looking):
                statuses.append(client.post(address).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [302, 302]
    assert Subscription.objects.filter(user=clerk, decision=decision).count() == 1


def test_following_goes_back_only_to_this_site(clerk_client):
    decision = published_decision()
    response = clerk_client.post(
        reverse("officers:follow-decision", args=[decision.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("officers:home")


def test_a_councillor_cannot_follow_an_exempt_decision(councillor_client):
    decision = published_decision(is_exempt=True, exempt_paragraph="3")
    response = councillor_client.post(reverse("officers:follow-decision", args=[decision.pk]))
    assert response.status_code == 404
    assert not Subscription.objects.exists()


def test_following_is_post_only(clerk_client):
    decision = published_decision()
    response = clerk_client.get(reverse("officers:follow-decision", args=[decision.pk]))
    assert response.status_code == 405


# A call-in and its outcome -----------------------------------------------------------------------


@pytest.fixture
def valid_call_in(db) -> CallIn:
    with time_machine.travel(WINDOW_OPEN, tick=False):
        return called_in(published_decision(title="Closure of the Guildhall market"))


def test_call_in_page_shows_the_request_its_signatories_and_history(clerk_client):
    decision = published_decision()
    CallInRuleVersion.objects.filter(authority=decision.authority).update(signatories_required=2)
    second = factories.councillor(decision.authority, "Bea Second", email="")
    with time_machine.travel(WINDOW_OPEN, tick=False):
        request = called_in(decision, co_signatories=(second,))
        response = clerk_client.get(reverse("officers:call-in-detail", args=[request.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "The consultation was not adequate." in content
    assert f"Councillor Lead {decision.pk} (lead member)" in content
    assert "Confirmed at midday on 14 November 2023" in content
    assert "Councillor Bea Second" in content
    assert "Awaiting confirmation" in content
    assert "1 signature confirmed, 2 needed." in content
    assert "Call-in received" in content


def test_no_further_action_makes_the_outcome_date_the_effective_date(
    clerk_client, clerk, valid_call_in, client
):
    with time_machine.travel(AFTER_SCRUTINY, tick=False):
        response = clerk_client.post(
            reverse("officers:call-in-detail", args=[valid_call_in.pk]), outcome_data()
        )
    assert response.status_code == 302
    decision = Decision.objects.with_call_in_context().get(pk=valid_call_in.decision_id)
    assert decision.takes_effect_on() == date(2023, 11, 24)
    latest = CallIn.objects.get(pk=valid_call_in.pk).history.order_by("-history_id").first()
    assert latest.history_user == clerk
    with time_machine.travel(datetime(2023, 11, 27, 9, tzinfo=LONDON), tick=False):
        public = client.get(decision.get_absolute_url()).content.decode()
    assert "The decision took effect on 24 November 2023." in public


def test_recording_an_outcome_shows_it_with_who_recorded_it(clerk_client, valid_call_in):
    meeting = baker.make(
        Meeting,
        authority=valid_call_in.decision.authority,
        body=baker.make(
            Body, authority=valid_call_in.decision.authority, kind=Body.Kind.COMMITTEE, name="OSC"
        ),
        date=date(2023, 11, 24),
    )
    address = reverse("officers:call-in-detail", args=[valid_call_in.pk])
    with time_machine.travel(AFTER_SCRUTINY, tick=False):
        response = clerk_client.post(
            address,
            outcome_data(outcome="referred_back", scrutiny_meeting=str(meeting.pk)),
            follow=True,
        )
    content = response.content.decode()
    assert "Outcome recorded: Referred back to the decision maker." in content
    assert "OSC, 24 November 2023" in content
    assert "Outcome: Referred back to the decision maker" in content
    assert "Sam Clerk" in content
    assert CallIn.objects.get(pk=valid_call_in.pk).scrutiny_meeting == meeting


def test_an_outcome_on_an_invalid_call_in_is_refused(clerk_client):
    decision = published_decision()
    CallInRuleVersion.objects.filter(authority=decision.authority).update(signatories_required=2)
    with time_machine.travel(WINDOW_OPEN, tick=False):
        request = called_in(decision)
    with time_machine.travel(AFTER_WINDOW, tick=False):
        response = clerk_client.post(
            reverse("officers:call-in-detail", args=[request.pk]), outcome_data()
        )
    assert response.status_code == 400
    assert "This call-in is not valid, so it has no outcome" in response.content.decode()
    assert CallIn.objects.get(pk=request.pk).outcome == ""


def test_an_outcome_recorded_twice_is_refused(clerk_client, clerk, valid_call_in):
    services.call_in_record_outcome(
        call_in=valid_call_in, outcome="referred_back", on=date(2023, 11, 22), by=clerk
    )
    with time_machine.travel(AFTER_WINDOW, tick=False):
        response = clerk_client.post(
            reverse("officers:call-in-detail", args=[valid_call_in.pk]), outcome_data()
        )
    assert response.status_code == 400
    content = response.content.decode()
    assert "The outcome is already recorded: Referred back to the decision maker." in content
    assert CallIn.objects.get(pk=valid_call_in.pk).outcome == "referred_back"


def test_an_outcome_with_an_impossible_date_keeps_what_was_typed(clerk_client, valid_call_in):
    with time_machine.travel(AFTER_WINDOW, tick=False):
        response = clerk_client.post(
            reverse("officers:call-in-detail", args=[valid_call_in.pk]),
            outcome_data(outcome_date_day="31", outcome_date_month="2"),
        )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#id_outcome_date"' in content
    assert "Outcome date must be a real date" in content
    assert 'name="outcome_date_day" type="text" inputmode="numeric" value="31"' in content
    assert "checked" in content
    assert CallIn.objects.get(pk=valid_call_in.pk).outcome == ""


def test_an_outcome_without_a_choice_names_the_field(clerk_client, valid_call_in):
    response = clerk_client.post(
        reverse("officers:call-in-detail", args=[valid_call_in.pk]), outcome_data(outcome="")
    )
    assert response.status_code == 400
    assert 'href="#id_outcome">Outcome: Choose the outcome scrutiny reached' in (
        response.content.decode()
    )


def test_a_final_outcome_before_a_referral_is_refused(clerk_client, valid_call_in):
    with time_machine.travel(AFTER_WINDOW, tick=False):
        response = clerk_client.post(
            reverse("officers:call-in-detail", args=[valid_call_in.pk]), final_outcome_data()
        )
    assert response.status_code == 400
    assert "Only a call-in referred back or to full Council has a final outcome." in (
        response.content.decode()
    )
    assert CallIn.objects.get(pk=valid_call_in.pk).final_outcome == ""


def test_a_final_outcome_after_a_referral_sets_the_effective_date(
    clerk_client, clerk, valid_call_in
):
    services.call_in_record_outcome(
        call_in=valid_call_in, outcome="referred_back", on=date(2023, 11, 22), by=clerk
    )
    with time_machine.travel(AFTER_SCRUTINY, tick=False):
        response = clerk_client.post(
            reverse("officers:call-in-detail", args=[valid_call_in.pk]), final_outcome_data()
        )
    assert response.status_code == 302
    decision = Decision.objects.with_call_in_context().get(pk=valid_call_in.decision_id)
    assert decision.takes_effect_on() == date(2023, 12, 5)
    latest = CallIn.objects.get(pk=valid_call_in.pk).history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (
        clerk,
        "Final outcome: Original decision confirmed",
    )


def test_a_post_without_an_action_is_bad_request(clerk_client, valid_call_in):
    response = clerk_client.post(reverse("officers:call-in-detail", args=[valid_call_in.pk]))
    assert response.status_code == 400


# What the rows say --------------------------------------------------------------------------------


def test_time_left_counts_days_and_hours_to_the_end_of_the_deadline_day():
    assert time_left(date(2023, 11, 17), WINDOW_OPEN) == "3 days 12 hours left"


def test_time_left_on_the_last_day_says_when_it_closes():
    assert time_left(date(2023, 11, 14), WINDOW_OPEN) == "closes at the end of today"
    four_pm = datetime(2023, 11, 14, 16, tzinfo=LONDON)
    assert time_left(four_pm, WINDOW_OPEN) == "closes today at 4pm"


def test_time_left_across_the_clocks_going_back_counts_the_real_hours():
    # 4pm BST on Saturday 28 October 2023 to 4pm GMT on Monday 30 October: 49 hours.
    saturday = datetime(2023, 10, 28, 16, tzinfo=LONDON)
    assert time_left(datetime(2023, 10, 30, 16, tzinfo=LONDON), saturday) == "2 days 1 hour left"


def test_time_left_after_the_deadline_says_closed():
    assert time_left(date(2023, 11, 13), WINDOW_OPEN) == "closed"


def test_timeline_of_a_called_in_decision_waits_for_the_outcome(valid_call_in):
    decision = Decision.objects.with_call_in_context().get(pk=valid_call_in.decision_id)
    events = timeline(decision, date(2023, 11, 20))
    assert [event.label for event in events] == [
        "Decided",
        "Published",
        "Call-in deadline",
        "Today",
        "Takes effect: after scrutiny's outcome",
    ]
    assert events[-1].day is None
