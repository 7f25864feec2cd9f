"""The labels of the numbered items of a decision, as printed: "1.", "(a)", "a)", "(iv)", "i.",
"2.1". The items of the decision are the first run of labels that count on one from the
other in one style; labels of another style inside them are sub-items, and a reference to an
item ("see (a) above") does not continue the run. "i)" after "h)" is a letter, not a numeral."""

import re
from dataclasses import dataclass

from decisions.importing.parsing.records import Recommendation
from decisions.importing.parsing.tidy import block, one_line

ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
ROMAN = re.compile(r"^(?:c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
CORE = r"\d{1,2}|[a-zA-Z]|[ivxlcIVXLC]{2,6}"
LABEL = rf"\((?:{CORE})\)|\d{{1,2}}(?:\.\d{{1,2}})+\.?|(?:{CORE})[.)]"
# At the start of a line any style counts; within a line only a bracketed label does, and
# only where a list runs on: after a colon or semicolon, or after "and", "or" or "that".
AT_LINE_START = re.compile(rf"^[ \t]*(?P<label>{LABEL})(?=[ \t]+\S)", re.M)
WITHIN_LINE = re.compile(
    rf"(?:[;:]|\b(?:and|or|that))[ \t]+(?P<label>\((?:{CORE})\))(?=[ \t]+\S)", re.I
)
HEADING_LENGTH = 90


@dataclass(frozen=True)
class Label:
    text: str
    start: int
    end: int
    form: str  # "(x)", "x)", "x." or "x.y"
    readings: tuple[tuple[str, int | tuple[int, ...]], ...]  # (kind, value) it may be


def recommendation_labels(decision_text: str | None) -> list[str]:
    return [label.text for label in item_labels(decision_text or "")]


def recommendations(decision_text: str | None) -> list[Recommendation]:
    """Each item of the decision with its text, and the heading printed above it."""
    text = decision_text or ""
    labels = item_labels(text)
    items = []
    heading = split_heading(text[: labels[0].start])[1] if labels else None
    for index, label in enumerate(labels):
        end = labels[index + 1].start if index + 1 < len(labels) else len(text)
        body, next_heading = split_heading(text[label.end : end])
        items.append(Recommendation(label=label.text, text=body, heading=heading))
        heading = next_heading or heading
    return items


def split_heading(body: str) -> tuple[str, str | None]:
    """A short line at the end of an item that ends without punctuation heads the next."""
    paragraphs = (block(body) or "").split("\n\n")
    last = paragraphs[-1]
    if last and len(last) <= HEADING_LENGTH and "\n" not in last and last[-1].isalnum():
        return "\n\n".join(paragraphs[:-1]), one_line(last)
    return "\n\n".join(paragraphs), None


def item_labels(text: str) -> list[Label]:
    run: list[Label] = []
    for label in candidates(text):
        if not run or (label.form == run[-1].form and follows(run[-1], label, run[0])):
            run.append(label)
    return run


def follows(previous: Label, label: Label, first: Label) -> bool:
    kind = run_kind(first)
    expected = successor(dict(previous.readings).get(kind))
    return expected is not None and (kind, expected) in label.readings


def run_kind(first: Label) -> str:
    """A run that starts at "i" counts in numerals; at "c", "v" or "x" it counts in letters."""
    kinds = [kind for kind, _ in first.readings]
    numerals = [kind for kind in kinds if kind.startswith("roman")]
    if numerals and first.text.strip("().").lower() == "i":
        return numerals[0]
    return kinds[0]


def successor(value: int | tuple[int, ...] | None) -> int | tuple[int, ...] | None:
    if isinstance(value, tuple):
        return (*value[:-1], value[-1] + 1)
    return None if value is None else value + 1


def candidates(text: str) -> list[Label]:
    found: dict[int, Label] = {}
    for pattern in (AT_LINE_START, WITHIN_LINE):
        for match in pattern.finditer(text):
            label = read_label(match["label"], match.start("label"), match.end("label"))
            if label is not None:
                found.setdefault(label.start, label)
    return [found[start] for start in sorted(found)]


def read_label(text: str, start: int, end: int) -> Label | None:
    core = text.strip("()").rstrip(".)")
    if "." in core:
        form = "x.y"
    elif text.startswith("("):
        form = "(x)"
    else:
        form = "x" + text[-1]
    readings = label_readings(core)
    return Label(text, start, end, form, readings) if readings else None


def label_readings(core: str) -> tuple[tuple[str, int | tuple[int, ...]], ...]:
    if "." in core:
        return (("dotted", tuple(int(part) for part in core.split("."))),)
    if core.isdigit():
        return (("number", int(core)),)
    readings: list[tuple[str, int | tuple[int, ...]]] = []
    case = "upper" if core.isupper() else "lower"
    if len(core) == 1:
        readings.append((f"letter-{case}", ord(core.lower()) - ord("a") + 1))
    numeral = roman_value(core.lower())
    if numeral is not None:
        readings.append((f"roman-{case}", numeral))
    return tuple(readings)


def roman_value(core: str) -> int | None:
    if not core or not ROMAN.match(core):
        return None
    total = 0
    for index, symbol in enumerate(core):
        value = ROMAN_VALUES[symbol]
        following = ROMAN_VALUES[core[index + 1]] if index + 1 < len(core) else 0
        total += -value if value < following else value
    return total
