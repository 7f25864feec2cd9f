"""Councillors in the workspace: asking for a call-in, and co-signing one.

A councillor acts only as themselves: the member is always the Person linked to the signed-in
user, never a value taken from the request.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from decisions.call_in import services
from decisions.call_in.forms import WHOLE_REQUEST, WHOLE_REQUEST_LABEL, CallInRequestForm
from decisions.models import CallIn, CallInSignature, Decision, Person
from decisions.rules import call_in as call_in_rules
from decisions.web.crumbs import workspace_crumbs


def _member(request: HttpRequest) -> Person | None:
    """The signed-in user's own record as a councillor or officer, if they have one."""
    return Person.objects.select_related("authority").filter(user=request.user.pk).first()


def _not_allowed(request: HttpRequest, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "officers/members/not_allowed.html",
        {"title": title, "message": message, "crumbs": workspace_crumbs()},
        status=403,
    )


def _my_call_ins_crumb() -> tuple[str, str]:
    return (reverse("officers:my-call-ins"), "Your call-ins")


def _closing_line(decision: Decision, at: datetime) -> str:
    """ "Call-in closes at 4pm on 17 November 2023", or "closed at the end of …" once past."""
    deadline = decision.deadline
    if deadline is None:
        return ""
    verb = "closed" if call_in_rules.deadline_passed(deadline, at) else "closes"
    return f"Call-in {verb} at {call_in_rules.closing_words(deadline)}"


def _public_decisions(at: datetime) -> QuerySet[Decision]:
    """The decisions a councillor may reach here: the public record, as the register shows it.

    Anything else answers 404, as on the register: an exempt, confidential or unpublished
    decision's title can carry what is withheld, so its existence is not confirmed either.
    """
    return Decision.objects.public(at)


def _call_ins(at: datetime) -> QuerySet[CallIn]:
    """Call-ins on public decisions, with what their validity and signatures need, in a
    constant number of queries."""
    return (
        CallIn.objects.filter(decision__in=_public_decisions(at).values("pk"))
        .select_related("decision__authority", "decision__decision_maker")
        .prefetch_related("signatures__member", "decision__authority__call_in_rules")
    )


@dataclass
class Progress:
    """Where a call-in stands for its signatories: signatures so far, who is still to sign."""

    call_in: CallIn
    confirmed: int
    required: int
    is_valid: bool
    deadline_passed: bool
    waiting_for: list[Person] = field(default_factory=list)

    @property
    def lead(self) -> Person | None:
        return next((s.member for s in self.call_in.signatures.all() if s.is_lead), None)

    @property
    def closes(self) -> str:
        deadline = self.call_in.decision.deadline
        return call_in_rules.format_deadline(deadline) if deadline is not None else ""

    @property
    def signatures(self) -> str:
        return call_in_rules.signatures_words(self.confirmed, self.required)

    @property
    def still_needed(self) -> int:
        return max(0, self.required - self.confirmed)

    @property
    def shortfall(self) -> int:
        """Signatures still missing even if everyone asked confirms."""
        return max(0, self.required - self.confirmed - len(self.waiting_for))

    @property
    def label(self) -> str:
        if self.call_in.outcome:
            return self.call_in.get_outcome_display()
        if self.is_valid:
            return "Valid: awaiting scrutiny"
        if self.deadline_passed or self.call_in.rejected_reason.strip():
            return "Not valid"
        return "Waiting for signatures"

    @property
    def colour(self) -> str:
        if self.call_in.outcome:
            return "blue"
        if self.is_valid:
            return "green"
        if self.deadline_passed or self.call_in.rejected_reason.strip():
            return "grey"
        return "yellow"


def _progress(call_in: CallIn, at: datetime) -> Progress:
    deadline = call_in.decision.deadline
    return Progress(
        call_in=call_in,
        confirmed=call_in.signatures_confirmed(),
        required=call_in.signatories_required(),
        is_valid=call_in.is_valid,
        deadline_passed=deadline is not None and call_in_rules.deadline_passed(deadline, at),
        waiting_for=[s.member for s in call_in.signatures.all() if s.confirmed_at is None],
    )


# Asking for a call-in --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_call_in(request: HttpRequest, pk: int) -> HttpResponse:
    """A councillor asks for a decision to be called in, while its window is open.

    Models: Decision, CallIn, Person
    Template: officers/members/request_call_in.html
    Context: decision, authority, status, is_open, closing_line, signatories_required, form, errors,
        crumbs
    """
    now = timezone.now()
    decision = get_object_or_404(_public_decisions(now).with_call_in_context(), pk=pk)
    member = _member(request)
    if (
        member is None
        or member.kind != Person.Kind.COUNCILLOR
        or member.authority_id != decision.authority_id
    ):
        return _not_allowed(
            request,
            "You cannot ask for this call-in",
            f"Only councillors of {decision.authority.name} can ask for its decisions to be "
            "called in. If you are one, ask democratic services to link your login to your "
            "councillor record.",
        )
    took_part = services.took_part(decision)
    candidates = (
        Person.objects.filter(
            authority=decision.authority_id,
            kind=Person.Kind.COUNCILLOR,
            user__isnull=False,
            user__is_active=True,
        )
        .exclude(pk__in=took_part | {member.pk})
        .order_by("name")
    )
    form = CallInRequestForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            call_in = services.call_in_request(
                decision=decision,
                member=member,
                reasons=form.cleaned_data["reasons"],
                co_signatories=form.cleaned_data["co_signatories"],
                at=now,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _confirmation(request, call_in.pk, now, "Call-in request sent")
    status = decision.call_in_status(now)
    rule = decision.call_in_rule()
    return render(
        request,
        "officers/members/request_call_in.html",
        {
            "decision": decision,
            "authority": decision.authority,
            "status": status,
            "is_open": status == call_in_rules.CallInStatus.OPEN,
            "closing_line": _closing_line(decision, now),
            "signatories_required": rule.signatories_required if rule else 1,
            "form": form,
            "errors": form.error_list(),
            "crumbs": workspace_crumbs(_my_call_ins_crumb()),
        },
        status=400 if form.errors else 200,
    )


def _confirmation(request: HttpRequest, pk: int, at: datetime, heading: str) -> HttpResponse:
    call_in = _call_ins(at).get(pk=pk)
    return render(
        request,
        "officers/members/call_in_sent.html",
        {
            "heading": heading,
            "progress": _progress(call_in, at),
            "decision": call_in.decision,
            "authority": call_in.decision.authority,
            "crumbs": workspace_crumbs(_my_call_ins_crumb()),
        },
    )


# Co-signing ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sign_call_in(request: HttpRequest, pk: int) -> HttpResponse:
    """A councillor co-signs a call-in another member asked for.

    Models: CallIn, CallInSignature, Person
    Template: officers/members/sign_call_in.html
    Context: call_in, decision, authority, signature, progress, can_sign, closing_line, errors,
        crumbs
    """
    now = timezone.now()
    call_in = get_object_or_404(_call_ins(now), pk=pk)
    member = _member(request)
    signature = next(
        (s for s in call_in.signatures.all() if member and s.member_id == member.pk), None
    )
    if signature is None:
        return _not_allowed(
            request,
            "You cannot sign this call-in",
            "You were not asked to sign this call-in. Only the councillors the lead member "
            "named can sign it, each from their own login.",
        )
    errors: list[tuple[str, str, str]] = []
    if request.method == "POST":
        try:
            services.call_in_sign(call_in=call_in, member=member, at=now)
        except ValidationError as error:
            errors = [
                (WHOLE_REQUEST, str(WHOLE_REQUEST_LABEL), message) for message in error.messages
            ]
        else:
            return _confirmation(request, call_in.pk, now, "You have signed the call-in")
    progress = _progress(call_in, now)
    return render(
        request,
        "officers/members/sign_call_in.html",
        {
            "call_in": call_in,
            "decision": call_in.decision,
            "authority": call_in.decision.authority,
            "signature": signature,
            "progress": progress,
            "can_sign": signature.confirmed_at is None and not progress.deadline_passed,
            "closing_line": _closing_line(call_in.decision, now),
            "errors": errors,
            "crumbs": workspace_crumbs(_my_call_ins_crumb()),
        },
        status=400 if errors else 200,
    )


# The councillor's own list ---------------------------------------------------------------------


@login_required
@require_safe
def my_call_ins(request: HttpRequest) -> HttpResponse:
    """A councillor's call-ins: those waiting for their signature, and the rest.

    Models: CallIn, CallInSignature, Person
    Template: officers/members/my_call_ins.html
    Context: member, authority, to_sign, others, crumbs
    """
    member = _member(request)
    if member is None or member.kind != Person.Kind.COUNCILLOR:
        return _not_allowed(
            request,
            "You have no call-ins",
            "Call-ins are asked for and signed by councillors. If you are one, ask democratic "
            "services to link your login to your councillor record.",
        )
    now = timezone.now()
    mine = CallInSignature.objects.filter(member=member)
    call_ins = _call_ins(now).filter(pk__in=mine.values("call_in")).order_by("-received_at", "-pk")
    to_sign, others = [], []
    for call_in in call_ins:
        progress = _progress(call_in, now)
        if member in progress.waiting_for and not progress.deadline_passed:
            to_sign.append(progress)
        else:
            others.append(progress)
    return render(
        request,
        "officers/members/my_call_ins.html",
        {
            "member": member,
            "authority": member.authority,
            "to_sign": to_sign,
            "others": others,
            "crumbs": workspace_crumbs(),
        },
    )
