"""Clearance, forward plan and decision of key decision reports in the officer workspace.

The author (or their directorate) sends the report for clearance, puts it on the forward plan
and sends it to the decision maker; each clearance officer signs off or returns their section;
democratic services record what the decision maker decided, then publish it. Every write goes
through decisions.report_services, whose refusals come back in the GOV.UK error summary.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from decisions import forward_plan as notice_rules
from decisions import report_services
from decisions.models import DraftSection, Report, SignOff
from decisions.report_workflow_forms import (
    ClearanceForm,
    ForwardPlanForm,
    RecordDecisionForm,
    SendToDecisionMakerForm,
    SignOffForm,
)
from decisions.views.clerks import PUBLISH, clerk_only
from decisions.views.report_access import (
    clearance_rows,
    editable_report,
    read_only_reason,
    report_crumbs,
    visible_report,
)

GET_OR_POST = ["GET", "HEAD", "POST"]


def _now() -> datetime:
    return timezone.now()


# Clearance ----------------------------------------------------------------------------------


@login_required
@require_http_methods(GET_OR_POST)
def send_for_clearance(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose a clearance officer per implications section and ask each to sign it off."""
    report = editable_report(request, pk)
    if not report.is_editable and request.method != "POST":
        return _back_to_locked_report(request, report)
    rows = clearance_rows(report)
    form = ClearanceForm(
        request.POST or None,
        officers={area: report_services.clearance_officers(area) for area in SignOff.Area.values},
        current={row["area"]: row["sign_off"] for row in rows if row["sign_off"]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                asked = report_services.report_send_for_clearance(
                    report=report, officers=form.chosen(), by=request.user, at=_now()
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                if asked:
                    names = ", ".join(sign_off.get_area_display().lower() for sign_off in asked)
                    messages.success(request, f"Sent for clearance: {names}.")
                else:
                    messages.success(request, "Every section is already signed off.")
                return redirect(report)
        status = 400
    for row in rows:
        row["field"] = form[row["area"]]
    return render(
        request,
        "officers/reports/clearance.html",
        {
            "report": report,
            "authority": report.authority,
            "form": form,
            "rows": rows,
            "errors": form.error_list(),
            "crumbs": report_crumbs(report),
        },
        status=status,
    )


def _back_to_locked_report(request: HttpRequest, report: Report) -> HttpResponse:
    """A report past clearance offers no forms: back to it, saying why."""
    messages.info(request, read_only_reason(report, request.user))
    return redirect(report)


def _answer_message(sign_off: SignOff) -> str:
    if sign_off.status == SignOff.Status.SIGNED_OFF:
        return f"{sign_off.get_area_display()} implications signed off."
    return f"{sign_off.get_area_display()} implications returned to the author with your comments."


@login_required
@require_http_methods(GET_OR_POST)
def sign_off(request: HttpRequest, pk: int, area: str) -> HttpResponse:
    """The clearance officer reads their section, then signs it off or returns it."""
    if area not in SignOff.Area.values:
        raise Http404("No such clearance.")
    sign_off = get_object_or_404(
        SignOff.objects.select_related("report__authority", "officer"), report=pk, area=area
    )
    if sign_off.officer_id != request.user.pk:
        # 404 to whoever may not see the report: a 403 would tell them it exists.
        visible_report(request, pk)
        raise PermissionDenied("Only the clearance officer asked can answer this.")
    report = sign_off.report
    section = DraftSection.objects.get(report=report, kind=sign_off.section_kind)
    form = SignOffForm(request.POST or None, initial={"seen_version": section.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data, now = form.cleaned_data, _now()
            try:
                if data["action"] == SignOffForm.SIGN_OFF:
                    answered = report_services.sign_off_give(
                        sign_off=sign_off,
                        seen_version=data["seen_version"],
                        by=request.user,
                        at=now,
                    )
                else:
                    answered = report_services.sign_off_return(
                        sign_off=sign_off, comment=data["comment"], by=request.user, at=now
                    )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _answer_message(answered))
                return redirect("officers:report-sign-off", pk=report.pk, area=area)
        status = 400
    return render(
        request,
        "officers/reports/sign_off.html",
        {
            "report": report,
            "authority": report.authority,
            "sign_off": sign_off,
            "section": section,
            "awaiting": sign_off.status == SignOff.Status.REQUESTED and report.is_editable,
            "is_current": report_services.sign_off_is_current(sign_off, section),
            "form": form,
            "errors": form.error_list(),
            # The officer asked sees the report (selectors.reports_visible_to).
            "crumbs": report_crumbs(report),
        },
        status=status,
    )


# Forward plan -------------------------------------------------------------------------------


def _forward_plan_report(request: HttpRequest, pk: int) -> Report:
    """The author and their directorate, and democratic services, put a report on the plan."""
    if request.user.has_perm(PUBLISH):
        return visible_report(request, pk)
    return editable_report(request, pk)


@login_required
@require_http_methods(GET_OR_POST)
def forward_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the report's notice on the forward plan, with the notice its timing allows."""
    report = _forward_plan_report(request, pk)
    now = _now()
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
                entry = report_services.report_add_to_forward_plan(
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


# To the decision maker -------------------------------------------------------------------------


@login_required
@require_http_methods(GET_OR_POST)
def send_to_decision_maker(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then send: every sign-off current, notice given and recommendations made."""
    report = editable_report(request, pk)
    if not report.is_editable and request.method != "POST":
        return _back_to_locked_report(request, report)
    form = SendToDecisionMakerForm()
    status = 200
    if request.method == "POST":
        try:
            report_services.report_send_to_decision_maker(report=report, by=request.user, at=_now())
        except ValidationError as error:
            form.add_service_errors(error)
            status = 400
        else:
            messages.success(request, f"Sent to the {report.decision_maker}.")
            return redirect(report)
    return render(
        request,
        "officers/reports/send.html",
        {
            "report": report,
            "authority": report.authority,
            "clearance": clearance_rows(report),
            "recommendations": list(report.recommendations.all()),
            "entry": report.forward_plan_entry,
            "form": form,
            "errors": form.error_list(),
            "crumbs": report_crumbs(report),
        },
        status=status,
    )


# The decision -------------------------------------------------------------------------------


@clerk_only(PUBLISH)
@require_http_methods(GET_OR_POST)
def record_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Democratic services record what the decision maker decided, then go on to publish it."""
    report = visible_report(request, pk)
    if report.status != Report.Status.WITH_DECISION_MAKER:
        if report.decision_id:
            return redirect("officers:publish-decision", pk=report.decision_id)
        raise Http404("The report is not with the decision maker.")
    recommendations = list(report.recommendations.all())
    form = RecordDecisionForm(request.POST or None, recommendations=recommendations)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                decision = report_services.report_record_decision(
                    report=report,
                    outcomes=[
                        report_services.RecommendationOutcome(
                            recommendation=recommendation, outcome=outcome, amended_text=text
                        )
                        for recommendation, outcome, text in form.outcomes_given()
                    ],
                    decided_on=form.decided_on,
                    by=request.user,
                    at=_now(),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    f"Decision recorded: {decision.get_status_display()}. Publish it to start "
                    "the call-in period.",
                )
                return redirect("officers:publish-decision", pk=decision.pk)
        status = 400
    return render(
        request,
        "officers/reports/decision.html",
        {
            "report": report,
            "authority": report.authority,
            "form": form,
            "rows": form.rows(),
            "errors": form.error_list(),
            "crumbs": report_crumbs(report),
        },
        status=status,
    )
