"""Guards in front of every view: text no page can answer, and public requests kept short."""

import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from councilgov.routers import public_read_alias, public_reads

logger = logging.getLogger(__name__)

# C0 control characters and DEL. PostgreSQL refuses a NUL in any text it is sent (SQLite takes
# it), and none of them has a meaning in an address or a filter. Tab, line feed and carriage
# return are allowed in the query string, where a pasted search may carry them.
CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_QUERY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RejectControlCharactersMiddleware:
    """400 for an address or query string carrying a NUL or another control character.

    One guard for every page, feed, PDF and export, so that no reader of `request.GET` or of a
    URL argument has to remember that PostgreSQL cannot be sent such text. The readers that
    look records up by text check it too (decisions/register/selectors.py), for callers other than a
    request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if CONTROL_IN_PATH.search(request.path_info):
            raise BadRequest("The address contains a control character.")
        for name, values in request.GET.lists():
            if CONTROL_IN_QUERY.search(name) or any(
                CONTROL_IN_QUERY.search(value) for value in values
            ):
                raise BadRequest(f"{name}: contains a control character.")
        return self.get_response(request)


def query_cancelled(error: BaseException) -> bool:
    """Whether PostgreSQL cancelled the statement (statement_timeout), not a failure."""
    try:
        from psycopg.errors import QueryCanceled
    except ImportError:  # pragma: no cover - psycopg is installed wherever PostgreSQL is used
        return False
    return isinstance(error, OperationalError) and isinstance(error.__cause__, QueryCanceled)


def query_timeout_page() -> HttpResponse:
    """503 "try a narrower search", rendered without the database or the request's context
    processors: the transaction it would read in has just been cancelled."""
    content = loader.get_template("errors/query_timeout.html").render(
        {"register_name": settings.REGISTER_NAME}
    )
    response = HttpResponse(content, status=503)
    add_never_cache_headers(response)
    return response


class PublicReadsMiddleware:
    """Run an anonymous visitor's GET or HEAD of a public page inside `public_reads()`, so that
    its reads of the register go to the read replica when there is one (councilgov/routers.py).

    After AuthenticationMiddleware, so that the session is read, on the primary, before the
    request is marked; the admin, the workspace and signing in are read on the primary whoever
    asks.
    """

    PRIMARY_ONLY = ("/admin/", "/officers/", "/accounts/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            request.method not in ("GET", "HEAD")
            or (user is not None and user.is_authenticated)
            or request.path_info.startswith(self.PRIMARY_ONLY)
        ):
            return self.get_response(request)
        with public_reads():
            return self.get_response(request)


class PublicStatementTimeoutMiddleware:
    """Bound every database statement of an anonymous request in time (PostgreSQL only).

    A few slow public searches at once would otherwise hold every worker and stop the site for
    everyone. The timeout is set for the connection's session before the view runs and reset
    after, rather than `SET LOCAL`, because ATOMIC_REQUESTS opens the request's transaction
    inside the view, after middleware has run. It is set on the primary's connection and, when
    the request reads the public register from a replica, on the replica's too. Signed-in staff
    are not bounded: their pages are few and some (the admin, exports) are legitimately long. A
    statement cut off answers 503 "try a narrower search". SQLite has no statement timeout; it
    is for development.

    A streamed response (the CSV download) reads after the view has returned, so past the
    reset: it reads in batches of a few thousand rows, each a short query of its own
    (decisions/register/csv.py).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = settings.PUBLIC_STATEMENT_TIMEOUT_MS
        user = getattr(request, "user", None)
        if not timeout or (user is not None and user.is_authenticated):
            return self.get_response(request)
        aliases = dict.fromkeys([DEFAULT_DB_ALIAS, public_read_alias()])
        bounded = []
        for alias in aliases:
            database = connections[alias]
            if database.vendor != "postgresql":
                continue
            try:
                self._session_setting(database, f"SET statement_timeout = {int(timeout)}")
            except DatabaseError:
                # The database cannot be reached, so there is no statement to bound: the view
                # answers for itself (the 503 page, or the health check's own JSON).
                continue
            bounded.append(database)
        try:
            return self.get_response(request)
        finally:
            for database in bounded:
                self._reset(database)

    @staticmethod
    def _session_setting(database: BaseDatabaseWrapper, statement: str) -> None:
        """Run a SET on the connection itself, as Django sets the connection's time zone: it
        configures the session, reads nothing, and is not one of the page's queries."""
        database.ensure_connection()
        with database.wrap_database_errors:
            database.connection.execute(statement)

    def _reset(self, database: BaseDatabaseWrapper) -> None:
        try:
            self._session_setting(database, "RESET statement_timeout")
        except DatabaseError:
            # A connection that cannot be reset must not carry the timeout into a later,
            # signed-in request: close it, and the next request opens a fresh one.
            database.close()

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if query_cancelled(exception):
            logger.warning("Statement timeout: answered 503 for %s", request.get_full_path())
            return query_timeout_page()
        return None
