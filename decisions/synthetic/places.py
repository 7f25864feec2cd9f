"""What the synthetic councils are called, where they are, and how busy each is.

The first councils are the invented ones of the vocabulary; after them, names are made from
each nation's place name parts, then again with a direction ("North …"), then numbered.
"""

import random
from dataclasses import dataclass

from django.utils.text import slugify

from decisions.synthetic import vocabulary

DIRECTIONS = ("", "North ", "South ", "East ", "West ", "Mid ")


@dataclass(frozen=True)
class CouncilName:
    """What the `index`-th synthetic council is called, where it is, and how it looks."""

    place: str
    kind: str
    nation: str
    prefix: str
    colour: str

    @property
    def slug(self) -> str:
        return slugify(self.place)


def _place_names(nation: str) -> list[tuple[str, str]]:
    """(place, reference prefix) for every name the parts make, in a fixed shuffled order."""
    firsts, endings, _kinds = vocabulary.PLACE_PARTS[nation]
    taken = {place for place, *_rest in vocabulary.COUNCILS}
    names = [
        (f"{first}{ending}", f"{first[0]}{ending[0].upper()}")
        for first in firsts
        for ending in endings
        if f"{first}{ending}" not in taken
    ]
    random.Random(f"places/{nation}").shuffle(names)
    return names


PLACE_NAMES = {nation: _place_names(nation) for nation in vocabulary.PLACE_PARTS}


def council_name(index: int) -> CouncilName:
    """The `index`-th synthetic council: the same whatever the seed, so a run finds its own."""
    if index < len(vocabulary.COUNCILS):
        place, kind, nation, prefix, colour = vocabulary.COUNCILS[index]
        return CouncilName(place, kind, nation, prefix, colour)
    number = index - len(vocabulary.COUNCILS)
    cycle = vocabulary.NATION_CYCLE
    nation = cycle[number % len(cycle)]
    # How many councils of this nation came before this one.
    order = (number // len(cycle)) * cycle.count(nation) + cycle[: number % len(cycle)].count(
        nation
    )
    names = PLACE_NAMES[nation]
    place, prefix = names[order % len(names)]
    round_ = order // len(names)
    if round_ >= len(DIRECTIONS):
        place, prefix = f"{place} {round_}", f"{prefix}{round_}/"
    elif round_:
        place, prefix = f"{DIRECTIONS[round_]}{place}", f"{DIRECTIONS[round_][0]}{prefix}"
    kinds = vocabulary.PLACE_PARTS[nation][2]
    return CouncilName(
        place=place,
        kind=kinds[index % len(kinds)],
        nation=nation,
        prefix=prefix,
        colour=vocabulary.BRAND_COLOURS[index % len(vocabulary.BRAND_COLOURS)],
    )


def council_size(index: int) -> float:
    """How busy the `index`-th council is, relative to the others (0.5 to 2)."""
    return random.Random(f"size/{index}").uniform(0.5, 2.0)
