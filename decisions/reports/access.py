"""What the report pages of the workspace share: who may open a report, the
breadcrumbs, and where each clearance stands."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from decisions.models import DraftSection, Report, SignOff
from decisions.reports import selectors as report_selectors
from decisions.reports.services import clearance
from decisions.types import User
from decisions.web.crumbs import workspace_crumbs


def visible_report(request: HttpRequest, pk: int) -> Report:
    """The report, if the signed-in user may see it; 404 otherwise (its existence is private)."""
    return get_object_or_404(report_selectors.reports_visible_to(request.user), pk=pk)


def editable_report(request: HttpRequest, pk: int) -> Report:
    """The report, if the user may edit it: 404 when they may not see it, 403 when read-only."""
    report = visible_report(request, pk)
    if not report_selectors.report_editable_by(report, request.user):
        raise PermissionDenied("Only the author and their directorate can edit this report.")
    return report


def read_only_reason(report: Report, user: User) -> str:
    """Why the user may only read the report, or "" when they may change it.

    Once with the decision maker the text is what they read, so nobody changes it; before
    then only the author and their directorate do. Pages show such a report read-only."""
    if not report.is_editable:
        return (
            f"The report is {report.get_status_display().lower()}: "
            "its text can no longer be changed."
        )
    if not report_selectors.report_editable_by(report, user):
        return "You can read this report; its author and their directorate edit it."
    return ""


def report_crumbs(report: Report | None = None, *more: tuple[str, str]) -> list[tuple[str, str]]:
    """The workspace, the reports, then the report and what lies under it."""
    crumbs = workspace_crumbs((reverse("officers:reports"), "Key decision reports"))
    if report is not None:
        crumbs.append((report.get_absolute_url(), report.title))
    return [*crumbs, *more]


def clearance_rows(
    report: Report, sections: dict[str, DraftSection] | None = None
) -> list[dict[str, object]]:
    """Each clearance area with its section and sign-off, and whether that is current."""
    if sections is None:
        sections = {section.kind: section for section in report.sections.all()}
    sign_offs = {
        sign_off.area: sign_off for sign_off in report.sign_offs.select_related("officer").all()
    }
    rows = []
    for area, label in SignOff.Area.choices:
        section = sections[SignOff.SECTION_OF_AREA[area]]
        sign_off = sign_offs.get(area)
        rows.append(
            {
                "area": area,
                "label": label,
                "section": section,
                "sign_off": sign_off,
                "current": bool(sign_off and clearance.sign_off_is_current(sign_off, section)),
            }
        )
    return rows
