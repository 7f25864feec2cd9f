"""The admin of emails and who follows what: where democratic services see a failed send and
send it again."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from decisions.models import Notification, Subscription
from decisions.notifications.services import send_again


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "email",
        "decision",
        "status",
        "attempts",
        "error",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "decision__authority"]
    search_fields = ["email", "subject", "decision__title", "decision__reference"]
    date_hierarchy = "created_at"
    list_select_related = ["decision"]
    actions = ["send_again_now"]
    fieldsets = [
        (None, {"fields": ["kind", "decision", "call_in", "user", "email"]}),
        (_("Message"), {"fields": ["subject", "body"]}),
        (
            _("Sending"),
            {
                "fields": [
                    "status",
                    "attempts",
                    "last_error",
                    "created_at",
                    "send_after",
                    "sent_at",
                    "key",
                ]
            },
        ),
    ]
    # Written by the services and the worker only: the admin shows them and sends again.
    readonly_fields = [field for _name, options in fieldsets for field in options["fields"]]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("last error"))
    def error(self, obj: Notification) -> str:
        return Truncator(obj.last_error).chars(80)

    @admin.action(description=_("Send again now"), permissions=["change"])
    def send_again_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = send_again(queryset, at=timezone.now())
        if count:
            self.message_user(
                request,
                ngettext(
                    "%(count)d notification will be sent again now.",
                    "%(count)d notifications will be sent again now.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("None of those notifications failed, so none was sent again."),
                messages.WARNING,
            )


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "authority", "decision", "created_at"]
    list_filter = ["authority"]
    search_fields = [
        "user__username",
        "user__email",
        "authority__name",
        "decision__title",
        "decision__reference",
    ]
    list_select_related = ["user", "authority", "decision"]
    autocomplete_fields = ["user", "authority", "decision"]
    readonly_fields = ["created_at"]
