from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from decisions.pagination import CappedPaginator


class RegisterPagination(PageNumberPagination):
    """Pages of 50 (up to 200 with ?page_size=), counted no further than the register's cap.

    Counting every match of a broad query on a large register is the slowest part of a page,
    so past 10,000 rows `count` stops there and `count_is_capped` says there are more.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CappedPaginator

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
