"""Background tasks (django-tasks), run by `manage.py db_worker`."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from decisions.models import Notification
from decisions.notifications.services import may_be_told
from decisions.rules.call_in import CallInStatus

RETRY_AFTER = timedelta(minutes=5)


@task()
def send_notification(notification_id: int) -> str:
    """Send one notification once. A failure is recorded and retried later, up to a limit.

    The notification's `send_after` is its schedule: a task that runs before it (a retry
    superseded by "Send again now", or the other way round) does nothing, so one notification
    never has two chains of retries.
    """
    with transaction.atomic():
        notification = (
            # Only the notification is locked: a report's has no decision, and PostgreSQL
            # cannot lock the empty side of an outer join.
            Notification.objects.select_for_update(of=("self",))
            .select_related("decision__authority", "user")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            return "missing"
        now = timezone.now()
        if notification.status in (Notification.Status.SENT, Notification.Status.GAVE_UP):
            return notification.status
        if notification.send_after > now:
            return "not yet"
        if (
            notification.kind == Notification.Kind.DEADLINE_SOON
            and notification.decision.call_in_status(now) != CallInStatus.OPEN
        ):
            # Called in, or otherwise closed, since the reminder was queued: nothing to remind.
            notification.status = Notification.Status.GAVE_UP
            notification.last_error = "Not sent: the call-in window is no longer open."
            notification.save(update_fields=["status", "last_error"])
            return notification.status
        if notification.decision_id is not None and not may_be_told(
            notification.user, notification.decision, now
        ):
            # Marked exempt or confidential, or unpublished, since it was queued: its subject
            # and body carry the title, which this recipient may no longer read.
            notification.status = Notification.Status.GAVE_UP
            notification.last_error = "Not sent: the decision is no longer on the public register."
            notification.save(update_fields=["status", "last_error"])
            return notification.status
        notification.attempts += 1
        try:
            send_mail(
                notification.subject,
                notification.body,
                settings.DEFAULT_FROM_EMAIL,
                [notification.email],
            )
        except Exception as error:  # any failure of the mail server is retried
            notification.last_error = f"{type(error).__name__}: {error}"
            if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
                notification.status = Notification.Status.GAVE_UP
            else:
                notification.status = Notification.Status.FAILED
                # Wait longer after each failure: 5, 10, 15 … minutes.
                notification.send_after = now + RETRY_AFTER * notification.attempts
                transaction.on_commit(
                    lambda after=notification.send_after: send_notification.using(
                        run_after=after
                    ).enqueue(notification_id)
                )
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = now
            notification.last_error = ""
        notification.save(
            update_fields=["status", "attempts", "last_error", "sent_at", "send_after"]
        )
        return notification.status
