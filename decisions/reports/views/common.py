from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from decisions.models import Report
from decisions.reports.forms.drafting import VersionedForm
from decisions.reports.services import drafting

# Each list of rows: its heading, one row's name, and "a" or "an" before it.
ROW_NAMES = {
    "recommendations": ("Recommendations", "recommendation", "a"),
    "options": ("Options considered", "option", "an"),
    "risks": ("Risks and assumptions", "risk", "a"),
    "funding": ("Funding", "funding line", "a"),
}


def staff_only(view):  # a view decorator
    """Signed in, and council staff: a report author, a clearance officer or democratic services."""

    def check(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        user = request.user
        if not (
            user.has_perm("decisions.draft_report")
            or user.has_perm("decisions.sign_off_report")
            or user.has_perm("decisions.publish_decision")
        ):
            raise PermissionDenied("The report workspace is for council staff.")
        return view(request, *args, **kwargs)

    check.__name__ = view.__name__
    check.__doc__ = view.__doc__
    return login_required(check)


def keep_typed_after_conflict(form: VersionedForm, conflict: drafting.EditConflict) -> None:
    """Keep what the report author typed, and let their next save be made over the version now
    saved, once they have seen it: their text is never lost, the other's never overwritten."""
    form.data = form.data.copy()
    form.data["version"] = conflict.current.version


def read_only_refusal(read_only: str) -> list[tuple[str, str, str]]:
    """The error summary of a save refused because the report is read-only."""
    return [("read-only", "Not saved", read_only)]


def read_only_status(request: HttpRequest, report: Report) -> int:
    """A save of a report the user may only read: 403 when it is not theirs to change, 409
    when it has moved on (sent to the decision maker) since they opened the page."""
    if request.method != "POST":
        return 200
    return 409 if not report.is_editable else 403
