"""The Django admin, one module per area; importing the package registers them all."""

from decisions.admin import (  # noqa: F401 - importing each module registers its admins
    call_in,
    councils,
    decisions,
    forward_plan,
    meetings,
    notifications,
    reports,
)
