"""The addresses the benchmark asks for, read from the register it runs against.

`cold_urls` gives, for each kind of public page, distinct addresses nobody has asked for yet,
for a single client to fetch once each; `warm_pages` the pages wrk drives with the cache warm.
"""

import random

from django.urls import reverse

COMMON_WORDS = [
    "care", "council", "services", "school", "road", "housing", "budget", "contract",
    "plan", "review", "community", "children", "transport", "funding", "health", "adult",
    "support", "parking", "library", "waste", "capital", "strategy", "policy", "social",
]  # fmt: skip
# Up to the register's last page (decisions.register.pagination: 2,000 rows, 100 pages of 20).
LIST_PAGES = [1, 2, 3, 4, 5, 7, 9, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100]


def _sample(rows: list, count: int, rng: random.Random) -> list:
    return rng.sample(rows, min(count, len(rows)))


def cold_urls(per_kind: int, seed: int = 1) -> dict[str, list[str]]:
    """Distinct addresses per kind of page, `per_kind` at most of each."""
    from commissioning.models import Contract
    from decisions.models import Authority, Decision, Issue

    rng = random.Random(seed)
    councils = list(Authority.objects.order_by("pk").values_list("slug", flat=True))
    recent = list(
        Decision.objects.public()
        .select_related("authority")
        .order_by("-date_of_decision", "-pk")[: per_kind * 40]
    )
    decisions = _sample(recent, per_kind, rng)
    pdfs = _sample(recent, per_kind, rng)
    issue_ids = list(
        Issue.objects.public().order_by("-pk").values_list("pk", flat=True)[: per_kind * 20]
    )
    # Public contracts only (the others answer 404).
    contract_ids = list(
        Contract.objects.public().order_by("-pk").values_list("pk", flat=True)[: per_kind * 20]
    )
    years = list(range(2007, 2027))
    words = _sample(COMMON_WORDS, per_kind, rng)
    pick = rng.choice
    return {
        "register list, a page": [f"/decisions/?page={page}" for page in LIST_PAGES][:per_kind],
        "register list, filtered": [
            rng.choice(
                [
                    f"/decisions/?authority={pick(councils)}",
                    f"/decisions/?key_decision=yes&authority={pick(councils)}",
                    f"/decisions/?decided_from={pick(years)}-04-01&decided_to={pick(years)}-03-31",
                    f"/decisions/?call_in_status=open&authority={pick(councils)}",
                    f"/decisions/?funding_over={pick([10000, 100000, 1000000, 5000000])}",
                    f"/decisions/?sort=oldest&authority={pick(councils)}",
                ]
            )
            for _ in range(per_kind)
        ],
        "search, common word": [f"/decisions/?q={word}" for word in words],
        "search, word and filter": [f"/decisions/?q={word}&key_decision=yes" for word in words],
        "decision page": [decision.get_absolute_url() for decision in decisions],
        "issue page": [
            reverse("issue-detail", args=[pk]) for pk in _sample(issue_ids, per_kind, rng)
        ],
        "contracts list": [f"/contracts/?page={page}" for page in LIST_PAGES[: per_kind // 2]]
        + [f"/contracts/?authority={slug}" for slug in _sample(councils, per_kind // 2, rng)],
        "contract page": [
            reverse("contract-detail", args=[pk]) for pk in _sample(contract_ids, per_kind, rng)
        ],
        "forward plan": [f"/forward-plan/?page={page}" for page in LIST_PAGES[: per_kind // 2]]
        + [f"/forward-plan/?authority={slug}" for slug in _sample(councils, per_kind // 2, rng)],
        "API list": [
            f"/api/decisions/?authority={slug}" for slug in _sample(councils, per_kind, rng)
        ],
        "API detail": [f"/api/decisions/{decision.pk}/" for decision in decisions],
        "Atom feed": ["/feeds/decisions.atom"]
        + [
            f"/feeds/decisions.atom?authority={slug}"
            for slug in _sample(councils, per_kind - 1, rng)
        ],
        "record PDF": [decision.get_absolute_url() + "record.pdf" for decision in pdfs],
    }


# The cold p95 each kind must keep within, in milliseconds (the issue's targets).
COLD_TARGET_MS = {"search, common word": 100, "search, word and filter": 100, "record PDF": 500}
COLD_DEFAULT_TARGET_MS = 50


def warm_pages() -> list[tuple[str, str]]:
    """The pages wrk drives once the cache holds them."""
    from decisions.models import Decision

    sample = (
        Decision.objects.public()
        .filter(funding_lines__isnull=False, recommendations__isnull=False)
        .select_related("authority")
        .order_by("-date_of_decision", "-pk")
        .first()
    ) or Decision.objects.public().select_related("authority").first()
    pages = [
        ("register list", "/decisions/"),
        ("search: care, key decisions", "/decisions/?q=care&key_decision=yes"),
    ]
    if sample is not None:
        pages.append(("one decision", sample.get_absolute_url()))
    return pages
