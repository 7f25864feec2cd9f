from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from decisions.models import DraftSection, Person, Report, SignOff
from decisions.reports import selectors as report_selectors
from decisions.reports.access import (
    clearance_rows,
    read_only_reason,
    report_crumbs,
    visible_report,
)
from decisions.reports.forms.drafting import (
    ReportDetailsForm,
    ReportStartForm,
    SectionForm,
)
from decisions.reports.services import drafting
from decisions.reports.views.common import (
    ROW_NAMES,
    keep_typed_after_conflict,
    read_only_refusal,
    read_only_status,
    staff_only,
)
from decisions.rules import notice as notice_rules
from decisions.templatetags.council_format import long_date


@require_safe
@staff_only
def report_list(request: HttpRequest) -> HttpResponse:
    """The key decision reports the user may see: their drafts, sign-offs waiting, and the rest.

    Models: Report, SignOff
    Template: officers/reports/list.html
    Context: crumbs, my_drafts, awaiting, reports, status, statuses, can_draft
    """
    visible = report_selectors.reports_visible_to(request.user)
    status = request.GET.get("status", "")
    if status and status not in Report.Status.values:
        status = ""
    by_status = visible.filter(status=status) if status else visible
    awaiting = (
        SignOff.objects.filter(officer=request.user, status=SignOff.Status.REQUESTED)
        .select_related("report")
        .order_by("requested_at")
    )
    return render(
        request,
        "officers/reports/list.html",
        {
            "crumbs": report_crumbs()[:1],
            "my_drafts": visible.filter(created_by=request.user).exclude(
                status=Report.Status.DECIDED
            ),
            "awaiting": awaiting,
            "reports": by_status[:200],
            "status": status,
            "statuses": Report.Status.choices,
            "can_draft": request.user.has_perm("decisions.draft_report"),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_only
def report_new(request: HttpRequest) -> HttpResponse:
    """A report author starts a report: its council and title.

    Models: Report, DraftSection
    Template: officers/reports/new.html
    Context: form, errors, crumbs
    """
    if not request.user.has_perm("decisions.draft_report"):
        raise PermissionDenied("Only report authors can start a report.")
    person = Person.objects.filter(user=request.user).first()
    initial = {"authority": person.authority_id} if person else {}
    form = ReportStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = drafting.report_start(
                authority=form.cleaned_data["authority"],
                title=form.cleaned_data["title"],
                by=request.user,
                at=timezone.now(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Report started: {report.title}")
            return redirect("officers:report-details", pk=report.pk)
    return render(
        request,
        "officers/reports/new.html",
        {"form": form, "errors": form.error_list(), "crumbs": report_crumbs()},
    )


# Where each list of rows sits in the report, as in the council's template: after this section.
ROWS_AFTER = {
    DraftSection.Kind.EXECUTIVE_SUMMARY: "recommendations",
    DraftSection.Kind.BACKGROUND: "options",
    DraftSection.Kind.IMPACT_ON_OUTCOMES: "risks",
    DraftSection.Kind.FINANCIAL: "funding",
}


def _task(*, url: str, label: str, id: str, done: bool, note: str = "") -> dict:
    return {
        "url": url,
        "label": label,
        "id": id,
        "status": ("Completed" if done else "Not started") + note,
        "todo": not done,
    }


def _tasks(report: Report, sections: list[DraftSection], counts: dict[str, int]) -> list[dict]:
    """The GOV.UK task list of the report, in the order of the council's template."""
    tasks = [
        _task(
            url=reverse("officers:report-details", args=[report.pk]),
            label="Report details",
            id="details",
            done=report.decision_maker_id is not None,
        )
    ]
    for section in sections:
        tasks.append(
            _task(
                url=reverse("officers:report-section", args=[report.pk, section.kind]),
                label=section.get_kind_display(),
                id=f"section-{section.kind}",
                done=bool(section.text.strip()),
                note=" (exempt)" if section.is_exempt else "",
            )
        )
        rows = ROWS_AFTER.get(section.kind)
        if rows:
            count = counts[rows]
            tasks.append(
                _task(
                    url=reverse("officers:report-rows", args=[report.pk, rows]),
                    label=ROW_NAMES[rows][0],
                    id=f"rows-{rows}",
                    done=count > 0,
                    note=f" ({count})" if count else "",
                )
            )
    return tasks


@require_safe
@staff_only
def report_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's task list: each part, its state, and what comes next.

    Models: Report, DraftSection, SignOff
    Template: officers/reports/overview.html
    Context: report, authority, editable, tasks, clearance, latest_for_full_notice,
        in_time_for_full_notice, is_democratic_services, crumbs
    """
    report = visible_report(request, pk)
    sections = sorted(report.sections.all(), key=lambda section: section.order)
    by_kind = {section.kind: section for section in sections}
    today = timezone.localdate()
    latest = (
        notice_rules.latest_publication_for_full_notice(report.intended_date)
        if report.intended_date
        else None
    )
    counts = {
        "recommendations": report.recommendations.count(),
        "options": report.options.count(),
        "risks": report.risks.count(),
        "funding": report.funding_lines.count(),
    }
    return render(
        request,
        "officers/reports/overview.html",
        {
            "report": report,
            "authority": report.authority,
            "editable": not read_only_reason(report, request.user),
            "tasks": _tasks(report, sections, counts),
            "clearance": clearance_rows(report, by_kind),
            "latest_for_full_notice": latest,
            "in_time_for_full_notice": latest is not None and today <= latest,
            "is_democratic_services": request.user.has_perm("decisions.publish_decision"),
            "crumbs": report_crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_only
def report_details(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's details: title, decision maker, key decision, intended date and wards.

    Models: Report
    Template: officers/reports/details.html
    Context: report, authority, form, errors, crumbs
    """
    report = visible_report(request, pk)
    read_only = read_only_reason(report, request.user)
    if read_only:
        return _read_only_details(request, report, read_only)
    form = ReportDetailsForm(
        request.POST or None, instance=report, initial={"version": report.version}
    )
    if request.method == "POST" and form.is_valid():
        many = {
            name: form.cleaned_data[name] for name in ("relevant_members", "wards", "contributors")
        }
        try:
            drafting.report_save(
                report=form.instance,
                expected_version=form.cleaned_data["version"] or 0,
                by=request.user,
                at=timezone.now(),
                many=many,
            )
        except drafting.EditConflict as conflict:
            keep_typed_after_conflict(form, conflict)
            form.add_error(None, str(conflict))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "Report details saved")
            return redirect(report)
    return render(
        request,
        "officers/reports/details.html",
        {
            "report": Report.objects.get(pk=report.pk),
            "authority": report.authority,
            "form": form,
            "errors": form.error_list(),
            "crumbs": report_crumbs(report),
        },
    )


def _details_rows(report: Report) -> list[tuple[str, str]]:
    """The report's details as the summary list of a read-only page: (label, value)."""
    form = ReportDetailsForm(instance=report)
    rows = []
    for name in ReportDetailsForm.Meta.fields:
        field = Report._meta.get_field(name)
        value = getattr(report, name)
        if field.many_to_many:
            shown = ", ".join(str(item) for item in value.all())
        elif field.choices:
            shown = getattr(report, f"get_{name}_display")()
        elif isinstance(value, bool):
            shown = "Yes" if value else "No"
        elif isinstance(value, date):
            shown = long_date(value)
        else:
            shown = "" if value is None else str(value)
        rows.append((str(form.fields[name].label), shown or "Not given"))
    return rows


def _read_only_details(request: HttpRequest, report: Report, read_only: str) -> HttpResponse:
    return render(
        request,
        "officers/reports/details.html",
        {
            "report": report,
            "authority": report.authority,
            "read_only": read_only,
            "details": _details_rows(report),
            "errors": read_only_refusal(read_only) if request.method == "POST" else [],
            "crumbs": report_crumbs(report),
        },
        status=read_only_status(request, report),
    )


def _section(report: Report, kind: str) -> DraftSection:
    if kind not in DraftSection.Kind.values:
        raise Http404("No such section.")
    return get_object_or_404(DraftSection, report=report, kind=kind)


def _save_section(request: HttpRequest, section: DraftSection, form: SectionForm) -> DraftSection:
    return drafting.report_section_save(
        section=section,
        text=form.cleaned_data["text"],
        is_exempt=form.cleaned_data["is_exempt"],
        expected_version=form.cleaned_data["version"] or 0,
        by=request.user,
        at=timezone.now(),
    )


def _next_section(section: DraftSection) -> str | None:
    kinds = DraftSection.Kind.values
    return kinds[section.order + 1] if section.order + 1 < len(kinds) else None


@require_http_methods(["GET", "POST"])
@staff_only
def report_section(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One section of a report, written in the rich text editor; read-only once locked.

    Models: Report, DraftSection, SignOff
    Template: officers/reports/section.html
    Context: report, authority, section, form, errors, read_only, unsaved, conflict, sign_off,
        has_next, crumbs
    """
    report = visible_report(request, pk)
    section = _section(report, kind)
    read_only = read_only_reason(report, request.user)
    form = SectionForm(
        request.POST or None,
        initial={"text": section.text, "is_exempt": section.is_exempt, "version": section.version},
    )
    conflict = None
    if read_only:
        # Nothing is saved; what was typed is shown back so that it is not lost.
        errors = read_only_refusal(read_only) if request.method == "POST" else []
    elif request.method == "POST" and form.is_valid():
        try:
            section = _save_section(request, section, form)
        except drafting.EditConflict as error:
            conflict = error.current
            keep_typed_after_conflict(form, error)
            form.add_error("text", str(error))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"{section.get_kind_display()} saved")
            following = _next_section(section)
            if "continue" in request.POST and following:
                return redirect("officers:report-section", pk=report.pk, kind=following)
            return redirect(report)
    sign_off = next(
        (
            sign_off
            for sign_off in report.sign_offs.select_related("officer")
            if sign_off.section_kind == section.kind
        ),
        None,
    )
    return render(
        request,
        "officers/reports/section.html",
        {
            "report": report,
            "authority": report.authority,
            "section": section,
            "form": form,
            "errors": errors if read_only else form.error_list(),
            "read_only": read_only,
            "unsaved": request.POST.get("text", "") if read_only else "",
            "conflict": conflict,
            "sign_off": sign_off,
            "has_next": _next_section(section) is not None,
            "crumbs": report_crumbs(report),
        },
        status=read_only_status(request, report) if read_only else 200,
    )


@require_POST
@staff_only
def report_section_autosave(request: HttpRequest, pk: int, kind: str) -> JsonResponse:
    """Save as the report author types (the page's script posts here every few seconds).

    Answers 200 with the new version, 409 with the text as saved now when someone else saved
    first (nothing is overwritten), and 400 naming the field for anything else refused.
    """
    report = visible_report(request, pk)
    read_only = read_only_reason(report, request.user)
    if read_only:
        return JsonResponse({"error": read_only}, status=read_only_status(request, report))
    section = _section(report, kind)
    form = SectionForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    try:
        section = _save_section(request, section, form)
    except drafting.EditConflict as error:
        return JsonResponse(
            {
                "error": str(error),
                "version": error.current.version,
                "text": error.current.text,
            },
            status=409,
        )
    except ValidationError as error:
        return JsonResponse({"errors": error.message_dict}, status=400)
    saved = timezone.localtime(section.updated_at)
    return JsonResponse({"version": section.version, "saved_at": f"{saved:%H:%M:%S}"})
