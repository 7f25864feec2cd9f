"""The seed documents, read by parse_page from their text, give the facts the fixtures hold.

000 (B&NES) and 004 (Herefordshire) are ModernGov "Decision details" pages; 001 (B&NES) is
"Issue - meetings"; 003 (Herefordshire) is a written statement of a key decision."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from decisions.importing import parse_page

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def fixture(name: str) -> list[dict]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def objects(records: list[dict], model: str) -> list[dict]:
    return [{"pk": item["pk"], **item["fields"]} for item in records if item["model"] == model]


def one(records: list[dict], model: str, **wanted) -> dict:
    (found,) = [item for item in objects(records, model) if wanted.items() <= item.items()]
    return found


def fixture_facts(records: list[dict], decision: dict) -> dict:
    lines = [
        line
        for line in objects(records, "commissioning.fundingline")
        if line["decision"] == decision["pk"]
    ]
    items = sorted(
        (
            item
            for item in objects(records, "decisions.recommendation")
            if item["decision"] == decision["pk"]
        ),
        key=lambda item: item["order"],
    )
    return {
        "title": decision["title"],
        "reference": decision["reference"],
        "decision_maker": one(records, "decisions.body", pk=decision["decision_maker"])["name"],
        "status": decision["status"],
        "is_key_decision": decision["is_key_decision"],
        "subject_to_call_in": decision["is_subject_to_call_in"],
        "publication_date": decision["publication_date"],
        "date_of_decision": decision["date_of_decision"],
        "effective_from": decision["effective_from"],
        "call_in_deadline": decision["call_in_deadline"],
        "wards": decision["wards"],
        "amounts": [(line["amount_as_printed"], Decimal(line["amount"])) for line in lines],
        "labels": [item["label"] for item in items],
    }


def parsed_facts(record) -> dict:
    return {
        "title": record.title,
        "reference": record.reference or "",
        "decision_maker": record.decision_maker,
        # The fixtures hold the status as its choice: "Recommendations Approved" is
        # "recommendations_approved".
        "status": record.decision_status.lower().replace(" ", "_"),
        "is_key_decision": record.is_key_decision,
        "subject_to_call_in": record.subject_to_call_in,
        "publication_date": iso(record.publication_date),
        "date_of_decision": iso(record.date_of_decision),
        "effective_from": iso(record.effective_from),
        "call_in_deadline": iso(record.call_in_deadline),
        "wards": record.wards or [],
        "amounts": [(amount.text, amount.value) for amount in record.amounts],
        # The fixtures keep a label without its full stop: "1." is "1".
        "labels": [label.rstrip(".") for label in record.recommendation_labels],
    }


def iso(value) -> str | None:
    return value.isoformat() if value else None


@pytest.mark.parametrize(
    ("name", "council"),
    [
        ("seed_000_bnes_decision_details.txt", "bnes"),
        ("seed_004_herefordshire_decision_details.txt", "herefordshire"),
    ],
)
def test_a_seed_decision_page_gives_the_facts_its_fixture_holds(page, name, council):
    parsed = parse_page(page(name))
    (record,) = parsed.records
    records = fixture(council)
    decision = one(records, "decisions.decision", title=record.title)

    assert parsed.format == "moderngov-decision"
    assert parsed_facts(record) == fixture_facts(records, decision)


def test_seed_000_prints_no_wards_field(page):
    (record,) = parse_page(page("seed_000_bnes_decision_details.txt")).records

    assert record.wards is None


def test_seed_000_recommendations_have_the_fixture_texts_and_headings(page):
    (record,) = parse_page(page("seed_000_bnes_decision_details.txt")).records
    items = sorted(
        objects(fixture("bnes"), "decisions.recommendation"), key=lambda item: item["order"]
    )

    assert [(item.text, item.heading) for item in record.recommendations] == [
        (item["text"], item["heading"]) for item in items
    ]


def test_seed_000_gives_the_meeting_it_was_decided_at(page):
    (record,) = parse_page(page("seed_000_bnes_decision_details.txt")).records
    records = fixture("bnes")
    meeting = one(records, "decisions.meeting", pk=100)

    assert record.decided_at_meeting.date.isoformat() == meeting["date"]
    assert (
        record.decided_at_meeting.meeting
        == one(records, "decisions.body", pk=meeting["body"])["name"]
    )


def test_seed_000_purpose_is_the_fixture_purpose(page):
    (record,) = parse_page(page("seed_000_bnes_decision_details.txt")).records

    assert record.purpose == one(fixture("bnes"), "decisions.decision", pk=100)["purpose"]


def test_seed_004_reason_key_is_kept(page):
    (record,) = parse_page(page("seed_004_herefordshire_decision_details.txt")).records

    assert (
        record.reason_key
        == one(fixture("herefordshire"), "decisions.decision", pk=301)["key_decision_reason"]
    )


def test_seed_001_gives_the_issue(page):
    parsed = parse_page(page("seed_001_bnes_issue_meetings.txt"))

    assert parsed.format == "moderngov-issue"
    assert [record.title for record in parsed.records] == [
        one(fixture("bnes"), "decisions.issue", pk=100)["title"]
    ]


def test_seed_001_gives_the_meeting_and_its_item(page):
    (record,) = parse_page(page("seed_001_bnes_issue_meetings.txt")).records
    records = fixture("bnes")
    item = one(records, "decisions.agendaitem", pk=100)
    meeting = one(records, "decisions.meeting", pk=item["meeting"])
    body = one(records, "decisions.body", pk=meeting["body"])

    (entry,) = record.meetings
    assert (entry.meeting, entry.date.isoformat(), entry.item, entry.title) == (
        body["name"],
        meeting["date"],
        item["number"],
        item["title"],
    )


def test_seed_001_gives_the_item_summary_and_minutes_as_the_fixture_holds_them(page):
    (record,) = parse_page(page("seed_001_bnes_issue_meetings.txt")).records
    item = one(fixture("bnes"), "decisions.agendaitem", pk=100)

    (entry,) = record.meetings
    assert (entry.summary, entry.minutes) == (item["summary"], item["minutes"])


def test_seed_001_minutes_are_marked_as_cut_short(page):
    (record,) = parse_page(page("seed_001_bnes_issue_meetings.txt")).records

    assert record.meetings[0].is_truncated is True
    assert "view the full minutes text" not in record.meetings[0].minutes


def test_seed_003_written_statement_gives_the_herefordshire_facts(page):
    parsed = parse_page(page("seed_003_herefordshire_written_statement.txt"))
    (record,) = parsed.records
    records = fixture("herefordshire")
    decision = one(records, "decisions.decision", pk=300)
    line = one(records, "commissioning.fundingline", decision=300)

    assert parsed.format == "written-statement"
    assert record.title.casefold() == decision["title"].casefold()
    assert (
        record.decision_maker.casefold()
        == one(records, "decisions.body", pk=300)["name"].casefold()
    )
    assert record.is_key_decision is decision["is_key_decision"]
    assert iso(record.date_of_decision) == decision["date_of_decision"]
    assert iso(record.effective_from) == decision["effective_from"]
    assert record.purpose == decision["purpose"]
    assert record.recommendation_labels == ["(a)", "(b)", "(c)", "(d)"]
    assert {(amount.text, amount.value) for amount in record.amounts} == {
        (line["amount_as_printed"], Decimal(line["amount"]))
    }


def test_seed_003_recommendations_have_the_fixture_texts(page):
    (record,) = parse_page(page("seed_003_herefordshire_written_statement.txt")).records
    items = sorted(
        (
            item
            for item in objects(fixture("herefordshire"), "decisions.recommendation")
            if item["decision"] == 300
        ),
        key=lambda item: item["order"],
    )

    assert [item.text for item in record.recommendations] == [item["text"] for item in items]


def test_seed_003_says_it_is_neither_exempt_nor_confidential(page):
    (record,) = parse_page(page("seed_003_herefordshire_written_statement.txt")).records

    assert (record.is_exempt, record.is_confidential) == (False, False)
