from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from decisions.models import Authority, Decision

FIXTURES = ["authorities.json", "bnes.json", "doncaster.json", "herefordshire.json"]


class Command(BaseCommand):
    help = (
        "Load the seed decision records (B&NES, Doncaster, Herefordshire) from fixtures/, "
        "record their first history entry, and fix call-in dates the records leave out. "
        "Does nothing if they are already loaded, unless --reload is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reload",
            action="store_true",
            help="Load the fixtures again, restoring the seed records to their printed state.",
        )
        parser.add_argument(
            "--directory",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures",
            help="Folder holding the seed fixture files (default: fixtures/).",
        )

    def handle(
        self, *args: object, reload: bool = False, directory: Path, **options: object
    ) -> None:
        paths = [directory / name for name in FIXTURES]
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"Seed fixture files are missing: {', '.join(missing)}")
        if not reload and Authority.objects.filter(slug="bathnes").exists():
            self.stdout.write("Seed records are already loaded (use --reload to load again).")
            return
        try:
            # One transaction: a fixture that fails to load leaves nothing half-written.
            with transaction.atomic():
                call_command("loaddata", *map(str, paths), verbosity=0)
                call_command("populate_history", auto=True, verbosity=0, stdout=self.stdout)
                self._fill_computed_dates()
        except (DatabaseError, DeserializationError, ValueError) as error:
            raise CommandError(
                f"The seed records were not loaded; nothing was written. {error}"
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Loaded {Decision.objects.count()} seed decisions."))

    def _fill_computed_dates(self) -> None:
        for decision in Decision.objects.with_call_in_context():
            before = (decision.call_in_deadline, decision.effective_from)
            decision.fill_computed_dates()
            if (decision.call_in_deadline, decision.effective_from) != before:
                decision._change_reason = "Dates the record leaves out computed from the rule"
                decision.save()
