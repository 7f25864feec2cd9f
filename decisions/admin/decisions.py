from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from commissioning.models import FundingLine, ServiceVolume
from decisions.admin.base import NamesBodiesByCouncil
from decisions.admin.call_in import CallInInline
from decisions.admin.meetings import OptionInline
from decisions.models import (
    Decision,
    DeclaredInterest,
    Delegation,
    Document,
    OfficerDecision,
    Recommendation,
    RelatedDecision,
    ReportSection,
    Risk,
)
from decisions.rules import call_in as call_in_rules


class CallInStatusFilter(admin.SimpleListFilter):
    title = _("call-in status")
    parameter_name = "call_in_status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [(status.value, status.label) for status in call_in_rules.CallInStatus]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in call_in_rules.CallInStatus._value2member_map_:
            return queryset.with_call_in_status(
                call_in_rules.CallInStatus(self.value()), timezone.now()
            )
        return queryset


class EffectiveDateDiffersFilter(admin.SimpleListFilter):
    """Records whose published effective date is not what the authority's rule gives."""

    title = _("effective date against the rule")
    parameter_name = "effective_date"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("differs", _("Differs from the rule")), ("agrees", _("Agrees with the rule"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() not in ("differs", "agrees"):
            return queryset
        recorded = queryset.filter(effective_from__isnull=False).with_call_in_context()
        differing = [d.pk for d in recorded if d.effective_date_difference()]
        if self.value() == "differs":
            return queryset.filter(pk__in=differing)
        return queryset.exclude(pk__in=differing)


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = [("label", "order", "kind", "outcome"), "heading", "text", "amended_text"]


class DelegationInline(NamesBodiesByCouncil, admin.StackedInline):
    model = Delegation
    extra = 0
    autocomplete_fields = ["delegate", "in_consultation_with"]
    fields = [
        ("recommendation", "delegate", "in_consultation_with"),
        "scope",
        ("money_limit", "within_existing_budget", "is_continuation"),
        ("duration_months", "duration_precision", "starts", "ends"),
        "limits",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "recommendation":
            decision_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Recommendation.objects.filter(decision_id=decision_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FundingLineInline(admin.StackedInline):
    model = FundingLine
    fk_name = "decision"
    extra = 0
    autocomplete_fields = ["contract"]
    fields = [
        ("amount", "amount_as_printed", "precision"),
        ("kind", "recurrence", "source"),
        ("financial_year", "period_start", "period_end"),
        ("service_users", "service_users_precision"),
        ("contract", "recommendation"),
        "description",
    ]


class ServiceVolumeInline(admin.TabularInline):
    model = ServiceVolume
    fk_name = "decision"
    extra = 0
    fields = ["quantity", "unit", "precision", "as_printed", "period_start", "period_end"]


class ReportSectionInline(admin.StackedInline):
    model = ReportSection
    extra = 0
    fields = [("kind", "heading", "order"), "text"]


class RiskInline(admin.TabularInline):
    model = Risk
    extra = 0


class RelatedDecisionInline(admin.TabularInline):
    model = RelatedDecision
    fk_name = "decision"
    extra = 0
    autocomplete_fields = ["related", "agenda_item"]


class DeclaredInterestInline(admin.TabularInline):
    model = DeclaredInterest
    extra = 0
    autocomplete_fields = ["person"]


class DecisionDocumentInline(admin.TabularInline):
    model = Document
    fk_name = "decision"
    exclude = ["agenda_item"]
    extra = 0


@admin.register(Decision)
class DecisionAdmin(NamesBodiesByCouncil, SimpleHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "decision_maker",
        "date_of_decision",
        "call_in_status_label",
        "effective_from",
        "is_key_decision",
    ]
    list_display_links = ["reference", "title"]
    list_filter = [
        "authority",
        ("decision_maker", admin.RelatedOnlyFieldListFilter),
        "is_key_decision",
        CallInStatusFilter,
        EffectiveDateDiffersFilter,
        "is_exempt",
        "is_confidential",
        "status",
    ]
    search_fields = ["reference", "title", "purpose", "reasons", "recommendations__text"]
    date_hierarchy = "date_of_decision"
    list_select_related = ["authority", "decision_maker"]
    autocomplete_fields = [
        "decision_maker",
        "report_author",
        "meeting",
        "agenda_item",
        "issue",
        "signed_by",
    ]
    filter_horizontal = ["wards", "relevant_members", "report_contributors"]
    readonly_fields = [
        "call_in_status_label",
        "computed_deadline",
        "computed_effective",
        "effective_date_check",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["authority", "reference", "title", "decision_maker", "status"]}),
        (
            _("Key decision and call-in"),
            {
                "fields": [
                    ("is_key_decision", "key_decision_reason"),
                    ("is_subject_to_call_in", "urgency"),
                    "urgency_note",
                ]
            },
        ),
        (_("The decision"), {"fields": ["purpose", "reasons", "alternative_options"]}),
        (
            _("Dates"),
            {
                "fields": [
                    ("date_of_decision", "publication_date"),
                    ("call_in_deadline", "call_in_deadline_time", "effective_from"),
                    "effective_from_note",
                    "call_in_status_label",
                    ("computed_deadline", "computed_effective"),
                    "effective_date_check",
                ]
            },
        ),
        (
            _("Meeting, people and places"),
            {
                "fields": [
                    ("meeting", "agenda_item", "issue"),
                    "report_author",
                    "report_contributors",
                    "relevant_members",
                    ("signed_by", "signed_on"),
                    "affects_all_wards",
                    "wards",
                ]
            },
        ),
        (
            _("Exempt and confidential"),
            {"fields": [("is_exempt", "is_confidential", "exempt_paragraph")]},
        ),
        (_("Record"), {"fields": [("created_at", "updated_at")]}),
    ]
    inlines = [
        RecommendationInline,
        DelegationInline,
        FundingLineInline,
        ServiceVolumeInline,
        ReportSectionInline,
        OptionInline,
        RiskInline,
        RelatedDecisionInline,
        DeclaredInterestInline,
        DecisionDocumentInline,
        CallInInline,
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_call_in_context()

    @admin.display(description=_("call-in status"))
    def call_in_status_label(self, obj: Decision) -> str:
        return obj.call_in_status().label if obj.pk else "–"

    @admin.display(description=_("deadline by the rule"))
    def computed_deadline(self, obj: Decision) -> str:
        deadline = obj.computed_call_in_deadline() if obj.pk else None
        return call_in_rules.format_deadline(deadline) if deadline else "–"

    @admin.display(description=_("effective date by the rule"))
    def computed_effective(self, obj: Decision) -> str:
        effective = obj.computed_effective_from() if obj.pk else None
        return call_in_rules.format_date(effective) if effective else "–"

    @admin.display(description=_("check against the rule"))
    def effective_date_check(self, obj: Decision) -> str:
        if obj.pk is None:
            return "–"
        return obj.effective_date_difference() or _("The effective date agrees with the rule.")

    def save_model(self, request: HttpRequest, obj: Decision, form, change: bool) -> None:
        obj.fill_computed_dates()
        super().save_model(request, obj, form, change)


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["label", "decision", "kind", "outcome"]
    list_filter = ["kind", "outcome", "decision__authority"]
    search_fields = ["text", "heading", "decision__title", "decision__reference"]
    autocomplete_fields = ["decision"]


@admin.register(Delegation)
class DelegationAdmin(NamesBodiesByCouncil, SimpleHistoryAdmin):
    list_display = ["delegate", "in_consultation_with", "decision", "ends"]
    list_filter = ["decision__authority", "within_existing_budget"]
    search_fields = ["scope", "delegate__name", "decision__title"]
    autocomplete_fields = ["decision", "recommendation", "delegate", "in_consultation_with"]


@admin.register(OfficerDecision)
class OfficerDecisionAdmin(NamesBodiesByCouncil, SimpleHistoryAdmin):
    list_display = ["reference", "title", "post", "taken_by", "date_of_decision"]
    list_filter = ["authority", "is_exempt"]
    search_fields = ["reference", "title", "decision", "reasons"]
    date_hierarchy = "date_of_decision"
    autocomplete_fields = ["delegation", "taken_by", "post"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "decision", "agenda_item", "is_exempt"]
    list_filter = ["kind", "is_exempt"]
    search_fields = ["title"]
    autocomplete_fields = ["decision", "agenda_item"]
