"""A public address saying which database it reads the register from and that database's
statement timeout, for tests/operations/test_replica_routing.py."""

from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.urls import path

from councilgov.routers import public_read_alias


def statement_timeout(request: HttpRequest) -> JsonResponse:
    alias = public_read_alias()
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (timeout,) = cursor.fetchone()
    return JsonResponse({"alias": alias, "statement_timeout": timeout})


urlpatterns = [path("statement-timeout/", statement_timeout)]
