"""Democratic services in the officer workspace: publishing records and running call-in.

Every page needs a login; the clerk's pages also need the permission their work calls for
(decisions.publish_decision, decisions.manage_call_in), and answer 403 without it. Writes go
through decisions.services, whose refusals come back in the GOV.UK error summary.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from decisions import callin, services
from decisions.callin import CallInStatus
from decisions.models import CallIn, CallInSignature, Decision, Person, Subscription
from decisions.officer_forms import (
    FinalOutcomeForm,
    FollowForm,
    OutcomeForm,
    PastWindowsForm,
    PublishForm,
)
from decisions.pagination import CappedPaginator
from decisions.views.forms import govuk_widgets

PUBLISH = "decisions.publish_decision"
MANAGE_CALL_IN = "decisions.manage_call_in"
PAGE_SIZE = 20
AWAITING_SHOWN = 50
HOME_SHOWN = 10


def _now() -> datetime:
    return timezone.now()


def clerk_only(permission: str) -> Callable:
    """Signed in (else the login page), and holding `permission` (else 403)."""

    def decorate(view: Callable) -> Callable:
        return login_required(permission_required(permission, raise_exception=True)(view))

    return decorate


def _crumbs(*more: tuple[str, str]) -> list[tuple[str, str]]:
    return [(reverse("officers:home"), "Officer workspace"), *more]


def _dashboard_crumb() -> tuple[str, str]:
    return (reverse("officers:call-in-dashboard"), "Call-in dashboard")


def _is_public(decision: Decision) -> bool:
    return not (decision.is_exempt or decision.is_confidential)


# What the rows say --------------------------------------------------------------------------


def time_left(deadline: callin.Deadline, now: datetime) -> str:
    """ "2 days 4 hours left", "closes today at 4pm", "closes at the end of today", "closed"."""
    if callin.deadline_passed(deadline, now):
        return "closed"
    today = timezone.localdate(now)
    if callin.deadline_day(deadline) == today:
        if isinstance(deadline, datetime):
            return f"closes today at {callin.format_deadline(deadline).split(' on ')[0]}"
        return "closes at the end of today"
    # In UTC: between two Europe/London times Python would count wall-clock hours, and a
    # window across the clocks changing has an hour more or less than they show.
    remaining = callin.window_closes_at(deadline).astimezone(UTC) - now.astimezone(UTC)
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
        return callin.format_date(self.day) if self.day else ""


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
        ("Call-in deadline", callin.deadline_day(deadline) if deadline else None),
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
    """One decision on the dashboard, with what the clerk needs to see at a glance."""

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
        deadline_printed=callin.format_deadline(deadline) if deadline else "",
        time_left=time_left(deadline, now) if deadline else "",
        closes_today=bool(deadline)
        and callin.deadline_day(deadline) == today
        and not callin.deadline_passed(deadline, now),
        call_in=request,
        confirmed=confirmed,
        required=required,
        takes_effect_on=decision.takes_effect_on(),
        timeline=timeline(decision, today),
        is_public=_is_public(decision),
        following=decision.pk in following,
    )


def _followed(user: object, decisions: list[Decision]) -> set[int]:
    return set(
        Subscription.objects.filter(
            user=user, decision__in=[decision.pk for decision in decisions]
        ).values_list("decision_id", flat=True)
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


# Pages --------------------------------------------------------------------------------------


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Where a signed-in clerk or councillor lands: the work waiting for them."""
    user, now = request.user, _now()
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
                "closes": callin.closing_words(decision.deadline),
                "time_left": time_left(decision.deadline, now),
            }
            for decision in open_decisions
            if decision.deadline is not None
        ]
    return render(request, "officers/home.html", context)


@clerk_only(MANAGE_CALL_IN)
@require_safe
def call_in_dashboard(request: HttpRequest) -> HttpResponse:
    """Every window open, closing today or called in; what awaits publication; past windows."""
    now = _now()
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

    following = _followed(request.user, current + past_decisions)
    waiting = awaiting_publication()
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return render(
        request,
        "officers/dashboard.html",
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
            "crumbs": _crumbs(),
        },
        status=status,
    )


def _published_message(decision: Decision) -> str:
    name = decision.reference or decision.title
    deadline = decision.deadline
    if deadline is not None:
        return f"{name} published; call-in closes at {callin.closing_words(deadline)}."
    if decision.effective_from is not None:
        return (
            f"{name} published; it is not open to call-in and takes effect on "
            f"{callin.format_date(decision.effective_from)}."
        )
    return f"{name} published."


@clerk_only(PUBLISH)
@require_http_methods(["GET", "HEAD", "POST"])
def publish_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then publish: the publication date, deadline and effective date are fixed."""
    decision = get_object_or_404(
        Decision.objects.with_call_in_context().select_related("decision_maker"), pk=pk
    )
    form = PublishForm(request.POST or None, decision=decision)
    now = _now()
    status = 200
    if request.method == "POST":
        try:
            published = services.decision_publish(decision=decision, by=request.user, at=now)
        except ValidationError as error:
            form.add_service_errors(error)
            status = 400
        else:
            messages.success(request, _published_message(published))
            if request.user.has_perm(MANAGE_CALL_IN):
                return redirect("officers:call-in-dashboard")
            return redirect("officers:home")
    already = decision.publication_date is not None
    return render(
        request,
        "officers/publish.html",
        {
            "decision": decision,
            "form": form,
            "errors": form.error_list(),
            "already_published": already,
            "closes": callin.closing_words(decision.deadline) if decision.deadline else "",
            "preview": None if already else form.preview(now),
            "is_public": _is_public(decision),
            "crumbs": _crumbs(_dashboard_crumb())
            if request.user.has_perm(MANAGE_CALL_IN)
            else _crumbs(),
        },
        status=status,
    )


@login_required
@require_POST
def follow_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a decision (its emails and calendar), or stop following it; then go back."""
    decisions = Decision.objects.all()
    if not request.user.has_perm(MANAGE_CALL_IN):
        decisions = Decision.objects.public()
    decision = get_object_or_404(decisions, pk=pk)
    form = FollowForm(request.POST, request=request)
    following = form.toggle(user=request.user, decision=decision)
    name = decision.reference or decision.title
    if following:
        messages.success(
            request, f"You are following {name}: you will be emailed when its call-in changes."
        )
    else:
        messages.success(request, f"You no longer follow {name}.")
    return redirect(form.next_url() or reverse("officers:home"))


def _call_in_queryset() -> QuerySet[CallIn]:
    """A call-in with everything its page reads, in a constant number of queries."""
    return CallIn.objects.select_related(
        "decision__authority",
        "decision__decision_maker",
        "scrutiny_meeting__body",
    ).prefetch_related(
        Prefetch("signatures", queryset=CallInSignature.objects.select_related("member")),
        "decision__authority__call_in_rules",
        "decision__authority__closure_days",
        "decision__call_ins__signatures",
    )


def _signatory_rows(call_in: CallIn) -> list[dict[str, object]]:
    deadline = call_in.decision.deadline
    closes = callin.window_closes_at(deadline) if deadline is not None else None
    return [
        {
            "member": signature.member,
            "is_lead": signature.is_lead,
            "confirmed": callin.format_deadline(signature.confirmed_at)
            if signature.confirmed_at
            else "",
            "too_late": bool(
                signature.confirmed_at and closes is not None and signature.confirmed_at >= closes
            ),
        }
        for signature in call_in.signatures.all()
    ]


def _history_rows(call_in: CallIn) -> list[dict[str, str]]:
    entries = call_in.history.select_related("history_user").order_by("-history_date", "-pk")
    return [
        {
            "when": callin.format_deadline(entry.history_date),
            "who": (entry.history_user.get_full_name() or entry.history_user.get_username())
            if entry.history_user
            else "Not recorded",
            "what": entry.history_change_reason
            or ("Call-in received" if entry.history_type == "+" else "Changed"),
        }
        for entry in entries
    ]


@clerk_only(MANAGE_CALL_IN)
@require_http_methods(["GET", "HEAD", "POST"])
def call_in_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A call-in: its request, signatories, validity, and scrutiny's outcome."""
    call_in = get_object_or_404(_call_in_queryset(), pk=pk)
    decision = call_in.decision
    outcome_form = OutcomeForm(call_in=call_in)
    final_form = FinalOutcomeForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "outcome":
            form = outcome_form = OutcomeForm(request.POST, call_in=call_in)
        elif action == "final_outcome":
            form = final_form = FinalOutcomeForm(request.POST)
        else:
            return HttpResponseBadRequest("Say which outcome is being recorded.")
        if form.is_valid():
            try:
                recorded = _record(form, call_in=call_in, by=request.user)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, recorded)
                return redirect("officers:call-in-detail", pk=call_in.pk)
        status = 400
    govuk_widgets(outcome_form)
    now = _now()
    is_valid = call_in.is_valid
    referred = call_in.outcome in (CallIn.Outcome.REFERRED_BACK, CallIn.Outcome.REFERRED_TO_COUNCIL)
    deadline = decision.deadline
    return render(
        request,
        "officers/call_in_detail.html",
        {
            "call_in": call_in,
            "decision": decision,
            "status": decision.call_in_status(now),
            "deadline_printed": callin.closing_words(deadline) if deadline else "",
            "received": callin.format_deadline(call_in.received_at),
            "signatories": _signatory_rows(call_in),
            "confirmed": call_in.signatures_confirmed(),
            "required": call_in.signatories_required(),
            "problems": call_in.validity_problems(),
            "is_valid": is_valid,
            "takes_effect_on": decision.takes_effect_on(),
            "timeline": timeline(decision, timezone.localdate(now)),
            "is_public": _is_public(decision),
            "outcome_form": outcome_form,
            "show_outcome_form": outcome_form.is_bound or (is_valid and not call_in.outcome),
            "final_form": final_form,
            "show_final_form": final_form.is_bound or (referred and not call_in.final_outcome),
            "errors": outcome_form.error_list() + final_form.error_list(),
            "history": _history_rows(call_in),
            "following": bool(_followed(request.user, [decision])),
            "crumbs": _crumbs(_dashboard_crumb()),
        },
        status=status,
    )


def _record(form: OutcomeForm | FinalOutcomeForm, *, call_in: CallIn, by: object) -> str:
    """Record what the form says through the service; returns the banner's words."""
    data = form.cleaned_data
    if isinstance(form, OutcomeForm):
        recorded = services.call_in_record_outcome(
            call_in=call_in,
            outcome=data["outcome"],
            on=data["outcome_date"],
            by=by,
            scrutiny_meeting=data["scrutiny_meeting"],
        )
        words = f"Outcome recorded: {recorded.get_outcome_display()}"
        if recorded.outcome == CallIn.Outcome.NO_FURTHER_ACTION:
            words += f"; the decision takes effect on {callin.format_date(recorded.outcome_date)}"
        return words + "."
    recorded = services.call_in_record_final_outcome(
        call_in=call_in, final_outcome=data["final_outcome"], on=data["final_outcome_date"], by=by
    )
    return (
        f"Final outcome recorded: {recorded.get_final_outcome_display()}, "
        f"{callin.format_date(recorded.final_outcome_date)}."
    )
