"""The public register: pages anyone can read without signing in."""

import csv
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.paginator import InvalidPage
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from commissioning.models import Contract, FundingLine
from decisions import callin, selectors
from decisions.filters import DecisionFilter
from decisions.models import (
    AgendaItem,
    Authority,
    CallIn,
    Decision,
    Document,
    ForwardPlanEntry,
    RelatedDecision,
)
from decisions.pagination import CappedPaginator
from decisions.views.forms import govuk_widgets

PAGE_SIZE = 20


def _now() -> datetime:
    return timezone.now()


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    now = _now()
    public = Decision.objects.public(now).with_call_in_context()
    return render(
        request,
        "decisions/home.html",
        {
            "latest": public.latest_first()[:10],
            "open_now": public.with_call_in_status(callin.CallInStatus.OPEN, now).order_by(
                "call_in_deadline", "call_in_deadline_time", "pk"
            )[:20],
            "coming_up": selectors.public_forward_plan(now).order_by("intended_date", "pk")[:10],
            "now": now,
        },
    )


def _filtered_decisions(request: HttpRequest) -> DecisionFilter:
    decisions = Decision.objects.public(_now()).with_call_in_context()
    return DecisionFilter(request.GET or None, queryset=decisions)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


@require_safe
def decision_list(request: HttpRequest) -> HttpResponse:
    register = _filtered_decisions(request)
    register.leave_out_empty_choices()
    govuk_widgets(register.form)
    context = {"filter": register, "query": _query_without(request, "page")}
    if register.is_bound and not register.is_valid():
        context["errors"] = register.error_list()
        return render(request, "decisions/decision_list.html", context, status=400)
    paginator = CappedPaginator(register.qs, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
    context.update(
        {
            "page_obj": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2),
            "query_without_page": context["query"],
            "now": _now(),
        }
    )
    return render(request, "decisions/decision_list.html", context)


CSV_COLUMNS = [
    "authority",
    "reference",
    "title",
    "decision_maker",
    "status",
    "key_decision",
    "date_of_decision",
    "publication_date",
    "call_in_deadline",
    "effective_from",
    "call_in_status",
    "funding_total",
    "url",
]


def _csv_safe(value: object) -> object:
    """Spreadsheets run cells that start with = + - @ as formulas; such text gets a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


# Streamed, so that a download neither waits for its last row before the first is sent nor holds
# every row in memory; bounded, so that it always finishes well inside the server's timeout and a
# few at once cannot hold every worker (about 3,000 rows a second on a busy 2-core machine). A
# selection larger than CSV_MAX_ROWS is refused at once, before any row is sent, saying how to
# narrow it. A failure part way through cannot send a status any more: the response is chunked,
# so it then ends without its last chunk and browsers and HTTP clients report the download as
# failed rather than keeping a silently shortened file.
CSV_CHUNK_SIZE = 2000


def _csv_decisions(queryset: QuerySet) -> QuerySet:
    """Only what the CSV prints: no per-row queries, and a few per chunk of rows."""
    funding_total = (
        FundingLine.objects.filter(decision=OuterRef("pk"))
        .order_by()
        .values("decision")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        queryset.select_related("authority", "decision_maker")
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("call_ins", queryset=CallIn.objects.prefetch_related("signatures"))
        )
        # The long texts the CSV does not print (deferred, not `only()`: a field the call-in
        # status comes to read must not cost a query per row).
        .defer(
            "key_decision_reason",
            "urgency_note",
            "purpose",
            "reasons",
            "alternative_options",
            "effective_from_note",
            "search_vector",
        )
        .annotate(csv_funding_total=Subquery(funding_total))
    )


@require_safe
def decision_csv(request: HttpRequest) -> HttpResponse:
    register = _filtered_decisions(request)
    if register.is_bound and not register.is_valid():
        problems = "; ".join(f"{name}: {message}" for name, _, message in register.error_list())
        return HttpResponse(
            f"Bad filter: {problems}", status=400, content_type="text/plain; charset=utf-8"
        )
    limit = settings.CSV_MAX_ROWS
    matching = register.qs.count()
    if matching > limit:
        return HttpResponse(
            f"Too many decisions for one download: these filters match {matching:,}, and one "
            f"download holds at most {limit:,}. Narrow them (by council, decision maker or "
            "dates, say) and download again.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    now = _now()
    decisions = _csv_decisions(register.qs)
    status_labels = {value: str(label) for value, label in Decision.Status.choices}
    site = request.build_absolute_uri("/").rstrip("/")

    def rows():  # noqa: ANN202 - a generator of CSV lines
        writer = csv.writer(_Echo())
        yield writer.writerow(CSV_COLUMNS)
        for decision in decisions.iterator(chunk_size=CSV_CHUNK_SIZE):
            total = decision.csv_funding_total
            deadline = decision.deadline
            effective = decision.takes_effect_on()
            yield writer.writerow(
                [
                    _csv_safe(value)
                    for value in (
                        decision.authority.slug,
                        decision.reference,
                        decision.title,
                        decision.decision_maker.name,
                        status_labels.get(decision.status, decision.status),
                        "yes" if decision.is_key_decision else "no",
                        decision.date_of_decision or "",
                        decision.publication_date or "",
                        deadline.isoformat() if deadline else "",
                        effective or "",
                        decision.call_in_status(now).value,
                        f"{total:.2f}" if total is not None else "",
                        site + decision.get_absolute_url(),
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    return response


# A decision's page -----------------------------------------------------------------------------


def _decision_for(request: HttpRequest, authority: str, key: str) -> Decision:
    """The decision of this request, looked up once for the page and its conditional headers."""
    cached = getattr(request, "_register_decision", None)
    if cached is None:
        cached = selectors.get_public_decision(authority=authority, key=key, at=_now())
        request._register_decision = cached
    return cached


def _last_modified(request: HttpRequest, authority: str, key: str) -> datetime:
    return selectors.decision_last_modified(_decision_for(request, authority, key), _now())


def _etag(request: HttpRequest, authority: str, key: str) -> str:
    decision = _decision_for(request, authority, key)
    changed = selectors.decision_last_modified(decision, _now())
    return f"decision-{decision.pk}-{changed.timestamp():.6f}"


def decision_page_queryset() -> QuerySet:
    public_decisions = Decision.objects.public()
    return Decision.objects.select_related(
        "authority",
        "decision_maker",
        "report_author",
        "meeting__body",
        "agenda_item",
        "issue",
        "signed_by",
    ).prefetch_related(
        "authority__call_in_rules",
        "authority__closure_days",
        Prefetch("call_ins", queryset=CallIn.objects.prefetch_related("signatures")),
        "recommendations",
        "delegations__delegate",
        "delegations__in_consultation_with",
        "delegations__recommendation",
        Prefetch(
            "funding_lines",
            queryset=FundingLine.objects.select_related("contract", "recommendation"),
        ),
        "service_volumes",
        Prefetch(
            "contracts", queryset=Contract.objects.prefetch_related("suppliers", "extensions")
        ),
        Prefetch("documents", queryset=Document.objects.filter(is_exempt=False)),
        Prefetch(
            "citations",
            # The cited decision itself is not read here: link_cited_decisions reads only
            # the public ones, so an exempt or unpublished one is never in the page's context.
            queryset=RelatedDecision.objects.select_related("agenda_item__meeting__body"),
        ),
        Prefetch(
            "cited_by",
            queryset=RelatedDecision.objects.select_related("decision__authority").filter(
                decision__in=public_decisions
            ),
        ),
        "interests__person",
        "wards",
        "relevant_members",
        "report_contributors",
        "sections",
        "options",
        "risks",
    )


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def decision_detail(request: HttpRequest, authority: str, key: str) -> HttpResponse:
    found = _decision_for(request, authority, key)
    if key != found.url_key:
        return redirect(found, permanent=True)
    decision = decision_page_queryset().get(pk=found.pk)
    now = _now()
    # The status and every sentence the page says about it come from this one account.
    call_in = decision.call_in_account(now)
    funding = list(decision.funding_lines.all())
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "authority": decision.authority,
            "call_in": call_in,
            "status": call_in.status,
            "takes_effect_on": call_in.effective,
            "notice": selectors.decision_notice(decision, now),
            "withheld_sections": selectors.withheld_report_sections(decision),
            "funding": funding,
            "funding_total": sum((line.amount for line in funding), Decimal("0")),
            "history": decision.history.order_by("-history_date")[:20],
            "citations": selectors.link_cited_decisions(decision, now),
            "now": now,
            "crumbs": [(reverse("decision-list"), "Decisions")],
        },
    )


# Issue history ---------------------------------------------------------------------------------


@require_safe
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = selectors.get_public_issue(pk)
    items = (
        AgendaItem.objects.filter(issue=issue, is_exempt=False)
        .select_related("meeting__body", "introduced_by", "seconded_by")
        .prefetch_related(
            Prefetch("documents", queryset=Document.objects.filter(is_exempt=False)), "options"
        )
    )
    decisions = (
        Decision.objects.public(_now())
        .filter(issue=issue)
        .select_related("decision_maker", "authority", "meeting__body")
    )
    events = sorted(
        [(item.meeting.date, "meeting", item) for item in items]
        + [
            (decision.date_of_decision or decision.publication_date, "decision", decision)
            for decision in decisions
        ],
        key=lambda event: (event[0] is None, event[0]),
    )
    return render(
        request,
        "decisions/issue_detail.html",
        {"issue": issue, "authority": issue.authority, "events": events, "crumbs": []},
    )


# Forward plan ----------------------------------------------------------------------------------


@require_safe
def forward_plan(request: HttpRequest) -> HttpResponse:
    try:
        authority = selectors.authority_from_query(request)
    except selectors.UnknownAuthority as error:
        return render(
            request,
            "decisions/forward_plan.html",
            {
                "errors": [("authority", "Council", error.problem)],
                "entries": [],
                "authorities": Authority.objects.all(),
            },
            status=400,
        )
    entries = selectors.public_forward_plan(_now()).order_by("intended_date", "pk")
    if authority:
        entries = entries.filter(authority=authority)
    return render(
        request,
        "decisions/forward_plan.html",
        {
            "entries": entries,
            "authority": authority,
            "authorities": Authority.objects.all(),
            "notice": ForwardPlanEntry.Notice,
        },
    )
