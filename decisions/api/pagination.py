"""The API's pages: followed from one to the next by a cursor, as deep as the register goes."""

import base64
import binascii
import json
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.template import loader
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from decisions.web.keyset import Keyset
from decisions.web.pagination import CappedPaginator

NOT_A_CURSOR = _(
    "This is not a cursor the API gave: follow the `next` and `previous` links of a page."
)
OTHER_ORDER = _(
    "This cursor belongs to the list in another order: follow the links of a page with the "
    "same `sort`."
)


def whole_number(request: Request, name: str, message: str) -> int | None:
    """The parameter as a number of at least 1, None when absent or empty; 400 otherwise."""
    value = request.query_params.get(name, "")
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise ValidationError({name: [message]})
    return int(value)


def json_value(value: object) -> object:
    """A position's value as JSON holds it: dates as ISO 8601, amounts as text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not a value a cursor holds.")


class RegisterPagination(BasePagination):
    """Pages of 20, as the register's (up to 200 with ?page_size=), linked by `next` and `previous`.

    Each link carries a cursor: where its page starts in the list's order (a keyset,
    decisions/web/keyset.py), so the last page of a million records is as quick as the first,
    and following `next` reaches every record once, even while records are being published.
    `count` is counted no further than the register's cap: counting every match of a broad
    query on a large register is the slowest part of a page, so past 10,000 rows it stops there
    and `count_is_capped` says there are more. A `cursor` or `page_size` the API cannot use is
    answered 400 naming it, never ignored.
    """

    page_size = 20
    max_page_size = 200
    page_size_query_param = "page_size"
    page_size_query_description = _("How many results a page holds: 1 to 200.")
    cursor_query_param = "cursor"
    cursor_query_description = _(
        "Where the page starts, as the `next` and `previous` links of a page give it."
    )
    # A cursor holds the last row's values of the list's order (a title, a council's name):
    # read up to this long, whatever else the query holds (decisions.api.base.LONGEST_QUERY),
    # well inside the request line gunicorn reads.
    longest_cursor = 2_000
    template = "rest_framework/pagination/previous_and_next.html"

    def get_page_size(self, request: Request) -> int:
        size = whole_number(
            request,
            self.page_size_query_param,
            _("Enter a whole number from 1 to %(max)d.") % {"max": self.max_page_size},
        )
        if size is None:
            return self.page_size
        if size > self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("A page holds at most %(max)d results.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def paginate_queryset(self, queryset: QuerySet, request: Request, view: object = None) -> list:
        self.request = request
        size = self.get_page_size(request)
        self.keyset = keyset = Keyset(queryset)
        backwards, position = self.read_cursor(request)
        paginator = CappedPaginator(queryset, size)
        self.count = min(paginator.count, paginator.count_cap)
        self.count_is_capped = paginator.count_is_capped
        if position is None:
            rows = list(keyset.first()[: size + 1])
        elif backwards:
            rows = list(keyset.before(position)[: size + 1])
        else:
            rows = list(keyset.after(position)[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if backwards:
            rows.reverse()
        # One row more than the page shows says whether there is a page beyond it; a page
        # reached by a cursor has the row the cursor was taken from on its other side.
        self.next_position = self.previous_position = None
        if rows:
            if more or backwards:
                self.next_position = keyset.position(rows[-1])
            if (more and backwards) or (position is not None and not backwards):
                self.previous_position = keyset.position(rows[0])
        # The browsable API shows its Previous and Next links when there is another page.
        self.display_page_controls = (
            self.next_position is not None or self.previous_position is not None
        )
        return rows

    def read_cursor(self, request: Request) -> tuple[bool, tuple[object, ...] | None]:
        """(backwards, position) from the `cursor` parameter; (False, None) for the first page."""
        text = request.query_params.get(self.cursor_query_param, "")
        if not text:
            return False, None
        if len(text) > self.longest_cursor:
            raise ValidationError({self.cursor_query_param: [NOT_A_CURSOR]})
        try:
            data = json.loads(
                base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode(),
                parse_constant=self._no_constants,
            )
            if not isinstance(data, dict) or not isinstance(data.get("v"), list):
                raise ValueError("Not a cursor.")
            if data.get("o") != self.keyset.signature:
                raise ValidationError({self.cursor_query_param: [OTHER_ORDER]})
            return data.get("b") is True, self.keyset.parse(data["v"])
        except (ValueError, binascii.Error) as error:
            # json.JSONDecodeError and UnicodeDecodeError are ValueErrors.
            raise ValidationError({self.cursor_query_param: [NOT_A_CURSOR]}) from error

    @staticmethod
    def _no_constants(name: str) -> None:
        raise ValueError(f"{name} is not a value a cursor holds.")

    def cursor(self, position: tuple[object, ...], *, backwards: bool) -> str:
        data: dict[str, object] = {"o": self.keyset.signature, "v": list(position)}
        if backwards:
            data["b"] = True
        text = json.dumps(data, default=json_value, ensure_ascii=False, separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    def link(self, position: tuple[object, ...] | None, *, backwards: bool) -> str | None:
        if position is None:
            return None
        return replace_query_param(
            self.request.build_absolute_uri(),
            self.cursor_query_param,
            self.cursor(position, backwards=backwards),
        )

    def get_next_link(self) -> str | None:
        return self.link(self.next_position, backwards=False)

    def get_previous_link(self) -> str | None:
        return self.link(self.previous_position, backwards=True)

    def get_paginated_response(self, data: list) -> Response:
        return Response(
            {
                "count": self.count,
                "count_is_capped": self.count_is_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_html_context(self) -> dict:
        return {"previous_url": self.get_previous_link(), "next_url": self.get_next_link()}

    def to_html(self) -> str:
        return loader.get_template(self.template).render(self.get_html_context())

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {
            "type": "string",
            "nullable": True,
            "format": "uri",
            "example": "http://api.example.org/decisions/?cursor=eyJvIjoiLWRhdGVfb2ZfZGVjaXNpb24",
        }
        return {
            "type": "object",
            "required": ["count", "count_is_capped", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "How many results there are, counted up to 10,000.",
                    "example": 123,
                },
                "count_is_capped": {
                    "type": "boolean",
                    "description": "True when there are more results than `count` says.",
                    "example": False,
                },
                "next": {**link, "description": "The next page; null on the last."},
                "previous": {**link, "description": "The page before; null on the first."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: object) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(self.cursor_query_description),
                "schema": {"type": "string", "maxLength": self.longest_cursor},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(self.page_size_query_description),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
