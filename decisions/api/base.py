from datetime import datetime
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.viewsets import ReadOnlyModelViewSet

# Longer than any query needs (a search is at most 200 characters), and with a page's cursor
# (at most 2,000 more) well inside the request line gunicorn reads (limit_request_line, 8,190
# bytes in councilgov/gunicorn.conf.py), so that the API answers a long query itself.
LONGEST_QUERY = 2_000


class QueryTooLong(APIException):
    status_code = status.HTTP_414_REQUEST_URI_TOO_LONG
    default_detail = _(
        "The query is longer than the API reads (%(longest)s characters). Use fewer or "
        "shorter parameters."
    ) % {"longest": f"{LONGEST_QUERY:,}"}
    default_code = "query_too_long"


class PublicRegisterViewSet(ReadOnlyModelViewSet):
    """One instant per request, so that what is public and each call-in status agree."""

    lookup_value_regex = r"\d+"

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        query = request.META.get("QUERY_STRING", "")
        # A page's cursor is bounded on its own (RegisterPagination.longest_cursor): it holds
        # where the page starts, a title say, and a link the API gives must be followed.
        cursor = next((part for part in query.split("&") if part.startswith("cursor=")), "")
        if len(query) - len(cursor) > LONGEST_QUERY:
            raise QueryTooLong()
        super().initial(request, *args, **kwargs)

    @cached_property
    def at(self) -> datetime:
        return timezone.now()

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "at": self.at}
