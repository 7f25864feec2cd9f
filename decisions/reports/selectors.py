from django.db.models import Q, QuerySet

from decisions.models import Report
from decisions.types import User


def reports_visible_to(user: User) -> QuerySet[Report]:
    """Democratic services see every report; a report author sees their own, their directorate's
    and those they are asked to sign off."""
    reports = Report.objects.select_related("authority", "directorate", "decision_maker")
    if user.has_perm("decisions.publish_decision"):
        return reports
    visible = Q(created_by=user) | Q(sign_offs__officer=user)
    directorate = getattr(getattr(user, "person", None), "directorate_id", None)
    if directorate is not None and user.has_perm("decisions.draft_report"):
        visible |= Q(directorate=directorate)
    return reports.filter(visible).distinct()


def report_editable_by(report: Report, user: User) -> bool:
    """The author who started it, or an author of the same directorate."""
    if report.created_by_id == user.pk:
        return True
    directorate = getattr(getattr(user, "person", None), "directorate_id", None)
    return (
        directorate is not None
        and directorate == report.directorate_id
        and user.has_perm("decisions.draft_report")
    )
