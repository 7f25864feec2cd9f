"""The register's generation: one number in the shared cache that every change to a record moves
on, so that a page cached before the change is never served after it.

Each cached page is stored with the generation it was built in, read before the page was built,
and served only while the generation is the same. A change moves the generation on once its
transaction has committed, so a page built from the old rows, or built while the change was
being made, is never served once the change can be seen.

If the shared cache loses the number (a restart, an eviction), it starts again from the clock in
nanoseconds, above any generation a page could have been stored with.
"""

import time

from django.apps import apps
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

KEY = "register:generation"

# Records no public page, feed, export or PDF shows: who follows what, and the emails sent.
PRIVATE_MODELS = {"decisions.notification", "decisions.subscription"}


def current() -> int:
    """The generation now, starting one if the cache has none."""
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, time.time_ns(), timeout=None)
        value = cache.get(KEY)
    return int(value)


def _move_on() -> None:
    try:
        cache.incr(KEY)
    except ValueError:
        # No generation to move on from: a fresh one is above every one pages were stored with.
        cache.add(KEY, time.time_ns(), timeout=None)


def register_changed(using: str | None = None) -> None:
    """Drop every cached page: call after a change the model signals do not see (a bulk write,
    a queryset update, an import). Takes effect when the current transaction commits."""
    transaction.on_commit(_move_on, using=using)


def _changed(
    sender: type[models.Model], raw: bool = False, using: str | None = None, **_: object
) -> None:
    if not raw:
        register_changed(using)


def shown_in_public(model: type[models.Model]) -> bool:
    """Whether a change to a row of `model` can change a public page: the register's own models,
    but not their history tables or the private ones."""
    label = model._meta.label_lower
    return (
        model._meta.app_label in ("decisions", "commissioning")
        and label not in PRIVATE_MODELS
        and not (model._meta.model_name or "").startswith("historical")
    )


def connect() -> None:
    for model in apps.get_models(include_auto_created=True):
        if not shown_in_public(model):
            continue
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
        if model._meta.auto_created:
            m2m_changed.connect(_changed, sender=model, dispatch_uid=f"{uid}-m2m")
