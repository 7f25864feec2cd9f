"""The public contracts register."""

from decimal import Decimal

from django.core.paginator import InvalidPage
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from commissioning.models import Contract, ContractExtension, FundingLine, ServiceVolume
from decisions.models import Authority, Decision
from decisions.models.querysets import public_decision
from decisions.register.pagination import RegisterPaginator
from decisions.register.selectors import UnknownAuthority, authority_from_query

PAGE_SIZE = 25


def parts_of_public_contracts(parts: QuerySet) -> QuerySet:
    """A public contract's funding lines or service figures that are public: those of no
    decision (public with their contract) or of a public decision. FundingLine.public() also
    asks of the others whether their contract is public, which a public contract's are."""
    return parts.filter(Q(decision__isnull=True) | Q(public_decision()))


def listed_contracts(extensions: QuerySet | None = None) -> QuerySet:
    """Public contracts with what a row of the register shows: suppliers, public funding lines
    and the public extension options (or `extensions`) their end and status are worked out
    from."""
    if extensions is None:
        extensions = ContractExtension.objects.public()
    return (
        Contract.objects.public()
        .select_related("authority")
        .prefetch_related(
            "suppliers",
            Prefetch("funding_lines", queryset=parts_of_public_contracts(FundingLine.objects)),
            Prefetch("extensions", queryset=extensions),
        )
    )


def contracts_with_public_parts() -> QuerySet:
    """Public contracts, with only their public parts, as a contract's page shows them.

    Each contract's status is worked out from its public extension options alone, on the page
    (Contract.current_status reads the prefetched ones) and in the filter (with_status): an
    extension taken up by a decision not yet public does not show through it.
    """
    extensions = ContractExtension.objects.public().select_related("decision__authority")
    return listed_contracts(extensions).prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.public().select_related("authority", "decision_maker"),
        ),
        Prefetch("service_volumes", queryset=parts_of_public_contracts(ServiceVolume.objects)),
    )


def _list_page(request: HttpRequest, context: dict, status: int) -> HttpResponse:
    context.setdefault("authorities", Authority.objects.all())
    context.setdefault("statuses", Contract.Status.choices)
    return render(request, "commissioning/contract_list.html", context, status=status)


@require_safe
def contract_list(request: HttpRequest) -> HttpResponse:
    """The contracts the register's decisions authorised, filtered by council and status,
    ending latest first.

    Models: Contract, Authority
    Template: commissioning/contract_list.html
    Context: page_obj, page_range, query_without_page, authority, authorities, status, statuses,
        crumbs, errors, page_problem
    """
    contracts = listed_contracts().latest_end_first()
    try:
        authority = authority_from_query(request)
    except UnknownAuthority as error:
        return _list_page(request, {"errors": [("authority", "Council", error.problem)]}, 400)
    status = request.GET.get("status", "").strip()
    if status and status not in Contract.Status.values:
        return _list_page(
            request,
            {
                "errors": [("status", "Status", "Choose a status from the list")],
                "authority": authority,
            },
            400,
        )
    if authority:
        contracts = contracts.filter(authority=authority)
    if status:
        contracts = contracts.with_status(
            status, timezone.localdate(), extensions=ContractExtension.objects.public()
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "authority": authority,
        "status": status,
        "query_without_page": f"{query.urlencode()}&" if query else "",
        "crumbs": [],
    }
    paginator = RegisterPaginator(contracts, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        context["page_problem"] = paginator.problem(error, "contracts")
        return _list_page(request, context, 404)
    context["page_obj"] = page
    context["page_range"] = paginator.get_elided_page_range(page.number, on_each_side=2)
    return _list_page(request, context, 200)


@require_safe
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A contract: its supplier, value, periods, extensions and the decisions behind it.

    Models: Contract, FundingLine, ContractExtension
    Template: commissioning/contract_detail.html
    Context: contract, authority, funding, funding_total, crumbs
    """
    contract = get_object_or_404(contracts_with_public_parts(), pk=pk)
    funding = list(contract.funding_lines.all())
    return render(
        request,
        "commissioning/contract_detail.html",
        {
            "contract": contract,
            "authority": contract.authority,
            "funding": funding,
            "funding_total": sum((line.amount for line in funding), Decimal("0")),
            "crumbs": [(reverse("contract-list"), "Contracts")],
        },
    )
