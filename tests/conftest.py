import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from decisions.groups import CLEARANCE_GROUPS, DEMOCRATIC_SERVICES, REPORT_AUTHORS
from decisions.models import Authority, Person
from tests import factories


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing():
    """Passwords hashed with one round of MD5 in the tests, as Django's own test runner
    advises: each PBKDF2 hash takes a third of a second, and the suite makes hundreds of
    logins. Production keeps Django's default hashers; the servers the tests start in a
    subprocess (tests/serving.py) do too."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """On PostgreSQL, the test database does not wait for each commit to reach the disk
    (synchronous_commit=off): the tests that commit, and empty every table after, run
    faster, and a test database has nothing to lose in a crash."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            options = database.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture
def seeded(db) -> None:
    """The five seed documents, loaded exactly as `make run` loads them."""
    call_command("load_seed_records", verbosity=0)


# The people of a Doncaster key decision report (tests of decisions.reports.services and the
# report pages).


@pytest.fixture
def doncaster(seeded) -> Authority:
    return Authority.objects.get(slug="doncaster")


@pytest.fixture
def author(doncaster, django_user_model) -> object:
    """A report author, signed in as Doncaster's Teresa Bainbridge."""
    user = factories.officer(django_user_model, "teresa.bainbridge", REPORT_AUTHORS)
    Person.objects.filter(authority=doncaster, name="Teresa Bainbridge").update(user=user)
    return user


@pytest.fixture
def clearers(django_user_model) -> dict[str, object]:
    """A clearance officer for each of legal, finance, HR and equalities."""
    return {
        area: factories.officer(django_user_model, f"{area}.clearance", group)
        for area, group in CLEARANCE_GROUPS.items()
    }


@pytest.fixture
def clerk(django_user_model) -> object:
    """Democratic services: they publish and run call-in in the workspace, and keep records in
    the admin."""
    return factories.officer(
        django_user_model, "democratic.services", DEMOCRATIC_SERVICES, staff=True
    )
