"""Who made a change, and why, for the history django-simple-history keeps of every record."""

from typing import TypeVar

from django.db.models import Model

from decisions.types import User

Recorded = TypeVar("Recorded", bound=Model)


def attributed(instance: Recorded, by: User | None, reason: str = "") -> Recorded:
    """The instance, its next save recorded in its history as made by `by`, for `reason`."""
    setattr(instance, "_history_user", by)  # noqa: B010 - simple-history reads this attribute
    if reason:
        setattr(instance, "_change_reason", reason)  # noqa: B010 - and this one
    return instance
