"""The admin site: Django's own, with pickers that can name more than a record's own name."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Model
from django.http import HttpRequest, HttpResponse


class ChoiceLabelAutocompleteJsonView(AutocompleteJsonView):
    """Search results named by the record's `choice_label` where it has one: every council
    has a "Cabinet", and the decision-maker picker must say whose (decisions.Body)."""

    def serialize_result(self, obj: Model, to_field_name: str) -> dict[str, str]:
        result = super().serialize_result(obj, to_field_name)
        label = getattr(obj, "choice_label", None)
        return {**result, "text": str(label)} if label else result


class CouncilAdminSite(admin.AdminSite):
    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        return ChoiceLabelAutocompleteJsonView.as_view(admin_site=self)(request)


class CouncilAdminConfig(AdminConfig):
    default_site = "councilgov.admin_site.CouncilAdminSite"
