"""Closed sets used across the register, named in the councils' own words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Nation(models.TextChoices):
    """Decides which bank holidays apply (the values decisions.rules.working_days takes)."""

    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")
    SCOTLAND = "scotland", _("Scotland")
    NORTHERN_IRELAND = "northern_ireland", _("Northern Ireland")


class DayKind(models.TextChoices):
    WORKING = "working", _("Working days")
    CALENDAR = "calendar", _("Calendar days")


class Anchor(models.TextChoices):
    PUBLICATION = "publication", _("Publication of the decision")
    DECISION = "decision", _("Date of decision")


class EffectiveConvention(models.TextChoices):
    DAY_AFTER = "day_after", _("The day after the deadline")
    DEADLINE_DAY = "deadline_day", _("The deadline day itself")
    NEXT_WORKING_DAY = "next_working_day", _("The next working day after the deadline")


class ExemptParagraph(models.TextChoices):
    """Schedule 12A to the Local Government Act 1972, Part 1 (England)."""

    P1 = "1", _("1 – Information relating to any individual")
    P2 = "2", _("2 – Information likely to reveal the identity of an individual")
    P3 = "3", _("3 – Financial or business affairs of any particular person")
    P4 = "4", _("4 – Labour relations consultations or negotiations")
    P5 = "5", _("5 – Legal professional privilege")
    P6 = "6", _("6 – Notices, orders or directions under any enactment")
    P7 = "7", _("7 – Prevention, investigation or prosecution of crime")


class Precision(models.TextChoices):
    """How exactly a printed figure was stated: "£18,116,521", "circa £760,000", "up to 9 …"."""

    EXACT = "exact", _("Exact")
    APPROXIMATE = "approximate", _("Approximate (circa, about, around)")
    AT_MOST = "at_most", _("At most (up to)")
    AT_LEAST = "at_least", _("At least (just over, more than)")


class FundingKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    LIABILITY = "liability", _("Liability")
    ESTIMATE = "estimate", _("Estimate")
    SPEND = "spend", _("Spend")
    SAVING = "saving", _("Saving")


class FundingRecurrence(models.TextChoices):
    ONE_OFF = "one_off", _("One-off")
    PER_YEAR = "per_year", _("Per year")
    PER_MONTH = "per_month", _("Per month")
    PER_WEEK = "per_week", _("Per week")
    PER_HOUR = "per_hour", _("Per hour")


class FundingSource(models.TextChoices):
    NOT_STATED = "", _("Not stated")
    COUNCIL_BUDGET = "council_budget", _("Council budget")
    BETTER_CARE_FUND = "better_care_fund", _("Better Care Fund")
    RESERVE = "reserve", _("Reserve")
    GRANT = "grant", _("Grant")
    CAPITAL = "capital", _("Capital programme")
    OTHER = "other", _("Other")
