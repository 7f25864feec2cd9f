from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from decisions.call_in import services
from decisions.call_in.forms import FinalOutcomeForm, OutcomeForm
from decisions.call_in.views.common import (
    MANAGE_CALL_IN,
    dashboard_crumb,
    democratic_services_only,
    is_public,
)
from decisions.call_in.views.dashboard import timeline
from decisions.models import CallIn, CallInSignature
from decisions.notifications.subscriptions import followed_among
from decisions.rules import call_in as call_in_rules
from decisions.types import User
from decisions.web.crumbs import workspace_crumbs
from decisions.web.forms import govuk_widgets


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
    closes = call_in_rules.window_closes_at(deadline) if deadline is not None else None
    return [
        {
            "member": signature.member,
            "is_lead": signature.is_lead,
            "confirmed": call_in_rules.format_deadline(signature.confirmed_at)
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
            "when": call_in_rules.format_deadline(entry.history_date),
            "who": (entry.history_user.get_full_name() or entry.history_user.get_username())
            if entry.history_user
            else "Not recorded",
            "what": entry.history_change_reason
            or ("Call-in received" if entry.history_type == "+" else "Changed"),
        }
        for entry in entries
    ]


@democratic_services_only(MANAGE_CALL_IN)
@require_http_methods(["GET", "HEAD", "POST"])
def call_in_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A call-in: its request, signatories, validity, and scrutiny's outcome.

    Models: CallIn, CallInSignature, Decision
    Template: officers/call_in/call_in_detail.html
    Context: call_in, decision, status, deadline_printed, received, signatories, confirmed,
        required, problems, is_valid, takes_effect_on, timeline, is_public, outcome_form,
        show_outcome_form, final_form, show_final_form, errors, history, following, crumbs
    """
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
    now = timezone.now()
    is_valid = call_in.is_valid
    referred = call_in.outcome in (CallIn.Outcome.REFERRED_BACK, CallIn.Outcome.REFERRED_TO_COUNCIL)
    deadline = decision.deadline
    return render(
        request,
        "officers/call_in/call_in_detail.html",
        {
            "call_in": call_in,
            "decision": decision,
            "status": decision.call_in_status(now),
            "deadline_printed": call_in_rules.closing_words(deadline) if deadline else "",
            "received": call_in_rules.format_deadline(call_in.received_at),
            "signatories": _signatory_rows(call_in),
            "confirmed": call_in.signatures_confirmed(),
            "required": call_in.signatories_required(),
            "problems": call_in.validity_problems(),
            "is_valid": is_valid,
            "takes_effect_on": decision.takes_effect_on(),
            "timeline": timeline(decision, timezone.localdate(now)),
            "is_public": is_public(decision),
            "outcome_form": outcome_form,
            "show_outcome_form": outcome_form.is_bound or (is_valid and not call_in.outcome),
            "final_form": final_form,
            "show_final_form": final_form.is_bound or (referred and not call_in.final_outcome),
            "errors": outcome_form.error_list() + final_form.error_list(),
            "history": _history_rows(call_in),
            "following": bool(followed_among(request.user, [decision])),
            "crumbs": workspace_crumbs(dashboard_crumb()),
        },
        status=status,
    )


def _record(form: OutcomeForm | FinalOutcomeForm, *, call_in: CallIn, by: User) -> str:
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
            words += (
                f"; the decision takes effect on {call_in_rules.format_date(recorded.outcome_date)}"
            )
        return words + "."
    recorded = services.call_in_record_final_outcome(
        call_in=call_in, final_outcome=data["final_outcome"], on=data["final_outcome_date"], by=by
    )
    return (
        f"Final outcome recorded: {recorded.get_final_outcome_display()}, "
        f"{call_in_rules.format_date(recorded.final_outcome_date)}."
    )
