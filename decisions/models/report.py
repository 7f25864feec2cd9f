from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.choices import (
    ExemptParagraph,
)
from decisions.models.authority import Authority
from decisions.models.decision import Decision
from decisions.models.forward_plan import ForwardPlanEntry
from decisions.models.people import Body, Directorate, Person, Ward


class Versioned(models.Model):
    """A row saved under optimistic locking: `version` goes up by one with every save."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class Report(Versioned):
    """A report to a decision maker, as the Doncaster key decision report is laid out."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_CLEARANCE = "in_clearance", _("In clearance")
        CLEARED = "cleared", _("Cleared")
        WITH_DECISION_MAKER = "with_decision_maker", _("With the decision maker")
        DECIDED = "decided", _("Decided")

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="reports", verbose_name=_("authority")
    )
    directorate = models.ForeignKey(
        Directorate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("directorate"),
    )
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=30, choices=Status, default=Status.DRAFT)
    decision_maker = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("decision maker"),
    )
    relevant_members = models.ManyToManyField(
        Person,
        blank=True,
        related_name="drafts_as_relevant_member",
        verbose_name=_("relevant Cabinet Members"),
    )
    affects_all_wards = models.BooleanField(_("all wards affected"), default=False)
    wards = models.ManyToManyField(
        Ward, blank=True, related_name="reports", verbose_name=_("wards affected")
    )
    is_key_decision = models.BooleanField(_("key decision"), default=True)
    key_decision_reason = models.TextField(
        _("why it is a key decision"),
        blank=True,
        help_text=_(
            "Expenditure or savings above the threshold, or a significant effect on "
            "communities in two or more wards."
        ),
    )
    intended_date = models.DateField(_("intended date of decision"), null=True, blank=True)
    exempt_paragraph = models.CharField(
        _("Schedule 12A paragraph for the exempt parts"),
        max_length=2,
        choices=ExemptParagraph,
        blank=True,
    )
    author = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafts_written",
        verbose_name=_("report author"),
    )
    contributors = models.ManyToManyField(
        Person, blank=True, related_name="drafts_contributed", verbose_name=_("contributors")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reports_created",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now, editable=False)
    forward_plan_entry = models.OneToOneField(
        ForwardPlanEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report",
        verbose_name=_("forward plan entry"),
    )
    sent_to_decision_maker_at = models.DateTimeField(
        _("sent to the decision maker"), null=True, blank=True
    )
    decision = models.OneToOneField(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report",
        verbose_name=_("decision"),
    )
    made_from = models.OneToOneField(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="report_made_from",
        verbose_name=_("made from the record"),
        help_text=_(
            "The unpublished record, awaiting determination, that this report was made from: "
            "recording the decision fills in that record rather than making a second one."
        ),
    )

    history = HistoricalRecords(m2m_fields=[wards, relevant_members, contributors])

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("key decision report")
        verbose_name_plural = _("key decision reports")
        permissions = [
            ("draft_report", _("Can draft key decision reports")),
            ("sign_off_report", _("Can sign off implications as a clearance officer")),
        ]
        indexes = [models.Index(fields=["authority", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("officers:report", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """Drafting and clearance: once with the decision maker, the text is what they read."""
        return self.status in (self.Status.DRAFT, self.Status.IN_CLEARANCE, self.Status.CLEARED)

    @property
    def has_exempt_parts(self) -> bool:
        return self.sections.filter(is_exempt=True).exists()

    def clean(self) -> None:
        # A draft may be incomplete: what the decision maker needs is checked when it is sent
        # (decisions.reports.services.deciding.report_send_to_decision_maker).
        errors: dict[str, str] = {}
        if self.decision_maker_id and self.decision_maker.authority_id != self.authority_id:
            errors["decision_maker"] = _("The decision maker belongs to another authority.")
        if self.directorate_id and self.directorate.authority_id != self.authority_id:
            errors["directorate"] = _("The directorate belongs to another authority.")
        if errors:
            raise ValidationError(errors)
