from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.choices import ExemptParagraph
from decisions.models.authority import Authority
from decisions.models.constraints import CheckConstraint
from decisions.models.decision import Decision
from decisions.models.people import Body, Person, Ward
from decisions.models.querysets import ForwardPlanQuerySet
from decisions.rules import notice as notice_rules


class ForwardPlanEntry(models.Model):
    """Notice of a key decision to be taken (reg 9, 2012 Regulations): the forward plan."""

    class Notice(models.TextChoices):
        FULL = "full", _("28 clear days' notice (reg 9)")
        GENERAL_EXCEPTION = "general_exception", _("General exception (reg 10)")
        SPECIAL_URGENCY = "special_urgency", _("Special urgency (reg 11)")

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="forward_plan",
        verbose_name=_("authority"),
    )
    reference = models.CharField(_("reference"), max_length=30, blank=True)
    title = models.CharField(_("matter to be decided"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    summary_html = models.TextField(
        _("summary as formatted"),
        blank=True,
        editable=False,
        help_text=_(
            "The report's executive summary with its tables and lists, when the entry was made "
            "from a drafted report; the summary above is its plain text."
        ),
    )
    decision_maker = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="forward_plan_entries",
        verbose_name=_("decision maker"),
    )
    is_key_decision = models.BooleanField(_("key decision"), default=True)
    intended_date = models.DateField(_("intended date of decision"), null=True, blank=True)
    intended_period = models.CharField(
        _("intended period"),
        max_length=100,
        blank=True,
        help_text=_("When no date is fixed, such as March 2024."),
    )
    first_published = models.DateField(
        _("first published"),
        null=True,
        blank=True,
        help_text=_("The day the notice first appeared on the forward plan. Empty: not yet."),
    )
    documents = models.TextField(_("documents to be considered"), blank=True)
    is_private = models.BooleanField(
        _("to be considered in private"),
        default=False,
        help_text=_(
            "Some or all of the matter will be considered in a meeting closed to the public."
        ),
    )
    exempt_paragraph = models.CharField(
        _("Schedule 12A paragraph"), max_length=2, choices=ExemptParagraph, blank=True
    )
    private_reason = models.TextField(_("why in private"), blank=True)
    representations = models.TextField(
        _("how to make representations"),
        blank=True,
        help_text=_("Who to write to, and by when, about the matter."),
    )
    lead_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forward_plan_entries",
        verbose_name=_("lead officer"),
    )
    affects_all_wards = models.BooleanField(_("all wards affected"), default=False)
    wards = models.ManyToManyField(
        Ward, blank=True, related_name="forward_plan_entries", verbose_name=_("wards affected")
    )
    notice = models.CharField(_("notice given"), max_length=20, choices=Notice, default=Notice.FULL)
    chair_notified_on = models.DateField(
        _("scrutiny chair notified on"),
        null=True,
        blank=True,
        help_text=_("General exception: the day the chair of scrutiny was given notice."),
    )
    chair_agreed_on = models.DateField(
        _("scrutiny chair agreed on"),
        null=True,
        blank=True,
        help_text=_("Special urgency: the day the chair agreed the decision could not wait."),
    )
    chair_agreement = models.TextField(
        _("agreement recorded"),
        blank=True,
        help_text=_("Special urgency: who agreed, and why the decision is urgent."),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forward_plan_entries",
        verbose_name=_("decision taken"),
    )

    history = HistoricalRecords(m2m_fields=[wards])
    objects = ForwardPlanQuerySet.as_manager()

    class Meta:
        ordering = ["intended_date", "title"]
        verbose_name = _("forward plan entry")
        verbose_name_plural = _("forward plan")
        constraints = [
            CheckConstraint(
                condition=Q(is_private=False) | ~Q(exempt_paragraph=""),
                name="forward_plan_private_needs_paragraph",
                field="exempt_paragraph",
                violation_error_message=_(
                    "Choose the Schedule 12A paragraph under which it will be considered in "
                    "private."
                ),
            ),
            CheckConstraint(
                condition=~Q(notice="general_exception") | Q(chair_notified_on__isnull=False),
                name="forward_plan_general_exception_needs_chair_notice",
                field="chair_notified_on",
                violation_error_message=_(
                    "Under general exception, enter the day the scrutiny chair was notified."
                ),
            ),
            CheckConstraint(
                condition=~Q(notice="special_urgency")
                | (Q(chair_agreed_on__isnull=False) & ~Q(chair_agreement="")),
                name="forward_plan_special_urgency_needs_agreement",
                field="chair_agreement",
                violation_error_message=_(
                    "Under special urgency, enter the day the scrutiny chair agreed, and who "
                    "agreed and why."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "intended_date"]),
            models.Index(fields=["first_published"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def clear_days_notice(self) -> int | None:
        if self.first_published is None or self.intended_date is None:
            return None
        return notice_rules.clear_days_between(self.first_published, self.intended_date)

    @property
    def has_full_notice(self) -> bool | None:
        """Whether 28 clear days' notice was given; None while either date is unknown."""
        days = self.clear_days_notice
        return None if days is None else days >= notice_rules.FULL_NOTICE_CLEAR_DAYS

    @property
    def latest_publication_for_full_notice(self) -> date | None:
        if self.intended_date is None:
            return None
        return notice_rules.latest_publication_for_full_notice(self.intended_date)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.intended_date is None and not self.intended_period.strip():
            errors["intended_date"] = _("Enter the intended date of decision, or the period.")
        if self.is_private and not self.exempt_paragraph:
            errors["exempt_paragraph"] = _(
                "Choose the Schedule 12A paragraph under which it will be considered in private."
            )
        if self.notice == self.Notice.GENERAL_EXCEPTION and self.chair_notified_on is None:
            errors["chair_notified_on"] = _(
                "Under general exception, enter the day the scrutiny chair was notified."
            )
        if self.notice == self.Notice.SPECIAL_URGENCY:
            if self.chair_agreed_on is None:
                errors["chair_agreed_on"] = _(
                    "Under special urgency, enter the day the scrutiny chair agreed."
                )
            if not self.chair_agreement.strip():
                errors["chair_agreement"] = _("Record who agreed the special urgency, and why.")
        if (
            self.notice == self.Notice.FULL
            and self.has_full_notice is False
            and self.first_published is not None
        ):
            errors["notice"] = _(
                "Published %(published)s, the notice gives %(days)s clear days before "
                "%(intended)s, not 28. Choose general exception or special urgency."
            ) % {
                "published": f"{self.first_published:%d/%m/%Y}",
                "days": self.clear_days_notice,
                "intended": f"{self.intended_date:%d/%m/%Y}",
            }
        if errors:
            raise ValidationError(errors)
