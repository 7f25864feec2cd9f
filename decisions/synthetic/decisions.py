import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from django.db import models
from django.db.models.base import ModelState

from commissioning.models import Contract, FundingLine
from decisions.choices import ExemptParagraph
from decisions.models import Decision, ForwardPlanEntry, Recommendation
from decisions.rules import call_in as call_in_rules
from decisions.synthetic import vocabulary
from decisions.synthetic.councils import Council

FIRST_DAY = date(2010, 1, 1)

LAST_DAY = date(2026, 12, 31)

STATUSES = (
    (Decision.Status.APPROVED, 40),
    (Decision.Status.RECOMMENDATIONS_APPROVED, 35),
    (Decision.Status.NOTED, 10),
    (Decision.Status.APPROVED_WITH_AMENDMENTS, 5),
    (Decision.Status.DEFERRED, 4),
    (Decision.Status.REJECTED, 3),
    (Decision.Status.WITHDRAWN, 3),
)

OUTCOMES = {
    Decision.Status.APPROVED: Recommendation.Outcome.APPROVED,
    Decision.Status.RECOMMENDATIONS_APPROVED: Recommendation.Outcome.APPROVED,
    Decision.Status.APPROVED_WITH_AMENDMENTS: Recommendation.Outcome.APPROVED,
    Decision.Status.NOTED: Recommendation.Outcome.NOTED,
    Decision.Status.DEFERRED: Recommendation.Outcome.DEFERRED,
    Decision.Status.REJECTED: Recommendation.Outcome.REJECTED,
    Decision.Status.WITHDRAWN: Recommendation.Outcome.PENDING,
    Decision.Status.FOR_DETERMINATION: Recommendation.Outcome.PENDING,
}

EXEMPT_PARAGRAPHS = (ExemptParagraph.P3, ExemptParagraph.P3, ExemptParagraph.P1, ExemptParagraph.P5)

FUNDING_KINDS = (
    (FundingLine.Kind.BUDGET, 35),
    (FundingLine.Kind.ESTIMATE, 25),
    (FundingLine.Kind.SPEND, 20),
    (FundingLine.Kind.LIABILITY, 10),
    (FundingLine.Kind.SAVING, 10),
)

FUNDING_SOURCES = [value for value, _label in FundingLine.Source.choices]

CONTRACT_KINDS = (
    Contract.Kind.CONTRACT,
    Contract.Kind.CONTRACT,
    Contract.Kind.FRAMEWORK,
    Contract.Kind.CALL_OFF,
    Contract.Kind.GRANT,
)

# The Procurement Act 2023 governs procurements started from 24 February 2025.
PROCUREMENT_ACT_FROM = date(2025, 2, 24)


def financial_year(day: date) -> str:
    """The UK financial year `day` falls in: 1 April 2024 to 31 March 2025 is "2024/25"."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def as_printed(amount: Decimal) -> str:
    """£1,234,567 for whole pounds, £1,234,567.89 with pence."""
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class Blueprint:
    """Makes unsaved instances of a model for bulk_create, quickly.

    Model.__init__ resolves every field's default and descriptor, which at 100,000 decisions
    costs more than planning the records themselves. An instance bulk_create saves needs only
    its field values (by attribute name: `authority_id`, not `authority`) and a fresh state.
    """

    def __init__(self, model: type[models.Model], **defaults: object) -> None:
        self.model = model
        template = model(**defaults)
        self.defaults = {k: v for k, v in vars(template).items() if k != "_state"}

    def __call__(self, **values: object) -> models.Model:
        instance = self.model.__new__(self.model)
        instance.__dict__.update(self.defaults)
        instance.__dict__.update(values)
        instance._state = ModelState()
        return instance


new_decision = Blueprint(Decision)

new_recommendation = Blueprint(Recommendation)

new_funding_line = Blueprint(FundingLine)

new_contract = Blueprint(Contract)

new_notice = Blueprint(ForwardPlanEntry)


@dataclass
class Planned:
    """A decision and the records that hang off it, before they are saved."""

    decision: Decision
    recommendations: list[Recommendation] = field(default_factory=list)
    wards: list[int] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    funding: list[FundingLine] = field(default_factory=list)
    contract: Contract | None = None
    suppliers: list[int] = field(default_factory=list)
    notice: ForwardPlanEntry | None = None


class DecisionPlanner:
    """Plans synthetic decisions, deterministically from the seed."""

    def __init__(self, *, seed: int, today: date) -> None:
        self.seed = seed
        self.today = today

    def schedule(self, count: int, councils: int) -> list[tuple[date, int]]:
        """(date of decision, council index) for `count` decisions, in date order.

        Larger councils take more decisions; decisions fall on weekdays.
        """
        rng = random.Random(f"{self.seed}/schedule")
        weights = [1 / (1 + 0.25 * index) for index in range(councils)]
        span = (LAST_DAY - FIRST_DAY).days + 1
        schedule = []
        for council in rng.choices(range(councils), weights=weights, k=count):
            day = FIRST_DAY + timedelta(days=rng.randrange(span))
            if day.weekday() == 5:
                day -= timedelta(days=1)
            elif day.weekday() == 6:
                day += timedelta(days=1)
            schedule.append((day, council))
        schedule.sort()
        return schedule

    def plan(
        self, position: int, council: Council, decided: date, suppliers: dict[str, list[int]]
    ) -> Planned:
        """The decision at `position` in the schedule; it depends only on the seed and position."""
        rng = random.Random(self.seed * 10_000_019 + position)
        service = rng.choice(vocabulary.SERVICES)
        subject = rng.choice(service.subjects)
        authority = council.authority
        number = council.next_number
        council.next_number += 1

        pick = rng.random()
        portfolio_body, portfolio_holder = council.portfolios.get(
            service.portfolio, (council.cabinet, None)
        )
        if pick < 0.3:
            maker = council.cabinet
        elif pick < 0.7:
            maker = portfolio_body
        else:
            maker = council.posts.get(service.director, council.cabinet)

        is_key = rng.random() < 0.4
        urgent = rng.random() < 0.02
        exempt = rng.random() < 0.02
        publish_after = rng.randint(1, 3)
        status = rng.choices([s for s, _ in STATUSES], weights=[w for _, w in STATUSES])[0]
        if decided > self.today:
            status = Decision.Status.FOR_DETERMINATION

        published = deadline = deadline_time = effective = None
        if status != Decision.Status.FOR_DETERMINATION:
            published = council.publication_day(decided, publish_after)
            deadline, deadline_time, effective = council.call_in_dates(
                published=published, decided=decided, subject_to_call_in=not urgent
            )
        stamp = datetime.combine(published or decided, clock(9, 0), tzinfo=call_in_rules.LONDON)
        year = financial_year(decided)
        start = decided + timedelta(days=rng.randint(60, 240))
        fill = {
            "subject": subject,
            "Subject": capitalise(subject),
            "service": service.name.lower(),
            "year": year,
            "years": f"{start.year}-{start.year + rng.randint(2, 5)}",
            "start": call_in_rules.format_date(start),
            "end": call_in_rules.format_date(start - timedelta(days=1)),
            "term": rng.randint(2, 7),
            "since": decided.year - rng.randint(2, 6),
            "director": service.director,
            "portfolio": f"Cabinet Member for {service.portfolio}",
        }
        officers = council.officers
        decision = new_decision(
            authority_id=authority.pk,
            reference=f"{authority.reference_prefix}{number}",
            title=rng.choice(vocabulary.TITLE_FORMS).format(**fill),
            decision_maker_id=maker,
            status=status,
            is_key_decision=is_key,
            key_decision_reason=rng.choice(vocabulary.KEY_DECISION_REASONS) if is_key else "",
            is_subject_to_call_in=not urgent,
            urgency=(
                rng.choice([Decision.Urgency.SPECIAL_URGENCY, Decision.Urgency.CONSTITUTION])
                if urgent
                else Decision.Urgency.NONE
            ),
            urgency_note=rng.choice(vocabulary.URGENCY_NOTES) if urgent else "",
            purpose=" ".join(
                [
                    rng.choice(vocabulary.PURPOSE_OPENINGS).format(**fill),
                    rng.choice(vocabulary.PURPOSE_CONTEXT).format(**fill),
                ]
            ),
            reasons=" ".join(rng.sample(vocabulary.REASONS, 2)),
            alternative_options=(
                " ".join(rng.sample(vocabulary.ALTERNATIVES, rng.randint(1, 2)))
                if rng.random() < 0.6
                else ""
            ),
            report_author_id=rng.choice(officers) if officers else None,
            affects_all_wards=rng.random() < 0.3,
            is_exempt=exempt,
            exempt_paragraph=rng.choice(EXEMPT_PARAGRAPHS) if exempt else "",
            date_of_decision=decided,
            publication_date=published,
            call_in_deadline=deadline,
            call_in_deadline_time=deadline_time,
            effective_from=effective,
            created_at=stamp,
            updated_at=stamp,
        )
        planned = Planned(decision=decision)
        if not decision.affects_all_wards and council.wards:
            planned.wards = rng.sample(council.wards, min(len(council.wards), rng.randint(1, 3)))
        if portfolio_holder is not None and maker in (council.cabinet, portfolio_body):
            planned.members = [portfolio_holder]
        self._plan_recommendations(planned, rng, fill, status)
        contracted = (
            not exempt and OUTCOMES[status] == Recommendation.Outcome.APPROVED
        ) and rng.random() < 0.13
        if contracted or rng.random() < 0.5:
            self._plan_funding(planned, rng, decided)
        if contracted:
            self._plan_contract(
                planned, rng, council, service, subject, suppliers, effective or start
            )
        if is_key and not exempt:
            planned.notice = self._notice(planned, rng, decided, urgent)
        return planned

    def _plan_recommendations(
        self, planned: Planned, rng: random.Random, fill: dict, status: str
    ) -> None:
        outcome = OUTCOMES[status]
        kinds = list(vocabulary.RECOMMENDATION_TEXTS)
        money = as_printed(Decimal(rng.randrange(50, 5000) * 1000))
        for order in range(rng.randint(1, 8)):
            kind = rng.choice(kinds)
            text = rng.choice(vocabulary.RECOMMENDATION_TEXTS[kind]).format(money=money, **fill)
            this_outcome = outcome
            if outcome == Recommendation.Outcome.APPROVED and kind == "note":
                this_outcome = Recommendation.Outcome.NOTED
            amended = ""
            if status == Decision.Status.APPROVED_WITH_AMENDMENTS and order == 0:
                this_outcome = Recommendation.Outcome.AMENDED
                amended = f"{text[:-1]}, subject to a review after twelve months."
            planned.recommendations.append(
                new_recommendation(
                    label=str(order + 1),
                    text=text,
                    kind=kind,
                    outcome=this_outcome,
                    amended_text=amended,
                    order=order,
                )
            )

    def _plan_funding(self, planned: Planned, rng: random.Random, decided: date) -> None:
        first_year = int(financial_year(decided)[:4])
        for _ in range(rng.randint(1, 3)):
            pounds = int(10 ** rng.uniform(3.7, 7.4))
            pence = rng.randrange(100) if rng.random() < 0.3 else 0
            amount = Decimal(pounds) + Decimal(pence) / 100
            kind = rng.choices(
                [k for k, _ in FUNDING_KINDS], weights=[w for _, w in FUNDING_KINDS]
            )[0]
            recurrence = rng.choice(
                [FundingLine.Recurrence.ONE_OFF, FundingLine.Recurrence.PER_YEAR]
            )
            printed = as_printed(amount)
            if recurrence == FundingLine.Recurrence.PER_YEAR:
                printed += " per year"
            start = first_year + rng.randint(0, 2)
            planned.funding.append(
                new_funding_line(
                    description=rng.choice(vocabulary.FUNDING_DESCRIPTIONS),
                    amount=amount,
                    amount_as_printed=printed,
                    kind=kind,
                    recurrence=recurrence,
                    financial_year=f"{start}/{(start + 1) % 100:02d}",
                    source=rng.choice(FUNDING_SOURCES),
                )
            )

    def _plan_contract(
        self,
        planned: Planned,
        rng: random.Random,
        council: Council,
        service: vocabulary.Service,
        subject: str,
        suppliers: dict[str, list[int]],
        start: date,
    ) -> None:
        years = rng.randint(2, 7)
        end = date(start.year + years, start.month, 1) - timedelta(days=1)
        if start >= PROCUREMENT_ACT_FROM:
            regime = Contract.Regime.PROCUREMENT_ACT_2023
        elif service.name in ("Adult Social Care", "Public Health", "Children's Services"):
            regime = Contract.Regime.PCR_2015_LIGHT_TOUCH
        else:
            regime = Contract.Regime.PCR_2015
        planned.contract = new_contract(
            authority_id=council.authority.pk,
            title=f"{capitalise(subject)} contract",
            reference=f"{planned.decision.reference}/C",
            kind=rng.choice(CONTRACT_KINDS),
            procurement_route=rng.choice(
                ["Open procedure", "Competitive flexible procedure", "Call-off from framework"]
            ),
            regime=regime,
            start_date=start,
            end_date=end,
            duration_months=years * 12,
            tupe=rng.choice([value for value, _label in Contract.Tupe.choices]),
        )
        pool = suppliers[service.name]
        planned.suppliers = rng.sample(pool, 1 if rng.random() < 0.8 else min(3, len(pool)))

    def _notice(
        self, planned: Planned, rng: random.Random, decided: date, urgent: bool
    ) -> ForwardPlanEntry:
        """The forward plan entry announcing a key decision (reg 9, 10 or 11)."""
        decision = planned.decision
        entry = new_notice(
            authority_id=decision.authority_id,
            reference=decision.reference,
            title=decision.title,
            summary=decision.purpose,
            decision_maker_id=decision.decision_maker_id,
            intended_date=decided,
            lead_officer_id=decision.report_author_id,
            affects_all_wards=decision.affects_all_wards,
            documents="Report to the decision maker",
        )
        if urgent:
            entry.notice = ForwardPlanEntry.Notice.SPECIAL_URGENCY
            entry.first_published = decided - timedelta(days=3)
            entry.chair_agreed_on = decided - timedelta(days=3)
            entry.chair_agreement = decision.urgency_note
        elif rng.random() < 0.05:
            entry.notice = ForwardPlanEntry.Notice.GENERAL_EXCEPTION
            entry.first_published = decided - timedelta(days=8)
            entry.chair_notified_on = decided - timedelta(days=8)
        else:
            entry.first_published = decided - timedelta(days=rng.randint(35, 120))
        return entry

    def notices_to_come(self, council: Council, index: int, count: int) -> list[ForwardPlanEntry]:
        """Forward plan entries for key decisions not yet taken, some not yet published."""
        rng = random.Random(f"{self.seed}/to-come/{index}")
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
                "Subject": capitalise(subject),
                "year": financial_year(intended),
                "years": f"{intended.year}-{intended.year + 3}",
            }
            body, _holder = council.portfolios.get(service.portfolio, (council.cabinet, None))
            entries.append(
                new_notice(
                    authority_id=council.authority.pk,
                    title=rng.choice(vocabulary.TITLE_FORMS).format(**fill),
                    summary=f"To decide the future of {subject}.",
                    decision_maker_id=rng.choice([body, council.cabinet]),
                    intended_date=intended,
                    first_published=first_published,
                    lead_officer_id=rng.choice(council.officers) if council.officers else None,
                    affects_all_wards=rng.random() < 0.3,
                    documents="Report to the decision maker",
                )
            )
        return entries
