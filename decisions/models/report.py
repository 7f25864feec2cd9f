from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.constraints import CheckConstraint
from decisions.models.decision import Decision
from decisions.models.meetings import AgendaItem


class Option(models.Model):
    """An option a report considered, and whether it was the one recommended."""

    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="options",
        verbose_name=_("decision"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="options",
        verbose_name=_("agenda item"),
    )
    label = models.CharField(_("label"), max_length=10, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_recommended = models.BooleanField(_("recommended"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("option considered")
        verbose_name_plural = _("options considered")
        constraints = [
            CheckConstraint(
                condition=Q(decision__isnull=False) | Q(agenda_item__isnull=False),
                name="option_belongs_to_decision_or_item",
                field="decision",
                violation_error_message=_(
                    "Choose the decision or the agenda item the option belongs to."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.title}".strip()


class Risk(models.Model):
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="risks", verbose_name=_("decision")
    )
    description = models.TextField(_("risk"))
    mitigation = models.TextField(_("mitigation"), blank=True)
    rating = models.PositiveSmallIntegerField(_("risk rating"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "order", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return self.description[:80]


class ReportSection(models.Model):
    """A section of the report behind a decision, kept under the heading the report used.

    The sections follow a key decision report (the Doncaster report is the template):
    executive summary, background, impact on the council's outcomes, the legal, financial,
    human resources, technology and equality implications, and consultation.
    """

    class Kind(models.TextChoices):
        EXECUTIVE_SUMMARY = "executive_summary", _("Executive summary")
        FOR_CITIZENS = "for_citizens", _("What it means for citizens")
        BACKGROUND = "background", _("Background")
        IMPACT_ON_OUTCOMES = "impact_on_outcomes", _("Impact on the council's key outcomes")
        LEGAL = "legal", _("Legal implications")
        FINANCIAL = "financial", _("Financial implications")
        HUMAN_RESOURCES = "human_resources", _("Human resources implications")
        TECHNOLOGY = "technology", _("Technology implications")
        EQUALITY = "equality", _("Equality implications")
        CONSULTATION = "consultation", _("Consultation")
        REASONS = "reasons", _("Reasons for the recommended option")
        BACKGROUND_PAPERS = "background_papers", _("Background papers")
        OTHER = "other", _("Other")

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="sections", verbose_name=_("decision")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    heading = models.CharField(
        _("heading as printed"), max_length=300, help_text=_("Such as LEGAL IMPLICATIONS.")
    )
    text = models.TextField(_("text"))
    html = models.TextField(
        _("text as printed"),
        blank=True,
        editable=False,
        help_text=_("Sanitised HTML, for a section drafted in the officer workspace."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "order", "pk"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")

    def __str__(self) -> str:
        return self.heading
