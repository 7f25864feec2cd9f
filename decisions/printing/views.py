import re
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import F, prefetch_related_objects
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
)
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from decisions.forward_plan import selectors as plan_selectors
from decisions.models import Decision, Document
from decisions.printing import render as pdf
from decisions.register import selectors
from decisions.reports.access import (
    visible_report,
)
from decisions.reports.views.common import staff_only

UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]")


def pdf_response(content: bytes, *, filename: str) -> HttpResponse:
    filename = UNSAFE_IN_FILENAME.sub("-", filename)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def record_last_modified(request: HttpRequest, *, decision: Decision, at: datetime) -> datetime:
    return selectors.decision_last_modified(decision, at)


def record_etag(request: HttpRequest, *, decision: Decision, at: datetime) -> str:
    """Changes when the record changes, and when its call-in status moves on by the clock."""
    changed = selectors.decision_last_modified(decision, at)
    return f"record-{decision.pk}-{changed.timestamp():.6f}-{decision.call_in_status(at)}"


# A repeat request answered from these two functions gets 304 before any PDF is rendered.
@condition(etag_func=record_etag, last_modified_func=record_last_modified)
def record_response(request: HttpRequest, *, decision: Decision, at: datetime) -> HttpResponse:
    content = pdf.render_decision_record(decision, at=at, base_url=request.build_absolute_uri("/"))
    filename = f"{decision.authority.slug}-{decision.url_key}-record.pdf"
    return pdf_response(content, filename=filename)


@require_safe
def decision_record(request: HttpRequest, authority: str, key: str) -> HttpResponse:
    at = timezone.now()
    decision = selectors.get_public_decision(authority=authority, key=key, at=at)
    if key != decision.url_key:
        # "id-<number>" for a record that has a reference: one address per record.
        return HttpResponsePermanentRedirect(decision.get_record_pdf_url())
    # The validators below need the call-in status; fetched once, not once per question.
    prefetch_related_objects([decision], *pdf.CALL_IN_RELATIONS)
    return record_response(request, decision=decision, at=at)


# WeasyPrint lays out about 20 entries a second on a busy 2-core machine: a plan of every council
# (124 entries at 30,000 decisions) took 6 s, 12 to 15 s at 100,000, holding a worker all along.
# The PDF prints the soonest entries, and says how many more the forward plan page lists.
FORWARD_PLAN_PDF_ENTRIES = 40


@require_safe
def forward_plan(request: HttpRequest) -> HttpResponse:
    at = timezone.now()
    entries = plan_selectors.public_forward_plan(at)
    try:
        authority = selectors.authority_from_query(request)
    except selectors.UnknownAuthority as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    page = reverse("forward-plan")
    if authority:
        entries = entries.filter(authority=authority)
        page += "?" + urlencode({"authority": authority.slug})
    entries = entries.order_by(F("intended_date").asc(nulls_last=True), "title", "pk")
    total = entries.count()
    soonest = list(entries[:FORWARD_PLAN_PDF_ENTRIES])
    content = pdf.render_forward_plan(
        soonest,
        at=at,
        authority=authority,
        base_url=request.build_absolute_uri("/"),
        left_out=total - len(soonest),
        page_url=request.build_absolute_uri(page),
    )
    filename = f"{authority.slug}-forward-plan.pdf" if authority else "forward-plan.pdf"
    return pdf_response(content, filename=filename)


def _public_report_document(decision: Decision) -> Document:
    document = (
        Document.objects.filter(decision=decision, report__isnull=False, is_exempt=False)
        .select_related("report")
        .first()
    )
    if document is None:
        raise Http404("No report drafted in the workspace is published with this decision.")
    return document


def report_last_modified(request: HttpRequest, *, decision: Decision, at: datetime) -> datetime:
    document = _public_report_document(decision)
    return max(selectors.decision_last_modified(decision, at), document.report.updated_at)


# The report stops changing once it is with the decision maker; its last save dates it.
@condition(last_modified_func=report_last_modified)
def report_response(request: HttpRequest, *, decision: Decision, at: datetime) -> HttpResponse:
    report = _public_report_document(decision).report
    content = pdf.render_report(
        report, public=True, at=at, base_url=request.build_absolute_uri("/")
    )
    filename = f"{decision.authority.slug}-{decision.url_key}-report.pdf"
    return pdf_response(content, filename=filename)


@require_safe
def decision_report(request: HttpRequest, authority: str, key: str) -> HttpResponse:
    """The report behind a public decision, without its exempt parts."""
    at = timezone.now()
    decision = selectors.get_public_decision(authority=authority, key=key, at=at)
    if key != decision.url_key:
        return HttpResponsePermanentRedirect(
            reverse("decision-report-pdf", args=[decision.authority.slug, decision.url_key])
        )
    return report_response(request, decision=decision, at=at)


@require_safe
@staff_only
def report_preview_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as the decision maker will read it, exempt parts marked, through the same
    WeasyPrint pipeline as the records of decision."""
    report = visible_report(request, pk)
    content = pdf.render_report(
        report, public=False, at=timezone.now(), base_url=request.build_absolute_uri("/")
    )
    return pdf_response(content, filename=f"report-{report.pk}-draft.pdf")
