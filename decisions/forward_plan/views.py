from django.core.paginator import InvalidPage
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
from decisions.register.pagination import RegisterPaginator

# Each entry is a summary card with its report's summary: 20 make a long page already. A
# council's whole plan on one page was 728 KiB at 100,000 decisions.
PAGE_SIZE = 20


@require_safe
def forward_plan(request: HttpRequest) -> HttpResponse:
    """The forward plan: key decisions to come, with the notice each was given, soonest first,
    a page at a time, of every council or one (?authority=).

    Models: ForwardPlanEntry, Authority
    Template: decisions/forward_plan.html
    Context: page_obj, entries, page_range, query_without_page, authority, authorities,
        notice, errors, page_problem
    """
    context: dict = {"authorities": Authority.objects.all(), "notice": ForwardPlanEntry.Notice}
    try:
        authority = selectors.authority_from_query(request)
    except selectors.UnknownAuthority as error:
        context.update({"errors": [("authority", "Council", error.problem)], "entries": []})
        return render(request, "decisions/forward_plan.html", context, status=400)
    entries = plan_selectors.public_forward_plan(timezone.now()).order_by("intended_date", "pk")
    if authority:
        entries = entries.filter(authority=authority)
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {"authority": authority, "query_without_page": f"{query.urlencode()}&" if query else ""}
    )
    paginator = RegisterPaginator(entries, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        context.update({"entries": [], "page_problem": paginator.problem(error, "entries")})
        return render(request, "decisions/forward_plan.html", context, status=404)
    context.update(
        {
            "page_obj": page,
            "entries": page.object_list,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2),
        }
    )
    return render(request, "decisions/forward_plan.html", context)
