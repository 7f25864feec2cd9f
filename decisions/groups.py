"""The groups a council gives its staff; made after each migrate, so they always exist."""

from django.apps import AppConfig
from django.contrib.auth.models import Group, Permission

CLERKS = "Democratic services"
CLERK_PERMISSIONS = ["publish_decision", "manage_call_in"]


def ensure_groups(sender: AppConfig, **kwargs: object) -> None:
    clerks, _ = Group.objects.get_or_create(name=CLERKS)
    clerks.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="decisions", codename__in=CLERK_PERMISSIONS
        )
    )
