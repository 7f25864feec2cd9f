import pytest
from django.core.management import call_command

from decisions.groups import CLEARANCE_GROUPS, CLERKS, REPORT_AUTHORS
from decisions.models import Authority, Person
from tests import factories


@pytest.fixture
def seeded(db) -> None:
    """The five seed documents, loaded exactly as `make run` loads them."""
    call_command("load_seed_records", verbosity=0)


# The people of a Doncaster key decision report (tests of decisions.report_services and the
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
    """Democratic services: the officer workspace's clerk, who also keeps records in the admin."""
    return factories.officer(django_user_model, "democratic.services", CLERKS, staff=True)
