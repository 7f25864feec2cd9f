from datetime import datetime
from decimal import Decimal

from django.core.paginator import InvalidPage
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from commissioning.models import Contract, FundingLine
from decisions.forward_plan import selectors as plan_selectors
from decisions.models import (
    AgendaItem,
    CallIn,
    Decision,
    Document,
    RelatedDecision,
)
from decisions.register import selectors
from decisions.register.filters import DecisionFilter
from decisions.register.pagination import RegisterPaginator
from decisions.rules import call_in as call_in_rules
from decisions.web.forms import govuk_widgets
from decisions.web.prefetch import prefetch_present

PAGE_SIZE = 20


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The front page: the latest decisions, those open for call-in, and key decisions to come.

    Template: decisions/home.html
    Context: latest, open_now, coming_up, now
    """
    now = timezone.now()
    public = Decision.objects.public(now).with_call_in_status_context()
    return render(
        request,
        "decisions/home.html",
        {
            "latest": public.latest_first()[:10],
            "open_now": public.with_call_in_status(call_in_rules.CallInStatus.OPEN, now).order_by(
                "call_in_deadline", "call_in_deadline_time", "pk"
            )[:20],
            "coming_up": plan_selectors.public_forward_plan(now).order_by("intended_date", "pk")[
                :10
            ],
            "now": now,
        },
    )


def filtered_decisions(request: HttpRequest) -> DecisionFilter:
    decisions = Decision.objects.public(timezone.now()).with_call_in_status_context()
    return DecisionFilter(request.GET or None, queryset=decisions)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


@require_safe
def decision_list(request: HttpRequest) -> HttpResponse:
    """The register: every public decision, searched and filtered, a page at a time.

    Models: Decision
    Template: decisions/decision_list.html
    """
    register = filtered_decisions(request)
    register.offer_council_lists()
    register.leave_out_empty_choices()
    govuk_widgets(register.form)
    context = {"filter": register, "query": _query_without(request, "page")}
    if register.is_bound and not register.is_valid():
        context["errors"] = register.error_list()
        return render(request, "decisions/decision_list.html", context, status=400)
    paginator = RegisterPaginator(register.qs, PAGE_SIZE, count=register.capped_count)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        # The page says what went wrong, with the filters, rather than a bare "not found".
        context["page_problem"] = paginator.problem(error, "decisions")
        return render(request, "decisions/decision_list.html", context, status=404)
    context.update(
        {
            "page_obj": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2),
            "query_without_page": context["query"],
            "now": timezone.now(),
        }
    )
    return render(request, "decisions/decision_list.html", context)


def _decision_for(request: HttpRequest, authority: str, key: str) -> Decision:
    """The decision of this request, looked up once for the page and its conditional headers."""
    cached = getattr(request, "_register_decision", None)
    if cached is None:
        # Read once with everything its page shows: the ETag and Last-Modified ask its call-in
        # status, and the page the rest.
        cached = selectors.get_public_decision(
            authority=authority, key=key, at=timezone.now(), queryset=decision_page_queryset()
        )
        prefetch_present(cached, decision_page_parts())
        request._register_decision = cached
    return cached


def _last_modified(request: HttpRequest, authority: str, key: str) -> datetime:
    return selectors.decision_last_modified(_decision_for(request, authority, key), timezone.now())


def _etag(request: HttpRequest, authority: str, key: str) -> str:
    decision = _decision_for(request, authority, key)
    changed = selectors.decision_last_modified(decision, timezone.now())
    return f"decision-{decision.pk}-{changed.timestamp():.6f}"


def decision_page_queryset() -> QuerySet:
    """The decision with what its page shows through a foreign key, and its council's rules.

    Only the council and the decision maker are joined: PostgreSQL took longer to plan the
    decision joined to all seven than to run it, and most of the rest are empty (a foreign
    key left empty costs no query to prefetch).
    """
    return Decision.objects.select_related("authority", "decision_maker").prefetch_related(
        "report_author",
        "meeting__body",
        "agenda_item",
        "issue",
        "signed_by",
        "authority__call_in_rules",
        "authority__closure_days",
    )


def decision_page_parts() -> list:
    """The decision's own parts its page shows, read by prefetch_present: only those it has."""
    return [
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
                decision__in=Decision.objects.public()
            ),
        ),
        "interests__person",
        "wards",
        "relevant_members",
        "report_contributors",
        "sections",
        "options",
        "risks",
    ]


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def decision_detail(request: HttpRequest, authority: str, key: str) -> HttpResponse:
    """A public decision record, with its call-in window, funding and history.

    Models: Decision, Recommendation, FundingLine, CallIn
    Template: decisions/decision_detail.html
    Context: decision, authority, call_in, status, takes_effect_on, notice, withheld_sections,
        funding, funding_total, history, citations, now, crumbs
    """
    decision = _decision_for(request, authority, key)
    if key != decision.url_key:
        return redirect(decision, permanent=True)
    now = timezone.now()
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


@require_safe
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An issue's history: its forward plan entries, meetings and decisions, in date order.

    Models: Issue, AgendaItem, Decision, Document
    Template: decisions/issue_detail.html
    Context: issue, authority, events, crumbs
    """
    issue = selectors.get_public_issue(pk)
    items = (
        AgendaItem.objects.filter(issue=issue, is_exempt=False)
        .select_related("meeting__body", "introduced_by", "seconded_by")
        .prefetch_related(
            Prefetch("documents", queryset=Document.objects.filter(is_exempt=False)), "options"
        )
    )
    decisions = (
        Decision.objects.public(timezone.now())
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
