"""The API's answer when a request under /api/ fails before, or outside, its views.

REST framework answers the errors its views raise. The rest (a control character refused by
middleware, the database going away, a server error) reach the site's error handlers, which
ask here, so that everything under /api/ answers JSON with a `detail`, as its schema says.
"""

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

NOTHING_HERE = _lazy("There is nothing at this address. The API's addresses are at /api/.")


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(reverse("api:api-root"))


def api_error(status: int) -> JsonResponse:
    details = {
        400: _("The address or its query could not be read: it may hold a character such as NUL."),
        403: _("You do not have permission to do that."),
        404: str(NOTHING_HERE),
        405: _("The API only reads: use GET."),
        500: _("Something went wrong. Try again later."),
        503: _("The service is unavailable. Try again later."),
    }
    response = JsonResponse({"detail": details[status]}, status=status)
    add_never_cache_headers(response)
    return response
