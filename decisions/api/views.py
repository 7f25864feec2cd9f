from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import APIRootView
from rest_framework.views import APIView

from decisions.api.base import LONGEST_QUERY, PublicRegisterViewSet
from decisions.api.errors import NOTHING_HERE
from decisions.api.filters import APIDecisionFilter, IssueFilter, MeetingFilter
from decisions.api.pagination import RegisterPagination
from decisions.api.serializers import DecisionSerializer, IssueSerializer, MeetingSerializer
from decisions.models import (
    AgendaItem,
    Decision,
    Delegation,
    Document,
    Issue,
    Meeting,
    RelatedDecision,
)
from decisions.web.pagination import CappedPaginator
from decisions.web.prefetch import prefetch_present


def public_documents() -> QuerySet:
    return Document.objects.filter(is_exempt=False)


def public_agenda_items() -> QuerySet:
    return (
        AgendaItem.objects.filter(is_exempt=False)
        .select_related("meeting__body")
        .prefetch_related(Prefetch("documents", queryset=public_documents()))
    )


def decision_summaries(at: datetime) -> QuerySet:
    return (
        Decision.objects.public(at)
        .select_related("authority", "decision_maker")
        .order_by("date_of_decision", "pk")
    )


def everything_shown(at: datetime) -> list:
    """What DecisionSerializer shows of each decision beyond its call-in status: public rows
    only. Read by prefetch_present, so that the parts no decision of the page has cost no
    query."""
    citations = RelatedDecision.objects.select_related("related__authority").annotate(
        related_is_public=Exists(Decision.objects.public(at).filter(pk=OuterRef("related")))
    )
    delegations = Delegation.objects.select_related(
        "delegate", "in_consultation_with", "recommendation"
    )
    return [
        "recommendations",
        Prefetch("delegations", queryset=delegations),
        "funding_lines",
        "wards",
        Prefetch("citations", queryset=citations),
        Prefetch("documents", queryset=public_documents()),
    ]


class DecisionViewSet(PublicRegisterViewSet):
    """Published decisions that are neither exempt nor confidential.

    Filter with the register's own filters: `q` (words), `authority` (slug), `decision_maker`
    (id), `decided_from`/`decided_to` and `published_from`/`published_to` (YYYY-MM-DD),
    `key_decision` (yes/no), `call_in_status`, `ward` (id), `funding_over` (pounds) and
    `sort` (newest, oldest, published, title, relevance).
    """

    serializer_class = DecisionSerializer
    filterset_class = APIDecisionFilter

    def get_queryset(self) -> QuerySet:
        return Decision.objects.public(self.at)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Prefetch after filtering: the call-in status filter runs a query of its own, which
        # should not fetch all of this.
        return super().filter_queryset(queryset).with_call_in_status_context()

    def paginate_queryset(self, queryset: QuerySet) -> list | None:
        page = super().paginate_queryset(queryset)
        if page:
            prefetch_present(page, everything_shown(self.at))
        return page

    def get_object(self) -> Decision:
        decision = super().get_object()
        prefetch_present(decision, everything_shown(self.at))
        return decision


class MeetingViewSet(PublicRegisterViewSet):
    """Meetings, with their public agenda items and the public decisions taken at them."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self) -> QuerySet:
        return (
            Meeting.objects.select_related("authority", "body")
            .prefetch_related(
                Prefetch("items", queryset=public_agenda_items()),
                Prefetch("decisions", queryset=decision_summaries(self.at)),
            )
            .order_by("-date", "pk")
        )


class IssueViewSet(PublicRegisterViewSet):
    """Matters followed over time: their public agenda items and decisions, in date order."""

    serializer_class = IssueSerializer
    filterset_class = IssueFilter

    def get_queryset(self) -> QuerySet:
        return (
            Issue.objects.public(self.at)
            .select_related("authority")
            .prefetch_related(
                Prefetch(
                    "agenda_items",
                    queryset=public_agenda_items().order_by(
                        "meeting__date", "order", "number", "pk"
                    ),
                ),
                Prefetch("decisions", queryset=decision_summaries(self.at)),
            )
            .order_by("authority__name", "title", "pk")
        )


class RegisterApiRoot(APIRootView):
    """The council decisions register, as JSON.

    Everything here is public and read-only: no key or login is needed. Lists come in pages
    of 20 (`?page_size=` up to 200); each page's `next` and `previous` links lead on, through
    every record however many there are; `count` stops at 10,000, and `count_is_capped` is
    true when there are more. Filters are query parameters, such as
    `/api/decisions/?authority=bathnes&decided_from=2023-11-01`; a filter left empty does not
    filter, and a value that is not understood, or a parameter a list does not take, is
    answered 400 with a message naming the parameter.

    The OpenAPI 3 schema, with every field and filter, is at `/api/schema/` (YAML) and
    `/api/schema/?format=json`; `/api/docs/` explains each operation and tries it out.
    """

    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        response = super().get(request, *args, **kwargs)
        response.data["schema"] = reverse("api:schema", request=request)
        response.data["docs"] = reverse("api:docs", request=request)
        return response


class NoSuchAddress(APIView):
    """Any other address under /api/ (a mistyped resource, an id that is not a number): a JSON
    404 like the API's own, not the site's HTML page."""

    schema = None

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        super().initial(request, *args, **kwargs)
        raise NotFound(NOTHING_HERE)


class RegisterSchemaView(SpectacularAPIView):
    """The OpenAPI schema: YAML, or JSON with ?format=json, and readable in a browser.

    Tools get YAML as application/vnd.oai.openapi; a browser, which downloads types it cannot
    show, gets the same text as text/plain, shown in the window.
    """

    # JSON as application/json first, so that ?format=json is shown by a browser too.
    renderer_classes = [
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
        OpenApiJsonRenderer2,
        OpenApiJsonRenderer,
    ]

    def finalize_response(
        self, request: Request, response: Response, *args: object, **kwargs: object
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        browsing = "text/html" in request.META.get("HTTP_ACCEPT", "")
        if browsing and isinstance(response.accepted_renderer, OpenApiYamlRenderer):
            response.content_type = "text/plain; charset=utf-8"
        return response


class ApiDocsView(TemplateView):
    """The API's documentation page: how to use it, then Swagger UI reading the schema.

    Template: api/docs.html. Swagger UI is served from npm's swagger-ui-dist with the site's
    static files, and started by assets/js/api-docs.js, since the CSP allows no inline script.
    """

    template_name = "api/docs.html"

    def get_context_data(self, **kwargs: object) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "crumbs": [(reverse("api:api-root"), _("JSON API"))],
            "page_size": RegisterPagination.page_size,
            "max_page_size": RegisterPagination.max_page_size,
            "count_cap": CappedPaginator.count_cap,
            "longest_query": LONGEST_QUERY,
        }
