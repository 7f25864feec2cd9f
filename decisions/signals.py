"""Keep each decision's `updated_at` true when a record shown on its page changes."""

from django.db.models.signals import post_delete, post_save

from decisions.models import (
    CallIn,
    CallInSignature,
    DeclaredInterest,
    Delegation,
    Document,
    ForwardPlanEntry,
    Option,
    Recommendation,
    RelatedDecision,
    ReportSection,
    Risk,
)
from decisions.register.services import decision_touch

PARTS_OF_A_DECISION = [
    CallIn,
    DeclaredInterest,
    Delegation,
    Document,
    ForwardPlanEntry,
    Option,
    Recommendation,
    RelatedDecision,
    ReportSection,
    Risk,
]


def touch_decision(sender: type, instance: object, raw: bool = False, **kwargs: object) -> None:
    if not raw:
        decision_touch(decision_ids=[instance.decision_id])


def touch_called_in_decision(
    sender: type, instance: CallInSignature, raw: bool = False, **kwargs: object
) -> None:
    if not raw:
        decision_touch(
            decision_ids=CallIn.objects.filter(pk=instance.call_in_id).values_list(
                "decision_id", flat=True
            )
        )


def connect() -> None:
    for model in PARTS_OF_A_DECISION:
        post_save.connect(touch_decision, sender=model, dispatch_uid=f"touch-{model.__name__}")
        post_delete.connect(touch_decision, sender=model, dispatch_uid=f"untouch-{model.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(
            touch_called_in_decision, sender=CallInSignature, dispatch_uid=f"sig-{signal}"
        )
