from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import InvalidPage
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from decisions.call_in.forms import PastWindowsForm
from decisions.call_in.views.common import (
    MANAGE_CALL_IN,
    PUBLISH,
    democratic_services_only,
    is_public,
)
from decisions.models import CallIn, Decision, Person
from decisions.notifications.subscriptions import followed_among
from decisions.rules import call_in as call_in_rules
from decisions.rules.call_in import CallInStatus
from decisions.web.crumbs import workspace_crumbs
from decisions.web.forms import govuk_widgets
from decisions.web.pagination import CappedPaginator

PAGE_SIZE = 20

AWAITING_SHOWN = 50

HOME_SHOWN = 10


def time_left(deadline: call_in_rules.Deadline, now: datetime) -> str:
    """ "2 days 4 hours left", "closes today at 4pm", "closes at the end of today", "closed"."""
    if call_in_rules.deadline_passed(deadline, now):
        return "closed"
    today = timezone.localdate(now)
    if call_in_rules.deadline_day(deadline) == today:
        if isinstance(deadline, datetime):
            return f"closes today at {call_in_rules.format_deadline(deadline).split(' on ')[0]}"
        return "closes at the end of today"
    # In UTC: between two Europe/London times Python would count wall-clock hours, and a
    # window across the clocks changing has an hour more or less than they show.
    remaining = call_in_rules.window_closes_at(deadline).astimezone(UTC) - now.astimezone(UTC)
    days, hours = remaining.days, remaining.seconds // 3600
    parts = [f"{days} day{'s' if days != 1 else ''}"]
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    return " ".join(parts) + " left"


@dataclass(frozen=True)
class TimelineEvent:
    label: str
    day: date | None
    is_today: bool = False
    is_past: bool = False
    position: float = 50.0  # across the picture's 300 units

    @property
    def printed(self) -> str:
        return call_in_rules.format_date(self.day) if self.day else ""


def timeline(decision: Decision, today: date) -> list[TimelineEvent]:
    """Decision → publication → deadline → effective, in date order, with today among them.

    A called-in decision has no effective date until scrutiny's outcome: that step is listed
    last, undated, and not drawn.
    """
    deadline = decision.deadline
    effective = decision.takes_effect_on()
    steps = [
        ("Decided", decision.date_of_decision),
        ("Published", decision.publication_date),
        ("Call-in deadline", call_in_rules.deadline_day(deadline) if deadline else None),
        ("Takes effect", effective),
    ]
    dated = [(label, day, False) for label, day in steps if day is not None]
    # Sorted stably: on a shared day, today comes after what happened on it.
    dated = sorted([*dated, ("Today", today, True)], key=lambda step: step[1])
    first, last = dated[0][1], dated[-1][1]
    span = (last - first).days
    events = [
        TimelineEvent(
            label,
            day,
            is_today=is_today,
            is_past=day <= today,
            position=12 + 276 * (day - first).days / span if span else 150.0,
        )
        for label, day, is_today in dated
    ]
    if effective is None and decision.is_subject_to_call_in:
        events.append(TimelineEvent("Takes effect: after scrutiny's outcome", None))
    return events


@dataclass
class WindowRow:
    """One decision on the dashboard, with what democratic services need to see at a glance."""

    decision: Decision
    status: CallInStatus
    deadline_printed: str
    time_left: str
    closes_today: bool
    call_in: CallIn | None
    confirmed: int
    required: int
    takes_effect_on: date | None
    timeline: list[TimelineEvent]
    is_public: bool
    following: bool


def _leading_call_in(decision: Decision) -> CallIn | None:
    """The call-in that counts: the valid one, else the latest received."""
    requests = list(decision.call_ins.all())
    return decision.valid_call_in() or (requests[-1] if requests else None)


def _window_row(decision: Decision, now: datetime, following: set[int]) -> WindowRow:
    deadline = decision.deadline
    request = _leading_call_in(decision)
    if request is not None:
        required = request.signatories_required()
        confirmed = request.signatures_confirmed()
    else:
        rule = decision.call_in_rule()
        required, confirmed = (rule.signatories_required if rule else 1), 0
    today = timezone.localdate(now)
    return WindowRow(
        decision=decision,
        status=decision.call_in_status(now),
        deadline_printed=call_in_rules.format_deadline(deadline) if deadline else "",
        time_left=time_left(deadline, now) if deadline else "",
        closes_today=bool(deadline)
        and call_in_rules.deadline_day(deadline) == today
        and not call_in_rules.deadline_passed(deadline, now),
        call_in=request,
        confirmed=confirmed,
        required=required,
        takes_effect_on=decision.takes_effect_on(),
        timeline=timeline(decision, today),
        is_public=is_public(decision),
        following=decision.pk in following,
    )


def awaiting_publication() -> QuerySet[Decision]:
    """Decided, but neither published nor carrying an official effective date."""
    return (
        Decision.objects.filter(
            publication_date__isnull=True,
            effective_from__isnull=True,
            date_of_decision__isnull=False,
        )
        .exclude(status=Decision.Status.FOR_DETERMINATION)
        .select_related("authority", "decision_maker")
        .order_by("date_of_decision", "pk")
    )


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Where democratic services or a councillor lands when signed in: the work waiting for them.

    Template: officers/home.html
    """
    user, now = request.user, timezone.now()
    context: dict[str, object] = {
        "can_manage_call_in": user.has_perm(MANAGE_CALL_IN),
        "can_publish": user.has_perm(PUBLISH),
        "can_use_reports": any(
            user.has_perm(permission)
            for permission in (PUBLISH, "decisions.draft_report", "decisions.sign_off_report")
        ),
        "crumbs": [],
    }
    if context["can_publish"]:
        waiting = awaiting_publication()
        context["awaiting"] = waiting[:HOME_SHOWN]
        context["awaiting_count"] = waiting.count()
    member = Person.objects.select_related("authority").filter(user=user.pk).first()
    context["member"] = member
    if member is not None and member.kind == Person.Kind.COUNCILLOR:
        open_decisions = (
            Decision.objects.public(now)
            .filter(authority=member.authority_id)
            .with_call_in_status(CallInStatus.OPEN, now)
            .with_call_in_context()
            .order_by("call_in_deadline", "call_in_deadline_time", "pk")
        )
        context["open_decisions"] = [
            {
                "decision": decision,
                "closes": call_in_rules.closing_words(decision.deadline),
                "time_left": time_left(decision.deadline, now),
            }
            for decision in open_decisions
            if decision.deadline is not None
        ]
    return render(request, "officers/home.html", context)


@democratic_services_only(MANAGE_CALL_IN)
@require_safe
def call_in_dashboard(request: HttpRequest) -> HttpResponse:
    """Every window open, closing today or called in; what awaits publication; past windows.

    Models: Decision, CallIn, Subscription
    Template: officers/call_in/dashboard.html
    Context: rows, past_rows, page_obj, page_range, query_without_page, search, errors, awaiting,
        awaiting_count, can_publish, now, today, crumbs
    """
    now = timezone.now()
    current = (
        (
            Decision.objects.with_call_in_status(CallInStatus.OPEN, now)
            | Decision.objects.with_call_in_status(CallInStatus.CALLED_IN, now)
        )
        .with_call_in_context()
        .order_by("call_in_deadline", "call_in_deadline_time", "pk")
    )
    current = list(current)

    search = PastWindowsForm(request.GET or None)
    govuk_widgets(search)
    status = 200
    page = None
    if search.is_bound and not search.is_valid():
        status = 400
    else:
        past = search.filter(
            (
                Decision.objects.with_call_in_status(CallInStatus.CLOSED, now)
                | Decision.objects.with_call_in_status(CallInStatus.EFFECTIVE, now)
            ).with_call_in_context()
        )
        paginator = CappedPaginator(past, PAGE_SIZE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error
    past_decisions = list(page.object_list) if page else []

    following = followed_among(request.user, current + past_decisions)
    waiting = awaiting_publication()
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return render(
        request,
        "officers/call_in/dashboard.html",
        {
            "rows": [_window_row(decision, now, following) for decision in current],
            "past_rows": [_window_row(decision, now, following) for decision in past_decisions],
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2)
            if page
            else [],
            "query_without_page": f"{encoded}&" if encoded else "",
            "search": search,
            "errors": search.error_list(),
            "awaiting": waiting[:AWAITING_SHOWN],
            "awaiting_count": waiting.count(),
            "can_publish": request.user.has_perm(PUBLISH),
            "now": now,
            "today": timezone.localdate(now),
            "crumbs": workspace_crumbs(),
        },
        status=status,
    )
