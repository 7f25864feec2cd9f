"""Guards in front of every view: text no page can answer, and public requests kept short."""

import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DatabaseError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

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


class PublicStatementTimeoutMiddleware:
    """Bound every database statement of an anonymous request in time (PostgreSQL only).

    A few slow public searches at once would otherwise hold every worker and stop the site for
    everyone. The timeout is set for the connection's session before the view runs and reset
    after, rather than `SET LOCAL`, because ATOMIC_REQUESTS opens the request's transaction
    inside the view, after middleware has run. Signed-in staff are not bounded: their pages are
    few and some (the admin, exports) are legitimately long. A statement cut off answers 503
    "try a narrower search". SQLite has no statement timeout; it is for development.

    A streamed response (the CSV download) reads after the view has returned, so past the
    reset: it is bounded by its own row limit instead (decisions/register/csv.py).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = settings.PUBLIC_STATEMENT_TIMEOUT_MS
        user = getattr(request, "user", None)
        if (
            not timeout
            or connection.vendor != "postgresql"
            or (user is not None and user.is_authenticated)
        ):
            return self.get_response(request)
        try:
            self._session_setting(f"SET statement_timeout = {int(timeout)}")
        except DatabaseError:
            # The database cannot be reached, so there is no statement to bound: the view
            # answers for itself (the 503 page, or the health check's own JSON).
            return self.get_response(request)
        try:
            return self.get_response(request)
        finally:
            self._reset()

    @staticmethod
    def _session_setting(statement: str) -> None:
        """Run a SET on the connection itself, as Django sets the connection's time zone: it
        configures the session, reads nothing, and is not one of the page's queries."""
        connection.ensure_connection()
        with connection.wrap_database_errors:
            connection.connection.execute(statement)

    def _reset(self) -> None:
        try:
            self._session_setting("RESET statement_timeout")
        except DatabaseError:
            # A connection that cannot be reset must not carry the timeout into a later,
            # signed-in request: close it, and the next request opens a fresh one.
            connection.close()

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if query_cancelled(exception):
            logger.warning("Statement timeout: answered 503 for %s", request.get_full_path())
            return query_timeout_page()
        return None
