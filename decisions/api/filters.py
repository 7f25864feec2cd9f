"""Filters for the API's meetings and issues (decisions use
decisions.register.filters.DecisionFilter), and the filter backend every list of the API
goes through."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from decisions.models import Authority, Issue, Meeting
from decisions.register.filters import DecisionFilter

REAL_DATE = _("Enter a real date, like 2023-11-09.")
# Pages were once numbered (?page=2): say how they are reached now.
PAGES_BY_LINK = _(
    "Pages are not numbered: follow the `next` and `previous` links of a page (a `cursor`)."
)


class APIDecisionFilter(DecisionFilter):
    """The register's filters, asking for dates as the API gives them (YYYY-MM-DD)."""

    DATE_HINT = _("For example, 2023-11-09")
    DATE_INVALID = REAL_DATE


def authority_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Council (its slug, such as bathnes)"),
        queryset=Authority.objects.all(),
        to_field_name="slug",
    )


class MeetingFilter(django_filters.FilterSet):
    authority = authority_filter()
    date_from = django_filters.DateFilter(
        label=_("Held on or after"),
        field_name="date",
        lookup_expr="gte",
        error_messages={"invalid": REAL_DATE},
    )
    date_to = django_filters.DateFilter(
        label=_("Held on or before"),
        field_name="date",
        lookup_expr="lte",
        error_messages={"invalid": REAL_DATE},
    )

    class Meta:
        model = Meeting
        fields: list[str] = []


class IssueFilter(django_filters.FilterSet):
    authority = authority_filter()

    class Meta:
        model = Issue
        fields: list[str] = []


class RegisterFilterBackend(DjangoFilterBackend):
    """The register's filters, and only them: a parameter a list does not take is answered 400
    naming it, so that a misspelt filter (`?council=bathnes`) never silently lists everything.

    A single record takes no parameters but `format`; a list takes its filters, `cursor` and
    `page_size`.
    """

    def filter_queryset(self, request: Request, queryset: QuerySet, view: APIView) -> QuerySet:
        listing = getattr(view, "action", None) == "list"
        taken = {api_settings.URL_FORMAT_OVERRIDE}
        if listing:
            taken |= self.list_parameters(view, queryset)
        if unknown := sorted(set(request.query_params) - taken):
            message = (
                _("This list has no such parameter.")
                if listing
                else _("A single record takes no parameters.")
            )
            raise ValidationError(
                {
                    name: [PAGES_BY_LINK if listing and name == "page" else message]
                    for name in unknown
                }
            )
        return super().filter_queryset(request, queryset, view) if listing else queryset

    def list_parameters(self, view: APIView, queryset: QuerySet) -> set[str]:
        filterset_class = self.get_filterset_class(view, queryset)
        paginator = view.paginator
        return {
            *(filterset_class.base_filters if filterset_class else ()),
            paginator.cursor_query_param,
            paginator.page_size_query_param,
        }
