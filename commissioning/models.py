from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commissioning.querysets import (
    ContractExtensionQuerySet,
    ContractQuerySet,
    FundingLineQuerySet,
    ServiceVolumeQuerySet,
)
from commissioning.rules import effective_end, status_from_dates
from decisions.choices import Precision
from decisions.models import Authority, Decision, Recommendation
from decisions.models.constraints import CheckConstraint, funding_line_constraints
from decisions.models.funding import FundingFields


class Supplier(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    companies_house_number = models.CharField(
        _("Companies House number"), max_length=20, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    class Kind(models.TextChoices):
        CONTRACT = "contract", _("Contract")
        FRAMEWORK = "framework", _("Framework")
        OPEN_FRAMEWORK = "open_framework", _("Open framework")
        CALL_OFF = "call_off", _("Call-off")
        INTERIM_ARRANGEMENT = "interim_arrangement", _("Interim arrangement")
        GRANT = "grant", _("Grant")

    class Regime(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        PCR_2015 = "pcr_2015", _("Public Contracts Regulations 2015")
        PCR_2015_LIGHT_TOUCH = (
            "pcr_2015_light_touch",
            _("Public Contracts Regulations 2015, light touch regime"),
        )
        PROCUREMENT_ACT_2023 = "procurement_act_2023", _("Procurement Act 2023")
        PROVIDER_SELECTION_REGIME = (
            "provider_selection_regime",
            _("Health Care Services (Provider Selection Regime) Regulations 2023"),
        )
        NOT_PROCURED = "not_procured", _("Not a procurement")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        PROCUREMENT = "procurement", _("In procurement")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    class Tupe(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        APPLIES = "applies", _("TUPE applies")
        MAY_APPLY = "may_apply", _("TUPE may apply")
        DOES_NOT_APPLY = "does_not_apply", _("TUPE does not apply")

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("authority")
    )
    title = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("reference"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    description = models.TextField(_("description"), blank=True)
    suppliers = models.ManyToManyField(
        Supplier, blank=True, related_name="contracts", verbose_name=_("suppliers")
    )
    framework = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="call_offs",
        verbose_name=_("called off from"),
    )
    procurement_route = models.CharField(
        _("procurement route"),
        max_length=200,
        blank=True,
        help_text=_("Such as open framework with call-off by mini-competition."),
    )
    regime = models.CharField(_("procurement regime"), max_length=40, choices=Regime, blank=True)
    lots = models.TextField(
        _("zones or lots"), blank=True, help_text=_("How the contract is divided, if it is.")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("term (months)"), null=True, blank=True, help_text=_("Where the term is set, not dates.")
    )
    # Blank: the status follows the dates (current_status). Set, it is recorded otherwise
    # (a contract ended early, a framework still in procurement) and says why.
    status = models.CharField(
        _("status, if not from its dates"),
        max_length=20,
        choices=Status,
        blank=True,
        help_text=_(
            "Leave blank for the status to follow the dates: planned before the start, active "
            "until the end or an exercised extension's end, ended after it."
        ),
    )
    status_reason = models.CharField(
        _("why the status is recorded"),
        max_length=300,
        blank=True,
        help_text=_("Needed when a status is recorded, such as: ended early by agreement."),
    )
    tupe = models.CharField(
        _("TUPE"),
        max_length=20,
        choices=Tupe,
        blank=True,
        help_text=_("Transfer of Undertakings (Protection of Employment) Regulations 2006."),
    )
    decisions = models.ManyToManyField(
        Decision,
        blank=True,
        related_name="contracts",
        verbose_name=_("decisions that authorised it"),
    )

    history = HistoricalRecords(m2m_fields=[suppliers, decisions])
    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "-end_date", "title"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="contract_ends_after_start",
                field="end_date",
                violation_error_message=_(
                    "The contract's end date must not be before its start date."
                ),
            ),
            CheckConstraint(
                condition=Q(status="") | ~Q(status_reason=""),
                name="contract_recorded_status_has_reason",
                field="status_reason",
                violation_error_message=_(
                    "Enter why the status is recorded, or leave the status blank to follow "
                    "the dates."
                ),
            ),
        ]
        indexes = [models.Index(fields=["authority", "end_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contract-detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The contract ends before it starts.")
        if self.status and not self.status_reason.strip():
            errors["status_reason"] = _(
                "Enter why the status is recorded as %(status)s, or leave the status blank to "
                "follow the dates."
            ) % {"status": self.get_status_display().lower()}
        if errors:
            raise ValidationError(errors)

    def effective_end(self) -> date | None:
        """The end date, or the latest end of an exercised extension if later.

        Reads self.extensions.all(), so a page that prefetches only the public extension
        options works out the end from those alone.
        """
        if self.pk is None:
            return self.end_date
        exercised = [
            extension.latest_end
            for extension in self.extensions.all()
            if extension.status == ContractExtension.Status.EXERCISED
        ]
        return effective_end(self.end_date, exercised)

    def current_status(self, on: date | None = None) -> "Contract.Status | None":
        """The recorded status if there is one, otherwise what the dates say on `on` (today).

        None when neither settles it. ContractQuerySet.with_current_status says the same in SQL.
        """
        if self.status:
            return self.Status(self.status)
        derived = status_from_dates(
            on=on or timezone.localdate(), start=self.start_date, end=self.effective_end()
        )
        return None if derived is None else self.Status(derived)


class ContractExtension(models.Model):
    """An option to extend a contract: its length, latest end, and whether it was taken up."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        AUTHORISED = "authorised", _("Authorised, if required")
        EXERCISED = "exercised", _("Exercised")
        NOT_EXERCISED = "not_exercised", _("Not exercised")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("contract")
    )
    length_months = models.PositiveSmallIntegerField(_("length (months)"), null=True, blank=True)
    length_precision = models.CharField(
        _("length is"), max_length=15, choices=Precision, default=Precision.EXACT
    )
    latest_end = models.DateField(_("latest end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contract_extensions",
        verbose_name=_("decision"),
    )
    conditions = models.TextField(_("conditions"), blank=True)

    history = HistoricalRecords()
    objects = ContractExtensionQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "pk"]
        verbose_name = _("extension option")
        verbose_name_plural = _("extension options")

    def __str__(self) -> str:
        length = f"{self.length_months} months" if self.length_months else "extension"
        return f"{self.contract}: {length} ({self.get_status_display()})"


class FundingLine(FundingFields):
    """An amount tied to a decision and/or contract, kept exactly and as printed."""

    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("decision"),
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("recommendation"),
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("contract"),
    )
    amount_as_printed = models.CharField(
        _("amount as printed"), max_length=100, help_text=_("Such as circa £760,000 per year.")
    )
    service_users = models.PositiveIntegerField(_("service users covered"), null=True, blank=True)
    service_users_precision = models.CharField(
        _("service users figure is"), max_length=15, choices=Precision, default=Precision.EXACT
    )

    history = HistoricalRecords()
    objects = FundingLineQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        constraints = [
            *funding_line_constraints(
                amount="funding_line_amount_not_negative_unless_saving",
                period="funding_line_period_ends_after_start",
            ),
            CheckConstraint(
                condition=Q(decision__isnull=False) | Q(contract__isnull=False),
                name="funding_line_belongs_to_decision_or_contract",
                field="decision",
                violation_error_message=_(
                    "Choose the decision or the contract the funding line belongs to."
                ),
            ),
        ]
        indexes = [models.Index(fields=["decision", "amount"])]

    def __str__(self) -> str:
        return f"{self.amount_as_printed} ({self.get_kind_display().lower()})"

    def clean(self) -> None:
        errors = {}
        if self.amount is not None and self.amount < 0 and self.kind != self.Kind.SAVING:
            errors["amount"] = _(
                "Only a saving can be negative: enter the %(kind)s as a positive amount."
            ) % {"kind": self.get_kind_display().lower()}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period ends before it starts.")
        if self.decision_id is None and self.contract_id is None:
            errors["decision"] = _("Tie the funding line to a decision or a contract.")
        if errors:
            raise ValidationError(errors)


class ServiceVolume(models.Model):
    """A count the record states about a service: packages, hours a week, service users."""

    class Unit(models.TextChoices):
        SERVICE_USERS = "service_users", _("service users")
        PACKAGES = "packages", _("care packages")
        HOURS_PER_WEEK = "hours_per_week", _("hours a week")
        NEW_ENTRANTS = "new_entrants", _("new entrants")
        ORGANISATIONS = "organisations", _("organisations")
        OTHER = "other", _("other")

    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_volumes",
        verbose_name=_("decision"),
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_volumes",
        verbose_name=_("contract"),
    )
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit)
    precision = models.CharField(
        _("quantity is"), max_length=15, choices=Precision, default=Precision.EXACT
    )
    as_printed = models.CharField(_("as printed"), max_length=300)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ServiceVolumeQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("service volume")
        verbose_name_plural = _("service volumes")
        constraints = [
            CheckConstraint(
                condition=Q(quantity__gte=0),
                name="service_volume_not_negative",
                field="quantity",
                violation_error_message=_("The quantity must be 0 or more."),
            ),
            CheckConstraint(
                condition=Q(decision__isnull=False) | Q(contract__isnull=False),
                name="service_volume_belongs_to_decision_or_contract",
                field="decision",
                violation_error_message=_(
                    "Choose the decision or the contract the service volume belongs to."
                ),
            ),
            CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="service_volume_period_ends_after_start",
                field="period_end",
                violation_error_message=_("The end of the period must not be before its start."),
            ),
        ]

    def __str__(self) -> str:
        return self.as_printed
