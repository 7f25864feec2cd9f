"""Filters for the API's meetings and issues; decisions use decisions.filters.DecisionFilter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from decisions.models import Authority, Issue, Meeting

REAL_DATE = _("Enter a real date, like 2023-11-09.")


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
