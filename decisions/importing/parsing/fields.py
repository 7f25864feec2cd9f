"""The labels pages print before each fact, in the spellings installations use, and the split
of a page's text into labelled fields. A label opens a line and ends with a colon, a question
mark, a tab or the end of the line (CMIS prints the value on the next line). An empty field
may run straight into the next label ("Decision maker: Decision due: March 2022")."""

import re
from dataclasses import dataclass, field

# Each field's labels, as patterns: a space stands for any run of whitespace.
COMMON: dict[str, tuple[str, ...]] = {
    "title": ("title", "item", "subject", "subject of decision", "decision title"),
    "reference": (
        "reference",
        "ref",
        "reference number",
        "decision reference",
        "decision ref",
        "decision number",
        "key decision reference",
        "forward plan reference",
    ),
    "decision_maker": (
        "decision makers?",
        "decision taker",
        "decision taken by",
        "decided by",
        "made by",
    ),
    "decision_status": ("decision status", "status", "outcome"),
    "key_decision": (
        "is (?:a |this a )?key decision",
        "key decision",
        "decision type",
        "type of decision",
    ),
    "call_in": (
        "is (?:this )?subject to call[- ]?in",
        "subject to call[- ]?in",
        "is callable in",
        "callable in",
        "call[- ]?in applies",
        "call[- ]?in",
    ),
    "call_in_deadline": (
        "call[- ]?in deadline",
        "deadline for call[- ]?in",
        "call[- ]?in expiry date",
        "call[- ]?in expiry",
        "call[- ]?in expires",
        "call[- ]?in period (?:ends|expires)",
        "last date for call[- ]?in",
    ),
    "purpose": (
        "purpose",
        "purpose of (?:the )?(?:report|decision)",
        "details",
        "summary",
        "issue for decision",
        "description",
    ),
    "decision": ("decision", "decision made", "decision taken", "resolved", "resolution"),
    "reasons": (
        "reasons? for (?:the )?decisions?",
        r"reason\(s\) for (?:the )?decision",
        "reasons? for (?:the )?recommendations?",
        "reasons?",
    ),
    "alternatives": (
        "alternative options? considered(?: and rejected)?",
        r"alternative options? considered \(and reasons for rejection\)",
        "alternative options? rejected",
        "alternative options?",
        "alternatives considered",
        "(?:other )?options considered",
    ),
    "report_author": ("report authors?", r"report author\(s\)", "author"),
    "publication_date": (
        "publication date",
        "date of publication",
        "decision published",
        "date (?:decision )?published",
        "published(?: on)?",
    ),
    "date_of_decision": (
        "date of (?:the )?decision",
        "decision date",
        "date decision (?:made|taken)",
    ),
    "decided_at_meeting": ("decided at meeting", "made at meeting"),
    "effective_from": (
        "effective from",
        "effective date",
        "decision effective from",
        "date the (?:key )?decision is due to take effect",
        "decision to take effect(?: at end of)?",
        "date decision comes into force",
        "comes into force",
    ),
    "implementation_date": (r"implementation date \(not before\)", "implementation date"),
    "wards": (
        r"wards? affected",
        r"ward\(s\) affected",
        r"(?:electoral )?divisions? affected",
        r"(?:electoral )?division\(s\) affected",
        r"wards?/divisions? affected",
        "affected wards",
        "wards?",
    ),
    "reason_key": (
        "reason key",
        "key decision reason",
        "reason (?:for|it is a) key decision",
    ),
    "contact": ("contact", "contact officer", "contact details", "contact name", "officer contact"),
    "lead_officer": ("lead officers?", "lead director", "responsible officer"),
    "portfolio_holder": (
        "portfolio holder",
        "cabinet portfolio holder",
        "lead members?",
        "cabinet member",
        r"relevant cabinet member(?:\(s\)|s)?",
        "executive member",
        "portfolio",
    ),
    "notice_first_published": (
        "notice of (?:proposed )?decision first published",
        "(?:date )?first published",
        "date added to (?:the )?forward plan",
        "added to (?:the )?forward plan",
    ),
    "decision_due": ("decision due", "decision expected", "expected decision date", "due date"),
    "originally_due": ("originally due",),
    "urgency": (
        "urgency",
        "urgency/special urgency",
        "special urgency",
        "reason for urgency",
        "general exception",
    ),
    "exempt": ("exempt", "is exempt", "exempt information"),
    "confidential": ("confidential",),
    # Sections that end the fields before them and are not read further here.
    "documents": (
        "accompanying documents$",
        "additional documents",
        "background papers",
        "supporting documents",
        "documents",
        "attachments",
    ),
    "interests": (
        "interests",
        "declarations? of interests?",
        r"conflicts? of interest(?: \(see below\))?",
        "dispensations?",
    ),
    "restriction": (
        "anticipated restriction",
        "explanation of anticipated restriction",
        "reason no public access",
        "restriction",
    ),
    "representations": ("making representations", "consultation(?: process)?$", "consultees"),
    "members_present": ("members present", "attendees"),
    "department": ("department", "directorate", "service area"),
}

# A label ends with a colon, a question mark or a tab; one spelled with a closing "$" may
# also stand alone on its line, as a heading does.
DELIMITER = r"[ \t]*(?:\?[ \t]*:?|:)[ \t]*|[ \t]*\t+"
RUN_ON = r"[ \t]*(?:\?[ \t]*:?|:)[ \t]*"
ALONE = r"[ \t]*$"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: str


@dataclass
class Fields:
    preamble: str = ""
    found: list[Field] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        """The first non-empty value of the field, or "" when the label stands empty."""
        values = [item.value for item in self.found if item.name == name]
        return next((value for value in values if value.strip()), values[0] if values else None)

    def text(self) -> str:
        """All the record's text in the order the page prints it."""
        return "\n\n".join([self.preamble, *(item.value for item in self.found)])


class Vocabulary:
    """A set of fields' labels, compiled once for the pages that use them."""

    def __init__(self, labels: dict[str, tuple[str, ...]]):
        self.names = list(labels)
        self.label = compile_labels(labels, DELIMITER)
        self.run_on = compile_labels(labels, RUN_ON)

    def split(self, text: str) -> Fields:
        fields = Fields()
        preamble: list[str] = []
        current: Field | None = None
        lines: list[str] = []
        for line in text.split("\n"):
            opened = self.labels_opening(line)
            if not opened:
                (lines if current else preamble).append(line)
                continue
            close(current, lines, fields)
            fields.found.extend(Field(name, label, "") for name, label, _ in opened[:-1])
            name, label, rest = opened[-1]
            current, lines = Field(name, label, ""), [rest]
        close(current, lines, fields)
        fields.preamble = "\n".join(preamble).strip()
        return fields

    def labels_opening(self, line: str) -> list[tuple[str, str, str]]:
        """The labels a line opens with: one, or several when empty fields run together."""
        match = self.label.match(line)
        if match is None:
            return []
        opened = [self.opened(match, line)]
        while (run_on := self.run_on.match(opened[-1][2])) is not None:
            opened.append(self.opened(run_on, opened[-1][2]))
        return opened

    def opened(self, match: re.Match[str], line: str) -> tuple[str, str, str]:
        index = next(index for index in range(len(self.names)) if match[f"f{index}"] is not None)
        label = match[f"f{index}"].strip(" \t:")
        return self.names[index], label, line[match.end() :]


def close(current: Field | None, lines: list[str], fields: Fields) -> None:
    if current is not None:
        fields.found.append(Field(current.name, current.label, "\n".join(lines).strip()))


def compile_labels(labels: dict[str, tuple[str, ...]], delimiter: str) -> re.Pattern[str]:
    groups = []
    for index, spellings in enumerate(labels.values()):
        alternatives = "|".join(
            spelled(spelling, delimiter) for spelling in sorted(spellings, key=len, reverse=True)
        )
        groups.append(rf"(?P<f{index}>{alternatives})")
    return re.compile(rf"^[ \t]*(?:{'|'.join(groups)})", re.I)


def spelled(spelling: str, delimiter: str) -> str:
    pattern = spelling.removesuffix("$").replace(" ", r"\s+")
    if spelling.endswith("$") and delimiter == DELIMITER:
        return rf"(?:{pattern})(?:{delimiter}|{ALONE})"
    return rf"(?:{pattern})(?:{delimiter})"


def vocabulary(**extra: tuple[str, ...]) -> Vocabulary:
    """The common labels and a page's own."""
    return Vocabulary({**COMMON, **extra})
