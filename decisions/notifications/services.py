"""Who hears about what, by email; the sending itself is decisions.tasks.send_notification."""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from decisions.models import CallIn, Decision, Notification, Report, SignOff
from decisions.rules import call_in as call_in_rules
from decisions.types import User

SUBJECTS: dict[str, str] = {
    Notification.Kind.PUBLISHED: "Published: {title}",
    Notification.Kind.DEADLINE_SOON: "Call-in closes {deadline}: {title}",
    Notification.Kind.CALL_IN_RECEIVED: "Call-in request received: {title}",
    Notification.Kind.CALL_IN_VALID: "Called in: {title}",
    Notification.Kind.OUTCOME_RECORDED: "Call-in outcome recorded: {title}",
    Notification.Kind.SIGN_OFF_REQUESTED: "Sign-off requested ({area}): {title}",
    Notification.Kind.SIGN_OFF_GIVEN: "Signed off ({area}): {title}",
    Notification.Kind.SIGN_OFF_RETURNED: "Returned with comments ({area}): {title}",
    Notification.Kind.SIGN_OFF_WITHDRAWN: "Your sign-off is withdrawn ({area}): {title}",
}
# A failed send may be tried again by hand (the admin's "Send again now"); a reminder skipped
# because its window closed (no attempt made) has nothing to send.
SENDABLE_AGAIN = Q(status=Notification.Status.FAILED) | Q(
    status=Notification.Status.GAVE_UP, attempts__gt=0
)


# Democratic services' permissions: whoever holds one works with the whole record, exempt and
# confidential parts included (the call-in dashboard and publishing pages show them).
WITHHELD_READER_PERMISSIONS = ["publish_decision", "manage_call_in"]


def may_see_withheld() -> Q:
    """Users who may read decisions the public register leaves out: democratic services."""
    permissions = Permission.objects.filter(
        content_type__app_label="decisions", codename__in=WITHHELD_READER_PERMISSIONS
    )
    return (
        Q(is_superuser=True)
        | Q(user_permissions__in=permissions)
        | Q(groups__permissions__in=permissions)
    )


def is_public(decision: Decision, at: datetime | None = None) -> bool:
    """On the public register: published, neither exempt nor confidential."""
    return Decision.objects.public(at).filter(pk=decision.pk).exists()


def may_be_told(user: User, decision: Decision, at: datetime | None = None) -> bool:
    """An email about a decision carries its title: only to someone who may read the record."""
    if is_public(decision, at):
        return True
    return get_user_model().objects.filter(may_see_withheld(), pk=user.pk, is_active=True).exists()


def recipients(decision: Decision, call_in: CallIn | None = None) -> Iterable:
    """Users subscribed to the decision or its council, and the members who signed.

    A decision the public register leaves out is told only to democratic services: its title
    can carry the exempt information, and the public and councillors may not read it.
    """
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    wanted = Q(subscriptions__decision=decision) | Q(
        subscriptions__authority=decision.authority_id, subscriptions__decision__isnull=True
    )
    if call_in is not None:
        wanted |= Q(person__call_in_signatures__call_in=call_in)
    users = users.filter(wanted)
    if not is_public(decision):
        readers = get_user_model().objects.filter(may_see_withheld())
        users = users.filter(pk__in=readers.values("pk"))
    return users.distinct().order_by("pk")


def one_line(text: str) -> str:
    """An email subject cannot hold a line break (Django refuses it as a header injection)."""
    return " ".join(text.split())


def notify(
    *,
    kind: str,
    decision: Decision,
    call_in: CallIn | None = None,
    send_after: datetime | None = None,
    event: str = "",
) -> list[Notification]:
    """Record one notification per recipient and queue its sending after the commit.

    Each notification has a key (event, decision, call-in, person): the same event never
    makes a second email to the same person, however often it is reported.
    """
    # Read again: a caller's copy may hold call-ins prefetched before the one just made, and
    # the email must say the status as it now is.
    decision = Decision.objects.with_call_in_context().get(pk=decision.pk)
    deadline = decision.deadline
    context = {
        "kind": kind,
        "decision": decision,
        "call_in": call_in,
        "deadline": call_in_rules.format_deadline(deadline) if deadline else "",
        "status": decision.call_in_status(timezone.now()).label,
        "address": settings.SITE_URL + decision.get_absolute_url(),
    }
    subject = one_line(
        SUBJECTS[kind].format(title=decision.title[:200], deadline=context["deadline"])
    )
    body = render_to_string("officers/email/notification.txt", context)
    stage = f"{kind}:{event}" if event else kind
    created = []
    for user in recipients(decision, call_in):
        key = f"{stage}:{decision.pk}:{call_in.pk if call_in else '-'}:{user.pk}"
        notification, is_new = Notification.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "decision": decision,
                "call_in": call_in,
                "user": user,
                "email": user.email,
                "subject": subject,
                "body": body,
                "send_after": send_after or timezone.now(),
            },
        )
        if is_new:
            created.append(notification)
    for notification in created:
        queue(notification)
    return created


def notify_report(
    *, kind: str, report: Report, sign_off: SignOff, users: Iterable, event: str
) -> list[Notification]:
    """Tell officers about a step of a report's clearance, once per event and person."""
    subject = one_line(
        SUBJECTS[kind].format(area=sign_off.get_area_display(), title=report.title[:200])
    )
    body = render_to_string(
        "officers/email/report_notification.txt",
        {
            "kind": kind,
            "report": report,
            "sign_off": sign_off,
            "address": settings.SITE_URL + report.get_absolute_url(),
        },
    )
    created = []
    for user in users:
        if not user.is_active or not user.email:
            continue
        notification, is_new = Notification.objects.get_or_create(
            key=f"{kind}:{event}:report-{report.pk}:{user.pk}",
            defaults={
                "kind": kind,
                "report": report,
                "user": user,
                "email": user.email,
                "subject": subject,
                "body": body,
            },
        )
        if is_new:
            created.append(notification)
    for notification in created:
        queue(notification)
    return created


def queue(notification: Notification) -> None:
    """Have the worker send it at its `send_after`, once the current transaction commits."""
    from decisions.notifications.tasks import send_notification

    pk, after = notification.pk, notification.send_after

    def enqueue() -> None:
        send_notification.using(run_after=after).enqueue(pk)

    transaction.on_commit(enqueue)


def send_again(notifications: QuerySet, *, at: datetime) -> int:
    """Queue failed notifications to be sent now; returns how many. Those sent, waiting or
    skipped are left alone, so nothing is sent twice."""
    count = 0
    with transaction.atomic():
        for notification in notifications.filter(SENDABLE_AGAIN).select_for_update(of=("self",)):
            notification.status = Notification.Status.PENDING
            notification.send_after = at
            notification.save(update_fields=["status", "send_after"])
            queue(notification)
            count += 1
    return count
