from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from decisions.forward_plan import selectors as plan_selectors
from decisions.models import (
    Authority,
    ForwardPlanEntry,
)
from decisions.register import selectors


@require_safe
def forward_plan(request: HttpRequest) -> HttpResponse:
    """The forward plan: key decisions to come, with the notice each was given.

    Models: ForwardPlanEntry, Authority
    Template: decisions/forward_plan.html
    Context: entries, authority, authorities, notice, errors
    """
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
    entries = plan_selectors.public_forward_plan(timezone.now()).order_by("intended_date", "pk")
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
