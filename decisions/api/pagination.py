from django.core.paginator import InvalidPage
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from decisions.web.pagination import CappedPaginator


def whole_number(request: Request, name: str, message: str) -> int | None:
    """The parameter as a number of at least 1, None when absent or empty; 400 otherwise."""
    value = request.query_params.get(name, "")
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise ValidationError({name: [message]})
    return int(value)


class RegisterPagination(PageNumberPagination):
    """Pages of 50 (up to 200 with ?page_size=), counted no further than the register's cap.

    Counting every match of a broad query on a large register is the slowest part of a page,
    so past 10,000 rows `count` stops there and `count_is_capped` says there are more.
    A `page` or `page_size` the API cannot use is answered 400 naming it, never ignored.
    """

    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = _("How many results a page holds: 1 to 200.")
    page_query_description = _("The page to show, from 1. A page past the last is 404.")
    max_page_size = 200
    django_paginator_class = CappedPaginator
    last_page_strings = ()

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

    def get_page_number(self, request: Request, paginator: CappedPaginator) -> int:
        number = whole_number(request, self.page_query_param, _("Enter a whole number, like 2."))
        return number or 1

    def paginate_queryset(self, queryset: object, request: Request, view: object = None) -> list:
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        try:
            self.page = paginator.page(self.get_page_number(request, paginator))
        except InvalidPage:
            pages = paginator.num_pages
            raise NotFound(
                ngettext(
                    "There is no such page: the results fill %(pages)d page.",
                    "There is no such page: the results fill %(pages)d pages.",
                    pages,
                )
                % {"pages": pages}
            ) from None
        # The browsable API shows its page links when there is more than one page.
        self.display_page_controls = paginator.num_pages > 1
        return list(self.page)

    def get_paginated_response(self, data: list) -> Response:
        paginator = self.page.paginator
        return Response(
            {
                "count": min(paginator.count, paginator.count_cap),
                "count_is_capped": paginator.count_is_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_is_capped"] = {
            "type": "boolean",
            "description": "True when there are more results than `count` says.",
            "example": False,
        }
        response["required"] = ["count", "count_is_capped", "results"]
        return response

    def get_schema_operation_parameters(self, view: object) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
