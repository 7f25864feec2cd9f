"""Synthetic councils for generate_register: authorities with their call-in rules, closure
days, bodies, people and wards, and the suppliers their contracts go to.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock
from decimal import Decimal

from django.db import models, transaction

from commissioning.models import Supplier
from decisions.models import (
    Authority,
    Body,
    CallInRuleVersion,
    ClosureDay,
    Decision,
    Person,
    Role,
    Ward,
)
from decisions.rules import call_in as call_in_rules
from decisions.rules import working_days
from decisions.synthetic import vocabulary
from decisions.synthetic.places import CouncilName, council_name

RULE_SOURCE = "Synthetic rule made by generate_register."
# The years decisions are generated for (2007 to 2026), and one either side.
CLOSURE_YEARS = range(2006, 2028)

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


# The dates worked out for one (nation, closure days, call-in rules): councils that share all
# three share the answers, so 400 councils cost little more to plan for than five.
DateCache = dict[tuple, tuple]
_DATE_CACHES: dict[tuple, DateCache] = {}


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
    backbenchers: list[int]
    scrutiny: int | None
    wards: list[int]
    next_number: int
    dates: DateCache = field(default_factory=dict)

    def __post_init__(self) -> None:
        key = (self.authority.nation, self.closure_days, tuple(self.rules))
        self.dates = _DATE_CACHES.setdefault(key, {})

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


def generated_authorities() -> models.QuerySet[Authority]:
    """Every council generate_register made, whatever --authorities it was run with."""
    return Authority.objects.filter(
        pk__in=CallInRuleVersion.objects.filter(source=RULE_SOURCE).values("authority_id")
    )


def set_up_councils(count: int, *, seed: int, writer: BulkWriter) -> list[Council]:
    """The first `count` synthetic councils, created where missing and loaded.

    Councils are created a few at a time, each group in one transaction, so an interrupted run
    leaves whole councils; a council found by its slug is reused as it is.
    """
    names = [council_name(index) for index in range(count)]
    found = dict(
        Authority.objects.filter(slug__in=[name.slug for name in names]).values_list("slug", "pk")
    )
    missing = [index for index, name in enumerate(names) if name.slug not in found]
    for start in range(0, len(missing), COUNCILS_PER_TRANSACTION):
        group = missing[start : start + COUNCILS_PER_TRANSACTION]
        with transaction.atomic():
            made = _create_councils([(index, names[index]) for index in group], seed, writer)
        found.update({authority.slug: authority.pk for authority in made})
    return load_councils([found[name.slug] for name in names])


COUNCILS_PER_TRANSACTION = 25


def _create_councils(
    group: list[tuple[int, CouncilName]], seed: int, writer: BulkWriter
) -> list[Authority]:
    rngs = [random.Random(f"{seed}/council/{index}") for index, _name in group]
    authorities = writer.create(
        Authority,
        [
            Authority(
                name=f"{name.place} {name.kind}",
                short_name=name.place,
                slug=name.slug,
                nation=name.nation,
                reference_prefix=name.prefix,
                key_decision_threshold=Decimal(rng.choice([250_000, 500_000, 1_000_000])),
                brand_colour=name.colour,
            )
            for (_index, name), rng in zip(group, rngs, strict=True)
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
            for (index, _name), authority in zip(group, authorities, strict=True)
            for valid_from, rule in RULE_SETS[index % len(RULE_SETS)]
        ],
    )
    writer.create(
        ClosureDay, [day for authority in authorities for day in _christmas_closure(authority)]
    )
    _create_bodies_and_people(list(zip(authorities, rngs, strict=True)), writer)
    return authorities


def _christmas_closure(authority: Authority) -> list[ClosureDay]:
    """The working days between Christmas and New Year, when the offices shut."""
    days = [date(year, 12, day) for year in CLOSURE_YEARS for day in range(27, 32)]
    return [
        ClosureDay(authority=authority, date=day, reason="Christmas closure")
        for day in days
        if working_days.is_working_day(day, nation=authority.nation)
    ]


PORTFOLIOS = [vocabulary.LEADER_PORTFOLIO] + sorted({s.portfolio for s in vocabulary.SERVICES})
POSTS = sorted({s.director for s in vocabulary.SERVICES} | set(vocabulary.OTHER_OFFICER_POSTS))
BACKBENCHERS = 30
OTHER_OFFICERS = 12


def _bodies(authority: Authority) -> list[Body]:
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
        for portfolio in PORTFOLIOS
    ]
    bodies += [Body(authority=authority, name=post, kind=Body.Kind.OFFICER) for post in POSTS]
    bodies.append(Body(authority=authority, name="Council", kind=Body.Kind.COUNCIL))
    bodies += [
        Body(authority=authority, name=name, kind=Body.Kind.COMMITTEE)
        for name in vocabulary.COMMITTEES
    ]
    return bodies


def _create_bodies_and_people(
    councils: list[tuple[Authority, random.Random]], writer: BulkWriter
) -> None:
    bodies = writer.create(
        Body, [body for authority, _rng in councils for body in _bodies(authority)]
    )
    by_name = {(body.authority_id, body.name): body for body in bodies}

    names = [f"{first} {last}" for first in vocabulary.FIRST_NAMES for last in vocabulary.SURNAMES]
    chosen = {
        authority.pk: rng.sample(
            names, len(PORTFOLIOS) + BACKBENCHERS + len(POSTS) + OTHER_OFFICERS
        )
        for authority, rng in councils
    }
    councillors = len(PORTFOLIOS) + BACKBENCHERS
    people = writer.create(
        Person,
        [
            Person(
                authority=authority,
                name=name,
                kind=Person.Kind.COUNCILLOR if number < councillors else Person.Kind.OFFICER,
            )
            for authority, _rng in councils
            for number, name in enumerate(chosen[authority.pk])
        ],
    )
    cabinet_posts = [b.name for b in _bodies(councils[0][0]) if b.kind == Body.Kind.CABINET_MEMBER]
    roles = []
    for authority, rng in councils:
        own = [person for person in people if person.authority_id == authority.pk]
        cabinet, officers = own[: len(PORTFOLIOS)], own[councillors:]
        roles += [
            Role(person=person, title=name, body=by_name[authority.pk, name])
            for person, name in zip(cabinet, cabinet_posts, strict=True)
        ]
        roles += [
            Role(person=person, title=post, body=by_name[authority.pk, post])
            for person, post in zip(officers, POSTS, strict=False)
        ]
        roles += [
            Role(
                person=person,
                title=(
                    f"{rng.choice(vocabulary.OFFICER_TITLES)}, "
                    f"{rng.choice(vocabulary.SERVICES).name}"
                ),
            )
            for person in officers[len(POSTS) :]
        ]
    writer.create(Role, roles)

    wards = []
    for authority, rng in councils:
        ward_names: set[str] = set()
        for _ in range(rng.randint(12, 30)):
            stem, other = rng.sample(vocabulary.WARD_STEMS, 2)
            ward_names.add(rng.choice(vocabulary.WARD_FORMS).format(stem=stem, other=other))
        wards += [Ward(authority=authority, name=name) for name in sorted(ward_names)]
    writer.create(Ward, wards)


def load_councils(authority_ids: list[int]) -> list[Council]:
    """The councils with these ids, in this order, with what their decisions draw on.

    A few queries for all of them together, rather than a few for each.
    """
    authorities = Authority.objects.in_bulk(authority_ids)
    by_authority: dict[int, dict[str, list]] = {
        pk: {"bodies": [], "rules": [], "closures": [], "officers": [], "councillors": []}
        for pk in authority_ids
    }
    for body in Body.objects.filter(authority_id__in=authority_ids).order_by("pk"):
        by_authority[body.authority_id]["bodies"].append(body)
    holders = dict(
        Role.objects.filter(body__authority_id__in=authority_ids, body__isnull=False)
        .order_by("pk")
        .values_list("body_id", "person_id")
    )
    for version in CallInRuleVersion.objects.filter(authority_id__in=authority_ids).order_by(
        "valid_from"
    ):
        by_authority[version.authority_id]["rules"].append((version.valid_from, version.as_rule()))
    for authority_id, day in ClosureDay.objects.filter(authority_id__in=authority_ids).values_list(
        "authority_id", "date"
    ):
        by_authority[authority_id]["closures"].append(day)
    for authority_id, pk, kind in (
        Person.objects.filter(authority_id__in=authority_ids)
        .order_by("pk")
        .values_list("authority_id", "pk", "kind")
    ):
        group = "officers" if kind == Person.Kind.OFFICER else "councillors"
        by_authority[authority_id][group].append(pk)
    wards: dict[int, list[int]] = {pk: [] for pk in authority_ids}
    for authority_id, pk in (
        Ward.objects.filter(authority_id__in=authority_ids)
        .order_by("pk")
        .values_list("authority_id", "pk")
    ):
        wards[authority_id].append(pk)
    numbers = _highest_reference_numbers(authorities)

    councils = []
    for pk in authority_ids:
        authority, loaded = authorities[pk], by_authority[pk]
        bodies = loaded["bodies"]
        portfolios = {
            body.name.removeprefix("Cabinet Member for "): (body.pk, holders.get(body.pk))
            for body in bodies
            if body.kind == Body.Kind.CABINET_MEMBER
        }
        in_cabinet = {holder for _body, holder in portfolios.values()}
        councils.append(
            Council(
                authority=authority,
                rules=loaded["rules"],
                closure_days=frozenset(loaded["closures"]),
                cabinet=next(b.pk for b in bodies if b.kind == Body.Kind.CABINET),
                portfolios=portfolios,
                posts={b.name: b.pk for b in bodies if b.kind == Body.Kind.OFFICER},
                officers=loaded["officers"],
                backbenchers=[p for p in loaded["councillors"] if p not in in_cabinet],
                scrutiny=next(
                    (b.pk for b in bodies if b.name == vocabulary.SCRUTINY_COMMITTEE), None
                ),
                wards=wards[pk],
                next_number=numbers.get(pk, 0) + 1,
            )
        )
    return councils


def _highest_reference_numbers(authorities: dict[int, Authority]) -> dict[int, int]:
    """The highest number after its prefix among each authority's decision references."""
    highest: dict[int, int] = {}
    references = Decision.objects.filter(authority_id__in=list(authorities)).values_list(
        "authority_id", "reference"
    )
    for authority_id, reference in references.iterator(chunk_size=20_000):
        prefix = authorities[authority_id].reference_prefix
        if reference.startswith(prefix) and reference[len(prefix) :].isdigit():
            number = int(reference[len(prefix) :])
            if number > highest.get(authority_id, 0):
                highest[authority_id] = number
    return highest


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
