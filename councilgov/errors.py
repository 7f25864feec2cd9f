"""The register's error pages: 400, 403, 404, 405, 500 and 503, in GOV.UK's patterns.

Django calls the handlers named in councilgov/urls.py; `ErrorPagesMiddleware` adds the two it
has no handler for: 405 (a bare `HttpResponseNotAllowed`) and 503 while the database cannot be
reached. No page says why it failed beyond its status: no exception text, SQL or settings.

The 500 and 503 pages are rendered without the request's context processors (the signed-in
user, messages and the session all read the database), so they render while it is down.
"""

import logging
import re
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template import loader
from django.utils.cache import add_never_cache_headers

from decisions.api.errors import api_error, is_api_request
from decisions.models import Authority

logger = logging.getLogger(__name__)

# Raised when the database cannot be reached or drops the connection (psycopg and sqlite3
# both report a refused or lost connection, an unreadable file and a lock as OperationalError).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# A council's address in the register: /decisions/<slug>/…, the slug as the URL pattern allows.
COUNCIL_PATH = re.compile(r"^/decisions/(?P<slug>[-a-zA-Z0-9_]{1,60})/")
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,60}\Z")
# How long a client may wait before asking again while the database is away.
RETRY_AFTER_SECONDS = 30


def council_of(request: HttpRequest) -> Authority | None:
    """The council whose page was asked for, when the address names one in the register.

    Read from the matched URL's `authority` slug, or from a /decisions/<slug>/ address that
    matched nothing. Anything that is not a slug is not looked up (a NUL byte would make
    PostgreSQL refuse the query), and a database failure here only costs the header its name.
    """
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("authority") if match is not None else None
    if not isinstance(slug, str):
        found = COUNCIL_PATH.match(request.path_info)
        slug = found.group("slug") if found else None
    if not slug or not SLUG.match(slug):
        return None
    try:
        return Authority.objects.filter(slug=slug).first()
    except DatabaseError:
        return None


def render_error(
    request: HttpRequest, status: int, *, with_database: bool = True, **context: object
) -> HttpResponse:
    """The page `templates/<status>.html`, answering `status`, never cached.

    `with_database=False` renders without the request (so with no context processors) and
    without looking up the council: for the pages shown when the database may be the problem.
    """
    if is_api_request(request):
        # Under /api/ the answer is JSON with a `detail`, as the API's schema says.
        return api_error(status)
    template = loader.get_template(f"{status}.html")
    if with_database:
        context.setdefault("authority", council_of(request))
        content = template.render(context, request)
    else:
        context["register_name"] = settings.REGISTER_NAME
        # Whether anyone is signed in is not known without the database: offer neither
        # "Sign in" nor "Sign out".
        context["without_account"] = True
        content = template.render(context)
    response = HttpResponse(content, status=status)
    add_never_cache_headers(response)
    return response


def service_unavailable(request: HttpRequest) -> HttpResponse:
    response = render_error(request, 503, with_database=False)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its CSRF token (most often an old tab): the 403 page, no reason."""
    return render_error(request, 403)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the failure was the database going away.

    A database failure inside a view is answered by ErrorPagesMiddleware; one raised outside
    it (saving the session after the view, say) reaches Django's 500 handler, still in flight.
    """
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return render_error(request, 500, with_database=False)


class ErrorPagesMiddleware:
    """The 503 page while the database is down, and the 405 page for a method not allowed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Django's require_http_methods answers 405 with an empty body; the API's own 405s
        # (REST framework, with a JSON body) are left as they are.
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            page = render_error(request, 405)
            page["Allow"] = response["Allow"]
            return page
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.error("Database unavailable: answered 503 for %s", request.path, exc_info=True)
            return service_unavailable(request)
        return None
