import csv
from collections.abc import Iterator

from django.conf import settings
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from commissioning.models import FundingLine
from councilgov.routers import public_read_alias
from decisions.models import (
    CallIn,
    Decision,
)
from decisions.register.views import filtered_decisions
from decisions.web.keyset import batches

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
# every row in memory: the whole register, a million decisions, downloads in bounded memory. The
# rows are read in keyset batches (decisions/web/keyset.py), each one short query with its
# prefetches, rather than one query for them all: no statement runs for as long as the download
# (past any statement timeout, and a replica cancels a long query that holds back replication),
# and no transaction is held open while the visitor's connection drains. Each batch is sent as
# one chunk. A failure part way through cannot send a status any more: the response is chunked,
# so it then ends without its last chunk and browsers and HTTP clients report the download as
# failed rather than keeping a silently shortened file. gunicorn's gthread workers do not cut a
# long response off (`timeout` is the worker's heartbeat, not a request's time).
CSV_BATCH_SIZE = 2000


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
    """The register's decisions, as the filters select them, in their order, as CSV.

    Models: Decision, with its council, decision maker, call-ins and funding lines
    """
    register = filtered_decisions(request)
    if register.is_bound and not register.is_valid():
        problems = "; ".join(f"{name}: {message}" for name, _, message in register.error_list())
        return HttpResponse(
            f"Bad filter: {problems}", status=400, content_type="text/plain; charset=utf-8"
        )
    limit = settings.CSV_MAX_ROWS
    if limit and (matching := register.qs.count()) > limit:
        return HttpResponse(
            f"Too many decisions for one download: these filters match {matching:,}, and one "
            f"download holds at most {limit:,}. Narrow them (by council, decision maker or "
            "dates, say) and download again.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    now = timezone.now()
    # The rows are read after this view has returned, outside the request's public reads:
    # they are read from the database this request reads from (the replica, for the public).
    decisions = _csv_decisions(register.qs).using(public_read_alias())
    status_labels = {value: str(label) for value, label in Decision.Status.choices}
    site = request.build_absolute_uri("/").rstrip("/")

    def row(decision: Decision) -> list[object]:
        total = decision.csv_funding_total
        deadline = decision.deadline
        effective = decision.takes_effect_on()
        return [
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

    def chunks() -> Iterator[str]:
        writer = csv.writer(_Echo())
        yield writer.writerow(CSV_COLUMNS)
        for batch in batches(decisions, CSV_BATCH_SIZE):
            yield "".join(writer.writerow(row(decision)) for decision in batch)

    response = StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    return response
