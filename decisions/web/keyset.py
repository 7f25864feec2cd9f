"""Keyset pages: a queryset read a page at a time, each from where the last one ended.

An OFFSET makes the database step over every earlier row (the 10,000th page of 50 reads half a
million rows); a keyset asks instead for the rows after the last one seen, in the queryset's own
order, which an index answers as fast at any depth. The order must be total, so the primary key
ends it (added when the queryset's order does not end in it).

NULLs sort last ascending on PostgreSQL and first on SQLite, or where `nulls_first`/`nulls_last`
put them: each term of the order knows which side of the values its NULLs fall, and "after"
follows the order the database itself gives.

Used by the API's pages (decisions/api/pagination.py) and the CSV download's batches
(decisions/register/csv.py).
"""

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import reduce
from operator import or_

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections
from django.db.models import F, FloatField, IntegerField, Model, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.db.models.functions import Cast
from django.db.models.options import Options

# What a 64-bit integer column can be compared with on every database (SQLite refuses more).
LARGEST_INTEGER = 2**63 - 1


@dataclass(frozen=True)
class Term:
    """One term of an order: the value it sorts on, its direction, and where its NULLs go."""

    name: str  # as in order_by: a field, a path through relations, or an annotation
    descending: bool
    nulls_after: bool  # NULL sorts after every value, in this direction
    key: str  # the annotation holding the value, for reading it and comparing with it
    nullable: bool = True

    def reversed(self) -> "Term":
        return replace(self, descending=not self.descending, nulls_after=not self.nulls_after)

    def _is_null(self, null: bool = True) -> Q:
        return Q(**{f"{self.key}__isnull": null})

    def same(self, value: object) -> Q:
        return self._is_null() if value is None else Q(**{self.key: value})

    def beyond(self, value: object) -> Q | None:
        """The rows this term puts after `value`; None when there are none."""
        if value is None:
            return None if self.nulls_after else self._is_null(False)
        beyond = Q(**{f"{self.key}__{'lt' if self.descending else 'gt'}": value})
        return beyond | self._is_null() if self.nulls_after and self.nullable else beyond

    def at_or_beyond(self, value: object) -> Q:
        """`beyond` or `same`, as one range the database can start an index scan at."""
        if value is None:
            return self._is_null() if self.nulls_after else Q()
        bound = Q(**{f"{self.key}__{'lte' if self.descending else 'gte'}": value})
        return bound | self._is_null() if self.nulls_after and self.nullable else bound


def ordering(queryset: QuerySet) -> list[object]:
    """The queryset's order_by, or its model's default ordering."""
    query = queryset.query
    if query.order_by or not query.default_ordering:
        return list(query.order_by)
    return list(queryset.model._meta.ordering)


def order_of(queryset: QuerySet) -> list[tuple[str, bool, bool | None]]:
    """(name, descending, NULLs last or first or as the database puts them) for each term."""
    if not queryset.query.standard_ordering:
        raise TypeError("A keyset reads a queryset in its own order: reverse it with before().")
    terms = []
    for item in ordering(queryset):
        if isinstance(item, str) and item != "?" and "." not in item:
            terms.append((item.removeprefix("-"), item.startswith("-"), None))
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            nulls_last = True if item.nulls_last else (False if item.nulls_first else None)
            terms.append((item.expression.name, item.descending, nulls_last))
        else:
            raise TypeError(f"A keyset needs an order of fields or annotations, not {item!r}.")
    return terms


class Keyset:
    """`queryset` in its own order, a page at a time: `first()`, then `after(position)` of the
    last row of each page (or `before(position)` of the first, for the page before it)."""

    def __init__(self, queryset: QuerySet) -> None:
        order = order_of(queryset)
        meta = queryset.model._meta
        if not order or order[-1][0] not in ("pk", meta.pk.name, meta.pk.attname):
            # Rows that tie on every term would be skipped or repeated: end on the key.
            descending = order[-1][1] if order else False
            queryset = queryset.order_by(*ordering(queryset), "-pk" if descending else "pk")
            order.append(("pk", descending, None))
        nulls_largest = connections[queryset.db].features.nulls_order_largest
        annotations = queryset.query.annotations
        self.terms = []
        keys = {}
        for index, (name, descending, nulls_last) in enumerate(order):
            key = f"keyset_{index}"
            value = F(name)
            if name in annotations and isinstance(annotations[name].output_field, FloatField):
                # A computed float (a search rank) may be single precision; compared as read,
                # in double precision, it is found again exactly.
                value = Cast(name, FloatField())
            keys[key] = value
            nulls_after = nulls_last if nulls_last is not None else descending != nulls_largest
            self.terms.append(
                Term(name, descending, nulls_after, key, nullable=self._nullable(meta, name))
            )
        self.queryset = queryset.annotate(**keys)

    @staticmethod
    def _nullable(meta: Options, name: str) -> bool:
        """Whether the term can be NULL: unless it is a NOT NULL column of the model itself (a
        column across a relation may be NULL for want of the related row)."""
        if name == "pk":
            return False
        try:
            return meta.get_field(name).null
        except FieldDoesNotExist:  # an annotation, or a path through a relation
            return True

    @property
    def signature(self) -> str:
        """The order, as the terms of order_by: a position means nothing in another order."""
        return ",".join(f"{'-' if term.descending else ''}{term.name}" for term in self.terms)

    def first(self) -> QuerySet:
        return self.queryset

    def after(self, position: Sequence[object]) -> QuerySet:
        """The rows after the one at `position`, in order."""
        return self._beyond(self.queryset, self.terms, position)

    def before(self, position: Sequence[object]) -> QuerySet:
        """The rows before the one at `position`, nearest first (the order reversed)."""
        return self._beyond(
            self.queryset.reverse(), [term.reversed() for term in self.terms], position
        )

    @staticmethod
    def _beyond(queryset: QuerySet, terms: list[Term], position: Sequence[object]) -> QuerySet:
        # (a, b, pk) after (x, y, p): a after x, or a = x and b after y, or a = x, b = y, pk > p.
        clauses = []
        for index, term in enumerate(terms):
            beyond = term.beyond(position[index])
            if beyond is not None:
                ties = [terms[earlier].same(position[earlier]) for earlier in range(index)]
                clauses.append(Q(*ties, beyond))
        if not clauses:
            return queryset.none()
        return queryset.filter(terms[0].at_or_beyond(position[0]), reduce(or_, clauses))

    def position(self, row: Model) -> tuple[object, ...]:
        """Where `row`, read from this keyset's queryset, is in the order."""
        return tuple(getattr(row, term.key) for term in self.terms)

    def parse(self, values: Sequence[object]) -> tuple[object, ...]:
        """A position from values as JSON gives them back (dates as text); ValueError if they
        cannot be one in this order."""
        if len(values) != len(self.terms):
            raise ValueError("A position has one value for each term of the order.")
        annotations = self.queryset.query.annotations
        return tuple(
            self._parse(annotations[term.key].output_field, value)
            for term, value in zip(self.terms, values, strict=True)
        )

    @staticmethod
    def _parse(field: object, value: object) -> object:
        if value is None:
            return None
        if not isinstance(value, str | int | float) or (
            isinstance(value, float) and not math.isfinite(value)
        ):
            raise ValueError("Not a value a position holds.")
        # PostgreSQL refuses a NUL in text.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Not a value a position holds.")
        try:
            parsed = field.to_python(value)  # type: ignore[attr-defined]
        except (ValidationError, TypeError, ValueError) as error:
            raise ValueError("Not a value a position holds.") from error
        if isinstance(field, IntegerField) and not -LARGEST_INTEGER <= parsed <= LARGEST_INTEGER:
            raise ValueError("Not a value a position holds.")
        return parsed


def batches(queryset: QuerySet, size: int) -> Iterator[list[Model]]:
    """Every row of `queryset` in its order, `size` at a time: each batch is one short query
    (and its prefetches), so that no statement runs for as long as the whole reading."""
    keyset = Keyset(queryset)
    rows = list(keyset.first()[:size])
    while rows:
        yield rows
        if len(rows) < size:
            return
        rows = list(keyset.after(keyset.position(rows[-1]))[:size])
