"""Contracts, funding lines and service volumes appear on the pages of their decisions."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from commissioning.models import Contract, ContractExtension, FundingLine, ServiceVolume
from decisions.register.services import decision_touch


def touch_decision(sender: type, instance: object, raw: bool = False, **kwargs: object) -> None:
    if not raw:
        decision_touch(decision_ids=[instance.decision_id])


def touch_contract_decisions(
    sender: type, instance: Contract, raw: bool = False, **kwargs: object
) -> None:
    if not raw and instance.pk:
        decision_touch(decision_ids=instance.decisions.values_list("pk", flat=True))


def touch_linked_decisions(
    sender: type, instance: Contract, action: str, pk_set: set | None, **kwargs: object
) -> None:
    if action in ("post_add", "post_remove", "pre_clear") and isinstance(instance, Contract):
        decision_touch(decision_ids=pk_set or instance.decisions.values_list("pk", flat=True))


def connect() -> None:
    for model in (FundingLine, ServiceVolume, ContractExtension):
        post_save.connect(touch_decision, sender=model, dispatch_uid=f"touch-{model.__name__}")
        post_delete.connect(touch_decision, sender=model, dispatch_uid=f"untouch-{model.__name__}")
    post_save.connect(touch_contract_decisions, sender=Contract, dispatch_uid="touch-contract")
    m2m_changed.connect(
        touch_linked_decisions, sender=Contract.decisions.through, dispatch_uid="touch-links"
    )
