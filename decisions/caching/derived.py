"""Answers worked out in Python from many records, kept in the shared cache as the pages are:
until the register's generation moves on, or the clock changes them (clock.py).

The register's call-in status filter is one: a decision with call-in requests has the status
the call-in rule gives it in Python (a request's validity depends on its signatures and the rule
in force), which for the thousands of such decisions of a national register takes seconds. It
is worked out once per change to the register and shared by every page that filters by it.

Only with the page cache on (a shared cache, which every process's changes move on): elsewhere,
and for a moment other than now, it is worked out each time.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from decisions.caching import clock, generation

T = TypeVar("T")

# A moment this close to now is now.
NOW = timedelta(seconds=1)


def remembered(name: str, compute: Callable[[], T], at: datetime | None = None) -> T:
    """`compute()`, as of `at` (now by default), from the shared cache when it is there."""
    now = timezone.now()
    if not settings.PAGE_CACHE or (at is not None and abs(at - now) > NOW):
        return compute()
    current = generation.current()
    key = f"register:derived:{name}:{current}"
    value = cache.get(key)
    if value is None:
        value = compute()
        until = clock.next_change(current, now)
        cache.set(key, value, timeout=max(1, int((until - now).total_seconds())))
    return value
