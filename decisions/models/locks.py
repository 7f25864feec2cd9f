"""The rows a write locks before it reads them again, named once.

Each service that changes a report, decision, call-in or sign-off inside a transaction takes the
row from here, so two requests at once queue on the same row in the same way. The notifications
worker locks its own rows (`of=("self",)`), as PostgreSQL cannot lock the empty side of a join.
"""

from django.db.models import QuerySet

from decisions.models.decision import Decision
from decisions.models.drafts import SignOff
from decisions.models.querysets import DecisionQuerySet
from decisions.models.report import Report
from decisions.models.scrutiny import CallIn


def decisions_for_update() -> DecisionQuerySet:
    return Decision.objects.select_for_update()


def reports_for_update() -> QuerySet[Report]:
    return Report.objects.select_for_update()


def call_ins_for_update() -> QuerySet[CallIn]:
    return CallIn.objects.select_for_update()


def sign_offs_for_update() -> QuerySet[SignOff]:
    """A sign-off with its report read in the same statement (the report is locked too)."""
    return SignOff.objects.select_for_update().select_related("report")
