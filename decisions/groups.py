"""The groups a council gives its staff; made after each migrate, so they always exist."""

from django.apps import AppConfig
from django.contrib.auth.models import Group, Permission

CLERKS = "Democratic services"
CLERK_PERMISSIONS = ["publish_decision", "manage_call_in"]

REPORT_AUTHORS = "Report authors"
REPORT_AUTHOR_PERMISSIONS = ["draft_report"]

# One group per clearance (the values of SignOff.Area), each allowed to sign off.
CLEARANCE_GROUPS = {
    "legal": "Legal clearance",
    "finance": "Finance clearance",
    "human_resources": "HR clearance",
    "equalities": "Equalities clearance",
}
CLEARANCE_PERMISSIONS = ["sign_off_report"]


def _group_with(name: str, codenames: list[str]) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="decisions", codename__in=codenames)
    )
    return group


def ensure_groups(sender: AppConfig, **kwargs: object) -> None:
    _group_with(CLERKS, CLERK_PERMISSIONS)
    _group_with(REPORT_AUTHORS, REPORT_AUTHOR_PERMISSIONS)
    for name in CLEARANCE_GROUPS.values():
        _group_with(name, CLEARANCE_PERMISSIONS)
