"""The seed loader: loads once, writes nothing when a fixture is bad, and says what went wrong."""

import json
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from decisions.models import Authority, Decision

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def copy_fixtures(to: Path) -> Path:
    for path in FIXTURES.glob("*.json"):
        shutil.copy(path, to / path.name)
    return to


def test_loading_twice_changes_nothing(seeded):
    counts = (Authority.objects.count(), Decision.objects.count())
    call_command("load_seed_records", verbosity=0)
    assert (Authority.objects.count(), Decision.objects.count()) == counts


def test_reload_restores_the_printed_record(seeded):
    decision = Decision.objects.get(publication_date="2023-11-10")
    printed_title = decision.title
    decision.title = "Changed by a clerk"
    decision.save()
    call_command("load_seed_records", reload=True, verbosity=0)
    decision.refresh_from_db()
    assert decision.title == printed_title


def test_fixture_breaking_a_rule_leaves_nothing_written(tmp_path):
    folder = copy_fixtures(tmp_path)
    records = json.loads((folder / "herefordshire.json").read_text())
    records.append(
        {
            "model": "commissioning.fundingline",
            "pk": 399,
            "fields": {
                "decision": None,
                "contract": None,
                "amount": "-1.00",
                "amount_as_printed": "-£1",
                "kind": "liability",
            },
        }
    )
    (folder / "herefordshire.json").write_text(json.dumps(records))

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("load_seed_records", directory=folder, verbosity=0)
    assert Authority.objects.count() == 0
    assert Decision.objects.count() == 0


def test_unreadable_fixture_is_named_and_nothing_is_written(tmp_path):
    folder = copy_fixtures(tmp_path)
    (folder / "doncaster.json").write_text('[{"model": "decisions.decision", "pk": 1, ')

    with pytest.raises(CommandError, match="doncaster"):
        call_command("load_seed_records", directory=folder, verbosity=0)
    assert Authority.objects.count() == 0


def test_missing_fixture_file_is_named(tmp_path):
    folder = copy_fixtures(tmp_path)
    (folder / "bnes.json").unlink()

    with pytest.raises(CommandError, match="bnes.json"):
        call_command("load_seed_records", directory=folder, verbosity=0)


def test_every_seed_record_has_its_creation_in_history(seeded):
    for app_label in ("decisions", "commissioning"):
        for model in apps.get_app_config(app_label).get_models():
            if not hasattr(model, "history") or model.__name__.startswith("Historical"):
                continue
            created = set(model.history.filter(history_type="+").values_list("id", flat=True))
            assert created == set(model.objects.values_list("pk", flat=True)), model.__name__
