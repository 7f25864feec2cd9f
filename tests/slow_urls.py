"""The register's URLs, and one whose database statement runs for as long as it is asked to,
for the tests of the public statement timeout (tests/register/test_public_limits.py)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

from councilgov.urls import (  # noqa: F401 - the error handlers are read from the URLconf
    handler400,
    handler403,
    handler404,
    handler500,
)
from councilgov.urls import urlpatterns as register_urlpatterns


def slow_statement(request: HttpRequest) -> HttpResponse:
    """Sleeps in PostgreSQL for ?seconds=, as a search over too much of the register would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [float(request.GET.get("seconds", "1"))])
    return HttpResponse("finished")


urlpatterns = [path("slow-statement/", slow_statement), *register_urlpatterns]
