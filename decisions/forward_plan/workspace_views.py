from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from decisions.call_in.views.common import PUBLISH
from decisions.forward_plan import services as plan_services
from decisions.forward_plan.forms import ForwardPlanForm
from decisions.models import Report
from decisions.reports.access import editable_report, report_crumbs, visible_report
from decisions.reports.views.workflow import GET_OR_POST
from decisions.rules import notice as notice_rules


def _forward_plan_report(request: HttpRequest, pk: int) -> Report:
    """The author and their directorate, and democratic services, put a report on the plan."""
    if request.user.has_perm(PUBLISH):
        return visible_report(request, pk)
    return editable_report(request, pk)


@login_required
@require_http_methods(GET_OR_POST)
def report_to_forward_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the report's notice on the forward plan, with the notice its timing allows.

    Models: Report, ForwardPlanEntry
    Template: officers/reports/forward_plan.html
    Context: report, authority, entry, today, latest_for_full_notice, in_time_for_full_notice,
        clear_days, clear_days_words, form, errors, crumbs
    """
    report = _forward_plan_report(request, pk)
    now = timezone.now()
    today = timezone.localdate(now)
    intended = report.intended_date
    latest = notice_rules.latest_publication_for_full_notice(intended) if intended else None
    in_time = latest is not None and today <= latest
    form = ForwardPlanForm(request.POST or None, full_notice_in_time=in_time)
    status = 200
    if request.method == "POST" and report.forward_plan_entry_id is None:
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = plan_services.report_add_to_forward_plan(
                    report=report,
                    notice=data["notice"],
                    by=request.user,
                    at=now,
                    chair_notified_on=data["chair_notified_on"],
                    chair_agreed_on=data["chair_agreed_on"],
                    chair_agreement=data["chair_agreement"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    f"Added to the forward plan on {entry.first_published:%d/%m/%Y}: "
                    f"{entry.get_notice_display().lower()}.",
                )
                return redirect("officers:report-forward-plan", pk=report.pk)
        status = 400
    clear_days = notice_rules.clear_days_between(today, intended) if intended else None
    return render(
        request,
        "officers/reports/forward_plan.html",
        {
            "report": report,
            "authority": report.authority,
            "entry": report.forward_plan_entry,
            "today": today,
            "latest_for_full_notice": latest,
            "in_time_for_full_notice": in_time,
            "clear_days": clear_days,
            "clear_days_words": notice_rules.notice_words(clear_days) if intended else "",
            "form": form,
            "errors": form.error_list(),
            "crumbs": report_crumbs(report),
        },
        status=status,
    )
