"""The Herefordshire seed records carry the facts of their two documents exactly.

(A) The written statement of the Cabinet key decision of 3 November 2016, "Redesign and
commissioning of home care services" (Help to Live at Home), converted from PDF with repeated,
garbled passages: only the clean text of each passage is kept, once.
(B) The ModernGov "Decision details" of 19 December 2013, "Adult Social Care Next Stage
Integration - Commissioning of Day Opportunities".
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import models

from commissioning.models import Contract, ContractExtension, FundingLine, ServiceVolume
from decisions.models import (
    AgendaItem,
    Attendance,
    Body,
    CallIn,
    Decision,
    DeclaredInterest,
    Delegation,
    Document,
    Issue,
    Meeting,
    OfficerDecision,
    Option,
    Person,
    Recommendation,
    RelatedDecision,
    ReportSection,
    Risk,
    Role,
)

pytestmark = pytest.mark.django_db

HOME_CARE = "Redesign and commissioning of home care services"
DAY_OPPORTUNITIES = "Adult Social Care Next Stage Integration - Commissioning of Day Opportunities"
HEREFORDSHIRE = "herefordshire"

# How each model reaches its authority, to gather every Herefordshire record.
AUTHORITY_PATHS = {
    Body: "authority",
    Person: "authority",
    Role: "person__authority",
    Issue: "authority",
    Meeting: "authority",
    Attendance: "meeting__authority",
    AgendaItem: "meeting__authority",
    Decision: "authority",
    Recommendation: "decision__authority",
    Option: "decision__authority",
    Risk: "decision__authority",
    ReportSection: "decision__authority",
    RelatedDecision: "decision__authority",
    DeclaredInterest: "decision__authority",
    Document: "decision__authority",
    Delegation: "decision__authority",
    OfficerDecision: "authority",
    CallIn: "decision__authority",
    Contract: "authority",
    ContractExtension: "contract__authority",
    FundingLine: "decision__authority",
    ServiceVolume: "decision__authority",
}


def herefordshire_records() -> list[models.Model]:
    return [
        record
        for model, path in AUTHORITY_PATHS.items()
        for record in model.objects.filter(**{f"{path}__slug": HEREFORDSHIRE})
    ]


def home_care() -> Decision:
    return Decision.objects.get(authority__slug=HEREFORDSHIRE, title=HOME_CARE)


def day_opportunities() -> Decision:
    return Decision.objects.get(authority__slug=HEREFORDSHIRE, title=DAY_OPPORTUNITIES)


def recommendation(decision: Decision, label: str) -> Recommendation:
    return decision.recommendations.get(label=label)


def help_to_live_at_home() -> Contract:
    return Contract.objects.get(authority__slug=HEREFORDSHIRE, title="Help to Live at Home")


def existing_home_care_framework() -> Contract:
    return Contract.objects.get(
        authority__slug=HEREFORDSHIRE, title__startswith="Home care framework"
    )


# Every record ---------------------------------------------------------------------------------


def test_every_herefordshire_record_passes_model_validation(seeded):
    records = herefordshire_records()
    assert len(records) >= 40
    for record in records:
        record.full_clean()


def test_herefordshire_records_use_primary_keys_300_to_399(seeded):
    assert all(300 <= record.pk <= 399 for record in herefordshire_records())


@pytest.mark.parametrize("token", ["59m", "sife", "exita", "nove to zones", "seamles "])
def test_no_garbled_conversion_token_appears_in_any_herefordshire_text(seeded, token):
    for record in herefordshire_records():
        for field in record._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(record, field.attname) or ""
                assert token not in value, f"{token!r} in {record._meta.label}.{field.name}"


# (A) Home care: the decision ------------------------------------------------------------------


def test_home_care_decision_maker_is_herefordshire_executive_cabinet(seeded):
    maker = home_care().decision_maker
    assert (maker.name, maker.kind, maker.is_executive) == ("Cabinet", "cabinet", True)
    assert maker.authority.name == "Herefordshire Council"


def test_home_care_decision_is_an_approved_key_decision(seeded):
    decision = home_care()
    assert decision.status == Decision.Status.APPROVED
    assert decision.is_key_decision is True


def test_home_care_decision_is_neither_exempt_nor_confidential(seeded):
    decision = home_care()
    assert (decision.is_exempt, decision.is_confidential, decision.exempt_paragraph) == (
        False,
        False,
        "",
    )


def test_home_care_decision_took_no_urgency_route_so_is_subject_to_call_in(seeded):
    decision = home_care()
    assert decision.is_subject_to_call_in is True
    assert decision.urgency == ""


def test_home_care_key_decision_reason_names_expenditure_and_two_or_more_wards(seeded):
    reason = home_care().key_decision_reason
    assert "significant having regard to the council's budget for the service or function" in (
        reason
    )
    assert "communities living or working in two or more wards in the county" in reason


def test_home_care_purpose_is_help_to_live_at_home(seeded):
    assert home_care().purpose == (
        "To agree the redesign and procurement of a home care service to be known as "
        "Help to Live at Home."
    )


def test_home_care_decided_3_november_2016_with_no_publication_date_printed(seeded):
    decision = home_care()
    assert decision.date_of_decision == date(2016, 11, 3)
    assert decision.publication_date is None


def test_home_care_signed_by_the_leader_of_the_council_on_3_november_2016(seeded):
    decision = home_care()
    assert decision.signed_by.name == "AW Johnson"
    assert decision.signed_on == date(2016, 11, 3)
    assert list(decision.signed_by.roles.values_list("title", flat=True)) == [
        "Leader of the Council"
    ]


def test_home_care_records_no_declared_conflict_of_interest(seeded):
    assert not home_care().interests.exists()


# (A) Home care: the meeting -------------------------------------------------------------------


def test_home_care_decided_at_cabinet_on_3_november_2016(seeded):
    meeting = home_care().meeting
    assert meeting.body == home_care().decision_maker
    assert meeting.date == date(2016, 11, 3)


def test_home_care_members_present_with_their_roles_in_printed_order(seeded):
    attendance = home_care().meeting.attendance.all()
    assert [(a.person.name, a.role_at_meeting, a.status) for a in attendance] == [
        ("AW Johnson", "Leader", "present"),
        ("H Bramer", "", "present"),
        ("D Harlow", "", "present"),
        ("PM Morgan", "Deputy Leader", "present"),
        ("PD Price", "", "present"),
    ]


def test_home_care_members_present_are_councillors(seeded):
    kinds = {a.person.kind for a in home_care().meeting.attendance.all()}
    assert kinds == {Person.Kind.COUNCILLOR}


# (A) Home care: recommendations, reasons, options ---------------------------------------------


def test_home_care_recommendations_a_to_d_have_their_kinds_and_were_approved(seeded):
    recommendations = home_care().recommendations.all()
    assert [(r.label, r.kind, r.outcome) for r in recommendations] == [
        ("(a)", "adopt", "approved"),
        ("(b)", "approve", "approved"),
        ("(c)", "delegate", "approved"),
        ("(d)", "authorise", "approved"),
    ]


def test_home_care_recommendation_a_adopts_the_redesigned_model(seeded):
    assert recommendation(home_care(), "(a)").text == (
        "a redesigned model of home care as set out within the Vision and Delivery Document "
        "in appendix one is adopted;"
    )


def test_home_care_recommendation_b_approves_procurement_at_a_recommended_hourly_rate(seeded):
    assert recommendation(home_care(), "(b)").text == (
        "procurement of approved providers be undertaken with a recommended hourly rate as set "
        "out within the legal and financial implications sections;"
    )


def test_home_care_recommendation_c_delegates_for_five_years(seeded):
    assert recommendation(home_care(), "(c)").text == (
        "approval of the detailed service specification for the redesigned service and the "
        "final decision to approve acceptance of providers meeting the qualification criteria "
        "onto the framework in each zone, be delegated to the director for adults and wellbeing "
        "for the total contract period of five years;"
    )


def test_home_care_recommendation_d_authorises_extension_until_31_march_2018(seeded):
    assert recommendation(home_care(), "(d)").text == (
        "the director for adults and wellbeing be authorised to extend the existing contractual "
        "arrangements, if required and within existing budgetary provision for up to a 9 month "
        "period, until 31 March 2018."
    )


@pytest.mark.parametrize(
    "passage",
    [
        "cease on 30 June 2017",
        "is £9m for approximately 900 service users at any one time",
        "procurement procedures set out in the Public Contracts Regulations 2015",
        "envisaged start date for the new service of July 2017",
        "to enable a seamless mobilisation",
        "(move to zones);",
        "The extension will be dependent on the outcome of the procurement process.",
    ],
)
def test_home_care_reasons_carry_each_clean_passage_exactly_once(seeded, passage):
    assert home_care().reasons.count(passage) == 1


def test_home_care_reasons_list_the_drivers_for_change_as_bullets(seeded):
    reasons = home_care().reasons
    assert "These are:\n- to redesign and recommission home care" in reasons
    assert "\n- to enable the council to manage the increasing demand" in reasons


def test_home_care_reasons_list_why_transition_is_complex_as_three_bullets(seeded):
    paragraph = next(
        p for p in home_care().reasons.split("\n\n") if "The transition will be complex" in p
    )
    bullets = [line for line in paragraph.splitlines() if line.startswith("- ")]
    assert bullets == [
        "- the significant reduction in service providers from those currently contracted "
        "across the county (move to zones);",
        "- the potential requirement for extra capacity to undertake any necessary reviews; and",
        "- supporting service users and the implementation of system changes to accommodate "
        "different pricing bands within zones.",
    ]


def test_home_care_three_options_considered_none_recommended(seeded):
    options = home_care().options.all()
    assert [(o.title, o.is_recommended) for o in options] == [
        (
            "To continue with the current model of service and contractual arrangements",
            False,
        ),
        ("To procure the home care service without a competitive tender process", False),
        ("To adopt an alternative model of service based on different geographical zoning", False),
    ]


def test_home_care_alternative_options_text_carries_the_three_options(seeded):
    paragraphs = home_care().alternative_options.split("\n\n")
    assert len(paragraphs) == 3
    assert all("This option is not recommended" in p for p in paragraphs)


# (A) Home care: money, contracts, delegations -------------------------------------------------


def test_home_care_budget_is_exactly_9m_for_2017_18_for_about_900_service_users(seeded):
    line = home_care().funding_lines.get()
    assert line.amount == Decimal("9000000.00")
    assert (line.amount_as_printed, line.kind, line.financial_year) == ("£9m", "budget", "2017/18")
    assert (line.service_users, line.service_users_precision) == (900, "approximate")
    assert line.description == (
        "indicative revenue budget for directly commissioned home care services"
    )


def test_home_care_budget_belongs_to_the_help_to_live_at_home_framework(seeded):
    assert home_care().funding_lines.get().contract == help_to_live_at_home()


def test_help_to_live_at_home_is_a_five_year_framework_by_zones(seeded):
    framework = help_to_live_at_home()
    assert (framework.kind, framework.lots, framework.duration_months) == (
        "framework",
        "zones",
        60,
    )


def test_help_to_live_at_home_is_procured_under_the_light_touch_regime(seeded):
    framework = help_to_live_at_home()
    assert framework.regime == Contract.Regime.PCR_2015_LIGHT_TOUCH
    assert framework.status == Contract.Status.PROCUREMENT


def test_help_to_live_at_home_has_no_start_date_only_july_2017_envisaged(seeded):
    framework = help_to_live_at_home()
    assert framework.start_date is None
    assert "July 2017" in framework.description


def test_help_to_live_at_home_was_authorised_by_the_home_care_decision(seeded):
    assert list(help_to_live_at_home().decisions.all()) == [home_care()]


def test_existing_home_care_framework_ends_30_june_2017(seeded):
    framework = existing_home_care_framework()
    assert (framework.kind, framework.current_status(), framework.end_date) == (
        "framework",
        Contract.Status.ENDED,
        date(2017, 6, 30),
    )
    assert "supported living" in framework.title
    assert "skills for daily living" in framework.title


def test_existing_framework_extension_of_up_to_9_months_to_31_march_2018_is_authorised(seeded):
    extension = existing_home_care_framework().extensions.get()
    assert (extension.length_months, extension.length_precision) == (9, "at_most")
    assert extension.latest_end == date(2018, 3, 31)
    assert (extension.status, extension.decided_on) == ("authorised", date(2016, 11, 3))
    assert extension.decision == home_care()
    assert "within existing budgetary provision" in extension.conditions
    assert "dependent on the outcome of the procurement process" in extension.conditions


def test_home_care_specification_and_framework_acceptance_delegated_for_five_years(seeded):
    delegation = home_care().delegations.get(recommendation__label="(c)")
    assert delegation.delegate.name == "Director for Adults and Wellbeing"
    assert delegation.delegate.kind == Body.Kind.OFFICER
    assert delegation.duration_months == 60
    assert "acceptance of providers meeting the qualification criteria" in delegation.scope


def test_home_care_extension_delegated_up_to_9_months_until_31_march_2018_within_budget(seeded):
    delegation = home_care().delegations.get(recommendation__label="(d)")
    assert delegation.delegate.name == "Director for Adults and Wellbeing"
    assert (delegation.duration_months, delegation.duration_precision) == (9, "at_most")
    assert delegation.ends == date(2018, 3, 31)
    assert delegation.within_existing_budget is True


# (A) Home care: the effective date against the rule -------------------------------------------


def test_home_care_keeps_its_printed_effective_date_of_9_november_2016(seeded):
    assert home_care().effective_from == date(2016, 11, 9)


def test_home_care_rule_gives_11_november_2016(seeded):
    # Five clear working days after Thursday 3 November 2016: 4, 7, 8, 9, 10 November.
    assert home_care().computed_effective_from() == date(2016, 11, 11)


def test_home_care_effective_date_difference_names_both_dates(seeded):
    difference = home_care().effective_date_difference()
    assert "9 November 2016" in difference
    assert "11 November 2016" in difference


# (B) Day Opportunities ------------------------------------------------------------------------


def test_day_opportunities_is_a_cabinet_key_decision_with_recommendations_approved(seeded):
    decision = day_opportunities()
    assert decision.decision_maker == home_care().decision_maker
    assert decision.status == Decision.Status.RECOMMENDATIONS_APPROVED
    assert decision.is_key_decision is True


def test_day_opportunities_is_subject_to_call_in(seeded):
    decision = day_opportunities()
    assert decision.is_subject_to_call_in is True
    assert decision.urgency == ""


def test_day_opportunities_reason_key_as_printed(seeded):
    assert day_opportunities().key_decision_reason == (
        "Expenditure and strategic nature / impact on communities;"
    )


def test_day_opportunities_purpose_is_verbatim(seeded):
    assert day_opportunities().purpose == (
        "To gain agreement to the underpinning principles, the specification, process and "
        "transition plans to support the procurement and implementation plan for the day "
        "opportunities that are part of the Next Stage Integration (NSI) programme."
    )


def test_day_opportunities_published_and_decided_19_december_2013(seeded):
    decision = day_opportunities()
    assert decision.publication_date == date(2013, 12, 19)
    assert decision.date_of_decision == date(2013, 12, 19)


def test_day_opportunities_recommendations_a_to_e_have_their_kinds(seeded):
    recommendations = day_opportunities().recommendations.all()
    assert [(r.label, r.kind) for r in recommendations] == [
        ("(a)", "agree"),
        ("(b)", "authorise"),
        ("(c)", "note"),
        ("(d)", "note"),
        ("(e)", "other"),
    ]


def test_day_opportunities_recommendation_a_keeps_the_2014_15_budget(seeded):
    assert recommendation(day_opportunities(), "(a)").text == (
        "The Cabinet agreed to implement the approach as set out in this paper to deliver the "
        "Day Opportunities Services currently provided by the Council within the budget for "
        "2014/15 and;"
    )


def test_day_opportunities_recommendation_b_lists_four_principles(seeded):
    lines = recommendation(day_opportunities(), "(b)").text.splitlines()
    assert lines[0] == (
        "The Director for Adult Wellbeing be authorised to proceed to invitation to tender for "
        "Day Opportunities based on the following principles"
    )
    assert [line.split(" ", 1)[0] for line in lines[1:]] == ["1", "2", "3", "4"]


def test_day_opportunities_recommendation_c_has_its_missing_space_restored(seeded):
    text = recommendation(day_opportunities(), "(c)").text
    assert "2 Community based opportunities for people that are likely" in text
    assert "opportunitiesfor" not in text


def test_day_opportunities_recommendation_d_is_verbatim_with_whitespace_tidied(seeded):
    assert recommendation(day_opportunities(), "(d)").text == (
        "Note the commitment to continue to consult with Service Users, Staff and Suppliers to "
        "ensure a good level of understanding of the reasons for the council’s approach, "
        "addressing concerns where possible and to fulfil the Council’s duty to undertake "
        "meaningful consultation;"
    )


def test_day_opportunities_recommendation_e_plans_assessment_of_255_service_users(seeded):
    text = recommendation(day_opportunities(), "(e)").text
    assert text.startswith("Development of a Day Opportunities implementation plan")
    assert "1 Effective and efficient management of the assessments of the current 255" in text


def test_day_opportunities_recommendation_texts_carry_no_runs_of_whitespace(seeded):
    for item in day_opportunities().recommendations.all():
        assert "  " not in item.text
        assert all(line == line.strip() for line in item.text.splitlines())


def test_day_opportunities_covers_the_current_255_service_users(seeded):
    volume = day_opportunities().service_volumes.get()
    assert (volume.quantity, volume.unit, volume.precision) == (
        Decimal("255"),
        ServiceVolume.Unit.SERVICE_USERS,
        "exact",
    )
    assert volume.as_printed == "the current 255 service users"


def test_day_opportunities_tender_delegated_to_the_director_for_adult_wellbeing(seeded):
    delegation = day_opportunities().delegations.get()
    assert delegation.recommendation.label == "(b)"
    assert (delegation.delegate.name, delegation.delegate.kind) == (
        "Director for Adult Wellbeing",
        Body.Kind.OFFICER,
    )
    assert delegation.scope.startswith("To proceed to invitation to tender for Day Opportunities")


def test_day_opportunities_reasons_are_numbered_1_to_5(seeded):
    paragraphs = day_opportunities().reasons.split("\n\n")
    assert [p.split(" ", 1)[0] for p in paragraphs] == ["1", "2", "3", "4", "5"]
    assert paragraphs[0].startswith("1 At its meeting of July 25th 2013, Cabinet agreed")


def test_day_opportunities_two_alternative_options_considered(seeded):
    decision = day_opportunities()
    assert [p.split(" ", 1)[0] for p in decision.alternative_options.split("\n\n")] == ["1", "2"]
    assert [(o.label, o.is_recommended) for o in decision.options.all()] == [
        ("1", False),
        ("2", False),
    ]


# (B) Day Opportunities: the effective date against the rule -----------------------------------


def test_day_opportunities_keeps_its_printed_effective_date_of_1_january_2014(seeded):
    assert day_opportunities().effective_from == date(2014, 1, 1)


def test_day_opportunities_rule_gives_31_december_2013_over_the_christmas_bank_holidays(seeded):
    # Five clear working days after Thursday 19 December 2013: 20, 23, 24, 27 and 30 December
    # (25 and 26 December are bank holidays), so effective the day after, 31 December.
    assert day_opportunities().computed_effective_from() == date(2013, 12, 31)


def test_day_opportunities_effective_date_difference_names_both_dates(seeded):
    difference = day_opportunities().effective_date_difference()
    assert "1 January 2014" in difference
    assert "31 December 2013" in difference
