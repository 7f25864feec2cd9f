import csv

from django.conf import settings
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from commissioning.models import FundingLine
from decisions.models import (
    CallIn,
    Decision,
)
from decisions.register.views import filtered_decisions

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
# every row in memory; bounded, so that it always finishes well inside the server's timeout and a
# few at once cannot hold every worker (about 3,000 rows a second on a busy 2-core machine). A
# selection larger than CSV_MAX_ROWS is refused at once, before any row is sent, saying how to
# narrow it. A failure part way through cannot send a status any more: the response is chunked,
# so it then ends without its last chunk and browsers and HTTP clients report the download as
# failed rather than keeping a silently shortened file.
CSV_CHUNK_SIZE = 2000


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
    register = filtered_decisions(request)
    if register.is_bound and not register.is_valid():
        problems = "; ".join(f"{name}: {message}" for name, _, message in register.error_list())
        return HttpResponse(
            f"Bad filter: {problems}", status=400, content_type="text/plain; charset=utf-8"
        )
    limit = settings.CSV_MAX_ROWS
    matching = register.qs.count()
    if matching > limit:
        return HttpResponse(
            f"Too many decisions for one download: these filters match {matching:,}, and one "
            f"download holds at most {limit:,}. Narrow them (by council, decision maker or "
            "dates, say) and download again.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    now = timezone.now()
    decisions = _csv_decisions(register.qs)
    status_labels = {value: str(label) for value, label in Decision.Status.choices}
    site = request.build_absolute_uri("/").rstrip("/")

    def rows():  # a generator of CSV lines
        writer = csv.writer(_Echo())
        yield writer.writerow(CSV_COLUMNS)
        for decision in decisions.iterator(chunk_size=CSV_CHUNK_SIZE):
            total = decision.csv_funding_total
            deadline = decision.deadline
            effective = decision.takes_effect_on()
            yield writer.writerow(
                [
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
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    return response
