from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction
from django.test.utils import override_settings

from decisions.models import Authority, Decision

FIXTURES = ["authorities.json", "bnes.json", "doncaster.json", "herefordshire.json"]

# What the public history of a seed record says, in the register's plain words.
SEED_LOADED = "Added to the register from the council's published record"
# At most 100 characters: simple-history's change reason column.
DATES_WORKED_OUT = "Call-in deadline and effective date worked out from the council's call-in rule"


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
                # History is written once, as each record's creation, after the load: raw
                # fixture saves record nothing, while their m2m links would record changes.
                with override_settings(SIMPLE_HISTORY_ENABLED=False):
                    call_command("loaddata", *map(str, paths), verbosity=0)
                self._record_creation_in_history()
                self._fill_computed_dates()
        except (DatabaseError, DeserializationError, ValueError) as error:
            raise CommandError(
                f"The seed records were not loaded; nothing was written. {error}"
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Loaded {Decision.objects.count()} seed decisions."))

    def _record_creation_in_history(self) -> None:
        """Give every seed record a "Created" history entry.

        simple_history's populate_history skips a whole model once any of its records has
        history, so on a reload each record without its creation entry is given one here.
        """
        for app_label in ("decisions", "commissioning"):
            for model in apps.get_app_config(app_label).get_models():
                manager = getattr(model, "history", None)
                if manager is None or not hasattr(manager, "bulk_history_create"):
                    continue
                created = manager.filter(history_type="+").values("id")
                records = list(model._default_manager.exclude(pk__in=created))
                if records:
                    manager.bulk_history_create(records, default_change_reason=SEED_LOADED)

    def _fill_computed_dates(self) -> None:
        for decision in Decision.objects.with_call_in_context():
            before = (decision.call_in_deadline, decision.effective_from)
            decision.fill_computed_dates()
            if (decision.call_in_deadline, decision.effective_from) != before:
                decision._change_reason = DATES_WORKED_OUT
                decision.save()
