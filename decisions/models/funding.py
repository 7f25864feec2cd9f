"""What a funding line says about its money, for a decision's lines and a draft report's alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from decisions.choices import FundingKind, FundingRecurrence, FundingSource, Precision
from decisions.models.validators import validate_financial_year


class FundingFields(models.Model):
    """The amount, its kind, recurrence, financial year, period and source.

    The closed sets live in decisions.choices. A model that uses these fields adds the rules in
    constraints.funding_line_constraints, named for its own table.
    """

    Kind = FundingKind
    Recurrence = FundingRecurrence
    Source = FundingSource

    description = models.TextField(_("what it covers"), blank=True)
    amount = models.DecimalField(_("amount (£)"), max_digits=14, decimal_places=2)
    precision = models.CharField(
        _("amount is"), max_length=15, choices=Precision, default=Precision.EXACT
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FundingKind)
    recurrence = models.CharField(
        _("recurrence"), max_length=20, choices=FundingRecurrence, default=FundingRecurrence.ONE_OFF
    )
    financial_year = models.CharField(
        _("financial year"),
        max_length=7,
        blank=True,
        validators=[validate_financial_year],
        help_text=_("Such as 2024/25."),
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    source = models.CharField(_("funding source"), max_length=30, choices=FundingSource, blank=True)

    class Meta:
        abstract = True
