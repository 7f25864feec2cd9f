"""What a large bulk load needs of PostgreSQL around it: triggers held back while a batch's
rows go in, secondary indexes set aside and built once after, the full text index merged,
fresh planner statistics. Nothing here applies to SQLite.

Holding triggers back. Row by row, PostgreSQL checks every foreign key of every row at commit,
and the search vector's triggers work each decision's vector out twice (its own text when it
is inserted, then again with its recommendations once they are in: migrations 0005 and 0012):
more than half the work of a load. The rows are made to point only at rows of their own batch
or at the councils loaded before, so a batch can go in under session_replication_role =
replica, which fires no trigger and checks no foreign key (a superuser's setting, for the
transaction only); then, with the triggers back, each decision's title is set to itself, so
that the decision's own trigger works out its whole vector once, as the triggers would have
left it. This is done only while the triggers on the tables written are the search vector
ones it stands in for; with any other trigger, or without a superuser, the rows go in with
every trigger and check, as any insert.

Setting indexes aside must survive an interrupted run. Each index's definition is recorded in
a small ledger table in the same transaction that drops it (PostgreSQL's DDL is
transactional), so either both happen or neither; an index is built again from the ledger,
and its line deleted, in one transaction too. Whatever stops a run, the next one finds the
ledger and builds what is missing, and until then the ledger says what is. The ledger table
exists only while indexes are set aside.
"""

import time
from collections.abc import Callable

from django.db import connection, transaction

from decisions.synthetic.rows import (
    DECISION_MEMBERS,
    DECISION_WARDS,
    DECISIONS,
    FUNDING_LINES,
    NOTICES,
    RECOMMENDATIONS,
    TABLES,
)

LEDGER = "generate_register_deferred_index"

# Setting indexes aside pays from about this many decisions to write: building them again
# reads every row, not only the new ones.
DEFER_INDEXES_FROM = 50_000

# The tables that take several rows for every decision written; their indexes cost the most
# to keep up row by row.
LARGE_TABLES = (
    DECISIONS,
    RECOMMENDATIONS,
    DECISION_WARDS,
    DECISION_MEMBERS,
    NOTICES,
    FUNDING_LINES,
)

# Only the plain indexes: a primary key or an index behind a constraint (unique references
# per authority, one label per recommendation) keeps guarding the rows as they go in, and
# the triggers that keep the search vector look decisions' recommendations up through one.
PLAIN_INDEXES = """
    SELECT i.relname, pg_get_indexdef(i.oid)
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid = ANY(%s::regclass[])
      AND NOT x.indisprimary
      AND NOT x.indisunique
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY i.relname
"""


# The triggers of the tables written that holding back stands in for (see above), by table.
SEARCH_VECTOR_TRIGGERS = {
    DECISIONS.db_table: {"decisions_decision_search_vector"},
    RECOMMENDATIONS.db_table: {
        "decisions_recommendation_search_insert",
        "decisions_recommendation_search_update",
        "decisions_recommendation_search_delete",
    },
}


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def triggers_can_wait() -> bool:
    """Whether batches may go in with triggers held back (see above)."""
    if not is_postgresql():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        (superuser,) = cursor.fetchone()
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
            "WHERE NOT tgisinternal AND tgrelid = ANY(%s::regclass[])",
            [[table.db_table for table in TABLES]],
        )
        triggers = cursor.fetchall()
    return bool(superuser) and all(
        name in SEARCH_VECTOR_TRIGGERS.get(table, set()) for table, name in triggers
    )


def hold_triggers() -> None:
    """No triggers nor foreign key checks for the rest of the transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")


def run_held_triggers(decision_ids: list[int]) -> None:
    """Triggers back on, and each decision's search vector worked out by its own trigger."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
        cursor.execute(
            f"UPDATE {DECISIONS.db_table} SET title = title WHERE id = ANY(%s)", [decision_ids]
        )


def ledger_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [LEDGER])
        (exists,) = cursor.fetchone()
    return bool(exists)


def deferred_indexes() -> list[tuple[str, str]]:
    """(name, definition) of each index set aside and not yet built again."""
    if not is_postgresql() or not ledger_exists():
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, definition FROM {LEDGER} ORDER BY name")
        return list(cursor.fetchall())


def defer_indexes(*, say: Callable[[str], None]) -> None:
    """Drop the plain indexes of the large tables, recording each in the ledger."""
    if not is_postgresql():
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {LEDGER} (name text PRIMARY KEY, definition text NOT NULL)"
        )
        cursor.execute(PLAIN_INDEXES, [[table.db_table for table in LARGE_TABLES]])
        indexes = cursor.fetchall()
        for name, definition in indexes:
            cursor.execute(
                f"INSERT INTO {LEDGER} (name, definition) VALUES (%s, %s) "
                "ON CONFLICT (name) DO NOTHING",
                [name, definition],
            )
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    if indexes:
        say(f"Set aside {len(indexes)} indexes while the rows go in; they are built after.")


def restore_indexes(*, say: Callable[[str], None]) -> None:
    """Build again every index the ledger holds, one transaction each, then drop the ledger."""
    indexes = deferred_indexes()
    if not indexes:
        if is_postgresql() and ledger_exists():
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE {LEDGER}")
        return
    say(f"Building {len(indexes)} indexes …")
    started = time.monotonic()
    for name, definition in indexes:
        with transaction.atomic(), connection.cursor() as cursor:
            # Room to sort in memory; parallel workers build the B-trees.
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
            (exists,) = cursor.fetchone()
            if not exists:
                # Within a transaction that wrote rows (a test's), their foreign key checks
                # still wait for the commit, and CREATE INDEX will not run past them.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(definition)
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(f"DELETE FROM {LEDGER} WHERE name = %s", [name])
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {LEDGER}")
    say(f"  built in {time.monotonic() - started:.1f} s.")


def finish(*, say: Callable[[str], None], analyse: bool) -> None:
    """Build the indexes set aside, merge the full text indexes' queued entries, and ANALYZE.

    `analyse` after rows were written; a large load not finished before (the ledger is still
    there) is finished whole, whatever `analyse` says.
    """
    if not is_postgresql():
        return
    tables = [table.db_table for table in TABLES]
    quote = connection.ops.quote_name
    large_load = bool(deferred_indexes())
    if (analyse or large_load) and not connection.in_atomic_block:
        # The search vector triggers rewrite each decision once its recommendations are in,
        # leaving the first version of every row dead: after a large load, VACUUM FULL packs
        # the decisions again (half their pages would be empty otherwise), before the
        # indexes set aside are built, so it rebuilds only the few that stayed. Elsewhere
        # VACUUM makes the room reusable and marks pages all-visible for index-only scans.
        say("Vacuuming the tables written …")
        started = time.monotonic()
        with connection.cursor() as cursor:
            for table in tables:
                full = "FULL " if large_load and table == DECISIONS.db_table else ""
                cursor.execute(f"VACUUM {full}{quote(table)}")
        say(f"  vacuumed in {time.monotonic() - started:.1f} s.")
    restore_indexes(say=say)
    with connection.cursor() as cursor:
        # Rows added to a GIN index wait in its pending list until it is merged; a search
        # must read the whole list, so a list left long makes the first searches slow.
        cursor.execute(
            "SELECT x.indexrelid::regclass::text FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am a ON a.oid = i.relam "
            "WHERE a.amname = 'gin' AND x.indrelid = ANY(%s::regclass[])",
            [tables],
        )
        for (index,) in cursor.fetchall():
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        if analyse or large_load:
            # Fresh statistics after a bulk load, or the planner guesses from an empty table.
            started = time.monotonic()
            for table in tables:
                cursor.execute(f"ANALYZE {quote(table)}")
            say(f"Updated the query planner's statistics in {time.monotonic() - started:.1f} s.")
