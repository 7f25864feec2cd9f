import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db) -> None:
    """The five seed documents, loaded exactly as `make run` loads them."""
    call_command("load_seed_records", verbosity=0)
