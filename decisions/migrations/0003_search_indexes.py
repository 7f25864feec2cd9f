"""GIN indexes for the register's full text search, on PostgreSQL only.

They index exactly the expressions decisions.querysets builds its queries from, so that
PostgreSQL can use them; SQLite searches with simple matches and gets no such index.
"""

from django.db import migrations

INDEXES = [
    (
        "decisions_decision_search",
        "decisions_decision",
        "(setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, COALESCE(purpose, '') || ' ' || "
        "COALESCE(reasons, '')), 'B'))",
    ),
    (
        "decisions_recommendation_search",
        "decisions_recommendation",
        "to_tsvector('english'::regconfig, COALESCE(text, ''))",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expression in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_forward_plan")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
