"""The register's URLs, with some that fail on purpose, for the tests of the error pages
(tests/operations/test_error_pages.py, and axe-core's in tests/browser/test_accessibility.py)."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from councilgov.urls import (  # noqa: F401 - the error handlers are read from the URLconf
    handler400,
    handler403,
    handler404,
    handler500,
    urlpatterns,
)

# What a failure's own text might hold, that no page may repeat.
SECRET_DETAIL = "SECRET-DETAIL password=hunter2 SELECT * FROM decisions_decision"


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_DETAIL)


def database_gone(request: HttpRequest) -> HttpResponse:
    raise OperationalError(f"connection to server failed: {SECRET_DETAIL}")


def bad_request(request: HttpRequest) -> HttpResponse:
    raise BadRequest(SECRET_DETAIL)


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(SECRET_DETAIL)


def statement_cancelled(request: HttpRequest) -> HttpResponse:
    """What PostgreSQL's statement timeout raises (councilgov/middleware.py), on any database."""
    from psycopg.errors import QueryCanceled

    raise OperationalError("canceling statement due to statement timeout") from QueryCanceled()


@require_POST
def post_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse("sent")


urlpatterns = [
    path("broken/", broken),
    path("database-gone/", database_gone),
    path("bad-request/", bad_request),
    path("forbidden/", forbidden),
    path("post-only/", post_only),
    path("statement-cancelled/", statement_cancelled),
    *urlpatterns,
]
