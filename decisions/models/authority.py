from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.choices import Anchor, DayKind, EffectiveConvention, Nation
from decisions.models.constraints import CheckConstraint, UniqueConstraint
from decisions.rules import call_in as call_in_rules


class Authority(models.Model):
    """A council whose decisions the register publishes."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_("As residents know it: B&NES.")
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    nation = models.CharField(
        _("nation"),
        max_length=20,
        choices=Nation,
        default=Nation.ENGLAND,
        help_text=_("Decides which bank holidays are not working days."),
    )
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=10,
        blank=True,
        help_text=_("Prefix of the authority's decision references, such as E for E3393."),
    )
    key_decision_threshold = models.DecimalField(
        _("key decision threshold (£)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Spending or savings at or above this are key decisions."),
    )
    website = models.URLField(_("website"), blank=True)
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a hex colour such as #1d70b8."))],
        help_text=_("Hex colour, such as #1d70b8, for the header of the council's pages."),
    )
    logo = models.FileField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        help_text=_("Shown in the header beside the council's name (SVG or PNG)."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:decisions_authority_change", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def call_in_rule_on(self, day: date) -> "CallInRuleVersion | None":
        """The rule in force on `day`: the latest version that started on or before it."""
        versions = [v for v in self.call_in_rules.all() if v.valid_from <= day]
        return max(versions, key=lambda v: v.valid_from, default=None)

    def closure_dates(self) -> frozenset[date]:
        return frozenset(c.date for c in self.closure_days.all())


class CallInRuleVersion(models.Model):
    """The authority's call-in rule as its constitution set it from a given date.

    Rules change over time; a decision is governed by the version in force on the day it was
    published (or decided, for rules counted from the decision).
    """

    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        related_name="call_in_rules",
        verbose_name=_("authority"),
    )
    valid_from = models.DateField(_("in force from"))
    days = models.PositiveSmallIntegerField(
        _("call-in period (days)"), validators=[MinValueValidator(1)]
    )
    day_kind = models.CharField(
        _("days are"), max_length=10, choices=DayKind, default=DayKind.WORKING
    )
    anchor = models.CharField(
        _("counted from"), max_length=15, choices=Anchor, default=Anchor.PUBLICATION
    )
    deadline_time = models.TimeField(
        _("deadline time"),
        null=True,
        blank=True,
        help_text=_("Time of day the window closes, such as 16:00. Leave empty for end of day."),
    )
    effective = models.CharField(
        _("decision takes effect"),
        max_length=20,
        choices=EffectiveConvention,
        default=EffectiveConvention.DAY_AFTER,
    )
    signatories_required = models.PositiveSmallIntegerField(
        _("members needed to call in"), default=1, validators=[MinValueValidator(1)]
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the rule is set out, such as the constitution part and paragraph."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["authority", "-valid_from"]
        verbose_name = _("call-in rule")
        verbose_name_plural = _("call-in rules")
        constraints = [
            UniqueConstraint(
                fields=["authority", "valid_from"],
                name="call_in_rule_one_per_start_date",
                field="valid_from",
                violation_error_message=_(
                    "The council already has a call-in rule starting on this date."
                ),
            ),
            CheckConstraint(
                condition=models.Q(days__gte=1),
                name="call_in_rule_days_min_1",
                field="days",
                violation_error_message=_("The call-in period must be at least 1 day."),
            ),
            CheckConstraint(
                condition=models.Q(signatories_required__gte=1),
                name="call_in_rule_signatories_min_1",
                field="signatories_required",
                violation_error_message=_("At least 1 member must sign a call-in."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(authority)s: %(days)s %(kind)s from %(from)s") % {
            "authority": self.authority,
            "days": self.days,
            "kind": self.get_day_kind_display().lower(),
            "from": self.valid_from,
        }

    def as_rule(self) -> call_in_rules.CallInRule:
        return call_in_rules.CallInRule(
            days=self.days,
            day_kind=self.day_kind,
            anchor=self.anchor,
            effective=self.effective,
            deadline_time=self.deadline_time,
            signatories_required=self.signatories_required,
        )

    def clean(self) -> None:
        try:
            self.as_rule()
        except ValueError as error:
            raise ValidationError(str(error)) from error


class ClosureDay(models.Model):
    """A day the authority's offices are shut beyond weekends and bank holidays."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        related_name="closure_days",
        verbose_name=_("authority"),
    )
    date = models.DateField(_("date"))
    reason = models.CharField(
        _("reason"), max_length=200, help_text=_("Such as Christmas closure.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["authority", "date"]
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        constraints = [
            UniqueConstraint(
                fields=["authority", "date"],
                name="closure_day_unique",
                field="date",
                violation_error_message=_("This day is already recorded as a closure day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.reason}"
