"""Breadcrumbs of the workspace: every signed-in page starts from the workspace's home."""

from django.urls import reverse
from django.utils.translation import gettext as _


def workspace_crumbs(*more: tuple[str, str]) -> list[tuple[str, str]]:
    """The workspace, then each (address, label) given, in order."""
    return [(reverse("officers:home"), _("Workspace")), *more]
