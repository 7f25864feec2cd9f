"""A record built from a page's labelled fields, the same way whatever the format, so a fact
is read one way everywhere."""

from dataclasses import replace
from typing import Any

from decisions.importing.parsing import labels, values
from decisions.importing.parsing.dates import first_date, qualified_date
from decisions.importing.parsing.fields import Fields
from decisions.importing.parsing.money import find_amounts
from decisions.importing.parsing.records import ParsedDecision
from decisions.importing.parsing.tidy import block, first_paragraph, is_truncated, one_line, title

RUNNING_TEXT = ("purpose", "decision", "reasons", "alternatives")


def decision_from_fields(fields: Fields, **printed_elsewhere: Any) -> ParsedDecision:
    """The record the fields print; `printed_elsewhere` holds what the page prints outside
    its labelled fields (a list entry's title line, a heading), and wins over a field."""
    record = ParsedDecision(
        title=title(fields.value("title")),
        **people(fields),
        **flags(fields),
        **official_dates(fields),
        **forward_plan(fields),
        **running_text(fields),
        wards=values.wards(fields.value("wards")),
        reference=line(fields, "reference"),
        reason_key=line(fields, "reason_key"),
        urgency=line(fields, "urgency"),
        is_truncated=any(is_truncated(fields.value(name)) for name in RUNNING_TEXT),
    )
    record = replace(
        record, **{key: value for key, value in printed_elsewhere.items() if value is not None}
    )
    return replace(
        record,
        amounts=find_amounts(record_text(record, fields)),
        decision_maker=record.decision_maker or maker_from_meeting_or_due(record, fields),
    )


def record_text(record: ParsedDecision, fields: Fields) -> str:
    """The text the record prints, in order: its title too, when the fields do not hold it."""
    text = fields.text()
    if record.title and record.title not in text:
        return f"{record.title}\n\n{text}"
    return text


def fill_missing(record: ParsedDecision, **facts: Any) -> ParsedDecision:
    """The facts a list entry prints beside its fields, where the fields do not print them."""
    missing = {key: value for key, value in facts.items() if getattr(record, key) in (None, [])}
    return replace(record, **missing)


def line(fields: Fields, name: str) -> str | None:
    return one_line(first_paragraph(fields.value(name)))


def people(fields: Fields) -> dict[str, Any]:
    return {
        "decision_maker": line(fields, "decision_maker"),
        "decision_status": line(fields, "decision_status"),
        "report_author": line(fields, "report_author"),
        "contact": one_line(fields.value("contact")),
        "lead_officer": line(fields, "lead_officer"),
        "portfolio_holder": line(fields, "portfolio_holder"),
    }


def flags(fields: Fields) -> dict[str, Any]:
    return {
        "is_key_decision": values.key_decision(fields.value("key_decision")),
        "subject_to_call_in": values.call_in(fields.value("call_in")),
        "is_exempt": values.yes_no(fields.value("exempt")),
        "is_confidential": values.yes_no(fields.value("confidential")),
    }


def official_dates(fields: Fields) -> dict[str, Any]:
    return {
        "publication_date": first_date(fields.value("publication_date")),
        "date_of_decision": first_date(fields.value("date_of_decision")),
        "effective_from": first_date(fields.value("effective_from")),
        "call_in_deadline": first_date(fields.value("call_in_deadline")),
        "decided_at_meeting": values.meeting(fields.value("decided_at_meeting")),
        "implementation_date_not_before": first_date(fields.value("implementation_date")),
    }


def forward_plan(fields: Fields) -> dict[str, Any]:
    due, not_before = qualified_date(fields.value("decision_due"))
    return {
        "notice_first_published": first_date(fields.value("notice_first_published")),
        "decision_due": due,
        "decision_due_not_before": not_before,
        "decision_due_as_printed": line(fields, "decision_due"),
    }


def running_text(fields: Fields) -> dict[str, Any]:
    decision = block(fields.value("decision"))
    return {
        "purpose": block(fields.value("purpose")),
        "decision_text": decision,
        "reasons": block(fields.value("reasons")),
        "alternatives": block(fields.value("alternatives")),
        "recommendation_labels": labels.recommendation_labels(decision),
        "recommendations": labels.recommendations(decision),
    }


def maker_from_meeting_or_due(record: ParsedDecision, fields: Fields) -> str | None:
    """Some installations print no "Decision Maker", only the meeting that decided."""
    if record.decided_at_meeting is not None and record.decided_at_meeting.date is not None:
        return record.decided_at_meeting.meeting
    return values.maker_from_due(fields.value("decision_due"))
