from collections.abc import Callable

from django.contrib.auth.decorators import login_required, permission_required
from django.urls import reverse

from decisions.models import Decision

PUBLISH = "decisions.publish_decision"

MANAGE_CALL_IN = "decisions.manage_call_in"


def democratic_services_only(permission: str) -> Callable:
    """Signed in (else the login page), and holding `permission` (else 403)."""

    def decorate(view: Callable) -> Callable:
        return login_required(permission_required(permission, raise_exception=True)(view))

    return decorate


def dashboard_crumb() -> tuple[str, str]:
    return (reverse("officers:call-in-dashboard"), "Call-in dashboard")


def is_public(decision: Decision) -> bool:
    return not (decision.is_exempt or decision.is_confidential)
