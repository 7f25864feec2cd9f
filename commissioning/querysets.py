from datetime import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q

from decisions.models import Decision


def contract_is_public(at: datetime | None = None, contract: str = "pk") -> Q:
    """A contract tied to a public decision, or tied to no decision in the register.

    A contract is tied to the decisions that authorised it, and to those whose funding lines or
    service figures name it; one tied only to exempt, confidential or unpublished decisions
    would reveal what they withhold. (An extension option decided in private is withheld on
    its own.) `contract` is the path from the outer query to the contract.
    """
    from commissioning.models import Contract, FundingLine, ServiceVolume

    public = Decision.objects.public(at)
    tied = Q()
    public_tie = Q()
    for records, link in (
        (Contract.decisions.through.objects, "decision"),
        (FundingLine.objects, "decision"),
        (ServiceVolume.objects, "decision"),
    ):
        ties = records.filter(contract=OuterRef(contract), **{f"{link}__isnull": False})
        tied |= Exists(ties)
        public_tie |= Exists(ties.filter(**{f"{link}__in": public}))
    return public_tie | ~tied


class ContractQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "ContractQuerySet":
        return self.filter(contract_is_public(at))


class FundingLineQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "FundingLineQuerySet":
        """Lines of public decisions, or of public contracts with no decision of their own."""
        return self.filter(
            Q(decision__in=Decision.objects.public(at))
            | Q(Q(decision__isnull=True), contract_is_public(at, "contract"))
        )


class ContractExtensionQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "ContractExtensionQuerySet":
        """Extension options not decided by an exempt, confidential or unpublished decision."""
        return self.filter(Q(decision__isnull=True) | Q(decision__in=Decision.objects.public(at)))


class ServiceVolumeQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "ServiceVolumeQuerySet":
        return self.filter(
            Q(decision__in=Decision.objects.public(at))
            | Q(Q(decision__isnull=True), contract_is_public(at, "contract"))
        )
