"""Email notifications: recorded by the services, sent by the django-tasks-db worker, never twice.

The worker commits its own transactions (and closes idle connections, which would end the
transaction a plain `db` test runs in), so these tests use `transactional_db`: every
service's transaction.on_commit runs, as in production.
"""

import signal
from datetime import date, datetime, timedelta
from smtplib import SMTPException

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from model_bakery import baker

from decisions.call_in.services import (
    call_in_record_final_outcome,
    call_in_record_outcome,
    call_in_request,
    call_in_sign,
    deadline_reminder_at,
    decision_publish,
)
from decisions.models import CallInRuleVersion, Decision, Notification, Person, Subscription
from decisions.notifications.services import notify, send_again
from decisions.rules.call_in import LONDON
from tests import factories

pytestmark = pytest.mark.usefixtures("transactional_db")

# Published on Friday 10 November 2023: five clear working days, so the window closes at the
# end of Friday the 17th, and the reminder goes at 9am on Wednesday the 15th.
PUBLISHED_AT = datetime(2023, 11, 10, 10, tzinfo=LONDON)
REMINDER_AT = datetime(2023, 11, 15, 9, tzinfo=LONDON)
TITLE = "Library opening hours"
KIND = Notification.Kind
STATUS = Notification.Status


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages: list) -> int:
        raise SMTPException("Connection refused by mail.example.org")


def run_worker() -> None:
    """Run `manage.py db_worker` until nothing is ready to run, as a batch job would."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
        )
    finally:
        # The worker takes over Ctrl-C for a graceful stop; give it back to pytest.
        for number, handler in handlers.items():
            signal.signal(number, handler)


def queued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(status="READY").order_by("run_after"))


def sent_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def clock() -> time_machine.Traveller:
    with time_machine.travel(PUBLISHED_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def council() -> object:
    return factories.authority(name="Bath and North East Somerset Council", slug="bathnes")


@pytest.fixture
def clerk(django_user_model, council) -> object:
    """A scrutiny clerk who follows every decision of the council."""
    user = django_user_model.objects.create_user("clerk", email="clerk@example.org")
    Subscription.objects.create(user=user, authority=council)
    return user


@pytest.fixture
def decision(council) -> Decision:
    return factories.decision(
        authority=council,
        title=TITLE,
        reference="E100",
        date_of_decision=date(2023, 11, 9),
        publication_date=None,
    )


@pytest.fixture
def published(clock, clerk, decision) -> Decision:
    return decision_publish(decision=decision, by=clerk, at=PUBLISHED_AT)


def councillor(council: object, name: str) -> Person:
    username = name.lower().replace(" ", ".")
    user = baker.make("auth.User", username=username, email=f"{username}@example.org")
    return Person.objects.create(authority=council, name=name, kind="councillor", user=user)


def needs_signatures(council: object, count: int) -> None:
    CallInRuleVersion.objects.filter(authority=council).update(signatories_required=count)


# Publishing ------------------------------------------------------------------------------------


def test_publishing_records_the_emails_and_queues_them_without_sending(published, clerk):
    assert mail.outbox == []
    notification = Notification.objects.get(kind=KIND.PUBLISHED)
    assert notification.email == "clerk@example.org"
    assert notification.status == STATUS.PENDING
    assert [task.task_path for task in queued()] == [
        "decisions.notifications.tasks.send_notification"
    ] * 2


def test_worker_sends_the_published_email_naming_the_deadline(published):
    run_worker()
    (message,) = mail.outbox
    assert message.to == ["clerk@example.org"]
    assert message.subject == f"Published: {TITLE}"
    assert "Members may call it in until 17 November 2023." in message.body
    assert f"{settings.SITE_URL}{published.get_absolute_url()}" in message.body
    notification = Notification.objects.get(kind=KIND.PUBLISHED)
    assert notification.status == STATUS.SENT
    assert notification.sent_at == PUBLISHED_AT
    assert notification.attempts == 1


def test_followers_of_the_decision_and_its_council_hear_and_no_one_else(
    clock, clerk, decision, django_user_model
):
    follower = django_user_model.objects.create_user("follower", email="follower@example.org")
    Subscription.objects.create(user=follower, decision=decision)
    elsewhere = django_user_model.objects.create_user("elsewhere", email="else@example.org")
    Subscription.objects.create(user=elsewhere, authority=factories.authority())
    no_address = django_user_model.objects.create_user("no.address", email="")
    Subscription.objects.create(user=no_address, decision=decision)
    left = django_user_model.objects.create_user("left", email="left@example.org", is_active=False)
    Subscription.objects.create(user=left, decision=decision)

    decision_publish(decision=decision, by=clerk, at=PUBLISHED_AT)
    run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "clerk@example.org",
        "follower@example.org",
    ]


# No email twice --------------------------------------------------------------------------------


def test_the_same_event_reported_twice_makes_one_notification(published):
    tasks_before = len(queued())
    assert notify(kind=KIND.PUBLISHED, decision=published) == []
    assert Notification.objects.filter(kind=KIND.PUBLISHED).count() == 1
    assert len(queued()) == tasks_before


def test_running_the_worker_twice_sends_one_email(published):
    run_worker()
    run_worker()
    assert len(mail.outbox) == 1


def test_a_second_task_for_a_sent_notification_sends_nothing(published):
    from decisions.notifications.tasks import send_notification

    run_worker()
    send_notification.enqueue(Notification.objects.get(kind=KIND.PUBLISHED).pk)
    run_worker()
    assert len(mail.outbox) == 1


# The reminder two working days before the deadline ---------------------------------------------


def test_publishing_queues_the_reminder_for_9am_two_working_days_before(published):
    reminder = Notification.objects.get(kind=KIND.DEADLINE_SOON)
    assert reminder.send_after == REMINDER_AT
    assert queued()[-1].run_after == REMINDER_AT


def test_reminder_is_sent_at_9am_and_not_before(published, clock):
    clock.move_to(REMINDER_AT - timedelta(minutes=1))
    run_worker()
    mail.outbox.clear()  # the "published" email
    assert Notification.objects.get(kind=KIND.DEADLINE_SOON).status == STATUS.PENDING

    clock.move_to(REMINDER_AT)
    run_worker()
    (message,) = mail.outbox
    assert message.subject == f"Call-in closes 17 November 2023: {TITLE}"
    assert "The call-in window closes 17 November 2023." in message.body


def test_reminder_is_skipped_when_the_decision_was_called_in_meanwhile(published, clock):
    member = councillor(published.authority, "Ann Member")
    clock.move_to(datetime(2023, 11, 13, 12, tzinfo=LONDON))
    call_in_request(decision=published, member=member, reasons="Not consulted.", at=timezone.now())
    clock.move_to(REMINDER_AT)
    run_worker()
    reminder = Notification.objects.get(kind=KIND.DEADLINE_SOON)
    assert reminder.status == STATUS.GAVE_UP
    assert reminder.last_error == "Not sent: the call-in window is no longer open."
    assert reminder.attempts == 0
    assert not [message for message in mail.outbox if message.subject.startswith("Call-in closes")]


@pytest.mark.parametrize(
    ("published_on", "reminder", "utc_offset"),
    [
        # Deadline Tuesday 31 October (GMT); reminder Friday 27 October, still summer time.
        (date(2023, 10, 24), datetime(2023, 10, 27, 9, tzinfo=LONDON), 1),
        # Deadline Wednesday 1 November; reminder Monday 30 October, the first GMT working day.
        (date(2023, 10, 25), datetime(2023, 10, 30, 9, tzinfo=LONDON), 0),
    ],
)
def test_reminder_is_at_9am_london_either_side_of_the_october_clock_change(
    council, published_on, reminder, utc_offset
):
    decision = factories.decision(
        authority=council, date_of_decision=published_on, publication_date=None
    )
    with time_machine.travel(datetime(2023, 10, 29, 12, tzinfo=LONDON), tick=False):
        decision.publication_date = published_on
        decision.fill_computed_dates()
        at = deadline_reminder_at(decision)
    assert at == reminder
    assert (at.astimezone(LONDON).hour, at.minute) == (9, 0)
    assert at.utcoffset() == timedelta(hours=utc_offset)


def test_reminder_after_the_clock_change_waits_for_9am_gmt(council, clerk):
    decision = factories.decision(
        authority=council, title=TITLE, date_of_decision=date(2023, 10, 25), publication_date=None
    )
    with time_machine.travel(datetime(2023, 10, 25, 10, tzinfo=LONDON), tick=False) as clock:
        decision_publish(decision=decision, by=clerk, at=timezone.now())
        run_worker()
        mail.outbox.clear()
        # 9am summer time would be 08:00 UTC; on 30 October London is on GMT.
        clock.move_to(datetime(2023, 10, 30, 8, 30, tzinfo=LONDON))
        run_worker()
        assert mail.outbox == []
        clock.move_to(datetime(2023, 10, 30, 9, tzinfo=LONDON))
        run_worker()
    (message,) = mail.outbox
    assert message.subject == f"Call-in closes 1 November 2023: {TITLE}"


# Call-ins and outcomes --------------------------------------------------------------------------


def kinds_about(call_in: object) -> set[str]:
    return set(Notification.objects.filter(call_in=call_in).values_list("kind", flat=True))


def test_call_in_request_with_enough_signatures_says_received_and_valid(published, clock, council):
    member = councillor(council, "Ann Member")
    request = call_in_request(decision=published, member=member, reasons="Why.", at=timezone.now())
    assert kinds_about(request) == {KIND.CALL_IN_RECEIVED, KIND.CALL_IN_VALID}
    recipients = set(
        Notification.objects.filter(kind=KIND.CALL_IN_RECEIVED).values_list("email", flat=True)
    )
    assert recipients == {"clerk@example.org", "ann.member@example.org"}


def test_call_in_short_of_signatures_says_received_to_the_co_signatory_too(
    published, clock, council
):
    needs_signatures(council, 2)
    lead, other = councillor(council, "Ann Member"), councillor(council, "Bob Member")
    request = call_in_request(
        decision=published, member=lead, reasons="Why.", co_signatories=[other], at=timezone.now()
    )
    assert kinds_about(request) == {KIND.CALL_IN_RECEIVED}
    run_worker()
    assert [message.subject for message in sent_to("bob.member@example.org")] == [
        f"Call-in request received: {TITLE}"
    ]


def test_co_signature_that_makes_the_call_in_valid_says_so(published, clock, council):
    needs_signatures(council, 2)
    lead, other = councillor(council, "Ann Member"), councillor(council, "Bob Member")
    request = call_in_request(
        decision=published, member=lead, reasons="Why.", co_signatories=[other], at=timezone.now()
    )
    call_in_sign(call_in=request, member=other, at=timezone.now())
    assert kinds_about(request) == {KIND.CALL_IN_RECEIVED, KIND.CALL_IN_VALID}


def test_called_in_email_gives_the_status_after_the_call_in(published, clock, council):
    member = councillor(council, "Ann Member")
    call_in_request(decision=published, member=member, reasons="Why.", at=timezone.now())
    run_worker()
    (message,) = [m for m in sent_to("clerk@example.org") if m.subject.startswith("Called in")]
    assert message.subject == f"Called in: {TITLE}"
    assert "Call-in status: Called in" in message.body


# After scrutiny's outcome (22 November 2023) and the final outcome (29 November).
AFTER_SCRUTINY = datetime(2023, 11, 30, 10, tzinfo=LONDON)


@pytest.fixture
def called_in(published, clock, council) -> object:
    member = councillor(council, "Ann Member")
    return call_in_request(decision=published, member=member, reasons="Why.", at=timezone.now())


def test_outcome_is_notified(called_in, clerk, clock):
    clock.move_to(AFTER_SCRUTINY)  # an outcome is recorded once it has happened
    call_in_record_outcome(
        call_in=called_in, outcome="no_further_action", on=date(2023, 11, 22), by=clerk
    )
    run_worker()
    (message,) = [m for m in sent_to("clerk@example.org") if "outcome" in m.subject]
    assert "Scrutiny's outcome: No further action." in message.body


def test_final_outcome_is_a_separate_notification(called_in, clerk, clock):
    clock.move_to(AFTER_SCRUTINY)
    call_in_record_outcome(
        call_in=called_in, outcome="referred_back", on=date(2023, 11, 22), by=clerk
    )
    call_in_record_final_outcome(
        call_in=called_in, final_outcome="confirmed", on=date(2023, 11, 29), by=clerk
    )
    outcomes = Notification.objects.filter(
        kind=KIND.OUTCOME_RECORDED, email="clerk@example.org"
    ).order_by("pk")
    assert [notification.body.count("final outcome") for notification in outcomes] == [0, 1]


# A failed send ---------------------------------------------------------------------------------


@pytest.fixture
def mail_server_down(settings) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.test_notifications.FailingEmailBackend"


@pytest.fixture
def failed(published, mail_server_down) -> Notification:
    run_worker()
    return Notification.objects.get(kind=KIND.PUBLISHED)


def test_failed_send_is_recorded_with_the_error(failed):
    assert failed.status == STATUS.FAILED
    assert failed.attempts == 1
    assert failed.last_error == "SMTPException: Connection refused by mail.example.org"
    assert failed.sent_at is None
    assert mail.outbox == []


def test_failed_send_is_queued_again_for_later(failed):
    retry_at = PUBLISHED_AT + timedelta(minutes=5)
    assert failed.send_after == retry_at
    assert [task.run_after for task in queued()] == [retry_at, REMINDER_AT]


def test_retry_sends_once_the_mail_server_is_back(failed, clock, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.shift(timedelta(minutes=4))
    run_worker()
    assert mail.outbox == []
    clock.shift(timedelta(minutes=1))
    run_worker()
    assert len(mail.outbox) == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (STATUS.SENT, 2, "")


def test_gives_up_after_the_most_attempts_allowed(failed, clock, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    for _attempt in range(2):
        clock.shift(timedelta(hours=1))
        run_worker()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (STATUS.GAVE_UP, 3)
    clock.shift(timedelta(hours=1))
    run_worker()
    failed.refresh_from_db()
    assert failed.attempts == 3
    assert [task.run_after for task in queued()] == [REMINDER_AT]


# Sending again by hand -------------------------------------------------------------------------


def test_send_again_queues_a_failed_notification_now(failed, clock, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.shift(timedelta(minutes=1))
    assert send_again(Notification.objects.all(), at=timezone.now()) == 1
    failed.refresh_from_db()
    assert failed.status == STATUS.PENDING
    run_worker()
    assert len(mail.outbox) == 1


def test_retry_overtaken_by_send_again_makes_no_extra_attempt(failed, clock):
    clock.shift(timedelta(minutes=1))
    send_again(Notification.objects.all(), at=timezone.now())
    run_worker()  # fails again: the second attempt, the next in ten minutes
    clock.shift(timedelta(minutes=5))  # when the first failure's retry comes due
    run_worker()
    failed.refresh_from_db()
    assert failed.attempts == 2
    assert failed.send_after == PUBLISHED_AT + timedelta(minutes=11)


def test_send_again_leaves_sent_and_waiting_notifications_alone(published, clock):
    run_worker()  # sends "published"; the reminder waits for the 15th
    assert send_again(Notification.objects.all(), at=timezone.now()) == 0
    assert Notification.objects.get(kind=KIND.DEADLINE_SOON).send_after == REMINDER_AT


# The admin -------------------------------------------------------------------------------------


def changelist(admin_client, **query: str) -> list[Notification]:
    response = admin_client.get(reverse("admin:decisions_notification_changelist"), query)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_admin_lists_failed_notifications_with_their_error(admin_client, failed):
    assert changelist(admin_client, status__exact="failed") == [failed]
    response = admin_client.get(
        reverse("admin:decisions_notification_changelist"), {"status__exact": "failed"}
    )
    content = response.content.decode()
    assert "clerk@example.org" in content
    assert "SMTPException: Connection refused by mail.example.org" in content


def test_admin_list_shows_the_columns_a_clerk_scans(admin_client, published):
    response = admin_client.get(reverse("admin:decisions_notification_changelist"))
    content = response.content.decode()
    for heading in ("Kind", "Email", "Decision", "Status", "Attempts", "Last error", "Sent"):
        assert heading in content


def test_admin_filters_by_kind(admin_client, published):
    (reminder,) = changelist(admin_client, kind__exact="deadline_soon")
    assert reminder.kind == KIND.DEADLINE_SOON


def test_admin_searches_by_address(admin_client, published):
    assert len(changelist(admin_client, q="clerk@example.org")) == 2
    assert changelist(admin_client, q="nobody@example.org") == []


def test_admin_action_sends_a_failed_notification_again(admin_client, failed, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = admin_client.post(
        reverse("admin:decisions_notification_changelist"),
        {"action": "send_again_now", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "1 notification will be sent again now." in response.content.decode()
    run_worker()
    assert [message.subject for message in mail.outbox] == [f"Published: {TITLE}"]


def test_notification_page_is_read_only(admin_client, published):
    notification = Notification.objects.get(kind=KIND.PUBLISHED)
    response = admin_client.get(
        reverse("admin:decisions_notification_change", args=[notification.pk])
    )
    assert response.status_code == 200
    assert 'name="subject"' not in response.content.decode()
    assert f"Published: {TITLE}" in response.content.decode()


def test_notifications_are_not_added_by_hand(admin_client):
    response = admin_client.get(reverse("admin:decisions_notification_add"))
    assert response.status_code == 403


def test_subscriptions_are_listed_in_the_admin(admin_client, clerk, council):
    response = admin_client.get(reverse("admin:decisions_subscription_changelist"))
    assert response.status_code == 200
    (subscription,) = response.context["cl"].result_list
    assert (subscription.user, subscription.authority) == (clerk, council)
