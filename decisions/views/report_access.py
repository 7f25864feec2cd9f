"""Who may open a key decision report in the officer workspace, shared by its views."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from decisions import selectors
from decisions.models import Report


def visible_report(request: HttpRequest, pk: int) -> Report:
    """The report, if the signed-in user may see it; 404 otherwise (its existence is private)."""
    return get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)


def editable_report(request: HttpRequest, pk: int) -> Report:
    """The report, if the user may edit it: 404 when they may not see it, 403 when read-only."""
    report = visible_report(request, pk)
    if not selectors.report_editable_by(report, request.user):
        raise PermissionDenied("Only the author and their directorate can edit this report.")
    return report
