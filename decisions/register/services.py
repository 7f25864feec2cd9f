from collections.abc import Iterable

from django.utils import timezone

from decisions.models import (
    Decision,
)


def decision_touch(*, decision_ids: Iterable[int | None]) -> None:
    """Mark decisions as changed now, when a record shown on their page changes.

    Their pages answer conditional requests from `updated_at` (Last-Modified and ETag).
    """
    ids = {pk for pk in decision_ids if pk is not None}
    if ids:
        Decision.objects.filter(pk__in=ids).update(updated_at=timezone.now())
