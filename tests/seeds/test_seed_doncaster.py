"""The Doncaster seed: the key decision report on Specialist Home and Community Support.

Every fact the report prints is carried by fixtures/doncaster.json; these tests read it back
after the seed records are loaded exactly as `make run` loads them.
"""

from datetime import date
from decimal import Decimal

import pytest

from commissioning.models import Contract, FundingLine, ServiceVolume
from decisions.models import (
    Body,
    Decision,
    Directorate,
    Document,
    Option,
    Person,
    Recommendation,
    ReportSection,
    Risk,
    Role,
)

TITLE = "Commissioning Specialist Home and Community Support"
OPEN_FRAMEWORK = "Specialist Home and Community Support Open Framework"
HISTORIC_FRAMEWORK = "Historic specialist framework arrangement"


@pytest.fixture
def decision(seeded) -> Decision:
    return Decision.objects.get(authority__slug="doncaster", title=TITLE)


def volume(decision: Decision, unit: str) -> ServiceVolume:
    return decision.service_volumes.get(unit=unit)


# The decision ----------------------------------------------------------------------------------


def test_doncaster_decision_is_awaiting_determination_with_no_dates(decision):
    assert decision.status == Decision.Status.FOR_DETERMINATION
    assert decision.date_of_decision is None
    assert decision.publication_date is None
    assert decision.effective_from is None
    assert decision.call_in_deadline is None


def test_doncaster_decision_maker_is_the_cabinet_member_for_adult_social_care(decision):
    maker = decision.decision_maker
    assert maker.name == "Cabinet Member for Adult Social Care"
    assert maker.kind == Body.Kind.CABINET_MEMBER
    assert maker.is_executive
    assert maker.authority.slug == "doncaster"


def test_doncaster_relevant_cabinet_member_is_councillor_rachael_blake(decision):
    members = list(decision.relevant_members.all())
    assert [member.name for member in members] == ["Rachael Blake"]
    assert members[0].kind == Person.Kind.COUNCILLOR


def test_doncaster_decision_affects_all_wards(decision):
    assert decision.affects_all_wards
    assert not decision.wards.exists()


def test_doncaster_decision_is_a_key_decision(decision):
    assert decision.is_key_decision


def test_doncaster_decision_keeps_the_executive_default_of_call_in(decision):
    assert decision.is_subject_to_call_in
    assert decision.urgency == ""


def test_doncaster_call_in_status_is_awaiting_publication(decision):
    assert decision.call_in_status() == "awaiting_publication"


def test_doncaster_purpose_is_the_executive_summary(decision):
    assert decision.purpose.startswith(
        "This document outlines the recommendation to progress with the development of a "
        "Specialist Home and Community Support Open Framework arrangement"
    )
    assert decision.purpose.endswith("to deliver specialist services through an Open Framework.")


def test_doncaster_reasons_list_a_to_h_verbatim(decision):
    labels = [line[2:4] for line in decision.reasons.splitlines() if line.startswith("- ")]
    assert labels == ["a.", "b.", "c.", "d.", "e.", "f.", "g.", "h."]
    assert "- h. The old framework will be removed – the transfer of people" in decision.reasons
    assert "(as amended) may apply." in decision.reasons


def test_doncaster_alternative_options_is_option_2_do_nothing(decision):
    assert decision.alternative_options.startswith("Option 2 – Do nothing\n\n")
    assert "There are currently no arrangements in place to deliver specialist packages." in (
        decision.alternative_options
    )


# Recommendations ---------------------------------------------------------------------------------


def test_doncaster_has_recommendations_2_and_3_in_order(decision):
    assert [r.label for r in decision.recommendations.all()] == ["2", "3"]


def test_doncaster_recommendation_2_establishes_an_open_framework(decision):
    recommendation = decision.recommendations.get(label="2")
    assert recommendation.kind == Recommendation.Kind.ESTABLISH
    assert recommendation.text.startswith(
        "To establish an Open Framework arrangement to procure Specialist Home and Community "
        "Support providers"
    )
    assert recommendation.outcome == ""


def test_doncaster_recommendation_3_lists_the_key_requirements(decision):
    recommendation = decision.recommendations.get(label="3")
    assert recommendation.heading == "Key requirements within decision taken"
    assert recommendation.kind == Recommendation.Kind.OTHER
    assert recommendation.text.startswith("Agreement to the recommended decision confirms:\n\n")
    bullets = [line for line in recommendation.text.splitlines() if line.startswith("- ")]
    assert len(bullets) == 7
    assert bullets[-1].startswith("- Close and effective Contract Management")


# Options and risks -------------------------------------------------------------------------------


def test_doncaster_options_1_and_2_with_option_1_recommended(decision):
    options = list(decision.options.all())
    assert [(o.label, o.title, o.is_recommended) for o in options] == [
        (
            "1",
            "Establish a Specialist arrangement and use an Open Framework to broker and deliver "
            "personalised and flexible packages of care",
            True,
        ),
        ("2", "Do nothing", False),
    ]
    assert options[0].description.startswith("The procurement of bespoke packages")
    assert options[1].description.endswith("additional costs and a limited existing market place.")


def test_doncaster_has_four_risks_all_rated_2(decision):
    risks = list(decision.risks.all())
    assert len(risks) == 4
    assert {risk.rating for risk in risks} == {2}


def test_doncaster_risks_keep_their_order_and_mitigations(decision):
    risks = list(decision.risks.all())
    assert risks[0].description.startswith("As a result of not having any specialist provision")
    assert risks[0].mitigation.startswith("However, there continues to be requests")
    assert risks[3].description.startswith("There is a risk that specialist provision won't")
    assert "around 30 providers showed interest" in risks[3].mitigation


# Money and volumes -------------------------------------------------------------------------------


def test_doncaster_historic_spend_is_around_765000_for_12_10_2015_to_06_11_2016(decision):
    line = decision.funding_lines.get(amount_as_printed="around £765,000")
    assert line.amount == Decimal("765000.00")
    assert line.precision == "approximate"
    assert line.kind == FundingLine.Kind.SPEND
    assert line.recurrence == FundingLine.Recurrence.ONE_OFF
    assert (line.period_start, line.period_end) == (date(2015, 10, 12), date(2016, 11, 6))
    assert line.contract.title == HISTORIC_FRAMEWORK


def test_doncaster_current_home_care_is_circa_760000_per_year(decision):
    line = decision.funding_lines.get(amount_as_printed="circa £760,000 per year")
    assert line.amount == Decimal("760000.00")
    assert line.precision == "approximate"
    assert line.recurrence == FundingLine.Recurrence.PER_YEAR
    assert line.kind == FundingLine.Kind.SPEND
    assert "within existing budgets" in line.description


def test_doncaster_28_new_entrants_in_the_year_before_ccash(decision):
    entrants = volume(decision, ServiceVolume.Unit.NEW_ENTRANTS)
    assert entrants.quantity == Decimal("28")
    assert entrants.as_printed == "28"
    assert entrants.precision == "exact"
    assert (entrants.period_start, entrants.period_end) == (date(2015, 10, 12), date(2016, 11, 6))


def test_doncaster_existing_services_are_153_packages(decision):
    packages = volume(decision, ServiceVolume.Unit.PACKAGES)
    assert packages.quantity == Decimal("153")
    assert packages.as_printed == "153 packages"
    assert packages.contract.title == HISTORIC_FRAMEWORK


def test_doncaster_existing_services_are_delivered_by_five_organisations(decision):
    organisations = volume(decision, ServiceVolume.Unit.ORGANISATIONS)
    assert organisations.quantity == Decimal("5")
    assert organisations.as_printed == "five organisations"
    assert organisations.contract.title == HISTORIC_FRAMEWORK


def test_doncaster_existing_services_are_just_over_1000_hours_a_week(decision):
    hours = volume(decision, ServiceVolume.Unit.HOURS_PER_WEEK)
    assert hours.quantity == Decimal("1000")
    assert hours.precision == "at_least"
    assert hours.as_printed == "just over 1000 hours a week"


# Contracts ---------------------------------------------------------------------------------------


def test_doncaster_open_framework_is_planned_under_the_light_touch_regime(decision):
    framework = Contract.objects.get(authority__slug="doncaster", title=OPEN_FRAMEWORK)
    assert framework.kind == Contract.Kind.OPEN_FRAMEWORK
    assert framework.status == Contract.Status.PLANNED
    assert framework.regime == Contract.Regime.PCR_2015_LIGHT_TOUCH
    assert list(framework.decisions.all()) == [decision]


def test_doncaster_open_framework_tupe_may_apply(decision):
    framework = decision.contracts.get(title=OPEN_FRAMEWORK)
    assert framework.tupe == Contract.Tupe.MAY_APPLY


def test_doncaster_open_framework_route_is_due_diligence_then_procontract_call_off(decision):
    route = decision.contracts.get(title=OPEN_FRAMEWORK).procurement_route
    assert "due diligence" in route
    assert "ProContract" in route
    assert "Brokerage Team" in route


def test_doncaster_historic_framework_is_active_with_no_invented_dates(seeded):
    historic = Contract.objects.get(authority__slug="doncaster", title=HISTORIC_FRAMEWORK)
    assert historic.kind == Contract.Kind.FRAMEWORK
    assert historic.status == Contract.Status.ACTIVE
    assert (historic.start_date, historic.end_date) == (None, None)
    assert not historic.decisions.exists()


# People and documents ----------------------------------------------------------------------------


def test_doncaster_report_author_is_teresa_bainbridge_with_phone_and_email(decision):
    author = decision.report_author
    assert author.name == "Teresa Bainbridge"
    assert author.kind == Person.Kind.OFFICER
    assert author.telephone == "01302 862058"
    assert author.email == "teresa.bainbridge@doncaster.gov.uk"
    assert [role.title for role in author.roles.all()] == ["Commissioning Officer"]


def test_doncaster_contributor_is_damian_allen_director_of_people(decision):
    contributors = list(decision.report_contributors.all())
    assert [person.name for person in contributors] == ["Damian Allen"]
    assert [role.title for role in contributors[0].roles.all()] == ["Director of People"]


def test_doncaster_background_paper_is_the_due_regards_statement(decision):
    document = decision.documents.get()
    assert document.title == "Due Regards Statement Specialist Home and Community Support"
    assert document.kind == Document.Kind.BACKGROUND_PAPER
    assert not document.is_exempt


# Report sections ---------------------------------------------------------------------------------


def test_doncaster_report_sections_follow_the_report_with_their_kinds(decision):
    assert [(s.kind, s.heading) for s in decision.sections.all()] == [
        ("executive_summary", "EXECUTIVE SUMMARY"),
        ("for_citizens", "WHAT DOES THIS MEAN FOR THE CITIZENS OF DONCASTER?"),
        ("background", "BACKGROUND"),
        ("impact_on_outcomes", "IMPACT ON THE COUNCIL'S KEY OUTCOMES"),
        ("legal", "LEGAL IMPLICATIONS"),
        ("financial", "FINANCIAL IMPLICATIONS"),
        ("human_resources", "HUMAN RESOURCES IMPLICATIONS"),
        ("technology", "TECHNOLOGY IMPLICATIONS"),
        ("equality", "EQUALITY IMPLICATIONS"),
        ("consultation", "CONSULTATION"),
    ]


def test_doncaster_background_section_keeps_stage_1_and_stage_2(decision):
    text = decision.sections.get(kind=ReportSection.Kind.BACKGROUND).text
    assert text.startswith("5. During the development phase")
    paragraphs = text.split("\n\n")
    assert "Stage 1" in paragraphs
    assert "Stage 2" in paragraphs
    assert paragraphs[-1].endswith("managed through the Brokerage Team.")


def test_doncaster_impact_section_is_plain_text_outcome_lines(decision):
    text = decision.sections.get(kind=ReportSection.Kind.IMPACT_ON_OUTCOMES).text
    assert "<" not in text
    outcomes = text.split("\n\n")
    assert len(outcomes) == 6
    assert outcomes[2].splitlines()[0] == (
        "People in Doncaster benefit from a high quality built and natural environment. — None"
    )
    assert "- Mayoral Priority: Be a strong voice for our veterans" in outcomes[0].splitlines()


def test_doncaster_technology_section_joins_the_page_break(decision):
    text = decision.sections.get(kind=ReportSection.Kind.TECHNOLOGY).text
    assert "early in the process to fully consider any arising IT implications." in text


# Validation --------------------------------------------------------------------------------------


def test_every_doncaster_record_passes_model_validation(decision):
    records = [
        *Body.objects.filter(authority__slug="doncaster"),
        *Directorate.objects.filter(authority__slug="doncaster"),
        *Person.objects.filter(authority__slug="doncaster"),
        *Role.objects.filter(person__authority__slug="doncaster"),
        *Decision.objects.filter(authority__slug="doncaster"),
        *Recommendation.objects.filter(decision__authority__slug="doncaster"),
        *ReportSection.objects.filter(decision__authority__slug="doncaster"),
        *Option.objects.filter(decision__authority__slug="doncaster"),
        *Risk.objects.filter(decision__authority__slug="doncaster"),
        *Document.objects.filter(decision__authority__slug="doncaster"),
        *Contract.objects.filter(authority__slug="doncaster"),
        *FundingLine.objects.filter(decision__authority__slug="doncaster"),
        *ServiceVolume.objects.filter(decision__authority__slug="doncaster"),
    ]
    # 34 records of the report, with the directorate and the officer post of its authors.
    assert len(records) == 36
    for record in records:
        record.full_clean()


def test_doncaster_decision_history_starts_with_its_created_entry(decision):
    assert [entry.history_type for entry in decision.history.all()] == ["+"]
