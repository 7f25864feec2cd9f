"""Synthetic decision records in bulk, for load tests and demonstrations at scale.

    manage.py generate_register --decisions 100000 [--authorities 5] [--seed 1] [--batch-size 5000]

Every record is invented but keeps the register's rules: references unique per authority,
call-in deadlines and effective dates computed from each authority's call-in rule (the same
pure functions in decisions.rules.call_in the register uses), financial years like 2024/25, a
Schedule 12A paragraph on every exempt decision and 28 clear days' notice on the forward plan.
"""

import time
from collections.abc import Iterator, Sequence

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from decisions.models import ForwardPlanEntry
from decisions.synthetic.batches import write_batch
from decisions.synthetic.councils import BulkWriter, set_up_council, set_up_suppliers
from decisions.synthetic.decisions import DecisionPlanner


def positive_whole_number(option: str, value: object) -> int:
    """The value of a count option, or a CommandError naming the option."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CommandError(f"{option} must be a positive whole number, not {value!r}.")
    return value


def use_more_memory_for_index_updates() -> None:
    """On PostgreSQL, give the current transaction room to merge full text index entries.

    The GIN search indexes queue new entries and merge them within work_mem; the default 4 MB
    makes a bulk load merge in many small steps. SET LOCAL ends with the transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '128MB'")


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Command(BaseCommand):
    help = (
        "Create synthetic decision records in bulk, for load tests and demonstrations: "
        "invented councils with call-in rules and closure days, their bodies, people and "
        "wards, and --decisions decisions from 2010 to 2026 with recommendations, wards, "
        "funding lines, contracts and forward plan entries. Run again, it adds to the councils "
        "it made before. On a fresh database the same --seed gives the same records (the "
        "forward plan entries still to come are dated from today). Records are written with "
        "bulk_create, for speed, and so have no history entries (simple_history) and send no "
        "signals."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--decisions", required=True, help="How many decisions to create (a positive number)."
        )
        parser.add_argument(
            "--authorities", default=5, help="How many synthetic councils to spread them over (5)."
        )
        parser.add_argument("--seed", default=1, help="Seed for the random choices (1).")
        parser.add_argument(
            "--batch-size", default=5000, help="Decisions written per transaction (5000)."
        )

    def say(self, line: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(line)

    def handle(self, *args: object, **options: object) -> None:
        self.verbosity = options["verbosity"]
        count = positive_whole_number("--decisions", options["decisions"])
        councils_wanted = positive_whole_number("--authorities", options["authorities"])
        batch_size = positive_whole_number("--batch-size", options["batch_size"])
        try:
            seed = int(options["seed"])
        except (TypeError, ValueError):
            raise CommandError(f"--seed must be a whole number, not {options['seed']!r}.") from None

        started = time.monotonic()
        writer = BulkWriter()
        planner = DecisionPlanner(seed=seed, today=timezone.localdate())
        councils = [
            set_up_council(index, seed=seed, writer=writer) for index in range(councils_wanted)
        ]
        suppliers = set_up_suppliers(seed=seed, writer=writer)
        schedule = planner.schedule(count, councils_wanted)
        self.say(
            f"Set up {councils_wanted} authorities in {time.monotonic() - started:.1f} s; "
            f"writing {count:,} decisions in batches of {batch_size:,}."
        )
        done = 0
        for batch in chunks(list(enumerate(schedule)), batch_size):
            plans = [
                planner.plan(position, councils[council], decided, suppliers)
                for position, (decided, council) in batch
            ]
            with transaction.atomic():
                use_more_memory_for_index_updates()
                write_batch(plans, writer)
            # Under DEBUG, Django keeps every query's text; these are large.
            reset_queries()
            done += len(batch)
            self.say(f"  {done:,} of {count:,} decisions ({time.monotonic() - started:.1f} s)")
        to_come = max(2, count // (200 * councils_wanted))
        with transaction.atomic():
            for index, council in enumerate(councils):
                writer.create(ForwardPlanEntry, planner.notices_to_come(council, index, to_come))

        if connection.vendor == "postgresql":
            # Fresh statistics after a bulk load, or the planner guesses from an empty table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for name, rows in sorted(writer.created.items()):
            self.say(f"  {name}: {rows:,}")
        self.say(
            self.style.SUCCESS(
                f"Created {count:,} decisions in {time.monotonic() - started:.1f} s."
            )
        )
