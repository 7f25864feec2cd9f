"""Model invariants: clean() names the field, and the database refuses what clean() would."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from model_bakery import baker

from commissioning.models import FundingLine
from decisions.models import CallIn, CallInRuleVersion, CallInSignature, ClosureDay, Decision
from tests import factories

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def validation_messages(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


# Effective date -------------------------------------------------------------------------------


def test_effective_date_before_decision_without_reason_is_refused_by_clean():
    decision = factories.decision(date_of_decision=date(2023, 11, 9))
    decision.effective_from = date(2023, 11, 1)
    with pytest.raises(ValidationError) as caught:
        decision.full_clean()
    assert "before the date of decision" in validation_messages(caught.value, "effective_from")


def test_effective_date_before_decision_without_reason_is_refused_by_the_database():
    decision = factories.decision(date_of_decision=date(2023, 11, 9))
    decision.effective_from = date(2023, 11, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        decision.save()


def test_effective_date_before_decision_with_a_recorded_reason_is_kept():
    decision = factories.decision(
        date_of_decision=date(2023, 11, 9),
        effective_from=date(2023, 11, 1),
        effective_from_note="Ratifies action taken under urgency on 1 November 2023.",
    )
    decision.full_clean()
    decision.refresh_from_db()
    assert decision.effective_from == date(2023, 11, 1)


def test_decided_decision_needs_a_date():
    decision = factories.decision()
    decision.date_of_decision = None
    with pytest.raises(ValidationError) as caught:
        decision.full_clean()
    assert "date of decision" in validation_messages(caught.value, "date_of_decision")


def test_not_subject_to_call_in_needs_an_urgency_route():
    decision = factories.decision()
    decision.is_subject_to_call_in = False
    with pytest.raises(ValidationError) as caught:
        decision.full_clean()
    assert "urgency route" in validation_messages(caught.value, "urgency")
    with pytest.raises(IntegrityError), transaction.atomic():
        decision.save()


def test_exempt_decision_needs_its_schedule_12a_paragraph():
    decision = factories.decision()
    decision.is_exempt = True
    with pytest.raises(ValidationError) as caught:
        decision.full_clean()
    assert "Schedule 12A" in validation_messages(caught.value, "exempt_paragraph")


def test_reference_is_unique_within_an_authority_but_may_repeat_across_them():
    first = factories.decision(reference="E3393")
    factories.decision(reference="E3393")  # another authority: allowed
    factories.decision(authority=first.authority, reference="")
    factories.decision(authority=first.authority, reference="")  # no reference: allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.decision(authority=first.authority, reference="E3393")


# Money ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [("2024/26", "after 2024 comes 25"), ("24/25", "like 2024/25"), ("2024-25", "like 2024/25")],
)
def test_impossible_financial_year_is_refused_naming_the_field(value, problem):
    line = FundingLine(
        decision=factories.decision(),
        amount=Decimal("100.00"),
        amount_as_printed="£100",
        kind=FundingLine.Kind.BUDGET,
        financial_year=value,
    )
    with pytest.raises(ValidationError) as caught:
        line.full_clean()
    assert problem in validation_messages(caught.value, "financial_year")


def test_financial_year_spanning_the_century_is_accepted():
    line = FundingLine(
        decision=factories.decision(),
        amount=Decimal("1.00"),
        amount_as_printed="£1",
        kind=FundingLine.Kind.BUDGET,
        financial_year="2099/00",
    )
    line.full_clean()


def test_negative_liability_is_refused_by_clean_and_database():
    line = FundingLine(
        decision=factories.decision(),
        amount=Decimal("-18116521.00"),
        amount_as_printed="-£18,116,521",
        kind=FundingLine.Kind.LIABILITY,
    )
    with pytest.raises(ValidationError) as caught:
        line.full_clean()
    assert "Only a saving can be negative" in validation_messages(caught.value, "amount")
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()


def test_saving_may_be_recorded_as_a_reduction():
    line = FundingLine.objects.create(
        decision=factories.decision(),
        amount=Decimal("-250000.00"),
        amount_as_printed="saving of £250,000",
        kind=FundingLine.Kind.SAVING,
    )
    line.refresh_from_db()
    assert line.amount == Decimal("-250000.00")


def test_funding_period_must_not_end_before_it_starts():
    line = FundingLine(
        decision=factories.decision(),
        amount=Decimal("765000.00"),
        amount_as_printed="£765,000",
        kind=FundingLine.Kind.SPEND,
        period_start=date(2016, 11, 6),
        period_end=date(2015, 10, 12),
    )
    with pytest.raises(ValidationError) as caught:
        line.full_clean()
    assert "ends before it starts" in validation_messages(caught.value, "period_end")
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()


def test_amount_keeps_exact_pence():
    line = FundingLine.objects.create(
        decision=factories.decision(),
        amount=Decimal("18116521.07"),
        amount_as_printed="£18,116,521.07",
        kind=FundingLine.Kind.LIABILITY,
    )
    line.refresh_from_db()
    assert line.amount == Decimal("18116521.07")


# Call-in requests ------------------------------------------------------------------------------


def published_decision() -> Decision:
    decision = factories.decision(
        date_of_decision=date(2023, 11, 9), publication_date=date(2023, 11, 10)
    )
    decision.fill_computed_dates()
    decision.save()
    return decision


def test_call_in_received_after_the_deadline_is_kept_and_flagged_invalid():
    decision = published_decision()
    member = baker.make("decisions.Person", authority=decision.authority, kind="councillor")
    late = datetime(2023, 11, 18, 9, 0, tzinfo=LONDON)
    request = CallIn.objects.create(decision=decision, received_at=late, reasons="Late reasons")
    CallInSignature.objects.create(call_in=request, member=member, confirmed_at=late)

    assert CallIn.objects.filter(pk=request.pk).exists()
    assert not request.is_valid
    # Signed after the window closed, the signature does not count either.
    assert request.validity_problems() == [
        "Received after the call-in deadline of 17 November 2023.",
        "0 signatures confirmed, 1 needed.",
    ]
    assert decision.call_in_status(at=late) == "effective"


def test_call_in_in_time_with_enough_signatures_suspends_the_decision():
    decision = published_decision()
    member = baker.make("decisions.Person", authority=decision.authority, kind="councillor")
    received = datetime(2023, 11, 15, 11, 0, tzinfo=LONDON)
    request = CallIn.objects.create(decision=decision, received_at=received, reasons="Reasons")
    CallInSignature.objects.create(call_in=request, member=member, confirmed_at=received)

    assert request.is_valid
    assert decision.call_in_status(at=datetime(2023, 11, 20, tzinfo=LONDON)) == "called_in"
    assert decision.takes_effect_on() is None


def test_call_in_short_of_the_signatures_the_rule_requires_is_invalid():
    decision = published_decision()
    decision.authority.call_in_rules.update(signatories_required=2)
    member = baker.make("decisions.Person", authority=decision.authority, kind="councillor")
    received = datetime(2023, 11, 15, 11, 0, tzinfo=LONDON)
    request = CallIn.objects.create(decision=decision, received_at=received, reasons="Reasons")
    CallInSignature.objects.create(call_in=request, member=member, confirmed_at=received)

    assert request.validity_problems() == ["1 signature confirmed, 2 needed."]


def test_no_further_action_makes_the_decision_effective_on_the_outcome_date():
    decision = published_decision()
    member = baker.make("decisions.Person", authority=decision.authority, kind="councillor")
    received = datetime(2023, 11, 15, 11, 0, tzinfo=LONDON)
    request = CallIn.objects.create(decision=decision, received_at=received, reasons="Reasons")
    CallInSignature.objects.create(call_in=request, member=member, confirmed_at=received)
    request.outcome = CallIn.Outcome.NO_FURTHER_ACTION
    request.outcome_date = date(2023, 11, 28)
    request.save()

    assert decision.takes_effect_on() == date(2023, 11, 28)
    assert decision.call_in_status(at=datetime(2023, 11, 27, 12, tzinfo=LONDON)) == "closed"
    assert decision.call_in_status(at=datetime(2023, 11, 28, 12, tzinfo=LONDON)) == "effective"


# The authority's rule, through the model ---------------------------------------------------


def test_decision_uses_the_rule_in_force_on_its_publication_date():
    decision = published_decision()
    CallInRuleVersion.objects.create(
        authority=decision.authority, valid_from=date(2024, 1, 1), days=10, deadline_time=time(16)
    )
    assert decision.computed_call_in_deadline() == date(2023, 11, 17)

    later = factories.decision(
        authority=decision.authority,
        date_of_decision=date(2024, 3, 1),
        publication_date=date(2024, 3, 4),
    )
    assert later.computed_call_in_deadline() == datetime(2024, 3, 18, 16, tzinfo=LONDON)


def test_closure_days_push_the_deadline_back():
    decision = published_decision()
    ClosureDay.objects.create(
        authority=decision.authority, date=date(2023, 11, 13), reason="Office move"
    )
    assert decision.computed_call_in_deadline() == date(2023, 11, 20)
    assert "3 days earlier" in decision.effective_date_difference()


def test_fill_computed_dates_keeps_recorded_official_dates():
    decision = factories.decision(
        date_of_decision=date(2013, 12, 19),
        publication_date=date(2013, 12, 19),
        effective_from=date(2014, 1, 1),
    )
    decision.fill_computed_dates()
    assert decision.effective_from == date(2014, 1, 1)
    assert decision.call_in_deadline == date(2013, 12, 30)
    assert decision.computed_effective_from() == date(2013, 12, 31)
    assert "1 January 2014" in decision.effective_date_difference()


def test_decision_changes_are_kept_in_history_with_who_and_when(django_user_model):
    clerk = django_user_model.objects.create_user("clerk")
    decision = factories.decision(title="First title")
    decision.title = "Second title"
    decision._history_user = clerk
    decision.save()

    titles = list(decision.history.order_by("history_date").values_list("title", flat=True))
    assert titles == ["First title", "Second title"]
    latest = decision.history.latest()
    assert latest.history_user == clerk
    assert latest.history_date is not None


def test_fill_computed_dates_leaves_out_a_deadline_that_contradicts_the_official_date():
    decision = factories.decision(
        date_of_decision=date(2023, 11, 9),
        publication_date=date(2023, 11, 10),
        effective_from=date(2023, 11, 15),
    )
    decision.fill_computed_dates()
    assert decision.call_in_deadline is None
    assert decision.effective_from == date(2023, 11, 15)
    assert "3 days earlier" in decision.effective_date_difference()
