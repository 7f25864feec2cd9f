"""Defects 10 to 12 of the trial (issue 10): the register's home page, filters and links."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse

from decisions.models import Decision, Document, RelatedDecision, Ward
from decisions.printing import render as pdf
from decisions.rules import call_in as call_in_rules
from tests import factories

pytestmark = pytest.mark.django_db


# 10. The home page's latest decisions -------------------------------------------------------


def test_home_lists_latest_decisions_newest_decided_first(client):
    council = factories.authority(slug="home-order")
    # Published the other way round from when they were decided: the date of decision leads.
    for reference, decided, published in [
        ("OLD", date(2024, 1, 10), date(2024, 6, 1)),
        ("NEW", date(2024, 5, 20), date(2024, 5, 21)),
        ("MID", date(2024, 3, 1), date(2024, 3, 2)),
    ]:
        factories.decision(
            authority=council,
            reference=reference,
            title=f"Decision {reference}",
            date_of_decision=decided,
            publication_date=published,
            effective_from=published,
        )
    response = client.get(reverse("home"))
    assert [decision.reference for decision in response.context["latest"]] == ["NEW", "MID", "OLD"]


def test_home_breaks_a_tie_of_decision_dates_by_publication_newest_first(client):
    council = factories.authority(slug="home-tie")
    for reference, published in [("FIRST", date(2024, 5, 21)), ("LATER", date(2024, 5, 28))]:
        factories.decision(
            authority=council,
            reference=reference,
            date_of_decision=date(2024, 5, 20),
            publication_date=published,
            effective_from=published,
        )
    response = client.get(reverse("home"))
    assert [decision.reference for decision in response.context["latest"]] == ["LATER", "FIRST"]


# 11. The ward filter, and the call-in rule stated ------------------------------------------


def test_register_offers_no_ward_filter_when_no_council_records_wards(client):
    factories.decision(publication_date=date(2024, 5, 21), effective_from=date(2024, 5, 29))
    response = client.get(reverse("decision-list"))
    assert "ward" not in response.context["filter"].form.fields
    assert 'name="ward"' not in response.content.decode()


def test_register_offers_the_ward_filter_when_there_are_wards(client):
    council = factories.authority(slug="with-wards")
    Ward.objects.create(authority=council, name="Abbey")
    response = client.get(reverse("decision-list"))
    assert "Abbey (" in response.content.decode()


def test_ward_filter_is_left_out_for_a_chosen_council_without_wards(client):
    Ward.objects.create(authority=factories.authority(slug="with-wards"), name="Abbey")
    factories.authority(slug="no-wards")
    response = client.get(reverse("decision-list"), {"authority": "no-wards"})
    assert 'name="ward"' not in response.content.decode()


def test_decision_page_states_the_call_in_rule_in_plain_english(client):
    decision = factories.decision(
        reference="R1", publication_date=date(2024, 5, 21), effective_from=date(2024, 5, 29)
    )
    response = client.get(decision.get_absolute_url())
    assert (
        "Councillors can call in a decision for scrutiny within 5 clear working days after it "
        "is published, until the end of the last of those days."
    ) in response.content.decode()


def test_decision_page_states_a_rule_with_a_deadline_time_and_signatures():
    rule = call_in_rules.CallInRule(days=3, deadline_time=time(16, 0), signatories_required=2)
    words = call_in_rules.rule_in_words(rule)
    assert "within 3 clear working days after it is published, until 4pm on the last" in words
    assert "needs the signatures of two councillors" in words


def test_decision_not_subject_to_call_in_states_no_rule(client):
    decision = factories.decision(
        reference="U1",
        publication_date=date(2024, 5, 21),
        effective_from=date(2024, 5, 21),
        is_subject_to_call_in=False,
        urgency=Decision.Urgency.SPECIAL_URGENCY,
    )
    response = client.get(decision.get_absolute_url())
    assert "Councillors can call in a decision" not in response.content.decode()


# 12. Documents and related decisions that look like links -------------------------------


def test_issue_document_without_an_address_is_not_a_link_and_says_so(client, seeded):
    response = client.get(reverse("issue-detail", args=[100]))
    content = response.content.decode()
    assert "Community Services Design - Update Position" in content
    assert "not available online" in content
    assert 'class="govuk-link" href="">' not in content


def test_issue_document_with_an_address_links_to_it(client, seeded):
    Document.objects.filter(pk=100).update(url="https://democracy.bathnes.gov.uk/doc.pdf")
    response = client.get(reverse("issue-detail", args=[100]))
    assert '<a class="govuk-link" href="https://democracy.bathnes.gov.uk/doc.pdf">' in (
        response.content.decode()
    )


@pytest.fixture
def bnes(seeded) -> Decision:
    return Decision.objects.get(pk=100)


def cited(bnes: Decision, reference: str, **fields: object) -> Decision:
    fields.setdefault("date_of_decision", date(2023, 7, 19))
    fields.setdefault("publication_date", date(2023, 7, 20))
    fields.setdefault("effective_from", date(2023, 7, 28))
    return factories.decision(authority=bnes.authority, reference=reference, **fields)


def test_cited_decision_in_the_register_is_linked_by_its_reference(client, bnes):
    e3393 = cited(bnes, "E3393", title="Transfer of Adult Social Care")
    response = client.get(bnes.get_absolute_url())
    assert f'<a class="govuk-link" href="{e3393.get_absolute_url()}">Transfer Decision' in (
        response.content.decode()
    )


def test_cited_decision_that_is_exempt_is_not_linked(client, bnes):
    e3469 = cited(bnes, "E3469", is_exempt=True, exempt_paragraph="3")
    content = client.get(bnes.get_absolute_url()).content.decode()
    assert "Update on Contractual Arrangement Decision 23/24 (Ref: E3469)" in content
    assert e3469.get_absolute_url() not in content


def test_cited_decision_linked_by_hand_but_unpublished_is_not_linked(client, bnes):
    unpublished = cited(bnes, "E3469", publication_date=None, effective_from=None)
    RelatedDecision.objects.filter(reference="E3469").update(related=unpublished)
    content = client.get(bnes.get_absolute_url()).content.decode()
    assert "(Ref: E3469)" in content
    assert unpublished.get_absolute_url() not in content


def test_record_pdf_links_the_cited_decision_by_its_reference(bnes):
    e3393 = cited(bnes, "E3393")
    context = pdf.record_context(bnes, at=datetime(2026, 1, 5, tzinfo=call_in_rules.LONDON))
    linked = {citation.reference: citation.linked for citation in context["citations"]}
    assert linked == {"E3393": e3393, "E3469": None}
