"""No email carries exempt or confidential content to anyone who may not read it.

Notifications obey the public register's rule: a decision the register leaves out (exempt,
confidential or unpublished) is told only to democratic services, who work with the whole
record. Every kind of notification is made here through the services that make it in use,
and sent by the real worker (`manage.py db_worker`); every email sent (subject, text and any
HTML alternative) is then searched for the hidden records' markers.

The worker commits its own transactions, so these tests use `transactional_db`.
"""

from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from decisions.call_in.services import (
    call_in_record_final_outcome,
    call_in_record_outcome,
    call_in_request,
    call_in_sign,
    decision_publish,
)
from decisions.groups import DEMOCRATIC_SERVICES
from decisions.models import (
    Authority,
    CallInRuleVersion,
    Decision,
    DraftSection,
    Notification,
    Person,
    Report,
    SignOff,
    Subscription,
)
from decisions.reports.selectors import reports_visible_to
from decisions.reports.services.clearance import (
    report_send_for_clearance,
    sign_off_give,
    sign_off_return,
)
from decisions.reports.services.drafting import report_section_save, report_start
from decisions.rules.call_in import LONDON
from tests import factories
from tests.notifications.test_notifications import run_worker

pytestmark = pytest.mark.usefixtures("transactional_db")

KIND = Notification.Kind
# Published on Friday 10 November 2023: the window closes at the end of Friday the 17th, and
# the reminder goes at 9am on Wednesday the 15th.
PUBLISHED_AT = datetime(2023, 11, 10, 10, tzinfo=LONDON)
REMINDER_AT = datetime(2023, 11, 15, 9, 30, tzinfo=LONDON)
SCRUTINY_AT = datetime(2023, 11, 29, 10, tzinfo=LONDON)

EXEMPT_TITLE = "EXEMPT-MARKER-TITLE Sale of the depot to Acme Ltd"
EXEMPT_REFERENCE = "EXEMPT-MARKER-REF"
CONFIDENTIAL_TITLE = "CONFIDENTIAL-MARKER-TITLE Settlement with a former employee"
CONFIDENTIAL_REFERENCE = "CONF-MARKER-REF"
EXEMPT_SECTION_TEXT = "EXEMPT-MARKER-SECTION Provider rates, commercially sensitive."
MARKERS = [
    "EXEMPT-MARKER",
    "CONFIDENTIAL-MARKER",
    "CONF-MARKER",
    "Acme Ltd",
    "former employee",
]
# The decision kinds, made on the exempt and confidential decisions; the report kinds, made on
# a report with an exempt section. Together they must be every kind there is.
DECISION_KINDS = {
    KIND.PUBLISHED,
    KIND.DEADLINE_SOON,
    KIND.CALL_IN_RECEIVED,
    KIND.CALL_IN_VALID,
    KIND.OUTCOME_RECORDED,
}
REPORT_KINDS = {
    KIND.SIGN_OFF_REQUESTED,
    KIND.SIGN_OFF_GIVEN,
    KIND.SIGN_OFF_RETURNED,
    KIND.SIGN_OFF_WITHDRAWN,
}


def everything_in(message: mail.EmailMessage) -> str:
    """The subject, the text and every alternative part (an HTML version, if one is sent)."""
    parts = [message.subject, message.body]
    parts += [content for content, _ in getattr(message, "alternatives", [])]
    return "\n".join(str(part) for part in parts)


def councillor(council: Authority, name: str) -> Person:
    username = name.lower().replace(" ", ".")
    user = User.objects.create_user(username, email=f"{username}@example.org")
    Subscription.objects.create(user=user, authority=council)
    return Person.objects.create(
        authority=council, name=name, kind=Person.Kind.COUNCILLOR, user=user
    )


@pytest.fixture
def council() -> Authority:
    council = factories.authority(name="Bath and North East Somerset Council", slug="bathnes")
    CallInRuleVersion.objects.filter(authority=council).update(signatories_required=2)
    return council


@pytest.fixture
def clerk(django_user_model, council) -> object:
    """Democratic services, following every decision of the council."""
    user = factories.officer(django_user_model, "democratic.services", DEMOCRATIC_SERVICES)
    Subscription.objects.create(user=user, authority=council)
    return user


@pytest.fixture
def public_follower(django_user_model, council) -> object:
    """A resident who follows the council, and the one decision they followed while public."""
    user = django_user_model.objects.create_user("resident", email="resident@example.org")
    Subscription.objects.create(user=user, authority=council)
    return user


@pytest.fixture
def decision_emails(council, clerk, public_follower) -> list[mail.EmailMessage]:
    """Every decision kind, on an exempt and a confidential decision, sent by the worker."""
    lead, seconder = councillor(council, "Ann Member"), councillor(council, "Bob Member")
    exempt, confidential = (
        factories.decision(
            authority=council,
            title=title,
            reference=reference,
            date_of_decision=date(2023, 11, 9),
            publication_date=None,
            purpose=f"{title} purpose",
            **hidden,
        )
        for title, reference, hidden in [
            (EXEMPT_TITLE, EXEMPT_REFERENCE, {"is_exempt": True, "exempt_paragraph": "3"}),
            (CONFIDENTIAL_TITLE, CONFIDENTIAL_REFERENCE, {"is_confidential": True}),
        ]
    )
    # A follower of the one decision, and a co-signatory: both would be told if it were public.
    Subscription.objects.create(user=public_follower, decision=exempt)
    with time_machine.travel(PUBLISHED_AT, tick=False) as clock:
        for decision in (exempt, confidential):
            decision_publish(decision=decision, by=clerk, at=timezone.now())
        request = call_in_request(
            decision=exempt,
            member=lead,
            reasons="The sale was below market value.",
            co_signatories=[seconder],
            at=timezone.now(),
        )
        call_in_sign(call_in=request, member=seconder, at=timezone.now())
        run_worker()
        clock.move_to(REMINDER_AT)
        run_worker()
        clock.move_to(SCRUTINY_AT)
        call_in_record_outcome(
            call_in=request, outcome="referred_back", on=SCRUTINY_AT.date(), by=clerk
        )
        call_in_record_final_outcome(
            call_in=request, final_outcome="confirmed", on=SCRUTINY_AT.date(), by=clerk
        )
        run_worker()
    return list(mail.outbox)


def test_decision_kinds_and_report_kinds_are_every_notification_kind():
    # A new kind fails here until it is made and searched by the tests below.
    assert set(Notification.Kind.values) == DECISION_KINDS | REPORT_KINDS
    assert not DECISION_KINDS & REPORT_KINDS


def test_every_decision_kind_was_sent_to_democratic_services(decision_emails, clerk):
    sent = set(
        Notification.objects.filter(user=clerk, status=Notification.Status.SENT).values_list(
            "kind", flat=True
        )
    )
    assert sent == DECISION_KINDS
    # Democratic services may read the whole record: their emails name it.
    assert any(EXEMPT_TITLE in everything_in(m) for m in decision_emails if m.to == [clerk.email])


def test_no_decision_email_to_anyone_else_carries_the_hidden_records(decision_emails, clerk):
    others = [message for message in decision_emails if message.to != [clerk.email]]
    leaks = [
        (message.to, marker)
        for message in others
        for marker in MARKERS
        if marker.lower() in everything_in(message).lower()
    ]
    assert leaks == []


def test_public_followers_and_councillors_are_not_told_of_a_hidden_decision(decision_emails, clerk):
    assert {address for message in decision_emails for address in message.to} == {clerk.email}
    assert set(Notification.objects.values_list("email", flat=True)) == {clerk.email}


def test_a_reminder_queued_while_public_is_not_sent_once_the_decision_is_exempt(
    council, clerk, public_follower
):
    decision = factories.decision(
        authority=council, title=EXEMPT_TITLE, date_of_decision=date(2023, 11, 9)
    )
    decision.publication_date = None
    decision.save()
    with time_machine.travel(PUBLISHED_AT, tick=False) as clock:
        decision_publish(decision=decision, by=clerk, at=timezone.now())
        run_worker()
        Decision.objects.filter(pk=decision.pk).update(is_exempt=True, exempt_paragraph="3")
        clock.move_to(REMINDER_AT)
        run_worker()
    reminders = Notification.objects.filter(kind=KIND.DEADLINE_SOON)
    assert dict(reminders.values_list("email", "status")) == {
        clerk.email: Notification.Status.SENT,
        public_follower.email: Notification.Status.GAVE_UP,
    }
    assert [m.subject for m in mail.outbox if m.to == [public_follower.email]] == [
        f"Published: {EXEMPT_TITLE}"
    ]


# Key decision reports --------------------------------------------------------------------------

REPORT_SENT_AT = datetime(2015, 7, 6, 9, tzinfo=LONDON)


def write(report: Report, kind: str, text: str, *, by: object, **fields: object) -> None:
    section = DraftSection.objects.get(report=report, kind=kind)
    report_section_save(
        section=section,
        text=text,
        is_exempt=fields.get("is_exempt", section.is_exempt),
        expected_version=section.version,
        by=by,
        at=REPORT_SENT_AT,
    )


@pytest.fixture
def report_emails(doncaster, author, clearers) -> list[mail.EmailMessage]:
    """Every report kind, about a report with an exempt section, sent by the worker."""
    report = report_start(
        authority=doncaster, title="Specialist home support", by=author, at=REPORT_SENT_AT
    )
    Report.objects.filter(pk=report.pk).update(exempt_paragraph="3")
    write(
        report, DraftSection.Kind.BACKGROUND_PAPERS, EXEMPT_SECTION_TEXT, by=author, is_exempt=True
    )
    for kind in SignOff.SECTION_OF_AREA.values():
        write(report, kind, f"The {kind} implications.", by=author)
    report_send_for_clearance(report=report, officers=clearers, by=author, at=REPORT_SENT_AT)
    legal = SignOff.objects.get(report=report, area=SignOff.Area.LEGAL)
    finance = SignOff.objects.get(report=report, area=SignOff.Area.FINANCE)
    section = DraftSection.objects.get(report=report, kind=legal.section_kind)
    sign_off_give(
        sign_off=legal, seen_version=section.version, by=clearers["legal"], at=REPORT_SENT_AT
    )
    sign_off_return(
        sign_off=finance,
        comment="Say where the money comes from.",
        by=clearers["finance"],
        at=REPORT_SENT_AT,
    )
    write(report, legal.section_kind, "Changed after the sign-off.", by=author)
    run_worker()
    return list(mail.outbox)


def test_every_report_kind_was_sent(report_emails):
    sent = set(
        Notification.objects.filter(status=Notification.Status.SENT).values_list("kind", flat=True)
    )
    assert sent == REPORT_KINDS


def test_report_emails_go_only_to_officers_who_may_open_the_report(report_emails):
    for notification in Notification.objects.select_related("user", "report"):
        assert reports_visible_to(notification.user).filter(pk=notification.report_id).exists()


def test_no_report_email_carries_an_exempt_section(report_emails):
    assert report_emails
    assert [m.to for m in report_emails if "EXEMPT-MARKER" in everything_in(m)] == []
