"""The tables generate_register writes, and the columns its rows give, in order.

The planner makes each row as a plain tuple in the order of its table's `columns` (tuples are
several times cheaper to make than model instances, and COPY takes them as they are); every
other column of the table gets the field's default. A table whose rows others point at gives
its own primary keys (`id` first), handed out by `Ids` before the rows are written; the others
leave the key to the database.
"""

from collections import Counter
from collections.abc import Callable

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from commissioning.models import Contract, FundingLine
from decisions.models import (
    CallIn,
    CallInSignature,
    Decision,
    ForwardPlanEntry,
    Issue,
    Meeting,
    Recommendation,
)


class Table:
    """One table's columns as the planner's rows give them, and the defaults for the rest."""

    def __init__(self, model: type[models.Model], columns: str) -> None:
        self.model = model
        self.label = model._meta.label
        self.db_table = model._meta.db_table
        self.columns = tuple(columns.split())
        self.gives_keys = self.columns[0] == "id"
        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(self.columns) - set(fields)
        if unknown:
            raise ValueError(f"{self.label} has no columns {sorted(unknown)}.")
        rest = [
            field
            for name, field in fields.items()
            if name not in self.columns
            and not field.primary_key
            # Kept by a trigger on PostgreSQL (migration 0005); empty on SQLite.
            and not isinstance(field, SearchVectorField)
        ]
        for field in rest:
            if not (field.has_default() or field.null or field.empty_strings_allowed):
                raise ValueError(f"{self.label}.{field.attname} needs a value in every row.")
        self.fields = [fields[name] for name in self.columns] + rest
        self.defaults = tuple(field.get_default() for field in rest)
        self.db_columns = [field.column for field in self.fields]

    def __repr__(self) -> str:
        return f"<Table {self.db_table}>"


DECISIONS = Table(
    Decision,
    """id authority_id reference title decision_maker_id status is_key_decision
    key_decision_reason is_subject_to_call_in urgency urgency_note purpose reasons
    alternative_options report_author_id affects_all_wards is_exempt exempt_paragraph
    date_of_decision publication_date call_in_deadline call_in_deadline_time effective_from
    created_at updated_at issue_id""",
)
ISSUES = Table(Issue, "id authority_id title description")
RECOMMENDATIONS = Table(Recommendation, "decision_id label text kind outcome amended_text order")
DECISION_WARDS = Table(Decision.wards.through, "decision_id ward_id")
DECISION_MEMBERS = Table(Decision.relevant_members.through, "decision_id person_id")
NOTICES = Table(
    ForwardPlanEntry,
    """authority_id reference title summary decision_maker_id intended_date first_published
    lead_officer_id affects_all_wards documents notice chair_notified_on chair_agreed_on
    chair_agreement decision_id""",
)
CONTRACTS = Table(
    Contract,
    """id authority_id title reference kind procurement_route regime start_date end_date
    duration_months tupe""",
)
CONTRACT_SUPPLIERS = Table(Contract.suppliers.through, "contract_id supplier_id")
CONTRACT_DECISIONS = Table(Contract.decisions.through, "contract_id decision_id")
FUNDING_LINES = Table(
    FundingLine,
    """decision_id contract_id description amount amount_as_printed kind recurrence
    financial_year source""",
)
MEETINGS = Table(Meeting, "id authority_id body_id date start_time location")
CALL_INS = Table(
    CallIn,
    """id decision_id received_at reasons rejected_reason scrutiny_meeting_id outcome
    outcome_date final_outcome final_outcome_date""",
)
SIGNATURES = Table(CallInSignature, "call_in_id member_id is_lead confirmed_at")

# In the order they are written: each table after those it points at.
TABLES = (
    ISSUES,
    DECISIONS,
    RECOMMENDATIONS,
    DECISION_WARDS,
    DECISION_MEMBERS,
    NOTICES,
    CONTRACTS,
    CONTRACT_SUPPLIERS,
    CONTRACT_DECISIONS,
    FUNDING_LINES,
    MEETINGS,
    CALL_INS,
    SIGNATURES,
)


class Batch:
    """The rows of one batch of decisions and everything tied to them, table by table."""

    def __init__(self) -> None:
        self.rows: dict[Table, list[tuple]] = {table: [] for table in TABLES}
        self.decisions = 0

    def __len__(self) -> int:
        return self.decisions


class Ids:
    """Primary keys handed out before their rows are written, so that children can point at
    their parents within one COPY.

    On PostgreSQL they come from the table's own sequence, a block at a time (nextval never
    hands the same number out twice, whoever else is inserting); on SQLite, which has one
    writer at a time, they follow the highest key in the table.
    """

    BLOCK = 10_000

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.free: dict[str, list[int]] = {}
        self.last: dict[str, int] = {}

    def take(self, table: Table) -> int:
        free = self.free.get(table.db_table)
        if not free:
            free = self.free[table.db_table] = self._block(table)
        return free.pop()

    def taker(self, table: Table) -> Callable[[], int]:
        return lambda: self.take(table)

    def _block(self, table: Table) -> list[int]:
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [quote(table.db_table), self.BLOCK],
                )
                keys = [key for (key,) in cursor.fetchall()]
            else:
                cursor.execute(f"SELECT MAX(id) FROM {quote(table.db_table)}")
                (highest,) = cursor.fetchone()
                start = max(highest or 0, self.last.get(table.db_table, 0)) + 1
                keys = list(range(start, start + self.BLOCK))
                self.last[table.db_table] = keys[-1]
        # Handed out from the end: reversed, the keys come in ascending order.
        keys.sort(reverse=True)
        return keys


class RowWriter:
    """Writes rows table by table: COPY on PostgreSQL, executemany elsewhere. Counts them."""

    def __init__(self, connection: BaseDatabaseWrapper, *, triggers_wait: bool = False) -> None:
        self.connection = connection
        self.created: Counter[str] = Counter()
        # Whether write_batch holds the triggers back until a batch's rows are in.
        self.triggers_wait = triggers_wait

    def write(self, table: Table, rows: list[tuple]) -> None:
        if not rows:
            return
        if self.connection.vendor == "postgresql":
            self._copy(table, rows)
        else:
            self._insert(table, rows)
        self.created[table.label] += len(rows)

    def _copy(self, table: Table, rows: list[tuple]) -> None:
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(column) for column in table.db_columns)
        defaults = table.defaults
        self.connection.ensure_connection()
        with (
            self.connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {quote(table.db_table)} ({columns}) FROM STDIN") as copy,
        ):
            write_row = copy.write_row
            for row in rows:
                write_row(row + defaults)

    def _insert(self, table: Table, rows: list[tuple]) -> None:
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(column) for column in table.db_columns)
        marks = ", ".join(["%s"] * len(table.fields))
        # The values as Django's own field would send them (dates, times, money, instants).
        prepare = [
            lambda value, field=field: field.get_db_prep_save(value, self.connection)
            for field in table.fields
        ]
        defaults = table.defaults
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(table.db_table)} ({columns}) VALUES ({marks})",
                [
                    tuple(p(value) for p, value in zip(prepare, row + defaults, strict=True))
                    for row in rows
                ],
            )
