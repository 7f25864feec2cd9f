from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from commissioning.models import Contract, ContractExtension, FundingLine, ServiceVolume, Supplier


@admin.register(Supplier)
class SupplierAdmin(SimpleHistoryAdmin):
    list_display = ["name", "companies_house_number"]
    search_fields = ["name", "companies_house_number"]


class ContractFundingLineInline(admin.StackedInline):
    model = FundingLine
    fk_name = "contract"
    extra = 0
    autocomplete_fields = ["decision"]
    fields = [
        ("amount", "amount_as_printed", "precision"),
        ("kind", "recurrence", "source"),
        ("financial_year", "period_start", "period_end"),
        ("service_users", "service_users_precision"),
        "decision",
        "description",
    ]


class ContractExtensionInline(admin.TabularInline):
    model = ContractExtension
    extra = 0
    autocomplete_fields = ["decision"]


class ServiceVolumeInline(admin.TabularInline):
    model = ServiceVolume
    fk_name = "contract"
    exclude = ["decision"]
    extra = 0


class CurrentStatusFilter(admin.SimpleListFilter):
    """Today's status: from the dates, or as recorded."""

    title = _("status today")
    parameter_name = "current_status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return Contract.Status.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in Contract.Status.values:
            return queryset.with_current_status().filter(derived_status=self.value())
        return queryset


class StatusRecordedFilter(admin.SimpleListFilter):
    title = _("status is")
    parameter_name = "status_recorded"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("Recorded, with a reason")), ("no", _("From the dates"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.exclude(status="")
        if self.value() == "no":
            return queryset.filter(status="")
        return queryset


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "kind",
        "authority",
        "start_date",
        "end_date",
        "status_today",
        "tupe",
    ]
    list_filter = [
        "authority",
        "kind",
        CurrentStatusFilter,
        StatusRecordedFilter,
        "regime",
        "tupe",
    ]
    search_fields = ["title", "reference", "suppliers__name", "description"]
    date_hierarchy = "end_date"
    autocomplete_fields = ["framework", "suppliers", "decisions"]
    inlines = [ContractExtensionInline, ContractFundingLineInline, ServiceVolumeInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("extensions")

    @admin.display(description=_("status today"))
    def status_today(self, obj: Contract) -> str:
        status = obj.current_status()
        label = status.label if status else _("Not recorded")
        return _("%(status)s (recorded)") % {"status": label} if obj.status else str(label)


@admin.register(FundingLine)
class FundingLineAdmin(SimpleHistoryAdmin):
    list_display = [
        "amount_as_printed",
        "amount_display",
        "kind",
        "recurrence",
        "financial_year",
        "decision",
        "contract",
    ]
    list_filter = ["kind", "recurrence", "source", "financial_year", "decision__authority"]
    search_fields = ["amount_as_printed", "description", "decision__title", "contract__title"]
    autocomplete_fields = ["decision", "recommendation", "contract"]

    @admin.display(description=_("amount (£)"), ordering="amount")
    def amount_display(self, obj: FundingLine) -> str:
        return f"£{obj.amount:,.2f}"


@admin.register(ServiceVolume)
class ServiceVolumeAdmin(SimpleHistoryAdmin):
    list_display = ["as_printed", "quantity", "unit", "precision", "decision", "contract"]
    list_filter = ["unit", "precision"]
    search_fields = ["as_printed"]
    autocomplete_fields = ["decision", "contract"]
