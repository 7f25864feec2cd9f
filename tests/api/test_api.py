"""The read-only JSON API at /api/: what it shows, what it never shows, and what it costs."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from model_bakery import baker

from commissioning.models import Contract, ContractExtension, FundingLine, Supplier
from decisions.models import (
    AgendaItem,
    Body,
    CallIn,
    CallInSignature,
    Decision,
    Delegation,
    Document,
    Issue,
    Meeting,
    Person,
    Recommendation,
    RelatedDecision,
    Ward,
)
from decisions.rules.call_in import LONDON
from decisions.web.pagination import CappedPaginator
from tests import factories

BNES_TITLE = (
    "Community Services Transformation Programme - Preferred Delivery Options for 2024-25 "
    "and 2025-26"
)


@pytest.fixture
def bnes(seeded: None) -> Decision:
    return Decision.objects.get(title=BNES_TITLE)


def make_exempt(decision: Decision) -> None:
    Decision.objects.filter(pk=decision.pk).update(is_exempt=True, exempt_paragraph="3")


def get_json(client: object, url: str, **params: object) -> dict:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(page: dict) -> list[str]:
    return [result["title"] for result in page["results"]]


# The root and the schema ---------------------------------------------------------------------


def test_api_root_lists_every_resource_the_schema_and_the_docs(client, db):
    root = get_json(client, "/api/")

    assert set(root) == {
        "decisions",
        "contracts",
        "funding-lines",
        "meetings",
        "issues",
        "schema",
        "docs",
    }
    assert root["decisions"] == "http://testserver/api/decisions/"
    assert root["schema"] == "http://testserver/api/schema/"
    assert root["docs"] == "http://testserver/api/docs/"


def test_api_root_answers_with_a_format_suffix(client, db):
    root = get_json(client, "/api/.json")

    assert root["schema"] == "http://testserver/api/schema/"


def test_browsable_decision_list_renders_with_its_filter_form(client, seeded):
    response = client.get("/api/decisions/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert 'name="decided_from"' in response.content.decode()


def test_schema_generates_and_validates_without_warnings(db, tmp_path):
    schema = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema))

    assert "/api/decisions/{id}/:" in schema.read_text()


def test_schema_is_served_as_openapi_3(client, db):
    schema = get_json(client, "/api/schema/", format="json")

    assert schema["openapi"].startswith("3.")
    assert "count_is_capped" in str(schema["components"]["schemas"]["PaginatedDecisionList"])


# Decisions -----------------------------------------------------------------------------------


def test_search_finds_bnes_decision_with_its_exact_funding_line(client, bnes):
    page = get_json(client, "/api/decisions/", q="Better Care Fund")

    assert titles(page) == [BNES_TITLE]
    [line] = page["results"][0]["funding_lines"]
    assert line["amount"] == "18116521.00"
    assert line["amount_as_printed"] == "£18,116,521"
    assert (line["kind"], line["financial_year"]) == ("liability", "2024/25")


def test_decision_links_to_its_page_and_record_pdf(client, bnes):
    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    assert record["url"] == f"http://testserver/decisions/bathnes/id-{bnes.pk}/"
    assert (
        record["record_pdf_url"] == f"http://testserver/decisions/bathnes/id-{bnes.pk}/record.pdf"
    )
    assert record["api_url"] == f"http://testserver/api/decisions/{bnes.pk}/"


def test_decision_names_its_authority_and_decision_maker(client, bnes):
    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    assert record["authority"]["slug"] == "bathnes"
    assert record["authority"]["short_name"] == "B&NES"
    assert record["decision_maker"]["name"] == "Cabinet"
    assert record["is_key_decision"] is True


def test_decision_dates_are_iso_and_effective_from_is_18_november_2023(client, bnes):
    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    assert record["date_of_decision"] == "2023-11-09"
    assert record["publication_date"] == "2023-11-10"
    assert record["call_in_deadline"] == "2023-11-17"
    assert record["effective_from"] == "2023-11-18"


def test_call_in_status_is_open_during_the_window(client, bnes):
    with time_machine.travel(datetime(2023, 11, 14, 12, 0, tzinfo=LONDON), tick=False):
        record = get_json(client, f"/api/decisions/{bnes.pk}/")

    assert record["call_in_status"] == "open"
    assert record["call_in_status_label"] == "Open for call-in"


def test_call_in_status_is_effective_once_the_decision_takes_effect(client, bnes):
    with time_machine.travel(datetime(2023, 11, 18, 9, 0, tzinfo=LONDON), tick=False):
        record = get_json(client, f"/api/decisions/{bnes.pk}/")

    assert record["call_in_status"] == "effective"
    assert record["call_in_status_label"] == "Effective"


def test_decision_nests_its_recommendations_in_order(client, bnes):
    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    expected = list(bnes.recommendations.values_list("label", "text"))
    assert [(r["label"], r["text"]) for r in record["recommendations"]] == expected
    assert len(expected) == 8


def test_decision_nests_its_delegations_with_who_is_consulted(client, bnes):
    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    delegations = {d["scope"]: d for d in record["delegations"]}
    transfer = delegations["The transfer of ASC services."]
    stored = bnes.delegations.get(scope="The transfer of ASC services.")
    assert transfer["delegate"] == stored.delegate.name
    assert transfer["in_consultation_with"] == stored.in_consultation_with.name
    assert transfer["is_continuation"] is True
    assert transfer["money_limit"] is None


def test_delegation_money_limit_is_a_string_with_pence(client, bnes):
    Delegation.objects.filter(decision=bnes).update(money_limit=Decimal("500000"))

    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    assert {d["money_limit"] for d in record["delegations"]} == {"500000.00"}


def test_decision_lists_the_decisions_it_cites(client, bnes):
    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    cited = {c["reference"]: c for c in record["related_decisions"]}
    assert set(cited) == {"E3393", "E3469"}
    assert cited["E3393"]["when"] == "November 2022"
    assert cited["E3393"]["decision"] is None  # not itself in the register


def test_citation_links_a_public_decision_in_the_register(client, bnes):
    cited = factories.decision(authority=bnes.authority, publication_date=date(2023, 7, 20))
    RelatedDecision.objects.filter(decision=bnes, reference="E3469").update(related=cited)

    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    [citation] = [c for c in record["related_decisions"] if c["reference"] == "E3469"]
    assert citation["decision"]["url"] == f"http://testserver/decisions/bathnes/id-{cited.pk}/"


def test_citation_of_an_exempt_decision_is_not_linked(client, bnes):
    cited = factories.decision(authority=bnes.authority, publication_date=date(2023, 7, 20))
    RelatedDecision.objects.filter(decision=bnes, reference="E3469").update(related=cited)
    make_exempt(cited)

    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    [citation] = [c for c in record["related_decisions"] if c["reference"] == "E3469"]
    assert citation["decision"] is None
    assert cited.title not in str(record)


def test_decision_lists_its_wards(client, bnes):
    ward = baker.make(Ward, authority=bnes.authority, name="Westmoreland")
    bnes.wards.add(ward)

    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    assert record["wards"] == [{"id": ward.pk, "name": "Westmoreland"}]


def test_decision_lists_public_documents_and_never_exempt_ones(client, bnes):
    baker.make(
        Document, decision=bnes, title="Cabinet report", kind="report", url="https://x.test/r"
    )
    baker.make(
        Document,
        decision=bnes,
        title="Appendix 3 - provider pricing",
        kind="appendix",
        is_exempt=True,
        exempt_paragraph="3",
    )

    record = get_json(client, f"/api/decisions/{bnes.pk}/")

    assert [d["title"] for d in record["documents"]] == ["Cabinet report"]
    assert record["documents"][0]["url"] == "https://x.test/r"
    assert "provider pricing" not in str(record)


# Decision filters ----------------------------------------------------------------------------


def test_authority_filter_keeps_only_that_councils_decisions(client, seeded):
    page = get_json(client, "/api/decisions/", authority="herefordshire")

    assert {r["authority"]["slug"] for r in page["results"]} == {"herefordshire"}
    assert (
        page["count"] == Decision.objects.public().filter(authority__slug="herefordshire").count()
    )
    assert page["count"] < get_json(client, "/api/decisions/")["count"]


def test_key_decision_filter_leaves_out_key_decisions(client, seeded):
    factories.decision(
        authority=factories.authority(slug="elsewhere"),
        title="Non-key decision",
        publication_date=date(2023, 11, 10),
        is_key_decision=False,
    )

    page = get_json(client, "/api/decisions/", key_decision="no")

    assert titles(page) == ["Non-key decision"]


def test_decided_from_filter_leaves_out_earlier_decisions(client, bnes):
    everything = get_json(client, "/api/decisions/")
    page = get_json(client, "/api/decisions/", decided_from="2023-11-09")

    assert BNES_TITLE in titles(page)
    assert all(r["date_of_decision"] >= "2023-11-09" for r in page["results"])
    assert page["count"] < everything["count"]


def test_bad_date_answers_400_naming_the_field(client, seeded):
    response = client.get("/api/decisions/", {"decided_from": "9th November"})

    assert response.status_code == 400
    assert response.json() == {"decided_from": ["Enter a real date, like 2023-11-09."]}


def test_unknown_authority_answers_400_naming_authority(client, seeded):
    response = client.get("/api/decisions/", {"authority": "atlantis"})

    assert response.status_code == 400
    assert list(response.json()) == ["authority"]


# Exempt decisions ----------------------------------------------------------------------------


def test_exempt_decision_is_not_listed(client, bnes):
    make_exempt(bnes)

    page = get_json(client, "/api/decisions/")

    assert BNES_TITLE not in titles(page)
    assert page["count"] == Decision.objects.public().count()


def test_exempt_decision_detail_is_404(client, bnes):
    make_exempt(bnes)

    assert client.get(f"/api/decisions/{bnes.pk}/").status_code == 404


def test_unpublished_decision_detail_is_404(client, db):
    draft = factories.decision(title="Not yet published")

    assert client.get(f"/api/decisions/{draft.pk}/").status_code == 404


def test_contract_authorised_only_by_an_exempt_decision_is_withheld(client, bnes):
    make_exempt(bnes)

    page = get_json(client, "/api/contracts/", page_size=200)

    assert "Interim contract arrangement 2024/25" not in titles(page)
    assert BNES_TITLE not in str(page)


def test_contract_names_only_its_public_decisions(client, bnes):
    contract = Contract.objects.get(title="Interim contract arrangement 2024/25")
    public = factories.decision(
        authority=bnes.authority, title="Public award", publication_date=date(2023, 11, 10)
    )
    contract.decisions.add(public)
    make_exempt(bnes)

    record = get_json(client, f"/api/contracts/{contract.pk}/")

    assert record["decisions"] == [
        {"url": f"http://testserver/decisions/bathnes/id-{public.pk}/", "title": "Public award"}
    ]
    assert record["funding_lines"] == []  # the £18,116,521 line belongs to the exempt decision


def test_exempt_decisions_funding_lines_are_not_listed(client, bnes):
    make_exempt(bnes)

    page = get_json(client, "/api/funding-lines/")

    # Herefordshire's £9m is left; Doncaster's lines wait for their decision's publication.
    assert [line["amount_as_printed"] for line in page["results"]] == ["£9m"]


def test_extension_decided_by_an_exempt_decision_is_withheld(client, bnes):
    contract = Contract.objects.get(title__startswith="Community services contract")
    secret = factories.decision(authority=bnes.authority, publication_date=date(2022, 5, 27))
    ContractExtension.objects.filter(contract=contract).update(decision=secret)
    make_exempt(secret)

    record = get_json(client, f"/api/contracts/{contract.pk}/")

    assert record["extensions"] == []


# Pagination ----------------------------------------------------------------------------------


def test_pages_carry_count_links_and_results(client, seeded):
    page = get_json(client, "/api/decisions/", page_size=1)

    assert set(page) == {"count", "count_is_capped", "next", "previous", "results"}
    assert page["count_is_capped"] is False
    assert len(page["results"]) == 1
    assert "cursor=" in page["next"]
    assert page["previous"] is None


def test_count_stops_at_the_cap_and_says_so(client, seeded, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "count_cap", 2)

    page = get_json(client, "/api/decisions/", page_size=1)

    assert page["count"] == 2
    assert page["count_is_capped"] is True


# Contracts and funding lines -----------------------------------------------------------------


def test_contract_lists_suppliers_extensions_and_funding(client, bnes):
    contract = Contract.objects.get(title__startswith="Community services contract")

    record = get_json(client, f"/api/contracts/{contract.pk}/")

    assert [s["name"] for s in record["suppliers"]] == ["HCRG Care Group"]
    [extension] = record["extensions"]
    assert (extension["length_months"], extension["status"]) == (36, "not_exercised")
    assert record["end_date"] == "2024-03-31"
    assert record["url"] == f"http://testserver/contracts/{contract.pk}/"


def test_contract_authority_filter_keeps_only_that_councils_contracts(client, seeded):
    everything = get_json(client, "/api/contracts/")
    page = get_json(client, "/api/contracts/", authority="bathnes")

    assert {r["authority"]["slug"] for r in page["results"]} == {"bathnes"}
    assert 0 < page["count"] < everything["count"]


@pytest.mark.parametrize(("parameter", "value"), [("status", "ended"), ("kind", "framework")])
def test_contract_filters_narrow_the_list(client, seeded, parameter, value):
    everything = get_json(client, "/api/contracts/")
    page = get_json(client, "/api/contracts/", **{parameter: value})

    assert {r[parameter] for r in page["results"]} == {value}
    assert 0 < page["count"] < everything["count"]


def test_contract_supplier_filter_keeps_that_suppliers_contracts(client, seeded):
    supplier = Supplier.objects.get(name="HCRG Care Group")

    page = get_json(client, "/api/contracts/", supplier=supplier.pk)

    assert titles(page) == [
        "Community services contract for health, social care and public health services"
    ]


def test_funding_line_links_its_decision_and_contract(client, bnes):
    page = get_json(client, "/api/funding-lines/", authority="bathnes")

    [line] = page["results"]
    assert line["amount"] == "18116521.00"
    assert line["decision"]["title"] == BNES_TITLE
    assert line["contract"]["title"] == "Interim contract arrangement 2024/25"


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("financial_year", "2024/25"), ("kind", "liability"), ("min_amount", "18000000")],
)
def test_funding_line_filters_narrow_the_list(client, seeded, parameter, value):
    everything = get_json(client, "/api/funding-lines/")
    page = get_json(client, "/api/funding-lines/", **{parameter: value})

    assert [line["amount_as_printed"] for line in page["results"]] == ["£18,116,521"]
    assert everything["count"] > 1


def test_bad_financial_year_answers_400_naming_the_field(client, seeded):
    response = client.get("/api/funding-lines/", {"financial_year": "2024-25"})

    assert response.status_code == 400
    assert list(response.json()) == ["financial_year"]


def test_funding_line_of_a_contract_without_decision_is_listed(client, seeded):
    contract = Contract.objects.get(title__startswith="Community services contract")
    FundingLine.objects.create(
        contract=contract,
        amount=Decimal("760000"),
        amount_as_printed="circa £760,000",
        kind="spend",
    )

    page = get_json(client, "/api/funding-lines/", kind="spend")

    assert [line["amount"] for line in page["results"]] == ["760000.00"]
    assert page["results"][0]["decision"] is None


# Meetings and issues -------------------------------------------------------------------------


def test_meeting_lists_public_items_and_decisions(client, bnes):
    meeting = bnes.meeting
    baker.make(AgendaItem, meeting=meeting, number="12", title="Public item")
    baker.make(
        AgendaItem,
        meeting=meeting,
        number="13",
        title="Sale of land at Keynsham",
        is_exempt=True,
        exempt_paragraph="3",
    )

    record = get_json(client, f"/api/meetings/{meeting.pk}/")

    assert [item["title"] for item in record["agenda_items"]] == ["Public item"]
    assert [d["title"] for d in record["decisions"]] == [BNES_TITLE]
    assert "Keynsham" not in str(record)


def test_meeting_leaves_out_exempt_decisions_taken_at_it(client, bnes):
    make_exempt(bnes)

    record = get_json(client, f"/api/meetings/{bnes.meeting_id}/")

    assert record["decisions"] == []


def test_issue_lists_items_and_decisions_in_date_order(client, bnes):
    issue = bnes.issue
    earlier = factories.decision(
        authority=bnes.authority,
        title="Earlier decision",
        date_of_decision=date(2023, 7, 13),
        publication_date=date(2023, 7, 14),
        issue=issue,
    )

    record = get_json(client, f"/api/issues/{issue.pk}/")

    assert [d["title"] for d in record["decisions"]] == [earlier.title, BNES_TITLE]
    assert [item["number"] for item in record["agenda_items"]] == ["44"]
    assert record["agenda_items"][0]["meeting"]["date"] == "2022-11-10"
    assert record["url"] == f"http://testserver/issues/{issue.pk}/"


def test_issue_known_only_from_exempt_records_is_withheld(client, db):
    council = factories.authority()
    issue = baker.make(Issue, authority=council, title="Disposal of the depot")
    factories.decision(
        authority=council,
        issue=issue,
        publication_date=date(2023, 11, 10),
        is_exempt=True,
        exempt_paragraph="3",
    )

    assert client.get(f"/api/issues/{issue.pk}/").status_code == 404
    assert "depot" not in client.get("/api/issues/").content.decode()


# Query counts --------------------------------------------------------------------------------


def add_rich_decisions(count: int) -> None:
    """`count` public decisions, each with every kind of nested record the API shows."""
    council = factories.authority(slug="rich-council")
    cabinet = baker.make(Body, authority=council, name="Cabinet", kind=Body.Kind.CABINET)
    officer = baker.make(Body, authority=council, name="Director", kind=Body.Kind.OFFICER)
    member = baker.make(Person, authority=council, kind=Person.Kind.COUNCILLOR)
    ward = baker.make(Ward, authority=council)
    supplier = baker.make(Supplier)
    issue = baker.make(Issue, authority=council)
    meeting = baker.make(Meeting, authority=council, body=cabinet, date=date(2023, 11, 9))
    previous = None
    for number in range(count):
        decision = factories.decision(
            authority=council,
            decision_maker=cabinet,
            publication_date=date(2023, 11, 10),
            meeting=meeting,
            issue=issue,
        )
        decision.wards.add(ward)
        recommendation = baker.make(Recommendation, decision=decision, label="1", kind="approve")
        baker.make(
            Delegation,
            decision=decision,
            recommendation=recommendation,
            delegate=officer,
            in_consultation_with=cabinet,
        )
        contract = baker.make(Contract, authority=council, kind="contract", start_date=None)
        contract.decisions.add(decision)
        contract.suppliers.add(supplier)
        baker.make(ContractExtension, contract=contract, decision=decision, status="exercised")
        FundingLine.objects.create(
            decision=decision,
            contract=contract,
            amount=Decimal("1000.00"),
            amount_as_printed="£1,000",
            kind="budget",
        )
        baker.make(Document, decision=decision, kind="report")
        baker.make(
            Document, decision=decision, kind="appendix", is_exempt=True, exempt_paragraph="3"
        )
        item = baker.make(AgendaItem, meeting=meeting, number=str(number), issue=issue)
        baker.make(Document, agenda_item=item, kind="report")
        if previous is not None:
            RelatedDecision.objects.create(decision=decision, reference="E1", related=previous)
        call_in = baker.make(
            CallIn, decision=decision, received_at=datetime(2023, 11, 13, tzinfo=LONDON)
        )
        baker.make(CallInSignature, call_in=call_in, member=member)
        previous = decision


# On PostgreSQL a list's capped count first asks the planner how many rows to expect
# (decisions.web.pagination.capped_count): one EXPLAIN.
ESTIMATE_QUERIES = 1 if connection.vendor == "postgresql" else 0


@pytest.mark.parametrize("extra_rows", [0, 25])
@pytest.mark.parametrize(
    ("url", "most_queries"),
    [
        ("/api/decisions/?page_size=200", 14),
        ("/api/decisions/?page_size=200&q=the&call_in_status=effective&funding_over=1", 18),
        ("/api/contracts/?page_size=200", 8),
        ("/api/funding-lines/?page_size=200", 4),
        ("/api/meetings/?page_size=200", 7),
        ("/api/issues/?page_size=200", 7),
    ],
)
def test_query_count_does_not_grow_with_rows(
    client, seeded, django_assert_max_num_queries, url, most_queries, extra_rows
):
    add_rich_decisions(extra_rows)

    with django_assert_max_num_queries(most_queries + ESTIMATE_QUERIES):
        response = client.get(url)

    assert response.status_code == 200


def test_decision_detail_query_count_is_constant(client, bnes, django_assert_max_num_queries):
    add_rich_decisions(10)

    with django_assert_max_num_queries(12):
        response = client.get(f"/api/decisions/{bnes.pk}/")

    assert response.status_code == 200


def test_reversed_api_names_are_namespaced(db):
    assert reverse("api:decision-list") == "/api/decisions/"
    assert reverse("api:funding-line-detail", args=[1]) == "/api/funding-lines/1/"
