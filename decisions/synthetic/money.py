"""Planning a synthetic decision's money: its funding lines, and the contract it awards."""

import random
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from commissioning.models import Contract, FundingLine
from decisions.synthetic import vocabulary
from decisions.synthetic.councils import Council
from decisions.synthetic.rows import (
    CONTRACT_DECISIONS,
    CONTRACT_SUPPLIERS,
    CONTRACTS,
    FUNDING_LINES,
    Ids,
)

FUNDING_KINDS = (
    (FundingLine.Kind.BUDGET.value, 35),
    (FundingLine.Kind.ESTIMATE.value, 25),
    (FundingLine.Kind.SPEND.value, 20),
    (FundingLine.Kind.LIABILITY.value, 10),
    (FundingLine.Kind.SAVING.value, 10),
)
FUNDING_KIND_VALUES = [kind for kind, _weight in FUNDING_KINDS]
FUNDING_KIND_WEIGHTS = list(accumulate(weight for _kind, weight in FUNDING_KINDS))

FUNDING_SOURCES = [value for value, _label in FundingLine.Source.choices]

RECURRENCES = (FundingLine.Recurrence.ONE_OFF.value, FundingLine.Recurrence.PER_YEAR.value)

CONTRACT_KINDS = tuple(
    kind.value
    for kind in (
        Contract.Kind.CONTRACT,
        Contract.Kind.CONTRACT,
        Contract.Kind.FRAMEWORK,
        Contract.Kind.CALL_OFF,
        Contract.Kind.GRANT,
    )
)
PROCUREMENT_ROUTES = (
    "Open procedure",
    "Competitive flexible procedure",
    "Call-off from framework",
)
TUPE = [value for value, _label in Contract.Tupe.choices]
LIGHT_TOUCH_SERVICES = ("Adult Social Care", "Public Health", "Children's Services")

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


def plan_funding(
    rows: dict,
    decision_id: int,
    contract_id: int | None,
    rng: random.Random,
    decided: date,
) -> None:
    first_year = int(financial_year(decided)[:4])
    lines = rows[FUNDING_LINES]
    for number in range(rng.randint(1, 3)):
        pounds = int(10 ** rng.uniform(3.7, 7.4))
        pence = rng.randrange(100) if rng.random() < 0.3 else 0
        amount = Decimal(pounds * 100 + pence).scaleb(-2)
        kind = rng.choices(FUNDING_KIND_VALUES, cum_weights=FUNDING_KIND_WEIGHTS)[0]
        recurrence = rng.choice(RECURRENCES)
        printed = as_printed(amount)
        if recurrence == FundingLine.Recurrence.PER_YEAR:
            printed += " per year"
        start = first_year + rng.randint(0, 2)
        lines.append(
            (
                decision_id,
                contract_id if number == 0 else None,
                rng.choice(vocabulary.FUNDING_DESCRIPTIONS),
                amount,
                printed,
                kind,
                recurrence,
                f"{start}/{(start + 1) % 100:02d}",
                rng.choice(FUNDING_SOURCES),
            )
        )


def plan_contract(
    rows: dict,
    ids: Ids,
    decision_id: int,
    reference: str,
    rng: random.Random,
    council: Council,
    service: vocabulary.Service,
    subject: str,
    suppliers: dict[str, list[int]],
    start: date,
) -> int:
    years = rng.randint(2, 7)
    end = date(start.year + years, start.month, 1) - timedelta(days=1)
    if start >= PROCUREMENT_ACT_FROM:
        regime = Contract.Regime.PROCUREMENT_ACT_2023.value
    elif service.name in LIGHT_TOUCH_SERVICES:
        regime = Contract.Regime.PCR_2015_LIGHT_TOUCH.value
    else:
        regime = Contract.Regime.PCR_2015.value
    contract_id = ids.take(CONTRACTS)
    rows[CONTRACTS].append(
        (
            contract_id,
            council.authority.pk,
            f"{capitalise(subject)} contract",
            f"{reference}/C",
            rng.choice(CONTRACT_KINDS),
            rng.choice(PROCUREMENT_ROUTES),
            regime,
            start,
            end,
            years * 12,
            rng.choice(TUPE),
        )
    )
    pool = suppliers[service.name]
    chosen = rng.sample(pool, 1 if rng.random() < 0.8 else min(3, len(pool)))
    rows[CONTRACT_SUPPLIERS] += [(contract_id, supplier) for supplier in chosen]
    rows[CONTRACT_DECISIONS].append((contract_id, decision_id))
    return contract_id
