from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from decisions.admin.base import NamesBodiesByCouncil
from decisions.models import (
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Issue,
    Meeting,
    Option,
)


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
