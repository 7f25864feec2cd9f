"""Reads of the public register go to the read replica; writes and signed-in work to the primary
(councilgov/routers.py, PublicReadsMiddleware in councilgov/middleware.py).

The replica here is a database of its own: a copy of the primary's test database made when this
module starts (on PostgreSQL a second database on the same server, on SQLite a second file).
A decision written only to the replica shows whose reads went where: anonymous visitors find
it, a signed-in officer does not.
"""

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from model_bakery import baker

from councilgov.middleware import PublicReadsMiddleware
from councilgov.routers import REPLICA, public_read_alias, public_reads
from decisions.models import Authority, Body, CallInRuleVersion, Decision
from tests import factories

pytestmark = pytest.mark.django_db(databases=[DEFAULT_DB_ALIAS, REPLICA])

REPLICA_ONLY = "A decision read from the replica"


@pytest.fixture(scope="module", autouse=True)
def replica(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """A `replica` database: a copy of the primary's (migrated, empty) test database."""
    with django_db_blocker.unblock():
        primary = connections[DEFAULT_DB_ALIAS]
        if primary.vendor == "postgresql":
            # CREATE DATABASE … TEMPLATE, as Django's parallel test runner copies its databases.
            primary.creation._clone_test_db("replica", verbosity=0, keepdb=False)
            name = primary.creation.get_test_db_clone_settings("replica")["NAME"]
        else:
            name = str(tmp_path_factory.mktemp("replica") / "replica.sqlite3")
            primary.ensure_connection()
            copy = sqlite3.connect(name)
            primary.connection.backup(copy)
            copy.close()
        earlier = connections.settings.get(REPLICA)
        connections.settings[REPLICA] = {
            **primary.settings_dict,
            "NAME": name,
            "ATOMIC_REQUESTS": False,
            "TEST": {**primary.settings_dict["TEST"], "MIRROR": None},
        }
    yield REPLICA
    with django_db_blocker.unblock():
        connections[REPLICA].close()
        del connections[REPLICA]
        if earlier is None:
            del connections.settings[REPLICA]
        else:
            connections.settings[REPLICA] = earlier
        if primary.vendor == "postgresql":
            primary.creation._destroy_test_db(name, verbosity=0)


@pytest.fixture
def replica_only() -> Decision:
    """A published decision that is in the replica and not in the primary."""
    council = baker.make(Authority, slug="replicashire", nation="england", _using=REPLICA)
    CallInRuleVersion.objects.using(REPLICA).create(
        authority=council, valid_from=date(2000, 1, 1), days=5
    )
    body = baker.make(Body, authority=council, kind=Body.Kind.CABINET, _using=REPLICA)
    return baker.make(
        Decision,
        authority=council,
        decision_maker=body,
        reference="R1",
        title=REPLICA_ONLY,
        status=Decision.Status.APPROVED,
        date_of_decision=date(2023, 11, 9),
        publication_date=date(2023, 11, 10),
        _using=REPLICA,
    )


@pytest.fixture
def officer_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("officer"))
    return client


def decision_tables(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries if "decisions_decision" in query["sql"]]


@pytest.mark.usefixtures("replica_only")
@pytest.mark.parametrize(
    "address", ["/decisions/", "/api/decisions/", "/decisions/replicashire/R1/"]
)
def test_an_anonymous_visitor_reads_the_register_from_the_replica(client, address):
    response = client.get(address)

    assert response.status_code == 200
    assert REPLICA_ONLY in response.content.decode()


@pytest.mark.usefixtures("replica_only")
def test_the_csv_streamed_after_its_view_still_reads_the_replica(client):
    response = client.get("/decisions/download.csv")

    assert REPLICA_ONLY in b"".join(response.streaming_content).decode()


@pytest.mark.usefixtures("replica_only")
@pytest.mark.parametrize(
    ("address", "status"),
    [("/decisions/", 200), ("/api/decisions/", 200), ("/decisions/replicashire/R1/", 404)],
)
def test_a_signed_in_officer_reads_the_primary(officer_client, address, status):
    response = officer_client.get(address)

    assert response.status_code == status
    assert REPLICA_ONLY not in response.content.decode()


def test_each_query_of_a_public_page_goes_to_the_replica_and_none_to_the_primary(client):
    factories.decision(publication_date=date(2023, 11, 10))  # on the primary only

    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        page = client.get("/api/decisions/").json()

    assert decision_tables(on_replica)
    assert not decision_tables(on_primary)
    assert page["results"] == []


def test_a_signed_in_request_sends_no_query_to_the_replica(officer_client):
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert officer_client.get("/api/decisions/").status_code == 200

    assert len(on_replica) == 0


def test_a_write_goes_to_the_primary_and_the_request_then_reads_what_it_wrote():
    with public_reads():
        assert router.db_for_read(Decision) == REPLICA
        decision = factories.decision(title="Written in a public request")

        assert router.db_for_write(Decision) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Decision) == DEFAULT_DB_ALIAS
        assert Decision.objects.filter(pk=decision.pk).exists()
    assert not Decision.objects.using(REPLICA).filter(pk=decision.pk).exists()


def test_sessions_and_users_are_read_on_the_primary_even_in_a_public_request(
    django_user_model,
):
    with public_reads():
        assert router.db_for_read(django_user_model) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Decision) == REPLICA
    assert router.db_for_read(Decision) == DEFAULT_DB_ALIAS


@pytest.mark.parametrize("method", ["post", "put"])
def test_a_request_that_may_write_reads_the_primary(client, method):
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        getattr(client, method)("/api/decisions/")

    assert len(on_replica) == 0


@pytest.mark.parametrize(
    ("method", "path", "signed_in", "alias"),
    [
        ("get", "/decisions/", False, REPLICA),
        ("head", "/api/contracts/", False, REPLICA),
        ("get", "/decisions/", True, DEFAULT_DB_ALIAS),
        ("post", "/decisions/", False, DEFAULT_DB_ALIAS),
        ("get", "/admin/decisions/decision/", False, DEFAULT_DB_ALIAS),
        ("get", "/officers/", False, DEFAULT_DB_ALIAS),
        ("get", "/accounts/login/", False, DEFAULT_DB_ALIAS),
    ],
)
def test_only_an_anonymous_read_of_a_public_page_is_marked_for_the_replica(
    rf, django_user_model, method, path, signed_in, alias
):
    request = getattr(rf, method)(path)
    request.user = django_user_model(username="officer") if signed_in else AnonymousUser()
    seen = []

    def view(request: object) -> HttpResponse:
        seen.append(public_read_alias())
        return HttpResponse()

    PublicReadsMiddleware(view)(request)

    assert seen == [alias]
    assert public_read_alias() == DEFAULT_DB_ALIAS


@pytest.mark.urls("tests.operations.replica_urls")
def test_the_public_statement_timeout_bounds_the_replica_and_ends_with_the_request(
    client, settings
):
    if connections[REPLICA].vendor != "postgresql":
        pytest.skip("SQLite has no statement timeout: it is for development.")
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 1500

    answer = client.get("/statement-timeout/").json()

    assert answer == {"alias": REPLICA, "statement_timeout": "1500ms"}
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_no_replica_of_its_own_means_every_read_is_on_the_primary(monkeypatch):
    # Under a test run with DATABASE_REPLICA_URL set, the replica mirrors the primary's test
    # database (TEST MIRROR): the same database, read on the primary's own connection.
    mirror = {**connections.settings[DEFAULT_DB_ALIAS]}
    monkeypatch.setitem(connections.settings, REPLICA, mirror)

    with public_reads():
        assert public_read_alias() == DEFAULT_DB_ALIAS
        assert router.db_for_read(Decision) == DEFAULT_DB_ALIAS
