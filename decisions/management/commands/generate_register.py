"""Synthetic decision records in bulk, for load tests and demonstrations at scale.

    manage.py generate_register --decisions 1000000 [--authorities 400] [--seed 1]
        [--batch-size 5000]

--decisions is a target: the register is to hold that many generated decisions. A run that
was stopped (Ctrl-C, kill -9) carries on where it stopped when run again; a run that has
nothing left to do says so and creates nothing. The records planned depend only on the seed,
the target and the number of councils, so a register built in several goes is the one built
in one.

Every record is invented but keeps the register's rules: references unique per authority,
call-in deadlines and effective dates computed from each authority's call-in rule (the same
pure functions in decisions.rules.call_in the register uses), financial years like 2024/25, a
Schedule 12A paragraph on every exempt decision, 28 clear days' notice on the forward plan and
call-ins signed as the authority's rule asks.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries
from django.utils import timezone
from tqdm import tqdm

from decisions.caching import generation
from decisions.models import Decision, ForwardPlanEntry
from decisions.synthetic import batches, loading
from decisions.synthetic.councils import (
    BulkWriter,
    generated_authorities,
    set_up_councils,
    set_up_suppliers,
)
from decisions.synthetic.decisions import DecisionPlanner
from decisions.synthetic.rows import NOTICES, Batch, Ids, RowWriter

# Decisions per council when --authorities is not given: 400 councils for a million.
DECISIONS_PER_COUNCIL = 2_500
FEWEST_COUNCILS = 5


def positive_whole_number(option: str, value: object) -> int:
    """The value of a count option, or a CommandError naming the option."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CommandError(f"{option} must be a positive whole number, not {value!r}.")
    return value


def councils_for(decisions: int) -> int:
    return max(FEWEST_COUNCILS, round(decisions / DECISIONS_PER_COUNCIL))


class Command(BaseCommand):
    help = (
        "Fill the register with synthetic decision records, for load tests and "
        "demonstrations: invented councils with call-in rules and closure days, their bodies, "
        "people and wards, and decisions from 2007 to 2026 with recommendations, wards, "
        "funding lines, contracts, forward plan entries and call-ins, until it holds "
        "--decisions generated decisions. Stopped part way, run it again to carry on; run "
        "again when done, it creates nothing. On a fresh database the same options give the "
        "same records (the forward plan entries still to come, and how far call-ins have got, "
        "are dated from today). Records are written in bulk (COPY on PostgreSQL), and so have "
        "no history entries (simple_history) and send no signals."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--decisions",
            required=True,
            help="How many generated decisions the register is to hold (a positive number).",
        )
        parser.add_argument(
            "--authorities",
            default=None,
            help=(
                "How many synthetic councils to spread them over (one for every "
                f"{DECISIONS_PER_COUNCIL:,} decisions, at least {FEWEST_COUNCILS})."
            ),
        )
        parser.add_argument("--seed", default=1, help="Seed for the random choices (1).")
        parser.add_argument(
            "--batch-size", default=5000, help="Decisions written per transaction (5000)."
        )

    def say(self, line: str, level: int = 1) -> None:
        if self.verbosity >= level:
            self.stdout.write(line)

    def handle(self, *args: object, **options: object) -> None:
        self.verbosity = int(options["verbosity"])  # type: ignore[call-overload]
        target = positive_whole_number("--decisions", options["decisions"])
        councils_wanted = (
            councils_for(target)
            if options["authorities"] is None
            else positive_whole_number("--authorities", options["authorities"])
        )
        batch_size = positive_whole_number("--batch-size", options["batch_size"])
        try:
            seed = int(options["seed"])  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise CommandError(f"--seed must be a whole number, not {options['seed']!r}.") from None

        started = time.monotonic()
        existing = Decision.objects.filter(authority__in=generated_authorities()).count()
        if existing >= target and not self.councils_without_notices():
            loading.finish(say=self.say, analyse=False)
            self.say(
                f"The register already holds {existing:,} generated decisions "
                f"(--decisions {target:,}): nothing to create."
            )
            return

        writer = BulkWriter()
        planner = DecisionPlanner(seed=seed, today=timezone.localdate())
        councils = set_up_councils(councils_wanted, seed=seed, writer=writer)
        suppliers = set_up_suppliers(seed=seed, writer=writer)
        rows = RowWriter(connection, triggers_wait=loading.triggers_can_wait())
        ids = Ids(connection)
        if existing < target:
            self.say(
                f"{councils_wanted:,} authorities ready in {time.monotonic() - started:.1f} s; "
                f"the register holds {existing:,} generated decisions, writing "
                f"{target - existing:,} more in batches of {batch_size:,}."
            )
            if target - existing >= loading.DEFER_INDEXES_FROM:
                loading.defer_indexes(say=self.say)
            schedule = planner.schedule(target, councils_wanted)
            self.write_decisions(
                planner, councils, suppliers, schedule, existing, batch_size, rows, ids
            )
        without = self.councils_without_notices()
        to_come = max(2, target // (200 * councils_wanted))
        batch = Batch()
        for index, council in enumerate(councils):
            if council.authority.pk in without:
                batch.rows[NOTICES] += planner.notices_to_come(council, index, to_come)
        batches.write_batch(batch, rows)
        generation.register_changed()

        loading.finish(say=self.say, analyse=True)
        created = writer.created + rows.created
        for name, count in sorted(created.items()):
            self.say(f"  {name}: {count:,}")
        self.say(
            self.style.SUCCESS(
                f"Created {rows.created['decisions.Decision']:,} decisions in "
                f"{time.monotonic() - started:.1f} s; the register holds "
                f"{max(existing, target):,} generated decisions."
            )
        )

    def write_decisions(
        self,
        planner: DecisionPlanner,
        councils: list,
        suppliers: dict[str, list[int]],
        schedule: list[int],
        start: int,
        batch_size: int,
        rows: RowWriter,
        ids: Ids,
    ) -> None:
        """Plan and write positions `start` onwards of the schedule, one batch a transaction."""
        target = len(schedule)
        bar = tqdm(
            total=target,
            initial=start,
            unit=" decisions",
            unit_scale=True,
            disable=self.verbosity < 1,
            file=getattr(self.stderr, "_out", sys.stderr),
            dynamic_ncols=True,
        )
        done = start
        try:
            with bar:
                for first in range(start, target, batch_size):
                    batch = Batch()
                    for position in range(first, min(first + batch_size, target)):
                        decided, council = planner.scheduled(schedule[position])
                        planner.plan(position, councils[council], decided, suppliers, batch, ids)
                    batches.write_batch(batch, rows)
                    # Bulk writes send no signals: the cached pages are dropped here.
                    generation.register_changed()
                    # Under DEBUG, Django keeps every query's text.
                    reset_queries()
                    done += len(batch)
                    bar.update(len(batch))
                    self.say(f"  {done:,} of {target:,} decisions", level=2)
        except KeyboardInterrupt:
            raise CommandError(
                f"Stopped with {done:,} of {target:,} decisions written, in whole batches. "
                "Run the same command again to carry on.",
                returncode=130,
            ) from None

    def councils_without_notices(self) -> set[int]:
        """The generated councils with no forward plan entries still to come (made last)."""
        with_notices = ForwardPlanEntry.objects.filter(decision__isnull=True, reference="")
        return set(
            generated_authorities()
            .exclude(pk__in=with_notices.values("authority_id"))
            .values_list("pk", flat=True)
        )
