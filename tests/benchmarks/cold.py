"""Cold speed of the public pages: one client, each address asked for once, no cache.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/councilgov_bench \\
        .venv/bin/python tests/benchmarks/cold.py [--requests 20] [--only search,list]

Runs the pages in this process through Django's test client (DEBUG off, no page cache), each
request for an address not asked for before (another page number, word, decision or council),
and prints for each kind of page the 50th and 95th percentile time, the time spent in SQL and
the number of queries. It only reads the database. See tests/benchmarks/README.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Common and rare words of the synthetic register, and searches with a filter.
SEARCHES = [
    "care",
    "council",
    "care&key_decision=yes",
    "council&key_decision=yes",
    "services",
    "contract",
    "approve",
    "school transport",
    "library",
    "highways maintenance",
    "social care",
    "housing",
    "budget",
    "care homes",
    "waste",
    '"home care"',
    "parking",
    "leisure",
    "adult social care",
    "care -homes",
    "playground",
    "grant",
    "flood",
    "youth",
]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20, help="addresses per kind of page")
    parser.add_argument("--only", default="", help="kinds of page, separated by commas")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="print each address and its time")
    return parser.parse_args()


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilgov.settings")
    os.environ.setdefault("SECRET_KEY", "cold-benchmark-only")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    # One connection kept, as run.py's gunicorn keeps its own: a new one for each request would
    # count PostgreSQL's start of a session (and its first plans) against every page.
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    # Static addresses without collectstatic's manifest, as the test suite has them.
    os.environ.setdefault("STATIC_MANIFEST", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def addresses(rng: random.Random, count: int) -> dict[str, Callable[[], Iterator[str]]]:
    """For each kind of page, a function yielding distinct addresses of that kind."""
    from commissioning.models import Contract
    from decisions.models import Authority, Body, Decision, ForwardPlanEntry, Issue, Ward

    public = Decision.objects.public().order_by()
    last = public.order_by("-pk").values_list("pk", flat=True).first() or 0
    councils = list(Authority.objects.values_list("slug", flat=True))
    makers = list(Body.objects.values_list("pk", flat=True))
    wards = list(Ward.objects.values_list("pk", flat=True))

    def sample(queryset, n: int) -> list:
        """n rows spread over the table, found by key rather than ORDER BY random()."""
        found: list = []
        top = queryset.order_by("-pk").values_list("pk", flat=True).first() or 0
        for _attempt in range(n * 20):
            if len(found) >= n or not top:
                break
            row = queryset.filter(pk__gte=rng.randint(1, top)).order_by("pk").first()
            if row is not None and row not in found:
                found.append(row)
        return found

    def pages(path: str, top: int = 100) -> Iterator[str]:
        separator = "&" if "?" in path else "?"
        for number in rng.sample(range(1, top + 1), min(count, top)):
            yield f"{path}{separator}page={number}"

    def decision_pages() -> Iterator[str]:
        for decision in sample(public.select_related("authority"), count):
            yield decision.get_absolute_url()

    def record_pdfs() -> Iterator[str]:
        for decision in sample(public.select_related("authority"), count):
            yield decision.get_record_pdf_url()

    def filters() -> Iterator[str]:
        options = [
            lambda: f"authority={rng.choice(councils)}&page={rng.randint(1, 100)}",
            lambda: f"decision_maker={rng.choice(makers)}&page={rng.randint(1, 20)}",
            lambda: f"key_decision={rng.choice(['yes', 'no'])}&page={rng.randint(1, 100)}",
            lambda: f"decided_from=1 {rng.randint(1, 12)} {rng.randint(2011, 2025)}",
            lambda: f"published_to=1 {rng.randint(1, 12)} {rng.randint(2011, 2025)}",
            lambda: f"urgency=general_exception&page={rng.randint(1, 5)}",
            lambda: (
                "call_in_status="
                + rng.choice(["open", "effective", "closed", "not_subject", "called_in"])
                + f"&page={rng.randint(1, 3)}"
            ),
            lambda: f"ward={rng.choice(wards)}&page={rng.randint(1, 50)}" if wards else "",
            lambda: f"funding_over={rng.choice([1000, 100000, 1000000, 50000000])}",
            lambda: (
                f"sort={rng.choice(['oldest', 'published', 'title'])}&page={rng.randint(1, 100)}"
            ),
        ]
        seen = set()
        while len(seen) < count:
            query = rng.choice(options)()
            if query and query not in seen:
                seen.add(query)
                yield f"/decisions/?{query}"

    def searches() -> Iterator[str]:
        words = list(SEARCHES)
        rng.shuffle(words)
        for index in range(count):
            word = words[index % len(words)]
            page = "" if index < len(words) else f"&page={rng.randint(2, 50)}"
            yield f"/decisions/?q={word}{page}"

    def issue_pages() -> Iterator[str]:
        for issue in sample(Issue.objects.public(), count):
            yield f"/issues/{issue.pk}/"

    def contract_lists() -> Iterator[str]:
        statuses = ["", "active", "ended", "planned"]
        seen = set()
        while len(seen) < count:
            # A council holds a few hundred contracts: its first pages.
            if rng.random() < 0.5:
                query = f"authority={rng.choice(councils)}&page={rng.randint(1, 3)}"
            else:
                query = f"page={rng.randint(1, 100)}"
            if rng.random() < 0.3:
                query += f"&status={rng.choice(statuses)}"
            if query not in seen:
                seen.add(query)
                yield f"/contracts/?{query}"

    def contract_pages() -> Iterator[str]:
        for contract in sample(Contract.objects.public(), count):
            yield f"/contracts/{contract.pk}/"

    def forward_plans() -> Iterator[str]:
        yield "/forward-plan/"
        for slug in rng.sample(councils, min(len(councils), count // 2)):
            yield f"/forward-plan/?authority={slug}"
        yield from pages("/forward-plan/", 40)

    def api_lists() -> Iterator[str]:
        # The API pages by cursor (its `next` links), not by number.
        yield "/api/decisions/"
        for slug in rng.sample(councils, min(len(councils), count - 1)):
            yield f"/api/decisions/?authority={slug}"

    def api_details() -> Iterator[str]:
        for decision in sample(public, count):
            yield f"/api/decisions/{decision.pk}/"

    def feeds() -> Iterator[str]:
        chosen = rng.sample(councils, min(len(councils), count // 2))
        yield "/feeds/decisions.atom"
        for slug in chosen:
            yield f"/feeds/decisions.atom?authority={slug}"
        yield "/feeds/call-in.ics"
        for slug in chosen:
            yield f"/feeds/call-in.ics?authority={slug}"

    del last, ForwardPlanEntry
    return {
        "list": lambda: pages("/decisions/"),
        "filters": filters,
        "search": searches,
        "decision": decision_pages,
        "issue": issue_pages,
        "contracts": contract_lists,
        "contract": contract_pages,
        "forward-plan": forward_plans,
        "api-list": api_lists,
        "api-detail": api_details,
        "feeds": feeds,
        "record-pdf": record_pdfs,
    }


class SQLTimer:
    """Adds up the time and number of the queries run inside it."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0
        self.slowest: tuple[float, str] = (0.0, "")

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.seconds += spent
            self.queries += 1
            if spent > self.slowest[0]:
                self.slowest = (spent, sql)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    options = arguments()
    setup()
    from django.db import connection
    from django.test import Client

    from decisions.models import Decision

    rng = random.Random(options.seed)
    kinds = addresses(rng, options.requests)
    chosen = [name for name in options.only.split(",") if name] or list(kinds)
    client = Client()
    print(f"{Decision.objects.count():,} decisions in {connection.settings_dict['NAME']}")
    header = (
        f"{'page':<13} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'SQL p95':>8} {'queries':>8}  statuses"
    )
    print(header)
    print("-" * len(header))
    for name in chosen:
        times, sql_times, counts, statuses = [], [], [], {}
        slowest = (0.0, "", "")
        paths = kinds[name]()
        # The first address of each kind warms the process (templates, imports) uncounted.
        warm_up = next(paths, None)
        if warm_up is not None:
            client.get(warm_up)
        for path in paths:
            timer = SQLTimer()
            with connection.execute_wrapper(timer):
                started = time.perf_counter()
                response = client.get(path)
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
                spent = time.perf_counter() - started
            times.append(spent * 1000)
            sql_times.append(timer.seconds * 1000)
            counts.append(timer.queries)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if spent > slowest[0]:
                slowest = (spent, path, timer.slowest[1])
            if options.show:
                print(
                    f"    {spent * 1000:8.1f} ms  SQL {timer.seconds * 1000:7.1f} ms "
                    f"{timer.queries:3d} q  {response.status_code}  {path}"
                )
        if not times:
            print(f"{name:<13}   0  (nothing to ask for)")
            continue
        print(
            f"{name:<13} {len(times):>3} {statistics.median(times):>8.1f} "
            f"{percentile(times, 0.95):>8.1f} {max(times):>8.1f} "
            f"{percentile(sql_times, 0.95):>8.1f} {min(counts):>3}-{max(counts):<4}  "
            + ", ".join(f"{code}×{n}" for code, n in sorted(statuses.items()))
        )
        if options.show:
            print(f"    slowest: {slowest[1]} ({slowest[0] * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
