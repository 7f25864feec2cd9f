from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from commissioning.models import FundingLine, ServiceVolume
from decisions import callin
from decisions.models import (
    AgendaItem,
    Attendance,
    Authority,
    Body,
    CallIn,
    CallInRuleVersion,
    CallInSignature,
    ClosureDay,
    Decision,
    DeclaredInterest,
    Delegation,
    Directorate,
    Document,
    DraftFundingLine,
    DraftOption,
    DraftRecommendation,
    DraftRisk,
    DraftSection,
    ForwardPlanEntry,
    Issue,
    Meeting,
    OfficerDecision,
    Option,
    Person,
    Recommendation,
    RelatedDecision,
    Report,
    ReportSection,
    Risk,
    Role,
    SignOff,
    Ward,
)

# Pickers of bodies ----------------------------------------------------------------------------


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Body) -> str:
        return obj.choice_label


class BodyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Body) -> str:
        return obj.choice_label


class NamesBodiesByCouncil:
    """Every council has a "Cabinet": a picker of bodies names each one's council.

    The autocomplete's search results are named the same way by the site's autocomplete view
    (councilgov.admin_site); this names the chosen one and the plain drop-downs.
    """

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs: object):  # noqa: ANN001, ANN201
        if db_field.related_model is Body:
            kwargs.setdefault("form_class", BodyChoiceField)
            kwargs.setdefault("queryset", Body.objects.select_related("authority"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs: object):  # noqa: ANN001, ANN201
        if db_field.related_model is Body:
            kwargs.setdefault("form_class", BodyMultipleChoiceField)
            kwargs.setdefault("queryset", Body.objects.select_related("authority"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# Authorities ------------------------------------------------------------------------------


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


# People and bodies --------------------------------------------------------------------------


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


# Meetings and issues ------------------------------------------------------------------------


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["number", "title", "issue", "introduced_by", "seconded_by", "is_exempt"]
    autocomplete_fields = ["issue", "introduced_by", "seconded_by"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(NamesBodiesByCouncil, SimpleHistoryAdmin):
    list_display = ["date", "body", "authority"]
    list_filter = ["authority", "body"]
    search_fields = ["body__name", "items__title"]
    date_hierarchy = "date"
    autocomplete_fields = ["body"]
    inlines = [AttendanceInline, AgendaItemInline]


class AgendaItemDocumentInline(admin.TabularInline):
    model = Document
    fk_name = "agenda_item"
    exclude = ["decision"]
    extra = 0


class OptionInline(admin.TabularInline):
    model = Option
    exclude = ["agenda_item"]
    extra = 0


class AgendaItemOptionInline(admin.TabularInline):
    model = Option
    exclude = ["decision"]
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "meeting", "issue"]
    list_filter = ["meeting__authority", "meeting__body"]
    search_fields = ["title", "summary", "minutes"]
    autocomplete_fields = ["meeting", "issue", "introduced_by", "seconded_by"]
    inlines = [AgendaItemOptionInline, AgendaItemDocumentInline]


class IssueDecisionInline(NamesBodiesByCouncil, admin.TabularInline):
    model = Decision
    fields = ["reference", "title", "decision_maker", "date_of_decision"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Issue)
class IssueAdmin(SimpleHistoryAdmin):
    list_display = ["title", "authority"]
    list_filter = ["authority"]
    search_fields = ["title", "description"]
    inlines = [IssueDecisionInline]


# Decisions ----------------------------------------------------------------------------------


class CallInStatusFilter(admin.SimpleListFilter):
    title = _("call-in status")
    parameter_name = "call_in_status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [(status.value, status.label) for status in callin.CallInStatus]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in callin.CallInStatus._value2member_map_:
            return queryset.with_call_in_status(callin.CallInStatus(self.value()), timezone.now())
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # noqa: ANN001, ANN201
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


class CallInInline(admin.TabularInline):
    model = CallIn
    fields = ["received_at", "outcome", "outcome_date", "validity"]
    readonly_fields = ["validity"]
    extra = 0
    show_change_link = True

    @admin.display(description=_("validity"))
    def validity(self, obj: CallIn) -> str:
        if obj.pk is None:
            return "–"
        return "; ".join(obj.validity_problems()) or _("Valid")


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
        return callin.format_deadline(deadline) if deadline else "–"

    @admin.display(description=_("effective date by the rule"))
    def computed_effective(self, obj: Decision) -> str:
        effective = obj.computed_effective_from() if obj.pk else None
        return callin.format_date(effective) if effective else "–"

    @admin.display(description=_("check against the rule"))
    def effective_date_check(self, obj: Decision) -> str:
        if obj.pk is None:
            return "–"
        return obj.effective_date_difference() or _("The effective date agrees with the rule.")

    def save_model(self, request: HttpRequest, obj: Decision, form, change: bool) -> None:  # noqa: ANN001
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


class CallInSignatureInline(admin.TabularInline):
    model = CallInSignature
    extra = 0
    autocomplete_fields = ["member"]


@admin.register(CallIn)
class CallInAdmin(SimpleHistoryAdmin):
    list_display = ["decision", "received_at", "outcome", "outcome_date", "validity"]
    list_filter = ["outcome", "final_outcome", "decision__authority"]
    search_fields = ["decision__title", "decision__reference", "reasons"]
    date_hierarchy = "received_at"
    autocomplete_fields = ["decision", "scrutiny_meeting"]
    readonly_fields = ["validity"]
    inlines = [CallInSignatureInline]

    @admin.display(description=_("validity"))
    def validity(self, obj: CallIn) -> str:
        if obj.pk is None:
            return "–"
        return "; ".join(obj.validity_problems()) or _("Valid")


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
            "latest": callin.format_date(obj.latest_publication_for_full_notice),
        }


# Key decision reports -----------------------------------------------------------------------


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

    def save_model(self, request: HttpRequest, obj: Report, form, change: bool) -> None:  # noqa: ANN001
        if change:
            # Moved on like a workspace save, so that a form opened before this is refused
            # rather than overwriting it (optimistic locking, decisions.models.drafting).
            obj.version += 1
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            # As decisions.report_services.report_start: every section of the template.
            for kind in DraftSection.Kind.values:
                DraftSection.objects.get_or_create(report=obj, kind=kind)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:  # noqa: ANN001
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


from decisions import admin_notifications  # noqa: E402, F401
