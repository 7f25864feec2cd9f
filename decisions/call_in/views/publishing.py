from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from decisions.call_in import services
from decisions.call_in.forms import PublishForm
from decisions.call_in.views.common import (
    MANAGE_CALL_IN,
    PUBLISH,
    dashboard_crumb,
    democratic_services_only,
    is_public,
)
from decisions.models import Decision
from decisions.notifications.forms import FollowForm
from decisions.rules import call_in as call_in_rules
from decisions.web.crumbs import workspace_crumbs


def _published_message(decision: Decision) -> str:
    name = decision.reference or decision.title
    deadline = decision.deadline
    if deadline is not None:
        return f"{name} published; call-in closes at {call_in_rules.closing_words(deadline)}."
    if decision.effective_from is not None:
        return (
            f"{name} published; it is not open to call-in and takes effect on "
            f"{call_in_rules.format_date(decision.effective_from)}."
        )
    return f"{name} published."


@democratic_services_only(PUBLISH)
@require_http_methods(["GET", "HEAD", "POST"])
def publish_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then publish: the publication date, deadline and effective date are fixed.

    Models: Decision
    Template: officers/call_in/publish.html
    Context: decision, form, errors, already_published, closes, preview, is_public, crumbs
    """
    decision = get_object_or_404(
        Decision.objects.with_call_in_context().select_related("decision_maker"), pk=pk
    )
    form = PublishForm(request.POST or None, decision=decision)
    now = timezone.now()
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
        "officers/call_in/publish.html",
        {
            "decision": decision,
            "form": form,
            "errors": form.error_list(),
            "already_published": already,
            "closes": call_in_rules.closing_words(decision.deadline) if decision.deadline else "",
            "preview": None if already else form.preview(now),
            "is_public": is_public(decision),
            "crumbs": workspace_crumbs(dashboard_crumb())
            if request.user.has_perm(MANAGE_CALL_IN)
            else workspace_crumbs(),
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
