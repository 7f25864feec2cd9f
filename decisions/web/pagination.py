from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """A paginator that never counts more than `count_cap` + 1 rows.

    On a register of 100,000 decisions, counting every match on every page view is the
    slowest part of the page; past the cap the register says "more than 10,000" instead.
    """

    count_cap = 10_000

    @cached_property
    def count(self) -> int:
        # Count bare keys: the listing's ordering and annotations (such as a search rank)
        # cost time and change nothing in the number.
        return self.object_list.order_by().values("pk")[: self.count_cap + 1].count()

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.count_cap
