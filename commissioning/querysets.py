from datetime import date, datetime
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import (
    Case,
    CharField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from decisions.models.querysets import has_row, is_public, public_decision


def contract_is_public(at: datetime | None = None, contract: str = "pk") -> Q:
    """A contract tied to a public decision, or tied to no decision in the register.

    A contract is tied to the decisions that authorised it, and to those whose funding lines or
    service figures name it; one tied only to exempt, confidential or unpublished decisions
    would reveal what they withhold. (An extension option decided in private is withheld on
    its own.) `contract` is the path from the outer query to the contract.

    Each tie is a probe of the contract's own rows (has_row), taken in order and only as far
    as needed: a contract its authorising decision makes public costs two index lookups,
    however many decisions the register holds.
    """
    from commissioning.models import Contract, FundingLine, ServiceVolume

    ties = [
        records.filter(contract=OuterRef(contract), decision__isnull=False)
        for records in (
            Contract.decisions.through.objects,
            FundingLine.objects,
            ServiceVolume.objects,
        )
    ]
    public_ties = [Q(has_row(tie.filter(is_public(at, "decision__")))) for tie in ties]
    untied = ~reduce(or_, [Q(has_row(tie)) for tie in ties])
    return reduce(or_, [*public_ties, untied])


def contract_effective_end(extensions: QuerySet | None = None) -> Coalesce:
    """SQL for Contract.effective_end: the end date, or an exercised extension's, if later.

    `extensions` are the extension options that count (such as only the public ones).
    """
    from commissioning.models import ContractExtension

    latest_exercised = Subquery(
        (extensions if extensions is not None else ContractExtension.objects.all())
        .filter(
            contract=OuterRef("pk"),
            status=ContractExtension.Status.EXERCISED,
            latest_end__isnull=False,
        )
        .order_by("-latest_end")
        .values("latest_end")[:1]
    )
    # GREATEST is NULL on SQLite when either side is: give each side the other as a fallback.
    return Greatest(Coalesce("end_date", latest_exercised), Coalesce(latest_exercised, "end_date"))


def contract_status(on: date) -> Case:
    """SQL for Contract.current_status on `on`, over an `effective_end` alias.

    The same order as commissioning.rules.status_from_dates: a recorded status first, then
    planned before the start, ended after the end, active between; "" when nothing settles it.
    """
    from commissioning.models import Contract

    return Case(
        When(~Q(status=""), then=F("status")),
        When(start_date__gt=on, then=Value(Contract.Status.PLANNED)),
        When(effective_end__lt=on, then=Value(Contract.Status.ENDED)),
        When(
            start_date__isnull=False,
            effective_end__isnull=False,
            then=Value(Contract.Status.ACTIVE),
        ),
        default=Value(""),
        output_field=CharField(),
    )


class ContractQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "ContractQuerySet":
        return self.filter(contract_is_public(at))

    def with_current_status(
        self, on: date | None = None, extensions: QuerySet | None = None
    ) -> "ContractQuerySet":
        """Annotate `derived_status`, what Contract.current_status(on) gives ("" for None).

        `extensions` are the extension options that may extend a contract; all by default.
        """
        return self.alias(effective_end=contract_effective_end(extensions)).annotate(
            derived_status=contract_status(on or timezone.localdate())
        )

    def with_status(
        self, status: str, on: date | None = None, extensions: QuerySet | None = None
    ) -> "ContractQuerySet":
        """Contracts whose current status on `on` is `status`, as with_current_status says;
        the status is worked out in the filter only, not fetched."""
        return (
            self.alias(effective_end=contract_effective_end(extensions))
            .alias(derived_status=contract_status(on or timezone.localdate()))
            .filter(derived_status=status)
        )

    def latest_end_first(self) -> "ContractQuerySet":
        """Ending latest first, undated last, then by title: the contracts register's order,
        read from an index on PostgreSQL (decisions migration 0013)."""
        return self.order_by(F("end_date").desc(nulls_last=True), "title", "pk")


# The parts of a contract (funding lines, extensions, service figures) are public when the
# decision they belong to is (a probe of that one decision, public_decision), or, belonging to
# none, when their contract is.


class FundingLineQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "FundingLineQuerySet":
        """Lines of public decisions, or of public contracts with no decision of their own."""
        return self.filter(
            Q(Q(decision__isnull=False), public_decision(at))
            | Q(Q(decision__isnull=True), contract_is_public(at, "contract"))
        )


class ContractExtensionQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "ContractExtensionQuerySet":
        """Extension options not decided by an exempt, confidential or unpublished decision."""
        return self.filter(Q(decision__isnull=True) | Q(public_decision(at)))


class ServiceVolumeQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "ServiceVolumeQuerySet":
        return self.filter(
            Q(Q(decision__isnull=False), public_decision(at))
            | Q(Q(decision__isnull=True), contract_is_public(at, "contract"))
        )
