"""Which database each query goes to: the primary, or a read replica for the public's reads.

With DATABASE_REPLICA_URL set, the settings add a `replica` database, a copy of the primary kept
by PostgreSQL's replication. The reads of an anonymous visitor's GET or HEAD of a public page
(the register, its feeds, downloads and API) go to it; everything else goes to the primary:
every write, every signed-in request, the admin, the workspace and accounts, sessions and users,
and the rest of any request once it has written something, so that it reads what it wrote.

A router is not told which request a query belongs to, so PublicReadsMiddleware
(councilgov/middleware.py) runs the request inside `public_reads()`, which this module's router
reads from a context variable (each thread and each asyncio task has its own). A response
streamed after its view has returned (the CSV download) is outside it: such a view reads
`public_read_alias()` while it runs and pins its querysets to that database.

A replica may lag the primary by a moment; only anonymous readers see it, and what they read is
never written back.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

REPLICA = "replica"

# The apps whose records the public register shows. Sessions, users, sign-in attempts and tasks
# are read on the primary even in a public request: a session written a moment ago must be
# found by the next request.
PUBLIC_APPS = frozenset({"decisions", "commissioning"})


@dataclass
class PublicRead:
    """A public request in progress; `wrote` once it has written to the primary."""

    wrote: bool = False


_public_read: ContextVar[PublicRead | None] = ContextVar("public_read", default=None)


@contextmanager
def public_reads() -> Iterator[None]:
    """Send the public register's reads to the replica, until something is written."""
    token = _public_read.set(PublicRead())
    try:
        yield
    finally:
        _public_read.reset(token)


def replica_alias() -> str | None:
    """The replica's alias, when one is configured and is a database of its own.

    Under test the replica is a mirror of the primary's test database (TEST MIRROR in the
    settings): the same database, so it is read through the primary's connection, which sees
    the test's own uncommitted rows.
    """
    if REPLICA not in connections.settings:
        return None
    replica = connections.settings[REPLICA]
    primary = connections.settings[DEFAULT_DB_ALIAS]
    keys = ("ENGINE", "HOST", "PORT", "NAME")
    if all(replica.get(key) == primary.get(key) for key in keys):
        return None
    return REPLICA


def public_read_alias() -> str:
    """Where a read of the public register goes now: the replica inside `public_reads()` until
    the request writes, the primary otherwise."""
    state = _public_read.get()
    if state is None or state.wrote:
        return DEFAULT_DB_ALIAS
    return replica_alias() or DEFAULT_DB_ALIAS


class PublicReadsRouter:
    """Public reads on the replica, everything else on the primary (see the module)."""

    def db_for_read(self, model: type[Model], **hints: object) -> str | None:
        # A record's related records are read where the record was (Django's own default for
        # an `instance` hint): a prefetch follows the decisions it completes.
        if model._meta.app_label not in PUBLIC_APPS or hints.get("instance") is not None:
            return None
        return public_read_alias()

    def db_for_write(self, model: type[Model], **hints: object) -> str:
        # Also asked for a read that means to write (select_for_update, get_or_create): from
        # then on the request reads the primary, where its writes are.
        state = _public_read.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: object) -> bool:
        # The replica holds the same records as the primary.
        return True

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: object
    ) -> bool:
        # The replica follows the primary's schema through replication; it is never migrated.
        return db == DEFAULT_DB_ALIAS
