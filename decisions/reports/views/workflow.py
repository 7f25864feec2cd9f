from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from decisions.call_in.views.common import PUBLISH, democratic_services_only
from decisions.models import DraftSection, Report, SignOff
from decisions.reports.access import (
    clearance_rows,
    editable_report,
    read_only_reason,
    report_crumbs,
    visible_report,
)
from decisions.reports.forms.workflow import (
    ClearanceForm,
    RecordDecisionForm,
    SendToDecisionMakerForm,
    SignOffForm,
)
from decisions.reports.services import clearance, deciding

GET_OR_POST = ["GET", "HEAD", "POST"]


@login_required
@require_http_methods(GET_OR_POST)
def send_for_clearance(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose a clearance officer per implications section and ask each to sign it off.

    Models: Report, SignOff
    Template: officers/reports/clearance.html
    Context: report, authority, form, rows, errors, crumbs
    """
    report = editable_report(request, pk)
    if not report.is_editable and request.method != "POST":
        return _back_to_locked_report(request, report)
    rows = clearance_rows(report)
    form = ClearanceForm(
        request.POST or None,
        officers={area: clearance.clearance_officers(area) for area in SignOff.Area.values},
        current={row["area"]: row["sign_off"] for row in rows if row["sign_off"]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                asked = clearance.report_send_for_clearance(
                    report=report, officers=form.chosen(), by=request.user, at=timezone.now()
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
    """The clearance officer reads their section, then signs it off or returns it.

    Models: Report, SignOff, DraftSection
    Template: officers/reports/sign_off.html
    Context: report, authority, sign_off, section, awaiting, is_current, form, errors, crumbs
    """
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
            data, now = form.cleaned_data, timezone.now()
            try:
                if data["action"] == SignOffForm.SIGN_OFF:
                    answered = clearance.sign_off_give(
                        sign_off=sign_off,
                        seen_version=data["seen_version"],
                        by=request.user,
                        at=now,
                    )
                else:
                    answered = clearance.sign_off_return(
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
            "is_current": clearance.sign_off_is_current(sign_off, section),
            "form": form,
            "errors": form.error_list(),
            # The officer asked sees the report (selectors.reports_visible_to).
            "crumbs": report_crumbs(report),
        },
        status=status,
    )


@login_required
@require_http_methods(GET_OR_POST)
def send_to_decision_maker(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then send: every sign-off current, notice given and recommendations made.

    Models: Report, ForwardPlanEntry, SignOff
    Template: officers/reports/send.html
    Context: report, authority, clearance, recommendations, entry, form, errors, crumbs
    """
    report = editable_report(request, pk)
    if not report.is_editable and request.method != "POST":
        return _back_to_locked_report(request, report)
    form = SendToDecisionMakerForm()
    status = 200
    if request.method == "POST":
        try:
            deciding.report_send_to_decision_maker(
                report=report, by=request.user, at=timezone.now()
            )
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


@democratic_services_only(PUBLISH)
@require_http_methods(GET_OR_POST)
def record_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Democratic services record what the decision maker decided, then go on to publish it.

    Models: Report, Decision, Recommendation
    Template: officers/reports/decision.html
    Context: report, authority, form, rows, errors, crumbs
    """
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
                decision = deciding.report_record_decision(
                    report=report,
                    outcomes=[
                        deciding.RecommendationOutcome(
                            recommendation=recommendation, outcome=outcome, amended_text=text
                        )
                        for recommendation, outcome, text in form.outcomes_given()
                    ],
                    decided_on=form.decided_on,
                    by=request.user,
                    at=timezone.now(),
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
