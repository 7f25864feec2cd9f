from datetime import datetime

from decisions.models import ForwardPlanEntry


def public_forward_plan(at: datetime | None = None):  # a queryset
    return (
        ForwardPlanEntry.objects.public(at)
        .to_come(at)
        .select_related("authority", "decision_maker", "lead_officer")
        .prefetch_related("wards")
    )
