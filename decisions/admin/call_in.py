from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from decisions.models import (
    CallIn,
    CallInSignature,
)


class CallInSignatureInline(admin.TabularInline):
    model = CallInSignature
    extra = 0
    autocomplete_fields = ["member"]


class ShowsValidity:
    """A call-in's validity (the rule's tests it fails, or "Valid"), read-only."""

    @admin.display(description=_("validity"))
    def validity(self, obj: CallIn) -> str:
        if obj.pk is None:
            return "–"
        return "; ".join(obj.validity_problems()) or _("Valid")


class CallInInline(ShowsValidity, admin.TabularInline):
    """A decision's call-ins, on its admin page."""

    model = CallIn
    fields = ["received_at", "outcome", "outcome_date", "validity"]
    readonly_fields = ["validity"]
    extra = 0
    show_change_link = True


@admin.register(CallIn)
class CallInAdmin(ShowsValidity, SimpleHistoryAdmin):
    list_display = ["decision", "received_at", "outcome", "outcome_date", "validity"]
    list_filter = ["outcome", "final_outcome", "decision__authority"]
    search_fields = ["decision__title", "decision__reference", "reasons"]
    date_hierarchy = "received_at"
    autocomplete_fields = ["decision", "scrutiny_meeting"]
    readonly_fields = ["validity"]
    inlines = [CallInSignatureInline]
