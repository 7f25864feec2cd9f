"""The groups a council gives its staff; made after each migrate, so they always exist."""

from django.apps import AppConfig, apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

DEMOCRATIC_SERVICES = "Democratic services"
DEMOCRATIC_SERVICES_PERMISSIONS = ["publish_decision", "manage_call_in"]

# What democratic services keep in the admin: the records of decision and everything printed
# with them. They add and change them; the rows inside a record (recommendations, documents,
# signatures …) they may also delete. Not logins, groups or the councils themselves, whose
# call-in rules are the constitution's and set by the administrator.
DEMOCRATIC_SERVICES_RECORDS = {
    "decisions": [
        "agendaitem",
        "body",
        "callin",
        "decision",
        "delegation",
        "directorate",
        "forwardplanentry",
        "issue",
        "meeting",
        "officerdecision",
        "person",
        "ward",
    ],
    "commissioning": ["contract", "supplier"],
}
DEMOCRATIC_SERVICES_RECORD_PARTS = {
    "decisions": [
        "attendance",
        "callinsignature",
        "declaredinterest",
        "document",
        "option",
        "recommendation",
        "relateddecision",
        "reportsection",
        "risk",
        "role",
    ],
    "commissioning": ["contractextension", "fundingline", "servicevolume"],
}
# Read only: the council a record belongs to is chosen from the list.
DEMOCRATIC_SERVICES_READS = {"decisions": ["authority"]}

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


def _model_permissions(models: dict[str, list[str]], actions: tuple[str, ...]) -> list[Permission]:
    return [
        permission
        for app_label, names in models.items()
        for permission in Permission.objects.filter(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{name}" for action in actions for name in names],
        )
    ]


def ensure_groups(sender: AppConfig, **kwargs: object) -> None:
    # Commissioning migrates after decisions, and its permissions are made when it has: make
    # them now, so that a first migrate gives the group every one.
    for app_label in DEMOCRATIC_SERVICES_RECORD_PARTS:
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    democratic_services = _group_with(DEMOCRATIC_SERVICES, DEMOCRATIC_SERVICES_PERMISSIONS)
    democratic_services.permissions.add(
        *_model_permissions(DEMOCRATIC_SERVICES_RECORDS, ("view", "add", "change")),
        *_model_permissions(DEMOCRATIC_SERVICES_RECORD_PARTS, ("view", "add", "change", "delete")),
        *_model_permissions(DEMOCRATIC_SERVICES_READS, ("view",)),
    )
    _group_with(REPORT_AUTHORS, REPORT_AUTHOR_PERMISSIONS)
    for name in CLEARANCE_GROUPS.values():
        _group_with(name, CLEARANCE_PERMISSIONS)
