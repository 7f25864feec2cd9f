from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from decisions.admin.base import NamesBodiesByCouncil
from decisions.models import (
    ForwardPlanEntry,
)
from decisions.rules import call_in as call_in_rules


@admin.register(ForwardPlanEntry)
class ForwardPlanEntryAdmin(NamesBodiesByCouncil, SimpleHistoryAdmin):
    list_display = [
        "title",
        "decision_maker",
        "intended_date",
        "first_published",
        "notice",
        "notice_check",
        "is_private",
    ]
    list_filter = ["authority", "notice", "is_private", "is_key_decision"]
    search_fields = ["title", "reference", "summary"]
    date_hierarchy = "intended_date"
    autocomplete_fields = ["decision_maker", "lead_officer", "decision"]
    filter_horizontal = ["wards"]
    readonly_fields = ["notice_check"]
    fieldsets = [
        (None, {"fields": ["authority", "reference", "title", "summary", "decision_maker"]}),
        (
            _("When"),
            {
                "fields": [
                    ("intended_date", "intended_period"),
                    "first_published",
                    "notice_check",
                ]
            },
        ),
        (
            _("Notice"),
            {"fields": ["notice", "chair_notified_on", ("chair_agreed_on", "chair_agreement")]},
        ),
        (
            _("Documents and representations"),
            {"fields": ["documents", "representations", "lead_officer"]},
        ),
        (_("In private"), {"fields": [("is_private", "exempt_paragraph"), "private_reason"]}),
        (_("Wards"), {"fields": ["affects_all_wards", "wards"]}),
        (_("Outcome"), {"fields": ["is_key_decision", "decision"]}),
    ]

    @admin.display(description=_("clear days' notice"))
    def notice_check(self, obj: ForwardPlanEntry) -> str:
        if obj.pk is None or obj.clear_days_notice is None:
            return "–"
        return _("%(days)s clear days (latest date for 28: %(latest)s)") % {
            "days": obj.clear_days_notice,
            "latest": call_in_rules.format_date(obj.latest_publication_for_full_notice),
        }
