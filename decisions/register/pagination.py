"""Numbered pages of the register's lists (decisions, contracts, the forward plan), as deep as
the count cap and no deeper, each read as quickly as the first.

A page is read in two steps: the keys of its rows, in the list's order (the database steps over
the earlier rows reading keys alone), then those rows whole, with what they show. Pages past
the cap are not offered: "more than 2,000" is counted, and the 100 pages of 20 that hold them
are as deep as anyone reads; a narrower search finds the rest.
"""

from math import ceil

from django.core.paginator import EmptyPage, InvalidPage, Page, PageNotAnInteger
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from decisions.web.pagination import CappedPaginator


class RegisterPaginator(CappedPaginator):
    """A CappedPaginator of at most `count_cap // per_page` pages, read keys first.

    The register's pages count to 2,000: a count stops only once it has found that many rows,
    and a filter that matches one decision in twelve (a ward, say) reads 24,000 of them to find
    2,000, 120,000 to find 10,000 (90 ms on 1,000,000 decisions). The API counts to 10,000.

    `count`, when given, is the capped count already made (such as the one a search's order was
    chosen by), so that it is not counted twice.
    """

    count_cap = 2_000

    def __init__(self, object_list: QuerySet, per_page: int, *, count: int | None = None) -> None:
        super().__init__(object_list, per_page)
        if count is not None:
            self.__dict__["count"] = count

    @property
    def max_pages(self) -> int:
        return max(1, self.count_cap // self.per_page)

    @property
    def num_pages(self) -> int:  # type: ignore[override]  # a plain property, capped
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        return min(ceil(max(1, self.count - self.orphans) / self.per_page), self.max_pages)

    @property
    def pages_are_capped(self) -> bool:
        return self.count > self.max_pages * self.per_page

    def page(self, number: object) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        found = {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)}
        return self._get_page([found[key] for key in keys if key in found], number, self)

    def problem(self, error: InvalidPage, noun: str) -> str:
        """What to tell someone who asked for a page there is not (`noun`: "decisions")."""
        if isinstance(error, PageNotAnInteger):
            return str(_("Enter a page number, like 2."))
        if isinstance(error, EmptyPage) and self.pages_are_capped:
            return str(
                _(
                    "Only the first %(pages)d pages of %(noun)s are shown. Search for more "
                    "words or choose filters to find the others."
                )
                % {"pages": self.max_pages, "noun": noun}
            )
        return ngettext(
            "There is no such page: the %(noun)s fill %(pages)d page.",
            "There is no such page: the %(noun)s fill %(pages)d pages.",
            self.num_pages,
        ) % {"noun": noun, "pages": self.num_pages}
