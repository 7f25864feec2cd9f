import json
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet

# A query the planner expects to match this many times the cap, and at least ESTIMATE_FLOOR
# rows, is taken to have more than the cap, without counting them. The planner's estimate of a
# common word's matches, or of a whole register, is within a small factor; the margin leaves it
# room, and the floor keeps a small or never analysed table (whose estimate is a guess of a few
# hundred rows) counted.
ESTIMATE_MARGIN = 5
ESTIMATE_FLOOR = 10_000


def estimated_rows(queryset: QuerySet) -> int | None:
    """How many rows PostgreSQL's planner expects `queryset` to give (None elsewhere)."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    # A query Django knows to be empty (pk IN ()) is never sent, and explains as "".
    explained = queryset.explain(format="json")
    if not explained:
        return 0
    return int(json.loads(explained)[0]["Plan"]["Plan Rows"])


def capped_count(queryset: QuerySet, cap: int) -> int:
    """The number of rows, counted up to `cap` + 1 and no further.

    Counting even that far reads cap + 1 matches (a common word's, through its full text
    index, takes tens of milliseconds on 1,000,000 decisions); where the planner expects far
    more than the cap, `cap` + 1 is said without counting.
    """
    # Bare keys: the listing's ordering and annotations (such as a search rank) cost time and
    # change nothing in the number.
    keys = queryset.order_by().values("pk")
    estimate = estimated_rows(keys)
    if estimate is not None and estimate > max(cap * ESTIMATE_MARGIN, ESTIMATE_FLOOR):
        return cap + 1
    return keys[: cap + 1].count()


class CappedPaginator(Paginator):
    """A paginator that never counts more than `count_cap` + 1 rows.

    On a register of 100,000 decisions, counting every match on every page view is the
    slowest part of the page; past the cap the register says "more than 10,000" instead.
    """

    count_cap = 10_000

    @cached_property
    def count(self) -> int:
        return capped_count(self.object_list, self.count_cap)

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.count_cap
