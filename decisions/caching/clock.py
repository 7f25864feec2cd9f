"""When the clock alone next changes what a public page says (see rules.call_in.next_moment)."""

from datetime import date, datetime, time

from django.core.cache import cache
from django.utils import timezone

from decisions.models import CallInRuleVersion, Decision
from decisions.rules.call_in import LONDON, next_moment


def closing_times_today(today: date) -> set[time]:
    """The times of day at which a call-in window may close today: every council's rule's
    deadline time (a deadline computed from the rule closes then), and the deadline times
    recorded on decisions whose window ends today."""
    from_rules = (
        CallInRuleVersion.objects.exclude(deadline_time=None)
        .order_by()
        .values_list("deadline_time", flat=True)
        .distinct()
    )
    recorded = (
        Decision.objects.filter(call_in_deadline=today)
        .exclude(call_in_deadline_time=None)
        .order_by()
        .values_list("call_in_deadline_time", flat=True)
        .distinct()
    )
    return {moment for moment in [*from_rules, *recorded] if moment is not None}


def next_change(generation: int, at: datetime | None = None) -> datetime:
    """The next instant a public page may read differently with no record changed.

    The times of day are read once per generation and day, and kept in the cache beside the
    pages: they change only when a record does.
    """
    at = at or timezone.now()
    today = at.astimezone(LONDON).date()
    key = f"register:closing-times:{generation}:{today.isoformat()}"
    times = cache.get(key)
    if times is None:
        times = sorted(closing_times_today(today))
        cache.set(key, times, timeout=26 * 3600)
    return next_moment(at, times)
