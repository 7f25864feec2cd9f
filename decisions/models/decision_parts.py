from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.choices import ExemptParagraph
from decisions.models.constraints import CheckConstraint, UniqueConstraint
from decisions.models.decision import Decision
from decisions.models.meetings import AgendaItem
from decisions.models.people import Person


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
        help_text=_("Sanitised HTML, for a section drafted in the workspace."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "order", "pk"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")

    def __str__(self) -> str:
        return self.heading


class Recommendation(models.Model):
    """One numbered part of the decision, as printed ("1", "(a)"), under its heading."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        APPROVE = "approve", _("Approve")
        ENDORSE = "endorse", _("Endorse")
        AGREE = "agree", _("Agree")
        AUTHORISE = "authorise", _("Authorise")
        DELEGATE = "delegate", _("Delegate")
        ADOPT = "adopt", _("Adopt")
        ESTABLISH = "establish", _("Establish")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        PENDING = "", _("Not yet decided")
        APPROVED = "approved", _("Approved")
        AMENDED = "amended", _("Amended")
        REJECTED = "rejected", _("Rejected")
        NOTED = "noted", _("Noted")
        DEFERRED = "deferred", _("Deferred")

    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("decision"),
    )
    label = models.CharField(_("label"), max_length=10, help_text=_("As printed: 1, (a), b."))
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    amended_text = models.TextField(_("amended text"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "order", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            UniqueConstraint(
                fields=["decision", "label"],
                name="recommendation_label_unique",
                field="label",
                violation_error_message=_(
                    "Another recommendation of this decision has this number."
                ),
            ),
            CheckConstraint(
                condition=~Q(outcome="amended") | ~Q(amended_text=""),
                name="recommendation_amended_needs_text",
                field="amended_text",
                violation_error_message=_("Enter the recommendation as amended."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:80]}"

    def clean(self) -> None:
        if self.outcome == self.Outcome.AMENDED and not self.amended_text.strip():
            raise ValidationError({"amended_text": _("Enter the text as amended.")})


class RelatedDecision(models.Model):
    """A decision this one cites, such as "Transfer Decision Ref: E3393".

    The cited decision is linked when it is in the register; the citation is kept as printed
    either way.
    """

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="citations", verbose_name=_("decision")
    )
    reference = models.CharField(_("reference cited"), max_length=30)
    title = models.CharField(_("title cited"), max_length=300, blank=True)
    when = models.CharField(
        _("when, as cited"), max_length=100, blank=True, help_text=_("Such as July 2023.")
    )
    related = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
        verbose_name=_("decision in the register"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("taken at agenda item"),
        help_text=_("Where the cited decision was taken, when it is not itself in the register."),
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "reference"]
        verbose_name = _("related decision")
        verbose_name_plural = _("related decisions")
        constraints = [
            UniqueConstraint(
                fields=["decision", "reference"],
                name="related_decision_unique",
                field="reference",
                violation_error_message=_("This decision already cites that reference."),
            ),
            CheckConstraint(
                condition=~Q(related=F("decision")),
                name="related_decision_not_itself",
                field="related",
                violation_error_message=_("A decision cannot cite itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (Ref: {self.reference})" if self.title else self.reference


class DeclaredInterest(models.Model):
    """A conflict of interest declared by an executive member consulted, and any dispensation."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="interests", verbose_name=_("decision")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="interests", verbose_name=_("member")
    )
    interest = models.TextField(_("interest declared"))
    dispensation = models.TextField(
        _("dispensation"),
        blank=True,
        help_text=_("The dispensation granted by the head of paid service, if any."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "person"]
        verbose_name = _("declared interest")
        verbose_name_plural = _("declared interests")

    def __str__(self) -> str:
        return f"{self.person}: {self.interest[:60]}"


class Document(models.Model):
    """A report, appendix, minutes or background paper; public unless marked exempt."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        APPENDIX = "appendix", _("Appendix")
        MINUTES = "minutes", _("Minutes")
        AGENDA = "agenda", _("Agenda")
        BACKGROUND_PAPER = "background_paper", _("Background paper")
        STATEMENT = "statement", _("Statement")
        OTHER = "other", _("Other")

    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("decision"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    file = models.FileField(_("file"), upload_to="documents/%Y/", blank=True)
    url = models.URLField(_("address"), blank=True)
    size_as_printed = models.CharField(
        _("size as printed"), max_length=30, blank=True, help_text=_("Such as PDF 590 KB.")
    )
    report = models.ForeignKey(
        "decisions.Report",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("report drafted in the workspace"),
        help_text=_("The register prints this report, without its exempt parts, as the PDF."),
    )
    is_exempt = models.BooleanField(_("exempt"), default=False)
    exempt_paragraph = models.CharField(
        _("Schedule 12A paragraph"), max_length=2, choices=ExemptParagraph, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            CheckConstraint(
                condition=Q(decision__isnull=False) | Q(agenda_item__isnull=False),
                name="document_belongs_somewhere",
                field="decision",
                violation_error_message=_(
                    "Choose the decision or the agenda item the document belongs to."
                ),
            ),
            CheckConstraint(
                condition=Q(is_exempt=False) | ~Q(exempt_paragraph=""),
                name="document_exempt_needs_paragraph",
                field="exempt_paragraph",
                violation_error_message=_(
                    "Choose the Schedule 12A paragraph that makes the document exempt."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.decision_id is None and self.agenda_item_id is None:
            errors["decision"] = _("Attach the document to a decision or an agenda item.")
        if self.is_exempt and not self.exempt_paragraph:
            errors["exempt_paragraph"] = _(
                "Choose the Schedule 12A paragraph that makes it exempt."
            )
        if errors:
            raise ValidationError(errors)
