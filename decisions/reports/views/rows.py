from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from decisions.models import Report
from decisions.reports.access import (
    editable_report,
    read_only_reason,
    report_crumbs,
    visible_report,
)
from decisions.reports.forms.drafting import ROW_FORMS
from decisions.reports.services import drafting
from decisions.reports.views.common import (
    ROW_NAMES,
    keep_typed_after_conflict,
    read_only_refusal,
    staff_only,
)


def _rows(report: Report, rows: str):  # a related manager
    return {
        "recommendations": report.recommendations,
        "options": report.options,
        "risks": report.risks,
        "funding": report.funding_lines,
    }[rows]


def _locked_rows(request: HttpRequest, report: Report, rows: str) -> HttpResponse:
    """Adding, changing or removing a row of a locked report: the rows as they stand, with
    the refusal when a change was sent."""
    if request.method != "POST":
        return redirect("officers:report-rows", pk=report.pk, rows=rows)
    return _rows_page(
        request, report, rows, errors=read_only_refusal(read_only_reason(report, request.user))
    )


@require_safe
@staff_only
def report_rows(request: HttpRequest, pk: int, rows: str) -> HttpResponse:
    return _rows_page(request, visible_report(request, pk), rows)


def _rows_page(
    request: HttpRequest, report: Report, rows: str, errors: list | None = None
) -> HttpResponse:
    label, one, article = ROW_NAMES[rows]
    items = list(_rows(report, rows).all())
    totals: dict[str, Decimal] = {}
    if rows == "funding":
        # Amounts are added only to others of the same recurrence: £760,000 a year and a
        # one-off £765,000 make no one total.
        for line in items:
            name = line.get_recurrence_display()
            totals[name] = totals.get(name, Decimal("0")) + line.amount
    return render(
        request,
        "officers/reports/rows.html",
        {
            "report": report,
            "authority": report.authority,
            "rows": rows,
            "items": items,
            "totals": totals,
            "label": label,
            "one": one,
            "article": article,
            "editable": not read_only_reason(report, request.user),
            "read_only": read_only_reason(report, request.user),
            "errors": errors or [],
            "crumbs": report_crumbs(report),
        },
        status=409 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
@staff_only
def report_row(request: HttpRequest, pk: int, rows: str, row: int | None = None) -> HttpResponse:
    """Add or change one row of a report: a recommendation, option, risk or funding line.

    Models: Report, DraftRecommendation, DraftOption, DraftRisk, DraftFundingLine
    Template: officers/reports/row.html
    Context: report, authority, rows, form, errors, adding, label, one, article, crumbs
    """
    report = editable_report(request, pk)
    label, one, article = ROW_NAMES[rows]
    if not report.is_editable:
        return _locked_rows(request, report, rows)
    instance = get_object_or_404(_rows(report, rows), pk=row) if row else None
    form_class = ROW_FORMS[rows]
    form = form_class(
        request.POST or None,
        instance=instance,
        report=report,
        initial={"version": instance.version if instance else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            drafting.report_row_save(
                row=form.instance,
                expected_version=form.cleaned_data["version"] if instance else None,
                by=request.user,
                at=timezone.now(),
            )
        except drafting.EditConflict as error:
            keep_typed_after_conflict(form, error)
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"{one.capitalize()} saved")
            if "another" in request.POST:
                return redirect("officers:report-row-add", pk=report.pk, rows=rows)
            return redirect("officers:report-rows", pk=report.pk, rows=rows)
    return render(
        request,
        "officers/reports/row.html",
        {
            "report": report,
            "authority": report.authority,
            "rows": rows,
            "form": form,
            "errors": form.error_list(),
            "adding": instance is None,
            "label": label,
            "one": one,
            "article": article,
            "crumbs": report_crumbs(
                report,
                (reverse("officers:report-rows", args=[report.pk, rows]), label),
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_only
def report_row_delete(request: HttpRequest, pk: int, rows: str, row: int) -> HttpResponse:
    """Ask before deleting one row of a report, then delete it.

    Models: Report, DraftRecommendation, DraftOption, DraftRisk, DraftFundingLine
    Template: officers/reports/row_delete.html
    Context: report, authority, rows, item, one, problem, crumbs
    """
    report = editable_report(request, pk)
    label, one, article = ROW_NAMES[rows]
    instance = get_object_or_404(_rows(report, rows), pk=row)
    if not report.is_editable:
        return _locked_rows(request, report, rows)
    problem = ""
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", "0"))
        except ValueError:
            version = 0
        try:
            drafting.report_row_delete(
                row=instance, expected_version=version, by=request.user, at=timezone.now()
            )
        except drafting.EditConflict as error:
            problem = f"{error.changed} Check it before removing it."
            instance = error.current
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, f"{one.capitalize()} removed")
            return redirect("officers:report-rows", pk=report.pk, rows=rows)
    return render(
        request,
        "officers/reports/row_delete.html",
        {
            "report": report,
            "authority": report.authority,
            "rows": rows,
            "item": instance,
            "one": one,
            "problem": problem,
            "crumbs": report_crumbs(
                report,
                (reverse("officers:report-rows", args=[report.pk, rows]), label),
            ),
        },
    )
