from datetime import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q

from decisions.models import Decision


def contract_is_public(at: datetime | None = None, contract: str = "pk") -> Q:
    """A contract authorised by a public decision, or by no decision in the register.

    One authorised only by exempt, confidential or unpublished decisions would reveal what
    those decisions withhold. `contract` is the path from the outer query to the contract.
    """
    from commissioning.models import Contract

    authorisations = Contract.decisions.through.objects.filter(contract=OuterRef(contract))
    public = authorisations.filter(decision__in=Decision.objects.public(at))
    return Exists(public) | ~Exists(authorisations)


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
