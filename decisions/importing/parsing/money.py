"""Sums of money as councils print them: £18,116,521, £9m, £5.9m, £500k, £27,890.90, -£0.844m,
"approximately £3.5m", "circa £760,000 per year". A sum starts with the pound sign, so a
telephone number, a paragraph number or a year is never read as one."""

import re
from decimal import Decimal

from decisions.importing.parsing.records import Amount

SUM = re.compile(
    r"£\s?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<unit>bn|billion|mn|m|million|k|thousand)\b)?(?![\w£])"
    r"(?:\s+(?P<recurrence>per\s+(?:year|annum|month|week|day|hour|person|head)"
    r"|a\s+(?:year|month|week)|each\s+year|p\.a\.?|pa\b))?",
    re.I,
)
QUALIFIER = re.compile(
    r"(?<!\w)(?P<qualifier>approximately|approx\.?|around|about|circa|c\.|roughly|some|nearly|"
    r"almost|up\s+to|over|under|more\s+than|less\s+than|at\s+least|in\s+excess\s+of|"
    r"in\s+the\s+region\s+of|estimated\s+at|an\s+estimated)\s+$",
    re.I,
)
# A minus sign stands straight before the pound sign, after a space or an opening bracket;
# a dash between two sums ("£3m-£4m", "£3m – £4m") is a range, not a sign.
SIGN = re.compile(r"(?:^|(?<=[\s(]))[-−–]$")
MULTIPLIERS = {
    "k": Decimal(1000),
    "thousand": Decimal(1000),
    "m": Decimal(1000000),
    "mn": Decimal(1000000),
    "million": Decimal(1000000),
    "bn": Decimal(1000000000),
    "billion": Decimal(1000000000),
}
LOOK_BACK = 40


def find_amounts(text: str | None) -> list[Amount]:
    """Every sum of money in the text, in order, repeats kept."""
    if not text:
        return []
    amounts = []
    for match in SUM.finditer(text):
        amounts.append(amount_at(text, match))
    return amounts


def amount_at(text: str, match: re.Match[str]) -> Amount:
    before = text[max(0, match.start() - LOOK_BACK) : match.start()]
    start = match.start()
    negative = SIGN.search(before)
    if negative:
        start -= 1
        before = before[:-1]
    qualifier = QUALIFIER.search(before)
    if qualifier and not negative:
        start -= len(before) - qualifier.start()
    value = Decimal(match["number"].replace(",", "")) * MULTIPLIERS.get(
        (match["unit"] or "").lower(), Decimal(1)
    )
    return Amount(
        text=re.sub(r"\s+", " ", text[start : match.end()]),
        value=pounds(-value if negative else value),
        qualifier=re.sub(r"\s+", " ", qualifier["qualifier"])
        if qualifier and not negative
        else None,
        recurrence=re.sub(r"\s+", " ", match["recurrence"]) if match["recurrence"] else None,
    )


def pounds(value: Decimal) -> Decimal:
    """Whole pounds without a decimal point; pence to two places, as money is kept."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.quantize(Decimal("0.01")) if value.as_tuple().exponent in (-1, -2) else value
