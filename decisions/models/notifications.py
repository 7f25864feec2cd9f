from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models.authority import Authority
from decisions.models.constraints import CheckConstraint, UniqueConstraint
from decisions.models.decision import Decision
from decisions.models.scrutiny import CallIn


class Subscription(models.Model):
    """Democratic services or a councillor, who want to hear about a council's decisions, or
    one decision's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("user"),
    )
    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("every decision of"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("this decision"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["user", "pk"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            CheckConstraint(
                condition=Q(authority__isnull=False) | Q(decision__isnull=False),
                name="subscription_to_something",
                violation_error_message=_("Choose a council or a decision to follow."),
            ),
            UniqueConstraint(
                fields=["user", "authority"],
                condition=Q(decision__isnull=True),
                name="subscription_one_per_authority",
                field="authority",
                violation_error_message=_("You already follow this council."),
            ),
            UniqueConstraint(
                fields=["user", "decision"],
                condition=Q(decision__isnull=False),
                name="subscription_one_per_decision",
                field="decision",
                violation_error_message=_("You already follow this decision."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.decision or self.authority}"


class Notification(models.Model):
    """One email to one person about one event; its key makes sure it is never sent twice."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Decision published")
        DEADLINE_SOON = "deadline_soon", _("Call-in deadline in two working days")
        CALL_IN_RECEIVED = "call_in_received", _("Call-in received")
        CALL_IN_VALID = "call_in_valid", _("Call-in valid: decision called in")
        OUTCOME_RECORDED = "outcome_recorded", _("Call-in outcome recorded")
        SIGN_OFF_REQUESTED = "sign_off_requested", _("Report sent for sign-off")
        SIGN_OFF_GIVEN = "sign_off_given", _("Report section signed off")
        SIGN_OFF_RETURNED = "sign_off_returned", _("Report section returned with comments")
        SIGN_OFF_WITHDRAWN = "sign_off_withdrawn", _("Sign-off withdrawn: section changed")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be retried")
        GAVE_UP = "gave_up", _("Failed, not retried")

    key = models.CharField(_("key"), max_length=200, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("decision"),
    )
    report = models.ForeignKey(
        "decisions.Report",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("key decision report"),
    )
    call_in = models.ForeignKey(
        CallIn,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("call-in"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("to"),
    )
    email = models.EmailField(_("email"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    send_after = models.DateTimeField(_("send after"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["status", "send_after"])]
        constraints = [
            CheckConstraint(
                condition=Q(decision__isnull=False) | Q(report__isnull=False),
                name="notification_about_something",
                violation_error_message=_("A notification must be about a decision or a report."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.email}"
