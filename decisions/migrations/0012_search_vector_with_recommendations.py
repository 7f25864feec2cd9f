"""Decision.search_vector also holds the decision's recommendations, and is RUM-indexed where
the PostgreSQL server has the rum extension (GIN-indexed where it has not). PostgreSQL only.

Search used to read two GIN indexes (the decision's vector, and an expression index on each
recommendation's text) and join their matches with IN (… UNION …): a common word ("care",
"council") built and ranked every match, 15 s on 1,000,000 decisions. With one vector a search
is one indexed condition, and the register pages it newest first, or by rank, without reading
every match (decisions.models.querysets.search_index).

The recommendations weigh C, under the title (A) and the purpose and reasons (B). The
decision's row trigger of 0005 adds them; three statement triggers on the recommendations
(insert, update, delete) rewrite the vectors of the decisions whose recommendations a statement
changed, once per statement, so that a bulk_create of thousands of recommendations rewrites each
decision once.

RUM (Debian's postgresql-15-rum) keeps each word's positions in the index, so that it returns
matches already in rank order (search_vector <=> query). CREATE EXTENSION needs a superuser or
the database's owner with the extension trusted; where it fails, or the extension is not
installed, the GIN index stays. Run `manage.py migrate decisions 0011` then `migrate` again after
installing the extension to move to RUM. The index of a database is read at run time, so the
same code serves either.
"""

from django.db import migrations, transaction

RUM_INDEX = "decisions_decision_search_rum"
GIN_INDEX = "decisions_decision_search_vector"

# The decision's own text, as 0005 weighed it, over the row `row` (NEW in the trigger, or the
# table in an UPDATE).
OWN_TEXT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE({row}.title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, "
    "COALESCE({row}.purpose, '') || ' ' || COALESCE({row}.reasons, '')), 'B')"
)

FUNCTIONS = [
    # The recommendations of one decision, weight C ('' when it has none).
    """
    CREATE FUNCTION decisions_recommendations_vector(decision bigint) RETURNS tsvector AS $$
        SELECT setweight(
            to_tsvector('english'::regconfig, COALESCE(string_agg(text, ' ' ORDER BY id), '')),
            'C'
        )
        FROM decisions_recommendation WHERE decision_id = decision
    $$ LANGUAGE sql STABLE
    """,
    f"""
    CREATE OR REPLACE FUNCTION decisions_decision_search_vector() RETURNS trigger AS $$
    BEGIN
        -- A new decision has no recommendations yet: they are added after it, by their trigger.
        IF TG_OP = 'INSERT' THEN
            NEW.search_vector := {OWN_TEXT.format(row="NEW")};
        ELSE
            NEW.search_vector := {OWN_TEXT.format(row="NEW")}
                || decisions_recommendations_vector(NEW.id);
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    # Each branch reads only the transition tables its trigger has.
    f"""
    CREATE FUNCTION decisions_recommendation_search_vector() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            UPDATE decisions_decision AS d
            SET search_vector = {OWN_TEXT.format(row="d")} || decisions_recommendations_vector(d.id)
            WHERE d.id IN (SELECT decision_id FROM new_rows);
        ELSIF TG_OP = 'DELETE' THEN
            UPDATE decisions_decision AS d
            SET search_vector = {OWN_TEXT.format(row="d")} || decisions_recommendations_vector(d.id)
            WHERE d.id IN (SELECT decision_id FROM old_rows);
        ELSE
            UPDATE decisions_decision AS d
            SET search_vector = {OWN_TEXT.format(row="d")} || decisions_recommendations_vector(d.id)
            WHERE d.id IN (
                SELECT n.decision_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE n.text IS DISTINCT FROM o.text OR n.decision_id <> o.decision_id
                UNION
                SELECT o.decision_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE n.decision_id <> o.decision_id
            );
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER decisions_recommendation_search_insert
    AFTER INSERT ON decisions_recommendation REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION decisions_recommendation_search_vector()
    """,
    # Transition tables cannot go with a column list (UPDATE OF text): the function compares.
    """
    CREATE TRIGGER decisions_recommendation_search_update
    AFTER UPDATE ON decisions_recommendation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION decisions_recommendation_search_vector()
    """,
    """
    CREATE TRIGGER decisions_recommendation_search_delete
    AFTER DELETE ON decisions_recommendation REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION decisions_recommendation_search_vector()
    """,
]

# Every decision with recommendations, in one pass over them; then the index is built once.
BACKFILL = f"""
    UPDATE decisions_decision AS d
    SET search_vector = {OWN_TEXT.format(row="d")} || r.vector
    FROM (
        SELECT decision_id,
               setweight(to_tsvector('english'::regconfig, string_agg(text, ' ' ORDER BY id)), 'C')
               AS vector
        FROM decisions_recommendation GROUP BY decision_id
    ) AS r
    WHERE r.decision_id = d.id
"""

OLD_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION decisions_decision_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector := {OWN_TEXT.format(row="NEW")};
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
"""

RECOMMENDATION_INDEX = (
    "CREATE INDEX IF NOT EXISTS decisions_recommendation_search ON decisions_recommendation "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
)


def rum_installed(schema_editor) -> bool:
    """Whether the rum extension is (or can now be) installed in this database.

    CREATE EXTENSION runs in a savepoint: refused (not a superuser, extension not trusted), the
    migration goes on with GIN rather than failing.
    """
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return False
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except Exception:  # permission denied, or a broken installation: GIN serves
        return False
    return True


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Dropped first, so that the backfill does not update them row by row.
    schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    schema_editor.execute("DROP INDEX IF EXISTS decisions_recommendation_search")
    for statement in FUNCTIONS:
        schema_editor.execute(statement)
    schema_editor.execute(BACKFILL)
    if rum_installed(schema_editor):
        schema_editor.execute(
            f"CREATE INDEX {RUM_INDEX} ON decisions_decision "
            "USING rum (search_vector rum_tsvector_ops)"
        )
    else:
        schema_editor.execute(
            f"CREATE INDEX {GIN_INDEX} ON decisions_decision USING gin (search_vector)"
        )
    schema_editor.execute("ANALYZE decisions_decision")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for trigger in ("insert", "update", "delete"):
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS decisions_recommendation_search_{trigger} "
            "ON decisions_recommendation"
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS decisions_recommendation_search_vector()")
    schema_editor.execute(OLD_FUNCTION)
    schema_editor.execute("DROP FUNCTION IF EXISTS decisions_recommendations_vector(bigint)")
    schema_editor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    schema_editor.execute(f"UPDATE decisions_decision SET search_vector = {OWN_TEXT.format(row='decisions_decision')}")
    schema_editor.execute(
        f"CREATE INDEX {GIN_INDEX} ON decisions_decision USING gin (search_vector)"
    )
    schema_editor.execute(RECOMMENDATION_INDEX)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0011_section_help_text_names_the_workspace")]

    operations = [migrations.RunPython(forward, backward)]
