from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.choices import ExemptParagraph, Precision
from decisions.models.authority import Authority
from decisions.models.constraints import CheckConstraint, UniqueConstraint
from decisions.models.decision import Decision
from decisions.models.decision_parts import Recommendation
from decisions.models.people import Body, Person


class Delegation(models.Model):
    """A power a decision gives to an officer post, often "in consultation with" a member."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("decision")
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("recommendation"),
    )
    delegate = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="delegations_held",
        verbose_name=_("delegated to"),
        help_text=_("The officer post that holds the power."),
    )
    in_consultation_with = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations_consulted",
        verbose_name=_("in consultation with"),
    )
    scope = models.TextField(_("scope"), help_text=_("What the delegate may decide."))
    is_continuation = models.BooleanField(_("continues an earlier delegation"), default=False)
    money_limit = models.DecimalField(
        _("money limit (£)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    within_existing_budget = models.BooleanField(
        _("within existing budgetary provision"), default=False
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True
    )
    duration_precision = models.CharField(
        _("duration is"), max_length=15, choices=Precision, default=Precision.EXACT
    )
    starts = models.DateField(_("starts"), null=True, blank=True)
    ends = models.DateField(_("ends"), null=True, blank=True)
    limits = models.TextField(_("other limits"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "pk"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            CheckConstraint(
                condition=Q(starts__isnull=True) | Q(ends__isnull=True) | Q(ends__gte=F("starts")),
                name="delegation_ends_after_start",
                field="ends",
                violation_error_message=_(
                    "The end of the delegation must not be before its start."
                ),
            ),
            CheckConstraint(
                condition=Q(money_limit__isnull=True) | Q(money_limit__gte=0),
                name="delegation_money_limit_not_negative",
                field="money_limit",
                violation_error_message=_("The money limit must be £0 or more."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(delegate)s: %(scope)s") % {"delegate": self.delegate, "scope": self.scope[:60]}

    def clean(self) -> None:
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("The delegation ends before it starts.")})


class OfficerDecision(models.Model):
    """A decision an officer takes under a delegation.

    The written record the Openness of Local Government Bodies Regulations 2014 (reg 7) require:
    the decision, its date, the reasons, the alternatives rejected, and any conflict of interest.
    """

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="officer_decisions",
        verbose_name=_("authority"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officer_decisions",
        verbose_name=_("taken under delegation"),
    )
    reference = models.CharField(_("reference"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=300)
    taken_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="officer_decisions",
        verbose_name=_("officer"),
    )
    post = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="officer_decisions",
        verbose_name=_("officer post"),
    )
    date_of_decision = models.DateField(_("date of decision"))
    decision = models.TextField(_("decision"))
    reasons = models.TextField(_("reasons"))
    alternatives_rejected = models.TextField(_("alternative options rejected"), blank=True)
    interests = models.TextField(_("conflicts of interest and dispensations"), blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    is_exempt = models.BooleanField(_("exempt"), default=False)
    exempt_paragraph = models.CharField(
        _("Schedule 12A paragraph"), max_length=2, choices=ExemptParagraph, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date_of_decision", "-pk"]
        verbose_name = _("officer decision")
        verbose_name_plural = _("officer decisions")
        constraints = [
            UniqueConstraint(
                fields=["authority", "reference"],
                condition=~Q(reference=""),
                name="officer_decision_reference_unique",
                field="reference",
                violation_error_message=_(
                    "The council already has an officer decision with this reference."
                ),
            ),
            CheckConstraint(
                condition=Q(is_exempt=False) | ~Q(exempt_paragraph=""),
                name="officer_decision_exempt_needs_paragraph",
                field="exempt_paragraph",
                violation_error_message=_(
                    "Choose the Schedule 12A paragraph that makes it exempt."
                ),
            ),
        ]
        indexes = [models.Index(fields=["authority", "-date_of_decision"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.delegation_id and self.delegation.delegate_id != self.post_id:
            errors["post"] = _("The delegation was given to a different officer post.")
        if self.is_exempt and not self.exempt_paragraph:
            errors["exempt_paragraph"] = _(
                "Choose the Schedule 12A paragraph that makes it exempt."
            )
        if errors:
            raise ValidationError(errors)
