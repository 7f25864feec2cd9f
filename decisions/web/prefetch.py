"""Prefetching a record's parts, asking first which of them it has.

A decision's page shows a score of parts (risks, options, documents, citations, interests…),
and most decisions have only a few of them. Prefetching each is a query whether or not it has
rows; `prefetch_present` asks in one query which relations have any (for one record, or for
any of a page of them), prefetches only those, and gives the rest an empty result without
going to the database.
"""

from collections.abc import Sequence
from functools import lru_cache

from django.db import connections, models
from django.db.models import Prefetch, prefetch_related_objects

Lookup = str | Prefetch


def _name(lookup: Lookup) -> str:
    """The relation of the instance a lookup starts from: "delegations" of "delegations__x"."""
    path = lookup.prefetch_through if isinstance(lookup, Prefetch) else lookup
    return path.split("__", 1)[0]


def _rows_of(model: type[models.Model], name: str) -> tuple[str, str]:
    """The table holding the relation's rows and its column pointing at the instance."""
    field = model._meta.get_field(name)
    if isinstance(field, models.ManyToManyField):
        return field.remote_field.through._meta.db_table, field.m2m_column_name()
    if isinstance(field, models.ManyToManyRel):
        return field.through._meta.db_table, field.field.m2m_reverse_name()
    if isinstance(field, (models.ManyToOneRel, models.OneToOneRel)):
        return field.related_model._meta.db_table, field.field.column
    raise ValueError(f"{model._meta.label}.{name} is not a relation to many rows.")


@lru_cache(maxsize=64)
def _question(model: type[models.Model], names: tuple[str, ...], keys: int, alias: str) -> str:
    quote = connections[alias].ops.quote_name
    marks = ", ".join(["%s"] * keys)
    asks = []
    for name in names:
        table, column = _rows_of(model, name)
        asks.append(f"EXISTS (SELECT 1 FROM {quote(table)} WHERE {quote(column)} IN ({marks}))")
    return "SELECT " + ", ".join(asks)


def _as_list(instances: models.Model | Sequence[models.Model]) -> list[models.Model]:
    return [instances] if isinstance(instances, models.Model) else list(instances)


def relations_with_rows(
    instances: models.Model | Sequence[models.Model], names: Sequence[str]
) -> set[str]:
    """Which of the relations `names` have at least one row for any of the instances (one
    record, or a page of records of one model): one query."""
    records = _as_list(instances)
    if not names or not records:
        return set()
    alias = records[0]._state.db or "default"
    connection = connections[alias]
    keys = [record.pk for record in records]
    sql = _question(type(records[0]), tuple(names), len(keys), alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, keys * len(names))
        answers = cursor.fetchone()
    return {name for name, has_rows in zip(names, answers, strict=True) if has_rows}


def prefetch_present(
    instances: models.Model | Sequence[models.Model], lookups: Sequence[Lookup]
) -> None:
    """Prefetch `lookups` on the instances (one record, or a page of them), reading only the
    relations that have rows for any of them.

    An empty relation is prefetched from `none()`: its manager then answers with nothing, as
    an ordinary prefetch would, and no query is made for it.
    """
    records = _as_list(instances)
    if not records:
        return
    if any(isinstance(lookup, Prefetch) and lookup.to_attr for lookup in lookups):
        raise ValueError("prefetch_present fills relations, not to_attr lists.")
    names = list(dict.fromkeys(_name(lookup) for lookup in lookups))
    present = relations_with_rows(records, names)
    model = type(records[0])
    chosen = [lookup for lookup in lookups if _name(lookup) in present] + [
        Prefetch(name, queryset=model._meta.get_field(name).related_model._default_manager.none())
        for name in names
        if name not in present
    ]
    prefetch_related_objects(records, *chosen)
