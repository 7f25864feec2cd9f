from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from decisions.admin.base import NamesBodiesByCouncil
from decisions.models import (
    DraftFundingLine,
    DraftOption,
    DraftRecommendation,
    DraftRisk,
    DraftSection,
    Report,
    SignOff,
)


class DraftSectionInline(admin.StackedInline):
    """Shown, not edited: a section is saved through report_section_save, which renders its
    printed HTML, moves its version on and withdraws a sign-off the change makes stale."""

    model = DraftSection
    extra = 0
    fields = [("kind", "is_exempt", "version"), "text", ("updated_at", "updated_by")]
    readonly_fields = ["kind", "is_exempt", "version", "text", "updated_at", "updated_by"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class DraftRecommendationInline(NamesBodiesByCouncil, admin.StackedInline):
    model = DraftRecommendation
    extra = 0
    autocomplete_fields = ["delegate", "in_consultation_with"]
    fields = [
        ("label", "order", "kind"),
        "heading",
        "text",
        ("delegate", "in_consultation_with"),
        ("money_limit", "within_existing_budget"),
        "limits",
    ]


class DraftOptionInline(admin.TabularInline):
    model = DraftOption
    extra = 0
    fields = ["order", "label", "title", "description", "is_recommended"]


class DraftRiskInline(admin.TabularInline):
    model = DraftRisk
    extra = 0
    fields = ["order", "description", "mitigation", "rating"]


class DraftFundingLineInline(admin.StackedInline):
    model = DraftFundingLine
    extra = 0
    fields = [
        ("amount", "precision", "order"),
        ("kind", "recurrence", "source"),
        ("financial_year", "period_start", "period_end"),
        "description",
    ]


class SignOffInline(admin.TabularInline):
    """Shown, not edited: sign-offs are asked for, given and returned in the workspace."""

    model = SignOff
    extra = 0
    fields = ["area", "officer", "status", "requested_at", "responded_at", "approved_version"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(NamesBodiesByCouncil, SimpleHistoryAdmin):
    list_display = [
        "title",
        "authority",
        "directorate",
        "status",
        "decision_maker",
        "intended_date",
        "updated_at",
    ]
    list_filter = [
        "authority",
        "status",
        "is_key_decision",
        ("directorate", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "author__name"]
    date_hierarchy = "updated_at"
    list_select_related = ["authority", "directorate", "decision_maker"]
    autocomplete_fields = [
        "directorate",
        "decision_maker",
        "author",
        "forward_plan_entry",
        "decision",
    ]
    filter_horizontal = ["wards", "relevant_members", "contributors"]
    # The workflow's steps (clearance, the forward plan, the decision) are the services' to
    # take: the admin shows where a report stands.
    readonly_fields = [
        "status",
        "version",
        "created_by",
        "created_at",
        "updated_at",
        "sent_to_decision_maker_at",
    ]
    fieldsets = [
        (None, {"fields": ["authority", "directorate", "title", ("status", "version")]}),
        (
            _("Decision"),
            {
                "fields": [
                    "decision_maker",
                    "relevant_members",
                    ("is_key_decision", "intended_date"),
                    "key_decision_reason",
                    "exempt_paragraph",
                ]
            },
        ),
        (_("Wards"), {"fields": ["affects_all_wards", "wards"]}),
        (_("Authors"), {"fields": ["author", "contributors"]}),
        (
            _("Progress"),
            {
                "fields": [
                    "forward_plan_entry",
                    "sent_to_decision_maker_at",
                    "decision",
                    ("created_by", "created_at", "updated_at"),
                ]
            },
        ),
    ]
    inlines = [
        DraftSectionInline,
        DraftRecommendationInline,
        DraftOptionInline,
        DraftRiskInline,
        DraftFundingLineInline,
        SignOffInline,
    ]

    def save_model(self, request: HttpRequest, obj: Report, form, change: bool) -> None:
        if change:
            # Moved on like a workspace save, so that a form opened before this is refused
            # rather than overwriting it (optimistic locking, decisions.models.drafting).
            obj.version += 1
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            # As decisions.reports.services.drafting.report_start: every section of the template.
            for kind in DraftSection.Kind.values:
                DraftSection.objects.get_or_create(report=obj, kind=kind)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        for row_form in formset.initial_forms:
            if row_form.has_changed() and hasattr(row_form.instance, "version"):
                row_form.instance.version += 1
        super().save_formset(request, form, formset, change)


@admin.register(SignOff)
class SignOffAdmin(SimpleHistoryAdmin):
    list_display = ["report", "area", "officer", "status", "requested_at", "responded_at"]
    list_filter = ["area", "status", "report__authority"]
    search_fields = ["report__title", "officer__username", "officer__last_name", "comment"]
    date_hierarchy = "requested_at"
    list_select_related = ["report", "officer"]
    autocomplete_fields = ["report", "officer"]
    readonly_fields = ["approved_version", "approved_text"]
    fields = [
        ("report", "area"),
        ("officer", "status"),
        ("requested_at", "responded_at"),
        ("approved_version", "approved_text"),
        "comment",
    ]
