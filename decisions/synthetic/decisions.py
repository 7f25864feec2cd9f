"""Planning synthetic decisions: what each one says, who took it, when, and what hangs off it.

Every decision depends only on the seed and its position in the schedule (and on how many
decisions its council has before it, for its reference), so a run that carries on after an
interruption plans exactly what an uninterrupted run would have.
"""

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from typing import TypeVar

from decisions.choices import ExemptParagraph
from decisions.models import Decision, Recommendation
from decisions.rules import call_in as call_in_rules
from decisions.synthetic import call_ins, money, notices, vocabulary
from decisions.synthetic.councils import Council
from decisions.synthetic.places import council_size
from decisions.synthetic.rows import (
    DECISION_MEMBERS,
    DECISION_WARDS,
    DECISIONS,
    ISSUES,
    NOTICES,
    RECOMMENDATIONS,
    Batch,
    Ids,
)

# Twenty years of decisions, the last of them still to be taken.
FIRST_DAY = date(2007, 1, 1)

LAST_DAY = date(2026, 12, 31)

STATUSES = (
    (Decision.Status.APPROVED.value, 40),
    (Decision.Status.RECOMMENDATIONS_APPROVED.value, 35),
    (Decision.Status.NOTED.value, 10),
    (Decision.Status.APPROVED_WITH_AMENDMENTS.value, 5),
    (Decision.Status.DEFERRED.value, 4),
    (Decision.Status.REJECTED.value, 3),
    (Decision.Status.WITHDRAWN.value, 3),
)
STATUS_VALUES = [status for status, _weight in STATUSES]
STATUS_WEIGHTS = list(accumulate(weight for _status, weight in STATUSES))

OUTCOMES = {
    Decision.Status.APPROVED: Recommendation.Outcome.APPROVED.value,
    Decision.Status.RECOMMENDATIONS_APPROVED: Recommendation.Outcome.APPROVED.value,
    Decision.Status.APPROVED_WITH_AMENDMENTS: Recommendation.Outcome.APPROVED.value,
    Decision.Status.NOTED: Recommendation.Outcome.NOTED.value,
    Decision.Status.DEFERRED: Recommendation.Outcome.DEFERRED.value,
    Decision.Status.REJECTED: Recommendation.Outcome.REJECTED.value,
    Decision.Status.WITHDRAWN: Recommendation.Outcome.PENDING.value,
    Decision.Status.FOR_DETERMINATION: Recommendation.Outcome.PENDING.value,
}
APPROVED = Recommendation.Outcome.APPROVED.value

EXEMPT_PARAGRAPHS = tuple(
    paragraph.value
    for paragraph in (
        ExemptParagraph.P3,
        ExemptParagraph.P3,
        ExemptParagraph.P1,
        ExemptParagraph.P5,
    )
)

URGENCY_ROUTES = (Decision.Urgency.SPECIAL_URGENCY.value, Decision.Urgency.CONSTITUTION.value)

T = TypeVar("T")

RECOMMENDATION_KINDS = list(vocabulary.RECOMMENDATION_TEXTS)

# A schedule entry packs the day (as an ordinal) and the council's index into one number,
# which sorts by day, then council.
COUNCILS_LIMIT = 1_000_000
NINE_AM = clock(9, 0)

# About one key decision in this many (those whose number it divides) has an issue.
ISSUE_EVERY = 3


class QuickRandom(random.Random):
    """random.Random whose choice and randint take one random() each: several times quicker
    than the originals, which avoid a bias far too small to matter for invented records."""

    def choice(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


# Dates as printed ("1 April 2024"): a few thousand distinct days, asked for millions of times.
format_date = lru_cache(maxsize=None)(call_in_rules.format_date)


class DecisionPlanner:
    """Plans synthetic decisions as rows, deterministically from the seed."""

    def __init__(self, *, seed: int, today: date) -> None:
        self.seed = seed
        self.today = today

    def schedule(self, count: int, councils: int) -> list[int]:
        """When each of `count` decisions is taken, and by which council, in date order.

        Each entry is `day ordinal * COUNCILS_LIMIT + council index` (see `scheduled`). Busier
        councils take more decisions; decisions fall on weekdays.
        """
        if councils > COUNCILS_LIMIT:
            raise ValueError(f"At most {COUNCILS_LIMIT:,} councils.")
        rng = random.Random(f"{self.seed}/schedule")
        weights = list(accumulate(council_size(index) for index in range(councils)))
        first, span = FIRST_DAY.toordinal(), (LAST_DAY - FIRST_DAY).days + 1
        entries = []
        randrange = rng.randrange
        for council in rng.choices(range(councils), cum_weights=weights, k=count):
            day = first + randrange(span)
            weekday = (day - 1) % 7  # date.fromordinal(1) is a Monday
            if weekday == 5:
                day -= 1
            elif weekday == 6:
                day += 1
            entries.append(day * COUNCILS_LIMIT + council)
        entries.sort()
        return entries

    @staticmethod
    def scheduled(entry: int) -> tuple[date, int]:
        """(date of decision, council index) of a schedule entry."""
        day, council = divmod(entry, COUNCILS_LIMIT)
        return date.fromordinal(day), council

    def plan(
        self,
        position: int,
        council: Council,
        decided: date,
        suppliers: dict[str, list[int]],
        batch: Batch,
        ids: Ids,
    ) -> None:
        """Add the decision at `position` in the schedule, and its parts, to `batch`."""
        rng = QuickRandom(self.seed * 10_000_019 + position)
        random_number = rng.random
        service = rng.choice(vocabulary.SERVICES)
        subject = rng.choice(service.subjects)
        authority = council.authority
        number = council.next_number
        council.next_number += 1

        pick = random_number()
        portfolio_body, portfolio_holder = council.portfolios.get(
            service.portfolio, (council.cabinet, None)
        )
        if pick < 0.3:
            maker = council.cabinet
        elif pick < 0.7:
            maker = portfolio_body
        else:
            maker = council.posts.get(service.director, council.cabinet)

        is_key = random_number() < 0.4
        urgent = random_number() < 0.02
        exempt = random_number() < 0.02
        publish_after = rng.randint(1, 3)
        status = rng.choices(STATUS_VALUES, cum_weights=STATUS_WEIGHTS)[0]
        if decided > self.today:
            status = Decision.Status.FOR_DETERMINATION.value

        published = deadline = deadline_time = effective = None
        if status != Decision.Status.FOR_DETERMINATION:
            published = council.publication_day(decided, publish_after)
            deadline, deadline_time, effective = council.call_in_dates(
                published=published, decided=decided, subject_to_call_in=not urgent
            )
        stamp = datetime.combine(published or decided, NINE_AM, tzinfo=call_in_rules.LONDON)
        year = money.financial_year(decided)
        start = decided + timedelta(days=rng.randint(60, 240))
        fill = {
            "subject": subject,
            "Subject": money.capitalise(subject),
            "service": service.name.lower(),
            "year": year,
            "years": f"{start.year}-{start.year + rng.randint(2, 5)}",
            "start": format_date(start),
            "end": format_date(start - timedelta(days=1)),
            "term": rng.randint(2, 7),
            "since": decided.year - rng.randint(2, 6),
            "director": service.director,
            "portfolio": f"Cabinet Member for {service.portfolio}",
        }
        officers = council.officers
        decision_id = ids.take(DECISIONS)
        reference = f"{authority.reference_prefix}{number}"
        title = rng.choice(vocabulary.TITLE_FORMS).format(**fill)
        purpose = " ".join(
            [
                rng.choice(vocabulary.PURPOSE_OPENINGS).format(**fill),
                rng.choice(vocabulary.PURPOSE_CONTEXT).format(**fill),
            ]
        )
        urgency_note = rng.choice(vocabulary.URGENCY_NOTES) if urgent else ""
        report_author = rng.choice(officers) if officers else None
        affects_all_wards = random_number() < 0.3
        rows = batch.rows
        # About one key decision in three follows an issue (ModernGov's "Issue history"),
        # taken from its council's numbering so that the rest of the plan draws as before.
        issue_id = None
        if is_key and not exempt and number % ISSUE_EVERY == 0:
            issue_id = ids.take(ISSUES)
            rows[ISSUES].append((issue_id, authority.pk, title, purpose))
        rows[DECISIONS].append(
            (
                decision_id,
                authority.pk,
                reference,
                title,
                maker,
                status,
                is_key,
                rng.choice(vocabulary.KEY_DECISION_REASONS) if is_key else "",
                not urgent,
                rng.choice(URGENCY_ROUTES) if urgent else "",
                urgency_note,
                purpose,
                " ".join(rng.sample(vocabulary.REASONS, 2)),
                (
                    " ".join(rng.sample(vocabulary.ALTERNATIVES, rng.randint(1, 2)))
                    if random_number() < 0.6
                    else ""
                ),
                report_author,
                affects_all_wards,
                exempt,
                rng.choice(EXEMPT_PARAGRAPHS) if exempt else "",
                decided,
                published,
                deadline,
                deadline_time,
                effective,
                stamp,
                stamp,
                issue_id,
            )
        )
        batch.decisions += 1
        if not affects_all_wards and council.wards:
            rows[DECISION_WARDS] += [
                (decision_id, ward)
                for ward in rng.sample(council.wards, min(len(council.wards), rng.randint(1, 3)))
            ]
        if portfolio_holder is not None and maker in (council.cabinet, portfolio_body):
            rows[DECISION_MEMBERS].append((decision_id, portfolio_holder))
        self._plan_recommendations(rows, decision_id, rng, fill, status)
        contracted = (not exempt and OUTCOMES[status] == APPROVED) and random_number() < 0.13
        contract_id = None
        if contracted:
            contract_id = money.plan_contract(
                rows, ids, decision_id, reference, rng, council, service, subject, suppliers,
                effective or start,
            )  # fmt: skip
        if contracted or random_number() < 0.5:
            money.plan_funding(rows, decision_id, contract_id, rng, decided)
        if is_key and not exempt:
            rows[NOTICES].append(
                notices.notice(
                    rng, authority.pk, decision_id, reference, title, purpose, maker, decided,
                    report_author, affects_all_wards, urgency_note,
                )
            )  # fmt: skip
        if (
            deadline is not None
            and OUTCOMES[status] == APPROVED
            and random_number() < call_ins.SHARE_CALLED_IN
        ):
            call_ins.plan_call_in(
                rng,
                batch,
                ids,
                council,
                decision_id=decision_id,
                published=published,
                deadline=deadline,
                deadline_time=deadline_time,
                today=self.today,
            )

    def _plan_recommendations(
        self, rows: dict, decision_id: int, rng: random.Random, fill: dict, status: str
    ) -> None:
        outcome = OUTCOMES[status]
        sum_of_money = money.as_printed(Decimal(rng.randrange(50, 5000) * 1000))
        recommendations = rows[RECOMMENDATIONS]
        for order in range(rng.randint(1, 8)):
            kind = rng.choice(RECOMMENDATION_KINDS)
            text = rng.choice(vocabulary.RECOMMENDATION_TEXTS[kind]).format(
                money=sum_of_money, **fill
            )
            this_outcome = outcome
            if outcome == APPROVED and kind == "note":
                this_outcome = Recommendation.Outcome.NOTED.value
            amended = ""
            if status == Decision.Status.APPROVED_WITH_AMENDMENTS and order == 0:
                this_outcome = Recommendation.Outcome.AMENDED.value
                amended = f"{text[:-1]}, subject to a review after twelve months."
            recommendations.append(
                (decision_id, str(order + 1), text, kind, this_outcome, amended, order)
            )

    def notices_to_come(self, council: Council, index: int, count: int) -> list[tuple]:
        """Forward plan entries for key decisions not yet taken, some not yet published."""
        rng = QuickRandom(f"{self.seed}/to-come/{index}")
        entries = []
        for _ in range(count):
            service = rng.choice(vocabulary.SERVICES)
            subject = rng.choice(service.subjects)
            intended = self.today + timedelta(days=rng.randint(7, 200))
            # Most notices are already out, each at least 28 clear days ahead (reg 9); the
            # rest are drafted and not yet published.
            first_published = None
            if rng.random() < 0.8:
                first_published = min(
                    intended - timedelta(days=29), self.today - timedelta(days=rng.randint(0, 90))
                )
            fill = {
                "subject": subject,
                "Subject": money.capitalise(subject),
                "year": money.financial_year(intended),
                "years": f"{intended.year}-{intended.year + 3}",
            }
            body, _holder = council.portfolios.get(service.portfolio, (council.cabinet, None))
            entries.append(
                (
                    council.authority.pk,
                    "",
                    rng.choice(vocabulary.TITLE_FORMS).format(**fill),
                    f"To decide the future of {subject}.",
                    rng.choice([body, council.cabinet]),
                    intended,
                    first_published,
                    rng.choice(council.officers) if council.officers else None,
                    rng.random() < 0.3,
                    notices.DOCUMENTS,
                    notices.FULL_NOTICE,
                    None,
                    None,
                    "",
                    None,
                )
            )
        return entries
