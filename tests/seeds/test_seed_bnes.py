"""The B&NES seed records carry every fact printed in the two seed documents.

000: Cabinet decision of 9 November 2023, "Community Services Transformation Programme -
Preferred Delivery Options for 2024-25 and 2025-26" (ModernGov "Decision details").
001: the "Issue - meetings" page for "Community Services Transformation Programme - Adult Social
Care", Cabinet 10/11/2022, item 44.
"""

from datetime import date
from decimal import Decimal

import pytest

from commissioning.models import Contract, ContractExtension, FundingLine, Supplier
from decisions.models import (
    AgendaItem,
    Body,
    Decision,
    Delegation,
    Document,
    Issue,
    Meeting,
    Option,
    Person,
    Recommendation,
    RelatedDecision,
)

pytestmark = pytest.mark.django_db

BNES = "bathnes"
TITLE = (
    "Community Services Transformation Programme - Preferred Delivery Options for 2024-25 and "
    "2025-26"
)
ISSUE_TITLE = "Community Services Transformation Programme - Adult Social Care"
ASC_HEADING = "Transfer of Adult Social Care services"
PUBLIC_HEALTH_HEADING = "Commissioning of Public Health services"


def decision() -> Decision:
    return Decision.objects.get(authority__slug=BNES, title=TITLE)


def item_44() -> AgendaItem:
    return AgendaItem.objects.get(
        meeting__authority__slug=BNES, meeting__date=date(2022, 11, 10), number="44"
    )


def existing_contract() -> Contract:
    return Contract.objects.get(
        authority__slug=BNES, kind=Contract.Kind.CONTRACT, suppliers__name="HCRG Care Group"
    )


def interim_arrangement() -> Contract:
    return Contract.objects.get(authority__slug=BNES, kind=Contract.Kind.INTERIM_ARRANGEMENT)


# The decision (000) ---------------------------------------------------------------------------


def test_bnes_decision_is_made_by_the_executive_cabinet(seeded):
    maker = decision().decision_maker
    assert (maker.name, maker.kind, maker.is_executive) == ("Cabinet", Body.Kind.CABINET, True)


def test_bnes_decision_is_an_approved_key_decision_subject_to_call_in(seeded):
    record = decision()
    assert record.status == Decision.Status.APPROVED
    assert record.is_key_decision is True
    assert record.is_subject_to_call_in is True


def test_bnes_decision_prints_no_reference_of_its_own(seeded):
    assert decision().reference == ""


def test_bnes_decision_dates_are_9_10_and_18_november_2023(seeded):
    record = decision()
    assert record.date_of_decision == date(2023, 11, 9)
    assert record.publication_date == date(2023, 11, 10)
    assert record.effective_from == date(2023, 11, 18)


def test_bnes_recorded_effective_date_agrees_with_the_bnes_rule(seeded):
    assert decision().effective_date_difference() is None


def test_bnes_computed_call_in_deadline_is_17_november_2023(seeded):
    record = decision()
    assert record.computed_call_in_deadline() == date(2023, 11, 17)
    assert record.call_in_deadline == date(2023, 11, 17)  # filled from the rule on loading


def test_bnes_decision_was_decided_at_cabinet_on_9_november_2023(seeded):
    meeting = decision().meeting
    assert (meeting.date, meeting.body.name) == (date(2023, 11, 9), "Cabinet")


def test_bnes_purpose_keeps_its_a_to_e_list(seeded):
    purpose = decision().purpose
    assert purpose.startswith("B&NES provides advance notice of the following update decisions")
    lines = purpose.split("\n\n")[1].splitlines()
    assert [line[:2] for line in lines] == ["a.", "b.", "c.", "d.", "e."]
    assert lines[1] == "b. approve funding for interim contract arrangement 2024/25;"
    assert lines[3] == "d. agree next phase for the Community Wellbeing Hub; and the council’s role"


def test_bnes_reasons_record_the_substantial_assurance_audit_outcome(seeded):
    reasons = decision().reasons
    assert "the Assurance Rating given was Level 4 – Substantial Assurance:" in reasons
    assert '"robust and comprehensive"' in reasons
    assert len(reasons.split("\n\n")) == 8
    assert reasons.endswith("while a potential new procurement regime settles in.")


def test_bnes_alternative_options_name_the_green_book_appraisal(seeded):
    alternatives = decision().alternative_options
    assert alternatives.startswith("All feasible options have been considered")
    assert "HMT Green Book compliant long-list to short-list options appraisal" in alternatives
    assert alternatives.endswith("net present social value (NPSV).")


def test_bnes_report_author_is_officer_claire_thorogood(seeded):
    author = decision().report_author
    assert (author.name, author.kind) == ("Claire Thorogood", Person.Kind.OFFICER)


# Recommendations -------------------------------------------------------------------------------


def test_bnes_decision_has_eight_recommendations_with_their_printed_kinds(seeded):
    recommendations = decision().recommendations.order_by("order")
    assert [(r.label, r.kind) for r in recommendations] == [
        ("1", Recommendation.Kind.NOTE),
        ("2", Recommendation.Kind.ENDORSE),
        ("3", Recommendation.Kind.APPROVE),
        ("4", Recommendation.Kind.ENDORSE),
        ("5", Recommendation.Kind.APPROVE),
        ("6", Recommendation.Kind.APPROVE),
        ("7", Recommendation.Kind.ENDORSE),
        ("8", Recommendation.Kind.AGREE),
    ]


def test_bnes_recommendations_sit_under_their_printed_headings(seeded):
    headings = list(decision().recommendations.order_by("order").values_list("heading", flat=True))
    assert headings == [ASC_HEADING] * 2 + [PUBLIC_HEALTH_HEADING] * 6


def test_bnes_recommendations_were_all_approved(seeded):
    outcomes = set(decision().recommendations.values_list("outcome", flat=True))
    assert outcomes == {Recommendation.Outcome.APPROVED}


def test_bnes_recommendation_texts_are_verbatim(seeded):
    texts = dict(decision().recommendations.values_list("label", "text"))
    assert texts["1"] == (
        "To note the update on progress of the transfer of Adult Social Care (ASC) services and "
        "the outcome of the internal audit."
    )
    assert texts["2"].endswith("to support the move to a balanced budget.")
    assert "(Transfer Decision Ref: E3393)" in texts["2"]
    assert texts["5"].startswith(
        "To approve the revised best estimate of funding liability of £18,116,521"
    )
    assert "commencing to inform a final OBC. A subsequent paper" in texts["8"]


# Delegations -----------------------------------------------------------------------------------


def test_bnes_asc_transfer_delegation_continues_with_the_director_of_adult_social_services(
    seeded,
):
    delegation = Delegation.objects.get(decision=decision(), recommendation__label="2")
    assert delegation.delegate.name == "Director of Adult Social Services"
    assert delegation.delegate.kind == Body.Kind.OFFICER
    assert delegation.in_consultation_with.name == "Lead Cabinet member for Adult Services"
    assert delegation.in_consultation_with.kind == Body.Kind.CABINET_MEMBER
    assert delegation.is_continuation is True
    assert "transfer of ASC services" in delegation.scope


def test_bnes_public_health_commissioning_is_delegated_to_its_director(seeded):
    delegation = Delegation.objects.get(decision=decision(), recommendation__label="3")
    assert delegation.delegate.name == "Director of Public Health and Prevention"
    assert delegation.delegate.kind == Body.Kind.OFFICER
    assert delegation.in_consultation_with.name == "Lead Cabinet member for Adult Services"
    assert delegation.is_continuation is False
    assert "commissioning of Public Health services" in delegation.scope


def test_bnes_decision_gives_exactly_two_delegations(seeded):
    assert decision().delegations.count() == 2


# Funding ---------------------------------------------------------------------------------------


def test_bnes_funding_liability_is_exactly_18116521_for_2024_25(seeded):
    line = FundingLine.objects.get(decision=decision())
    assert line.amount == Decimal("18116521.00")
    assert line.amount_as_printed == "£18,116,521"
    assert line.precision == "exact"
    assert line.kind == FundingLine.Kind.LIABILITY
    assert line.financial_year == "2024/25"


def test_bnes_funding_liability_belongs_to_recommendation_5_and_the_interim_arrangement(seeded):
    line = FundingLine.objects.get(decision=decision())
    assert line.recommendation.label == "5"
    assert line.contract == interim_arrangement()


def test_bnes_funding_liability_says_what_it_covers(seeded):
    description = FundingLine.objects.get(decision=decision()).description
    assert "Community Health, Public Health and Community Partners delivered services" in (
        description
    )
    assert "the Council’s contribution towards the Better Care Fund (BCF)" in description


# Contracts -------------------------------------------------------------------------------------


def test_bnes_existing_hcrg_contract_ends_on_31_march_2024(seeded):
    contract = existing_contract()
    assert contract.end_date == date(2024, 3, 31)
    assert list(contract.suppliers.values_list("name", flat=True)) == ["HCRG Care Group"]
    assert "health, social care and public health services" in contract.title


def test_bnes_three_year_extension_was_not_exercised_by_the_decision_of_26_may_2022(seeded):
    extension = ContractExtension.objects.get(contract=existing_contract())
    assert extension.length_months == 36
    assert extension.status == ContractExtension.Status.NOT_EXERCISED
    assert extension.decided_on == date(2022, 5, 26)


def test_bnes_interim_arrangement_runs_for_2024_25_to_31_march_2025(seeded):
    contract = interim_arrangement()
    assert contract.start_date == date(2024, 4, 1)
    assert contract.end_date == date(2025, 3, 31)


def test_bnes_interim_arrangement_funding_was_authorised_by_the_decision(seeded):
    assert list(interim_arrangement().decisions.all()) == [decision()]
    assert not existing_contract().decisions.exists()


# Citations -------------------------------------------------------------------------------------


def test_bnes_decision_cites_the_transfer_decision_e3393_of_november_2022(seeded):
    citation = RelatedDecision.objects.get(decision=decision(), reference="E3393")
    assert (citation.title, citation.when) == ("Transfer Decision", "November 2022")
    assert citation.agenda_item == item_44()
    assert "November 2022 Cabinet approval for the transfer of ASC" in citation.note


def test_bnes_decision_cites_the_contractual_arrangement_decision_e3469_of_july_2023(seeded):
    citation = RelatedDecision.objects.get(decision=decision(), reference="E3469")
    assert citation.title == "Update on Contractual Arrangement Decision 23/24"
    assert citation.when == "July 2023"


# The issue and item 44 (001) -------------------------------------------------------------------


def test_bnes_decision_and_item_44_follow_the_same_issue(seeded):
    issue = Issue.objects.get(authority__slug=BNES, title=ISSUE_TITLE)
    assert decision().issue == issue
    assert item_44().issue == issue


def test_bnes_item_44_is_at_cabinet_on_10_november_2022(seeded):
    item = item_44()
    assert item.title == "Community Services Design - Update Position"
    assert item.meeting.body.name == "Cabinet"
    assert Meeting.objects.filter(authority__slug=BNES).count() == 2


def test_bnes_item_44_summary_is_the_options_appraisal_paragraph(seeded):
    summary = item_44().summary
    assert summary.startswith("Following the options appraisal by the Council and Clinical")
    assert summary.endswith("the service delivery model for Adult Social Care services.")


def test_bnes_item_44_was_introduced_by_cllr_born_and_seconded_by_cllr_romero(seeded):
    item = item_44()
    assert (item.introduced_by.name, item.introduced_by.kind) == ("Alison Born", "councillor")
    assert (item.seconded_by.name, item.seconded_by.kind) == ("Dine Romero", "councillor")


def test_bnes_item_44_minutes_carry_the_statements_without_the_link_text(seeded):
    minutes = item_44().minutes
    assert minutes.startswith("Cllr Alison Born introduced the report")
    assert "stems from the decision taken on 26th May 2022" in minutes
    assert "Cllr Dine Romero seconded the motion" in minutes
    assert "Cllr Vic Pritchard stated that the Council should be prudent" in minutes
    assert "view the full minutes text" not in minutes
    assert Person.objects.get(authority__slug=BNES, name="Vic Pritchard").kind == "councillor"


def test_bnes_item_44_report_is_a_590_kb_pdf(seeded):
    report = Document.objects.get(agenda_item=item_44())
    assert report.kind == Document.Kind.REPORT
    assert report.size_as_printed == "PDF 590 KB"


def test_bnes_item_44_considered_three_options_and_recommended_in_sourcing(seeded):
    options = Option.objects.filter(agenda_item=item_44()).order_by("order")
    assert [(o.title, o.is_recommended) for o in options] == [
        ("Re-commissioning service delivery for B&NES", False),
        ("In-sourcing service delivery i.e., bringing social care staff back in-house", True),
        ("Setting up a new organisation to deliver services in B&NES", False),
    ]


# Validation ------------------------------------------------------------------------------------


def bnes_records() -> list:
    decisions = Decision.objects.filter(authority__slug=BNES)
    querysets = [
        Body.objects.filter(authority__slug=BNES),
        Person.objects.filter(authority__slug=BNES),
        Issue.objects.filter(authority__slug=BNES),
        Meeting.objects.filter(authority__slug=BNES),
        AgendaItem.objects.filter(meeting__authority__slug=BNES),
        Document.objects.filter(agenda_item__meeting__authority__slug=BNES),
        Document.objects.filter(decision__in=decisions),
        Option.objects.filter(agenda_item__meeting__authority__slug=BNES),
        Option.objects.filter(decision__in=decisions),
        decisions,
        Recommendation.objects.filter(decision__in=decisions),
        RelatedDecision.objects.filter(decision__in=decisions),
        Delegation.objects.filter(decision__in=decisions),
        Contract.objects.filter(authority__slug=BNES),
        ContractExtension.objects.filter(contract__authority__slug=BNES),
        FundingLine.objects.filter(decision__in=decisions),
        Supplier.objects.filter(contracts__authority__slug=BNES).distinct(),
    ]
    return [record for queryset in querysets for record in queryset]


def test_every_bnes_record_passes_model_validation(seeded):
    records = bnes_records()
    assert len(records) == 34
    for record in records:
        record.full_clean()
