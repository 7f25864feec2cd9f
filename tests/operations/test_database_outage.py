"""The database going away under a running gunicorn: every page answers the plain 503
"Service unavailable", and the same processes serve again once the database is back.

On PostgreSQL the server reaches the test database through a TCP proxy that the test cuts and
restores; on SQLite the database file is swapped for a directory, which SQLite cannot open.
"""

import contextlib

import pytest
from django.db import connection

from tests import serving

PAGES = ["/", "/decisions/", "/forward-plan/", "/contracts/", "/decisions/nowhere/E1/"]
UP = {"/": 200, "/decisions/": 200, "/forward-plan/": 200, "/contracts/": 200}


def answers(server: serving.Server) -> dict[str, int]:
    return {path: server.get(path).status for path in [*PAGES, "/healthz"]}


def assert_plain_service_unavailable(answer: serving.Answer) -> None:
    assert answer.status == 503
    assert '<h1 class="govuk-heading-xl">Sorry, the service is unavailable</h1>' in answer.text
    assert answer.headers["Retry-After"] == "30"
    for detail in ("Traceback", "OperationalError", "psycopg", "sqlite", "SELECT", "5432"):
        assert detail not in answer.text


@pytest.fixture
def postgresql_test_database(transactional_db) -> dict:
    if connection.vendor != "postgresql":
        pytest.skip("the suite is running on SQLite: DATABASE_URL names no PostgreSQL server")
    return connection.settings_dict


@pytest.mark.parametrize("conn_max_age", ["0", "60"], ids=["new-connections", "persistent"])
def test_postgresql_outage_answers_503_and_recovers_without_restart(
    postgresql_test_database, tmp_path, conn_max_age
):
    database = postgresql_test_database
    with serving.proxy_to(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)) as proxy:
        url = f"postgres://{database['USER']}@127.0.0.1:{proxy.port}/{database['NAME']}"
        environment = serving.production_environment(url, DATABASE_CONN_MAX_AGE=conn_max_age)
        with serving.serving(environment, tmp_path / "gunicorn.log") as server:
            before = answers(server)
            proxy.cut()
            during = {path: server.get(path) for path in [*PAGES, "/healthz"]}
            proxy.restore()
            after = answers(server)
            still_running = server.is_running()
            log = server.log()

    assert before == {**UP, "/decisions/nowhere/E1/": 404, "/healthz": 200}, log
    for path in PAGES:
        assert_plain_service_unavailable(during[path])
    assert during["/healthz"].status == 503
    # The health check's own answer, naming what failed, not the HTML 503 page.
    assert during["/healthz"].text == (
        '{"status": "unavailable", "database": "unavailable", "cache": "ok"}'
    )
    assert after == before, log
    assert still_running


def test_sqlite_database_that_cannot_be_opened_answers_503_and_recovers(tmp_path):
    database = serving.migrated_sqlite(tmp_path)
    environment = serving.production_environment(f"sqlite:///{database}")
    moved = tmp_path / "moved-away"
    moved.mkdir()
    with serving.serving(environment, tmp_path / "gunicorn.log") as server:
        before = answers(server)
        for part in tmp_path.glob("db.sqlite3*"):
            # SQLite deletes its -wal and -shm files when its last connection closes, which
            # a worker may do between the listing and the move.
            with contextlib.suppress(FileNotFoundError):
                part.rename(moved / part.name)
        database.mkdir()  # where the file was: "unable to open database file"
        during = {path: server.get(path) for path in [*PAGES, "/healthz"]}
        database.rmdir()
        for part in moved.iterdir():
            part.rename(tmp_path / part.name)
        after = answers(server)
        log = server.log()

    assert before == {**UP, "/decisions/nowhere/E1/": 404, "/healthz": 200}, log
    for path in PAGES:
        assert_plain_service_unavailable(during[path])
    assert during["/healthz"].status == 503
    assert after == before, log


def test_health_check_names_only_what_failed(tmp_path):
    database = serving.migrated_sqlite(tmp_path)
    environment = serving.production_environment(f"sqlite:///{database}")
    with serving.serving(environment, tmp_path / "gunicorn.log") as server:
        database.unlink()
        database.mkdir()
        answer = server.get("/healthz")

    assert answer.status == 503
    assert answer.text == '{"status": "unavailable", "database": "unavailable", "cache": "ok"}'
