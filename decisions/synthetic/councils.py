"""Synthetic councils for generate_register: authorities with their call-in rules, closure
days, bodies, people and wards, and the suppliers their contracts go to.
"""

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock
from decimal import Decimal

from django.db import models, transaction
from django.utils.text import slugify

from commissioning.models import Supplier
from decisions.models import (
    Authority,
    Body,
    CallInRuleVersion,
    ClosureDay,
    Person,
    Role,
    Ward,
)
from decisions.rules import call_in as call_in_rules
from decisions.rules import working_days
from decisions.synthetic import vocabulary

RULE_SOURCE = "Synthetic rule made by generate_register."
# The years decisions are generated for (2010 to 2026), and one either side.
CLOSURE_YEARS = range(2009, 2028)
DIRECTIONS = ("", "North ", "South ", "East ", "West ", "Mid ")

# The call-in rules the synthetic councils cycle through: (in force from, rule) versions.
RULE_SETS = (
    (
        (date(2000, 1, 1), call_in_rules.CallInRule(days=5)),
        (date(2019, 5, 20), call_in_rules.CallInRule(days=5, deadline_time=clock(16, 0))),
    ),
    ((date(2000, 1, 1), call_in_rules.CallInRule(days=5, deadline_time=clock(17, 0))),),
    (
        (
            date(2000, 1, 1),
            call_in_rules.CallInRule(days=3, anchor="decision", effective="next_working_day"),
        ),
    ),
    ((date(2000, 1, 1), call_in_rules.CallInRule(days=10, day_kind="calendar")),),
    (
        (date(2000, 1, 1), call_in_rules.CallInRule(days=5)),
        (
            date(2021, 4, 1),
            call_in_rules.CallInRule(
                days=7,
                deadline_time=clock(12, 0),
                effective="next_working_day",
                signatories_required=3,
            ),
        ),
    ),
)


class BulkWriter:
    """bulk_create, counting the rows written per model for the closing summary."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()

    def create(self, model: type[models.Model], rows: list[models.Model]) -> list:
        made = model.objects.bulk_create(rows)
        self.created[model._meta.label] += len(made)
        return made


@dataclass
class Council:
    """One authority and what its decisions draw on, loaded once."""

    authority: Authority
    rules: list[tuple[date, call_in_rules.CallInRule]]
    closure_days: frozenset[date]
    cabinet: int
    portfolios: dict[str, tuple[int, int | None]]
    posts: dict[str, int]
    officers: list[int]
    wards: list[int]
    next_number: int
    dates: dict[tuple, tuple] = field(default_factory=dict)

    def rule_on(self, day: date) -> call_in_rules.CallInRule:
        return max((v for v in self.rules if v[0] <= day), key=lambda v: v[0])[1]

    def publication_day(self, decided: date, days: int) -> date:
        key = ("published", decided, days)
        if key not in self.dates:
            self.dates[key] = working_days.add_working_days(
                decided,
                days,
                nation=self.authority.nation,
                closure_days=self.closure_days,
            )
        return self.dates[key]

    def call_in_dates(
        self, *, published: date, decided: date, subject_to_call_in: bool
    ) -> tuple[date | None, clock | None, date]:
        """(deadline day, deadline time, effective from) as Decision.fill_computed_dates sets."""
        key = (published, decided, subject_to_call_in)
        if key not in self.dates:
            rule = self.rule_on(published)
            arguments = {
                "nation": self.authority.nation,
                "published": published,
                "decided": decided,
                "closure_days": self.closure_days,
            }
            effective = call_in_rules.effective_from(
                rule, subject_to_call_in=subject_to_call_in, **arguments
            )
            deadline_day, deadline_time = None, None
            if subject_to_call_in:
                deadline = call_in_rules.call_in_deadline(rule, **arguments)
                if isinstance(deadline, datetime):
                    local = deadline.astimezone(call_in_rules.LONDON)
                    deadline_day, deadline_time = local.date(), local.time()
                else:
                    deadline_day = deadline
            self.dates[key] = (deadline_day, deadline_time, effective)
        return self.dates[key]


def set_up_council(index: int, *, seed: int, writer: BulkWriter) -> Council:
    """The `index`-th synthetic council, created on first use and reused after."""
    place, kind, nation, prefix, colour = vocabulary.COUNCILS[index % len(vocabulary.COUNCILS)]
    cycle = index // len(vocabulary.COUNCILS)
    if cycle < len(DIRECTIONS):
        direction = DIRECTIONS[cycle]
        place, prefix = f"{direction}{place}", f"{direction[:1]}{prefix}"
    else:
        place, prefix = f"{place} {cycle}", f"{prefix}{cycle}/"
    authority = Authority.objects.filter(slug=slugify(place)).first()
    if authority is None:
        authority = _create_council(
            index,
            seed=seed,
            writer=writer,
            name=f"{place} {kind}",
            short_name=place,
            nation=nation,
            prefix=prefix,
            colour=colour,
        )
    return _load_council(authority)


def _create_council(
    index: int,
    *,
    seed: int,
    writer: BulkWriter,
    name: str,
    short_name: str,
    nation: str,
    prefix: str,
    colour: str,
) -> Authority:
    rng = random.Random(f"{seed}/council/{index}")
    with transaction.atomic():
        (authority,) = writer.create(
            Authority,
            [
                Authority(
                    name=name,
                    short_name=short_name,
                    slug=slugify(short_name),
                    nation=nation,
                    reference_prefix=prefix,
                    key_decision_threshold=Decimal(rng.choice([250_000, 500_000, 1_000_000])),
                    brand_colour=colour,
                )
            ],
        )
        writer.create(
            CallInRuleVersion,
            [
                CallInRuleVersion(
                    authority=authority,
                    valid_from=valid_from,
                    days=rule.days,
                    day_kind=rule.day_kind,
                    anchor=rule.anchor,
                    effective=rule.effective,
                    deadline_time=rule.deadline_time,
                    signatories_required=rule.signatories_required,
                    source=RULE_SOURCE,
                )
                for valid_from, rule in RULE_SETS[index % len(RULE_SETS)]
            ],
        )
        writer.create(ClosureDay, _christmas_closure(authority))
        _create_bodies_and_people(authority, rng, writer)
    return authority


def _christmas_closure(authority: Authority) -> list[ClosureDay]:
    """The working days between Christmas and New Year, when the offices shut."""
    days = [date(year, 12, day) for year in CLOSURE_YEARS for day in range(27, 32)]
    return [
        ClosureDay(authority=authority, date=day, reason="Christmas closure")
        for day in days
        if working_days.is_working_day(day, nation=authority.nation)
    ]


def _create_bodies_and_people(authority: Authority, rng: random.Random, writer: BulkWriter) -> None:
    portfolios = [vocabulary.LEADER_PORTFOLIO] + sorted({s.portfolio for s in vocabulary.SERVICES})
    posts = sorted({s.director for s in vocabulary.SERVICES} | set(vocabulary.OTHER_OFFICER_POSTS))
    bodies = [Body(authority=authority, name="Cabinet", kind=Body.Kind.CABINET, is_executive=True)]
    bodies += [
        Body(
            authority=authority,
            name=portfolio
            if portfolio == vocabulary.LEADER_PORTFOLIO
            else f"Cabinet Member for {portfolio}",
            kind=Body.Kind.CABINET_MEMBER,
            is_executive=True,
        )
        for portfolio in portfolios
    ]
    bodies += [Body(authority=authority, name=post, kind=Body.Kind.OFFICER) for post in posts]
    bodies.append(Body(authority=authority, name="Council", kind=Body.Kind.COUNCIL))
    bodies += [
        Body(authority=authority, name=name, kind=Body.Kind.COMMITTEE)
        for name in vocabulary.COMMITTEES
    ]
    bodies = writer.create(Body, bodies)
    by_name = {body.name: body for body in bodies}

    names = [f"{first} {last}" for first in vocabulary.FIRST_NAMES for last in vocabulary.SURNAMES]
    chosen = rng.sample(names, len(portfolios) + 30 + len(posts) + 12)
    councillors = chosen[: len(portfolios) + 30]
    officers = chosen[len(councillors) :]
    people = writer.create(
        Person,
        [
            Person(authority=authority, name=name, kind=Person.Kind.COUNCILLOR)
            for name in councillors
        ]
        + [Person(authority=authority, name=name, kind=Person.Kind.OFFICER) for name in officers],
    )
    cabinet, officer_people = people[: len(portfolios)], people[len(councillors) :]
    roles = [
        Role(person=person, title=body_name, body=by_name[body_name])
        for person, body_name in zip(
            cabinet,
            [b.name for b in bodies if b.kind == Body.Kind.CABINET_MEMBER],
            strict=True,
        )
    ]
    roles += [
        Role(person=person, title=post, body=by_name[post])
        for person, post in zip(officer_people, posts, strict=False)
    ]
    roles += [
        Role(
            person=person,
            title=(
                f"{rng.choice(vocabulary.OFFICER_TITLES)}, {rng.choice(vocabulary.SERVICES).name}"
            ),
        )
        for person in officer_people[len(posts) :]
    ]
    writer.create(Role, roles)

    stems = list(vocabulary.WARD_STEMS)
    ward_names: set[str] = set()
    for _ in range(rng.randint(12, 30)):
        stem, other = rng.sample(stems, 2)
        ward_names.add(rng.choice(vocabulary.WARD_FORMS).format(stem=stem, other=other))
    writer.create(Ward, [Ward(authority=authority, name=name) for name in sorted(ward_names)])


def _load_council(authority: Authority) -> Council:
    bodies = list(authority.bodies.order_by("pk"))
    holders = {
        role.body_id: role.person_id
        for role in Role.objects.filter(body__authority=authority).order_by("pk")
    }
    portfolios = {}
    for body in bodies:
        if body.kind == Body.Kind.CABINET_MEMBER:
            portfolio = body.name.removeprefix("Cabinet Member for ")
            portfolios[portfolio] = (body.pk, holders.get(body.pk))
    references = authority.decisions.filter(
        reference__startswith=authority.reference_prefix
    ).values_list("reference", flat=True)
    numbers = [
        int(match.group(1))
        for reference in references
        if (match := re.fullmatch(r"(\d+)", reference[len(authority.reference_prefix) :]))
    ]
    return Council(
        authority=authority,
        rules=[
            (version.valid_from, version.as_rule())
            for version in authority.call_in_rules.order_by("valid_from")
        ],
        closure_days=authority.closure_dates(),
        cabinet=next(b.pk for b in bodies if b.kind == Body.Kind.CABINET),
        portfolios=portfolios,
        posts={b.name: b.pk for b in bodies if b.kind == Body.Kind.OFFICER},
        officers=list(
            authority.people.filter(kind=Person.Kind.OFFICER)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        wards=list(authority.wards.order_by("pk").values_list("pk", flat=True)),
        next_number=max(numbers, default=0) + 1,
    )


def set_up_suppliers(*, seed: int, writer: BulkWriter) -> dict[str, list[int]]:
    """A pool of suppliers per service, created once and shared by every council."""
    rng = random.Random(f"{seed}/suppliers")
    pools: dict[str, list[str]] = {}
    for service in vocabulary.SERVICES:
        names = {
            f"{rng.choice(vocabulary.SUPPLIER_STEMS)} {rng.choice(service.providers)} "
            f"{rng.choice(vocabulary.SUPPLIER_SUFFIXES)}"
            for _ in range(12)
        }
        pools[service.name] = sorted(names)
    wanted = {name for names in pools.values() for name in names}
    existing = set(Supplier.objects.filter(name__in=wanted).values_list("name", flat=True))
    writer.create(Supplier, [Supplier(name=name) for name in sorted(wanted - existing)])
    ids = dict(Supplier.objects.filter(name__in=wanted).values_list("name", "pk"))
    return {service: [ids[name] for name in names] for service, names in pools.items()}
