from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from decisions.admin.base import NamesBodiesByCouncil
from decisions.models import (
    Authority,
    Body,
    CallInRuleVersion,
    ClosureDay,
    Directorate,
    Person,
    Role,
    Ward,
)


class CallInRuleInline(admin.TabularInline):
    model = CallInRuleVersion
    extra = 0


class ClosureDayInline(admin.TabularInline):
    model = ClosureDay
    extra = 0


@admin.register(Authority)
class AuthorityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "nation", "reference_prefix", "key_decision_threshold"]
    list_filter = ["nation"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CallInRuleInline, ClosureDayInline]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "is_executive", "authority"]
    list_filter = ["authority", "kind", "is_executive"]
    search_fields = ["name", "authority__name", "authority__short_name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The autocomplete names each body's council (Body.choice_label).
        return super().get_queryset(request).select_related("authority")


@admin.register(Ward)
class WardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "authority"]
    list_filter = ["authority"]
    search_fields = ["name"]


@admin.register(Directorate)
class DirectorateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "authority"]
    list_filter = ["authority"]
    search_fields = ["name"]


class RoleInline(NamesBodiesByCouncil, admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["body"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "authority", "directorate", "email"]
    list_filter = ["authority", "kind"]
    search_fields = ["name", "email", "roles__title"]
    autocomplete_fields = ["user"]
    inlines = [RoleInline]
