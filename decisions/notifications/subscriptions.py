"""Who follows which decision: the follow button, and which of a page's decisions are followed."""

from decisions.models import (
    Decision,
    Subscription,
)
from decisions.types import User


def subscription_toggle(*, user: User, decision: Decision, following: bool | None = None) -> bool:
    """Follow a decision (True) or stop (False): one subscription per user and decision.

    `following` is what the button pressed asked for; without it, the current state is
    reversed. Two presses arriving together never fail: the insert gives way to a
    subscription another request has just made (the partial unique constraint), and a
    delete of one already gone deletes nothing.
    """
    subscriptions = Subscription.objects.filter(user=user, decision=decision)
    if following is None:
        following = not subscriptions.exists()
    if not following:
        subscriptions.delete()
        return False
    Subscription.objects.bulk_create(
        [Subscription(user=user, decision=decision)], ignore_conflicts=True
    )
    return True


def followed_among(user: User, decisions: list[Decision]) -> set[int]:
    """The ids of those of `decisions` that `user` follows."""
    return set(
        Subscription.objects.filter(
            user=user, decision__in=[decision.pk for decision in decisions]
        ).values_list("decision_id", flat=True)
    )
