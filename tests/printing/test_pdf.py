"""The PDF records: the record of decision and the forward plan, read back with pypdf."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from model_bakery import baker
from pypdf import PdfReader

from commissioning.models import Contract, FundingLine
from decisions.models import (
    AgendaItem,
    Body,
    Decision,
    DeclaredInterest,
    Delegation,
    Document,
    ForwardPlanEntry,
    Person,
    Recommendation,
    RelatedDecision,
    Ward,
)
from decisions.printing import render as pdf
from decisions.rules.call_in import LONDON
from decisions.web import formatting
from tests import factories

pytestmark = pytest.mark.django_db

BNES_TITLE = (
    "Community Services Transformation Programme - Preferred Delivery Options for 2024-25 "
    "and 2025-26"
)
NOW = datetime(2026, 11, 24, 14, 5, tzinfo=LONDON)
FORWARD_PLAN_URL = "/forward-plan/forward-plan.pdf"


def pages_text(content: bytes) -> list[str]:
    """Each page's text, with runs of whitespace (line ends included) made single spaces."""
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pages_text(content))


@pytest.fixture
def bnes_decision(seeded: None) -> Decision:
    return Decision.objects.get(authority__slug="bathnes", title=BNES_TITLE)


def record_url(decision: Decision) -> str:
    return reverse("decision-pdf", args=[decision.authority.slug, decision.url_key])


def published_decision(**fields: object) -> Decision:
    fields.setdefault("publication_date", date(2023, 11, 10))
    fields.setdefault("call_in_deadline", date(2023, 11, 17))
    fields.setdefault("effective_from", date(2023, 11, 18))
    return factories.decision(**fields)


# The record of decision ----------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_record_pdf_carries_the_bnes_decision_facts(client, bnes_decision: Decision) -> None:
    text = pdf_text(client.get(record_url(bnes_decision)).content)

    assert BNES_TITLE in text
    assert "Bath and North East Somerset Council" in text
    assert "Decision maker Cabinet" in text
    assert "Decision status Approved" in text
    assert "Date of decision 9 November 2023" in text
    assert "Publication date 10 November 2023" in text
    assert "Effective from 18 November 2023" in text
    assert "Call-in status Effective" in text
    assert "Report author Claire Thorogood" in text


@time_machine.travel(NOW, tick=False)
def test_record_pdf_prints_the_funding_line_and_its_total(client, bnes_decision: Decision) -> None:
    text = pdf_text(client.get(record_url(bnes_decision)).content)

    assert "£18,116,521 £18,116,521 Liability One-off 2024/25 Not stated" in text
    assert "Total of exact amounts £18,116,521" in text


@time_machine.travel(NOW, tick=False)
def test_record_pdf_numbers_the_recommendations_under_their_headings(
    client, bnes_decision: Decision
) -> None:
    text = pdf_text(client.get(record_url(bnes_decision)).content)

    assert (
        "Transfer of Adult Social Care services 1 To note the update on progress of the "
        "transfer of Adult Social Care (ASC) services" in text
    )
    assert "Commissioning of Public Health services 3 To approve the delegated" in text


@time_machine.travel(NOW, tick=False)
def test_record_pdf_prints_delegations_contracts_and_citations(
    client, bnes_decision: Decision
) -> None:
    text = pdf_text(client.get(record_url(bnes_decision)).content)

    assert "Director of Public Health and Prevention Lead Cabinet member for Adult Services" in text
    assert "Interim contract arrangement 2024/25" in text
    assert "1 April 2024 to 31 March 2025" in text
    assert "E3469 Update on Contractual Arrangement Decision 23/24" in text


@time_machine.travel(NOW, tick=False)
def test_record_pdf_says_when_it_was_generated_in_london_time(
    client, bnes_decision: Decision
) -> None:
    text = pdf_text(client.get(record_url(bnes_decision)).content)

    assert "Generated on 24 November 2026 at 14:05" in text


@time_machine.travel(datetime(2026, 7, 1, 13, 5, tzinfo=UTC), tick=False)
def test_generated_line_is_in_british_summer_time_in_summer(
    client, bnes_decision: Decision
) -> None:
    text = pdf_text(client.get(record_url(bnes_decision)).content)

    assert "Generated on 1 July 2026 at 14:05" in text


@time_machine.travel(NOW, tick=False)
def test_every_page_has_the_council_and_title_in_its_header_and_page_x_of_y(
    client, bnes_decision: Decision
) -> None:
    pages = pages_text(client.get(record_url(bnes_decision)).content)

    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Bath and North East Somerset Council" in text
        assert "Preferred Delivery Options" in text


def test_record_pdf_is_served_inline_named_for_the_record(client, bnes_decision: Decision) -> None:
    response = client.get(record_url(bnes_decision))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="bathnes-id-{bnes_decision.pk}-record.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


def test_record_pdf_of_an_exempt_decision_is_404(client) -> None:
    decision = published_decision(is_exempt=True, exempt_paragraph="3")

    assert client.get(record_url(decision)).status_code == 404


def test_record_pdf_of_a_confidential_decision_is_404(client) -> None:
    decision = published_decision(is_confidential=True)

    assert client.get(record_url(decision)).status_code == 404


def test_record_pdf_of_an_unpublished_decision_is_404(client) -> None:
    decision = factories.decision(publication_date=None, effective_from=None)

    assert client.get(record_url(decision)).status_code == 404


def test_record_pdf_of_an_unknown_key_is_404(client, bnes_decision: Decision) -> None:
    assert client.get("/decisions/bathnes/E0000/record.pdf").status_code == 404


def test_record_pdf_under_another_councils_slug_is_404(client, bnes_decision: Decision) -> None:
    url = reverse("decision-pdf", args=["doncaster", bnes_decision.url_key])

    assert client.get(url).status_code == 404


def test_register_id_of_a_referenced_decision_redirects_permanently(client) -> None:
    decision = published_decision(reference="E9001")
    url = reverse("decision-pdf", args=[decision.authority.slug, f"id-{decision.pk}"])

    response = client.get(url)

    assert response.status_code == 301
    assert response["Location"] == f"/decisions/{decision.authority.slug}/E9001/record.pdf"


def test_exempt_document_title_never_appears_in_a_public_decision_pdf(
    client, bnes_decision: Decision
) -> None:
    Document.objects.create(
        decision=bnes_decision, title="Public appendix A", kind=Document.Kind.APPENDIX
    )
    Document.objects.create(
        decision=bnes_decision,
        title="Commercially sensitive pricing schedule",
        kind=Document.Kind.APPENDIX,
        is_exempt=True,
        exempt_paragraph="3",
    )

    text = pdf_text(client.get(record_url(bnes_decision)).content)

    assert "Public appendix A" in text
    assert "Commercially sensitive pricing schedule" not in text


def test_documents_of_an_exempt_agenda_item_never_appear(client, bnes_decision: Decision) -> None:
    item = AgendaItem.objects.create(
        meeting=bnes_decision.meeting,
        number="12",
        title="Exempt item on staffing",
        is_exempt=True,
        exempt_paragraph="4",
    )
    Document.objects.create(agenda_item=item, title="Staffing consultation paper", kind="report")
    bnes_decision.agenda_item = item
    bnes_decision.save()

    text = pdf_text(client.get(record_url(bnes_decision)).content)

    assert "Staffing consultation paper" not in text
    assert "Exempt item on staffing" not in text


def test_a_cited_exempt_decision_is_not_read_into_the_pdf(client, bnes_decision: Decision) -> None:
    secret = published_decision(
        authority=bnes_decision.authority,
        decision_maker=bnes_decision.decision_maker,
        title="Disposal of the Guildhall annexe to a named buyer",
        is_exempt=True,
        exempt_paragraph="3",
    )
    RelatedDecision.objects.create(decision=bnes_decision, reference="E0042", related=secret)

    text = pdf_text(client.get(record_url(bnes_decision)).content)

    assert "E0042" in text
    assert "Guildhall annexe" not in text


def test_amended_recommendation_prints_the_amended_text(client) -> None:
    decision = published_decision()
    Recommendation.objects.create(
        decision=decision,
        label="1",
        heading="Budget",
        text="To approve the budget of £2m.",
        kind=Recommendation.Kind.APPROVE,
        outcome=Recommendation.Outcome.AMENDED,
        amended_text="To approve the budget of £1.5m.",
    )

    text = pdf_text(client.get(record_url(decision)).content)

    assert "Budget 1 To approve the budget of £2m. Amended" in text
    assert "As amended: To approve the budget of £1.5m." in text


def test_decision_not_subject_to_call_in_prints_its_urgency_route(client) -> None:
    decision = published_decision(
        is_subject_to_call_in=False,
        urgency=Decision.Urgency.SPECIAL_URGENCY,
        urgency_note="The chair of scrutiny agreed on 1 November 2023.",
        call_in_deadline=None,
        effective_from=date(2023, 11, 10),
    )

    text = pdf_text(client.get(record_url(decision)).content)

    assert "Subject to call-in No: Special urgency (reg 11, 2012 Regulations)" in text
    assert "The chair of scrutiny agreed on 1 November 2023." in text
    assert "Call-in deadline Not applicable" in text


def test_decision_affecting_all_wards_says_all_wards(client) -> None:
    decision = published_decision(affects_all_wards=True)

    text = pdf_text(client.get(record_url(decision)).content)

    assert "Wards affected All wards" in text


def test_declared_interest_and_dispensation_are_printed(client) -> None:
    decision = published_decision()
    member = Person.objects.create(
        authority=decision.authority, name="Ann Example", kind=Person.Kind.COUNCILLOR
    )
    DeclaredInterest.objects.create(
        decision=decision,
        person=member,
        interest="Trustee of a bidding charity.",
        dispensation="Granted by the Chief Executive.",
    )

    text = pdf_text(client.get(record_url(decision)).content)

    assert "Councillor Ann Example Trustee of a bidding charity. Granted by the Chief" in text


def test_funding_in_pence_prints_the_pence_and_totals_exactly(client) -> None:
    decision = published_decision()
    for amount in ("1000.07", "2500000.00"):
        FundingLine.objects.create(
            decision=decision,
            amount=Decimal(amount),
            amount_as_printed="as printed",
            kind=FundingLine.Kind.BUDGET,
            financial_year="2025/26",
        )

    text = pdf_text(client.get(record_url(decision)).content)

    assert "£1,000.07" in text
    assert "Total of exact amounts £2,501,000.07" in text


# Conditional requests ------------------------------------------------------------------------


def test_repeat_request_with_the_etag_gets_304_and_the_same_etag(
    client, bnes_decision: Decision
) -> None:
    first = client.get(record_url(bnes_decision))

    repeat = client.get(record_url(bnes_decision), HTTP_IF_NONE_MATCH=first["ETag"])

    assert repeat.status_code == 304
    assert repeat["ETag"] == first["ETag"]
    assert repeat.content == b""


def test_repeat_request_if_modified_since_gets_304(client, bnes_decision: Decision) -> None:
    first = client.get(record_url(bnes_decision))

    repeat = client.get(record_url(bnes_decision), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert repeat.status_code == 304
    assert repeat["ETag"] == first["ETag"]


def test_changed_record_gets_a_new_etag_and_the_pdf(client, bnes_decision: Decision) -> None:
    with time_machine.travel(NOW, tick=False):
        first = client.get(record_url(bnes_decision))
    with time_machine.travel(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON), tick=False):
        bnes_decision.purpose = "A corrected purpose."
        bnes_decision.save()
        repeat = client.get(record_url(bnes_decision), HTTP_IF_NONE_MATCH=first["ETag"])

    assert repeat.status_code == 200
    assert repeat["ETag"] != first["ETag"]
    assert "A corrected purpose." in pdf_text(repeat.content)


def test_etag_changes_when_the_call_in_window_closes(client) -> None:
    decision = published_decision()
    with time_machine.travel(datetime(2023, 11, 14, 12, 0, tzinfo=LONDON), tick=False):
        while_open = client.get(record_url(decision))
    with time_machine.travel(datetime(2023, 11, 20, 12, 0, tzinfo=LONDON), tick=False):
        once_effective = client.get(record_url(decision), HTTP_IF_NONE_MATCH=while_open["ETag"])

    assert once_effective.status_code == 200
    assert "Call-in status Effective" in pdf_text(once_effective.content)


# Queries -------------------------------------------------------------------------------------


def add_rows_to(decision: Decision, count: int) -> None:
    """More of everything the record prints, so any query per row would show."""
    council = decision.authority
    officer_post = baker.make(Body, authority=council, kind=Body.Kind.OFFICER)
    member = baker.make(Person, authority=council, kind=Person.Kind.COUNCILLOR)
    start = decision.recommendations.count()
    for number in range(start, start + count):
        recommendation = Recommendation.objects.create(
            decision=decision,
            label=f"x{number}",
            heading=f"Heading {number}",
            text="To agree.",
            kind=Recommendation.Kind.AGREE,
            outcome=Recommendation.Outcome.APPROVED,
        )
        FundingLine.objects.create(
            decision=decision,
            recommendation=recommendation,
            amount=Decimal("1000.00"),
            amount_as_printed="£1,000",
            kind=FundingLine.Kind.SPEND,
            financial_year="2025/26",
        )
        Delegation.objects.create(
            decision=decision,
            recommendation=recommendation,
            delegate=officer_post,
            in_consultation_with=decision.decision_maker,
            scope="Anything.",
            money_limit=Decimal("5000.00"),
        )
        Document.objects.create(decision=decision, title=f"Appendix {number}", kind="appendix")
        contract = baker.make(Contract, authority=council, kind=Contract.Kind.CONTRACT)
        contract.decisions.add(decision)
        contract.suppliers.add(baker.make("commissioning.Supplier"))
        decision.wards.add(baker.make(Ward, authority=council))
        RelatedDecision.objects.create(
            decision=decision, reference=f"R{number}", related=published_decision()
        )
    DeclaredInterest.objects.create(decision=decision, person=member, interest="An interest.")


def test_record_pdf_queries_do_not_grow_with_rows(
    client, bnes_decision: Decision, django_assert_max_num_queries
) -> None:
    add_rows_to(bnes_decision, 1)
    with django_assert_max_num_queries(30) as few_rows:
        assert client.get(record_url(bnes_decision)).status_code == 200
    add_rows_to(bnes_decision, 6)

    with django_assert_max_num_queries(30) as many_rows:
        assert client.get(record_url(bnes_decision)).status_code == 200

    assert len(many_rows.captured_queries) == len(few_rows.captured_queries)


def test_conditional_304_needs_few_queries(
    client, bnes_decision: Decision, django_assert_max_num_queries
) -> None:
    first = client.get(record_url(bnes_decision))

    with django_assert_max_num_queries(8):
        repeat = client.get(record_url(bnes_decision), HTTP_IF_NONE_MATCH=first["ETag"])

    assert repeat.status_code == 304


# The forward plan ----------------------------------------------------------------------------


def plan_entry(council: object, **fields: object) -> ForwardPlanEntry:
    fields.setdefault("decision_maker", baker.make(Body, authority=council, kind=Body.Kind.CABINET))
    fields.setdefault("first_published", date(2026, 10, 1))
    fields.setdefault("intended_date", date(2026, 12, 15))
    return ForwardPlanEntry.objects.create(authority=council, **fields)


@pytest.fixture
def council() -> object:
    return factories.authority(name="Northshire Council", slug="northshire")


@time_machine.travel(NOW, tick=False)
def test_forward_plan_pdf_prints_each_published_entry(client, council: object) -> None:
    ward = Ward.objects.create(authority=council, name="Abbey")
    entry = plan_entry(
        council,
        title="Waste collection contract award",
        documents="Report of the Director of Place\n\n- Appendix A: evaluation",
        representations="Write to democratic.services@example.gov.uk by 1 December 2026.",
    )
    entry.wards.add(ward)

    response = client.get(FORWARD_PLAN_URL)
    text = pdf_text(response.content)

    assert response["Content-Type"] == "application/pdf"
    assert "Waste collection contract award" in text
    assert "Intended date of decision 15 December 2026" in text
    assert "First published 1 October 2026" in text
    assert "28 clear days' notice given (74 clear days)." in text
    assert "Report of the Director of Place Appendix A: evaluation" in text
    assert "Wards affected Abbey" in text
    assert "Write to democratic.services@example.gov.uk by 1 December 2026." in text
    assert "Taken in private No" in text


@time_machine.travel(NOW, tick=False)
def test_forward_plan_pdf_names_the_paragraph_of_a_private_entry(client, council: object) -> None:
    plan_entry(
        council,
        title="Acquisition of land at Mill Lane",
        is_private=True,
        exempt_paragraph="3",
        private_reason="The report contains the price offered.",
    )

    text = pdf_text(client.get(FORWARD_PLAN_URL).content)

    assert "Acquisition of land at Mill Lane" in text
    assert (
        "Schedule 12A to the Local Government Act 1972, paragraph 3 – Financial or business "
        "affairs of any particular person" in text
    )
    assert "The report contains the price offered." in text


@time_machine.travel(NOW, tick=False)
def test_forward_plan_pdf_leaves_out_entries_not_yet_published(client, council: object) -> None:
    plan_entry(council, title="Published notice")
    plan_entry(council, title="Notice due next week", first_published=date(2026, 12, 1))
    plan_entry(council, title="Notice still in draft", first_published=None)

    text = pdf_text(client.get(FORWARD_PLAN_URL).content)

    assert "Published notice" in text
    assert "Notice due next week" not in text
    assert "Notice still in draft" not in text


@time_machine.travel(NOW, tick=False)
def test_forward_plan_pdf_prints_the_general_exception_and_chair_notice(
    client, council: object
) -> None:
    plan_entry(
        council,
        title="Emergency housing grant",
        first_published=date(2026, 11, 20),
        intended_date=date(2026, 12, 1),
        notice=ForwardPlanEntry.Notice.GENERAL_EXCEPTION,
        chair_notified_on=date(2026, 11, 19),
    )

    text = pdf_text(client.get(FORWARD_PLAN_URL).content)

    assert "Less than 28 clear days' notice (10 clear days)." in text
    assert "general exception (regulation 10): the chair of scrutiny was notified on 19" in text


@time_machine.travel(NOW, tick=False)
def test_forward_plan_pdf_prints_the_special_urgency_agreement(client, council: object) -> None:
    plan_entry(
        council,
        title="Flood recovery works",
        first_published=date(2026, 11, 23),
        intended_date=date(2026, 11, 26),
        notice=ForwardPlanEntry.Notice.SPECIAL_URGENCY,
        chair_agreed_on=date(2026, 11, 23),
        chair_agreement="Councillor Jones agreed: the works cannot wait for the next meeting.",
    )

    text = pdf_text(client.get(FORWARD_PLAN_URL).content)

    assert "special urgency (regulation 11): the chair of scrutiny agreed on 23 November 2026" in (
        text
    )
    assert "Councillor Jones agreed: the works cannot wait for the next meeting." in text


@time_machine.travel(NOW, tick=False)
def test_forward_plan_pdf_for_one_council_leaves_out_the_others(client, council: object) -> None:
    plan_entry(council, title="Northshire matter")
    plan_entry(factories.authority(slug="southshire"), title="Southshire matter")

    response = client.get(FORWARD_PLAN_URL, {"authority": "northshire"})
    text = pdf_text(response.content)

    assert response["Content-Disposition"] == 'inline; filename="northshire-forward-plan.pdf"'
    assert "Northshire matter" in text
    assert "Southshire matter" not in text
    assert "Northshire Council" in text


def test_forward_plan_pdf_for_an_unknown_council_is_400_naming_authority(client) -> None:
    response = client.get(FORWARD_PLAN_URL, {"authority": "atlantis"})

    assert response.status_code == 400
    assert b"authority" in response.content
    assert b"atlantis" in response.content


@time_machine.travel(NOW, tick=False)
def test_forward_plan_pdf_queries_do_not_grow_with_entries(
    client, council: object, django_assert_max_num_queries
) -> None:
    plan_entry(council, title="First matter")
    with django_assert_max_num_queries(10) as few_entries:
        client.get(FORWARD_PLAN_URL)
    for number in range(6):
        entry = plan_entry(council, title=f"Matter {number}", lead_officer=baker.make(Person))
        entry.wards.add(baker.make(Ward, authority=council))

    with django_assert_max_num_queries(10) as many_entries:
        client.get(FORWARD_PLAN_URL)

    assert len(many_entries.captured_queries) == len(few_entries.captured_queries)


# Rendering -----------------------------------------------------------------------------------


def test_renderer_refuses_to_fetch_over_the_network() -> None:
    fetcher = pdf.LocalOnlyURLFetcher()

    for address in ("http://example.com/logo.png", "https://example.com/print.css"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(address)


def test_renderer_still_reads_inline_data() -> None:
    response = pdf.LocalOnlyURLFetcher().fetch("data:text/plain,hello")

    assert response.read() == b"hello"


@pytest.mark.parametrize(
    ("amount", "printed"),
    [
        ("18116521.00", "£18,116,521"),
        ("18116521.07", "£18,116,521.07"),
        ("0.50", "£0.50"),
        ("-250000.00", "\u2212£250,000"),
    ],
)
def test_pounds_are_printed_as_councils_print_them(amount: str, printed: str) -> None:
    assert formatting.money(Decimal(amount)) == printed
