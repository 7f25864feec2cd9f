from typing import TypeAlias

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.models.constraints import (
    CheckConstraint,
    UniqueConstraint,
    funding_line_constraints,
)
from decisions.models.decision_parts import Recommendation
from decisions.models.delegation import Delegation
from decisions.models.funding import FundingFields
from decisions.models.people import Body
from decisions.models.report import Report, Versioned


class DraftSection(Versioned):
    """One section of text of the report, written by the author as limited Markdown.

    `text` is what the author typed; `html` is it rendered and sanitised
    (decisions.reports.richtext) on every save, and is all that pages and PDFs print.
    """

    class Kind(models.TextChoices):
        EXECUTIVE_SUMMARY = "executive_summary", _("Executive summary")
        FOR_CITIZENS = "for_citizens", _("What does this mean for citizens?")
        BACKGROUND = "background", _("Background")
        REASONS = "reasons", _("Reasons for the recommended option")
        IMPACT_ON_OUTCOMES = "impact_on_outcomes", _("Impact on the council's key outcomes")
        LEGAL = "legal", _("Legal implications")
        FINANCIAL = "financial", _("Financial implications")
        HUMAN_RESOURCES = "human_resources", _("Human resources implications")
        TECHNOLOGY = "technology", _("Technology implications")
        EQUALITY = "equality", _("Equality implications")
        CONSULTATION = "consultation", _("Consultation")
        BACKGROUND_PAPERS = "background_papers", _("Background papers")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="sections", verbose_name=_("report")
    )
    kind = models.CharField(_("section"), max_length=30, choices=Kind)
    text = models.TextField(_("text"), blank=True)
    html = models.TextField(_("text as printed"), blank=True, editable=False)
    is_exempt = models.BooleanField(
        _("exempt from publication"),
        default=False,
        help_text=_("Withheld from the public under the report's Schedule 12A paragraph."),
    )
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            UniqueConstraint(
                fields=["report", "kind"],
                name="draft_section_once",
                field="kind",
                violation_error_message=_("The report already has this section."),
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def order(self) -> int:
        return list(self.Kind.values).index(self.kind)

    @property
    def exemption_statement(self) -> str:
        """Why the public copy leaves this section out: the report PDF and the decision page
        say it in these words, and nothing of the section's text."""
        return _(
            "%(section)s is exempt from publication under paragraph %(paragraph)s of "
            "Schedule 12A to the Local Government Act 1972."
        ) % {"section": self.get_kind_display(), "paragraph": self.report.exempt_paragraph or "–"}


class SignOff(models.Model):
    """A clearance officer's sign-off of one implications section, tied to the text approved.

    Editing the section after sign-off withdraws it
    (decisions.reports.services.drafting.report_section_save); a returned section carries the
    officer's comment.
    """

    class Area(models.TextChoices):
        LEGAL = "legal", _("Legal")
        FINANCE = "finance", _("Finance")
        HUMAN_RESOURCES = "human_resources", _("Human resources")
        EQUALITIES = "equalities", _("Equalities")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Awaiting sign-off")
        SIGNED_OFF = "signed_off", _("Signed off")
        RETURNED = "returned", _("Returned with comments")
        WITHDRAWN = "withdrawn", _("Withdrawn: section changed after sign-off")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="sign_offs", verbose_name=_("report")
    )
    area = models.CharField(_("clearance"), max_length=20, choices=Area)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sign_offs",
        verbose_name=_("clearance officer"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    approved_version = models.PositiveIntegerField(
        _("version signed off"), null=True, blank=True, editable=False
    )
    approved_text = models.TextField(_("text signed off"), blank=True, editable=False)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    # The implications section each clearance officer answers for.
    SECTION_OF_AREA = {
        Area.LEGAL: DraftSection.Kind.LEGAL,
        Area.FINANCE: DraftSection.Kind.FINANCIAL,
        Area.HUMAN_RESOURCES: DraftSection.Kind.HUMAN_RESOURCES,
        Area.EQUALITIES: DraftSection.Kind.EQUALITY,
    }

    class Meta:
        ordering = ["report", "area"]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [
            UniqueConstraint(
                fields=["report", "area"],
                name="sign_off_once_per_area",
                field="area",
                violation_error_message=_("This area already has a sign-off for the report."),
            ),
            CheckConstraint(
                condition=~Q(status="returned") | ~Q(comment=""),
                name="sign_off_returned_needs_comment",
                field="comment",
                violation_error_message=_(
                    "Say what needs to change before the section can be signed off."
                ),
            ),
            CheckConstraint(
                condition=~Q(status="signed_off") | Q(approved_version__isnull=False),
                name="sign_off_tied_to_version",
                field="approved_version",
                violation_error_message=_(
                    "A sign-off must say which version of the section it approves."
                ),
            ),
        ]
        indexes = [models.Index(fields=["officer", "status"])]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.report}"

    @property
    def section_kind(self) -> str:
        return self.SECTION_OF_AREA[self.area]


class DraftRow(Versioned):
    """A numbered row of the report: a recommendation, an option, a risk or a funding line."""

    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True


class DraftRecommendation(DraftRow):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("report")
    )
    label = models.CharField(
        _("number"), max_length=10, help_text=_("As it will be printed: 2, (a), b.")
    )
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("recommendation"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=Recommendation.Kind, default=Recommendation.Kind.APPROVE
    )
    # A delegation: the power goes to an officer post, in consultation with a member role.
    delegate = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delegated to (officer post)"),
    )
    in_consultation_with = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in consultation with"),
    )
    money_limit = models.DecimalField(
        _("money limit (£)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    within_existing_budget = models.BooleanField(
        _("within existing budgetary provision"), default=False
    )
    limits = models.TextField(_("other limits"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            UniqueConstraint(
                fields=["report", "label"],
                name="draft_recommendation_label_unique",
                field="label",
                violation_error_message=_("Another recommendation in this report has this number."),
            ),
            CheckConstraint(
                condition=~Q(kind="delegate") | Q(delegate__isnull=False),
                name="draft_delegation_needs_delegate",
                field="delegate",
                violation_error_message=_("Choose who the power is delegated to."),
            ),
            CheckConstraint(
                condition=Q(money_limit__isnull=True) | Q(money_limit__gte=0),
                name="draft_money_limit_not_negative",
                field="money_limit",
                violation_error_message=_("The money limit must be £0 or more."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:80]}"

    def delegation(self, **fields: object) -> Delegation:
        """The power this recommendation gives, as the register records it (not saved).

        The report's PDF prints its limits from it, and the decision is given it once the
        recommendation is approved (decisions.reports.services.deciding.report_record_decision).
        """
        return Delegation(
            delegate_id=self.delegate_id,
            in_consultation_with_id=self.in_consultation_with_id,
            money_limit=self.money_limit,
            within_existing_budget=self.within_existing_budget,
            limits=self.limits,
            **fields,
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == Recommendation.Kind.DELEGATE and self.delegate_id is None:
            errors["delegate"] = _("Choose the officer post the power is delegated to.")
        if self.money_limit is not None and self.money_limit < 0:
            errors["money_limit"] = _("The money limit cannot be less than £0.")
        if errors:
            raise ValidationError(errors)


class DraftOption(DraftRow):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="options", verbose_name=_("report")
    )
    label = models.CharField(_("label"), max_length=10, blank=True, help_text=_("Such as 1."))
    title = models.CharField(_("option"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_recommended = models.BooleanField(_("recommended"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("option considered")
        verbose_name_plural = _("options considered")

    def __str__(self) -> str:
        return f"{self.label} {self.title}".strip()


class DraftRisk(DraftRow):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="risks", verbose_name=_("report")
    )
    description = models.TextField(_("risk or assumption"))
    mitigation = models.TextField(_("mitigation"), blank=True)
    rating = models.PositiveSmallIntegerField(_("risk rating"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=25),
                name="draft_risk_rating_range",
                field="rating",
                violation_error_message=_("The risk rating must be between 1 and 25."),
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]


class DraftFundingLine(DraftRow, FundingFields):
    """Money in the report as a row, so totals and the register use the figure itself."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="funding_lines", verbose_name=_("report")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        constraints = [
            *funding_line_constraints(
                amount="draft_funding_amount_not_negative", period="draft_funding_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.amount:,.2f} {self.get_kind_display()}"


# A row of a report's lists, as the drafting services take one.
ReportRow: TypeAlias = DraftRecommendation | DraftOption | DraftRisk | DraftFundingLine
