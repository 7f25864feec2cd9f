"""Writing one batch of planned decisions, and everything tied to them, in one transaction.

A batch is committed whole or not at all: a run stopped part way (Ctrl-C, kill -9, a crash)
leaves only whole batches, and the next run carries on after the last of them.
"""

from django.db import connection, transaction

from decisions.synthetic import loading
from decisions.synthetic.rows import DECISIONS, TABLES, Batch, RowWriter


def tune_for_bulk_load() -> None:
    """On PostgreSQL, settings for the current transaction only (SET LOCAL ends with it).

    - synchronous_commit off: a commit does not wait for its WAL to reach the disk. A crash
      can lose the last batches committed, never half of one, and the next run writes them
      again (the database stays consistent either way).
    - work_mem: room for the triggers' and the full text indexes' work in memory.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL work_mem = '256MB'")


def write_batch(batch: Batch, writer: RowWriter) -> None:
    """Save one batch, in one transaction.

    Where the loader may (loading.triggers_can_wait), the rows go in with the triggers and
    foreign key checks of the session off, and the search vector triggers are then run once
    for each decision; see loading.py.
    """
    with transaction.atomic():
        tune_for_bulk_load()
        if writer.triggers_wait:
            loading.hold_triggers()
        for table in TABLES:
            writer.write(table, batch.rows[table])
        if writer.triggers_wait:
            loading.run_held_triggers([row[0] for row in batch.rows[DECISIONS]])
