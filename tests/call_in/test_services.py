"""The call-in workflow's services: publishing, requests, signatures and outcomes."""

from datetime import date, datetime, time

import pytest
import time_machine
from django.core.exceptions import ValidationError
from model_bakery import baker

from decisions.call_in.services import (
    call_in_record_final_outcome,
    call_in_record_outcome,
    call_in_request,
    call_in_sign,
    deadline_reminder_at,
    decision_publish,
)
from decisions.models import (
    Attendance,
    CallIn,
    CallInRuleVersion,
    Decision,
    Meeting,
    Role,
)
from decisions.rules.call_in import LONDON, CallInStatus
from tests import factories

pytestmark = pytest.mark.django_db

BNES_TITLE = "Community Services Transformation Programme - Preferred Delivery Options"


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def messages(error: ValidationError) -> str:
    return " ".join(message for messages in error.message_dict.values() for message in messages)


@pytest.fixture
def bnes(seeded) -> Decision:
    return Decision.objects.with_call_in_context().get(title__startswith=BNES_TITLE)


# The B&NES decision, replayed --------------------------------------------------------------------


def test_bnes_decision_is_open_on_14_november_closing_on_the_17th(bnes):
    assert bnes.call_in_status(at(2023, 11, 14, 12)) == CallInStatus.OPEN
    assert bnes.deadline == date(2023, 11, 17)


def test_bnes_decision_is_effective_on_18_november(bnes):
    assert bnes.call_in_status(at(2023, 11, 18, 0, 1)) == CallInStatus.EFFECTIVE


def test_bnes_decision_replayed_under_a_frozen_clock(bnes):
    with time_machine.travel(at(2023, 11, 14, 12), tick=False):
        assert bnes.call_in_status() == CallInStatus.OPEN
    with time_machine.travel(at(2023, 11, 18, 9), tick=False):
        assert bnes.call_in_status() == CallInStatus.EFFECTIVE


# Publishing ---------------------------------------------------------------------------------------


def unpublished(**fields: object) -> Decision:
    fields.setdefault("date_of_decision", date(2023, 11, 9))
    return factories.decision(**fields)


def test_publishing_fixes_the_dates_from_the_rule_and_records_who(django_user_model):
    clerk = django_user_model.objects.create_user("clerk")
    decision = decision_publish(decision=unpublished(), by=clerk, at=at(2023, 11, 10, 10))
    decision.refresh_from_db()
    assert decision.publication_date == date(2023, 11, 10)
    assert decision.call_in_deadline == date(2023, 11, 17)
    assert decision.effective_from == date(2023, 11, 18)
    latest = decision.history.latest()
    assert latest.history_user == clerk
    assert latest.history_change_reason == "Published"


def test_publishing_with_a_four_pm_rule_on_a_summer_time_day(django_user_model):
    decision = unpublished(date_of_decision=date(2023, 10, 19))
    CallInRuleVersion.objects.filter(authority=decision.authority).update(deadline_time=time(16))
    decision_publish(decision=decision, by=None, at=at(2023, 10, 20, 10))
    decision.refresh_from_db()
    assert decision.deadline == at(2023, 10, 27, 16)
    assert decision.deadline.utcoffset().total_seconds() == 3600


def test_decision_not_subject_to_call_in_needs_its_urgency_route_to_be_published():
    decision = unpublished()
    with pytest.raises(ValidationError) as caught:
        decision_publish(
            decision=decision, by=None, at=at(2023, 11, 10, 10), is_subject_to_call_in=False
        )
    assert "urgency route" in caught.value.message_dict["urgency"][0]
    decision.refresh_from_db()
    assert decision.publication_date is None
    assert decision.is_subject_to_call_in


def test_special_urgency_needs_the_agreement_recorded():
    with pytest.raises(ValidationError) as caught:
        decision_publish(
            decision=unpublished(),
            by=None,
            at=at(2023, 11, 10, 10),
            is_subject_to_call_in=False,
            urgency=Decision.Urgency.SPECIAL_URGENCY,
        )
    assert "urgency_note" in caught.value.message_dict


def test_urgent_decision_is_effective_on_publication():
    decision = unpublished(
        is_subject_to_call_in=False,
        urgency=Decision.Urgency.CONSTITUTION,
        urgency_note="Chair of scrutiny agreed on 9/11/2023",
    )
    decision_publish(decision=decision, by=None, at=at(2023, 11, 10, 10))
    decision.refresh_from_db()
    assert decision.effective_from == date(2023, 11, 10)
    assert decision.call_in_deadline is None
    assert decision.call_in_status(at(2023, 11, 10, 12)) == CallInStatus.NOT_SUBJECT


def test_publishing_twice_is_refused():
    decision = decision_publish(decision=unpublished(), by=None, at=at(2023, 11, 10, 10))
    with pytest.raises(ValidationError) as caught:
        decision_publish(decision=decision, by=None, at=at(2023, 11, 11, 10))
    assert "Already published on 10/11/2023" in messages(caught.value)


def test_report_not_yet_decided_cannot_be_published():
    decision = factories.decision(status=Decision.Status.FOR_DETERMINATION, date_of_decision=None)
    with pytest.raises(ValidationError) as caught:
        decision_publish(decision=decision, by=None, at=at(2023, 11, 10, 10))
    assert "Record the decision" in messages(caught.value)
    decision.refresh_from_db()
    assert decision.publication_date is None


def test_deadline_reminder_is_at_nine_two_working_days_before_on_either_side_of_a_clock_change():
    decision = decision_publish(
        decision=unpublished(date_of_decision=date(2023, 10, 20)), by=None, at=at(2023, 10, 23, 10)
    )
    # Deadline Monday 30 October (GMT); two working days before is Thursday 26 October (BST).
    assert decision.deadline == date(2023, 10, 30)
    reminder = deadline_reminder_at(decision)
    assert reminder == at(2023, 10, 26, 9)
    assert reminder.utcoffset().total_seconds() == 3600


# Requests and signatures -------------------------------------------------------------------------


def test_call_in_with_enough_signatures_is_valid_at_once(bnes):
    member = factories.councillor(bnes.authority, "Ann Member")
    request = call_in_request(
        decision=bnes, member=member, reasons="Costs unclear", at=at(2023, 11, 14, 12)
    )
    assert request.is_valid
    bnes.refresh_from_db()
    assert bnes.call_in_status(at(2023, 11, 20, 12)) == CallInStatus.CALLED_IN


def test_call_in_becomes_valid_when_the_co_signatory_confirms(bnes):
    CallInRuleVersion.objects.filter(authority=bnes.authority).update(signatories_required=2)
    lead, second = (
        factories.councillor(bnes.authority, "Ann Lead"),
        factories.councillor(bnes.authority, "Bob Second"),
    )
    request = call_in_request(
        decision=bnes,
        member=lead,
        reasons="Costs unclear",
        co_signatories=[second],
        at=at(2023, 11, 14, 12),
    )
    assert not request.is_valid
    call_in_sign(call_in=request, member=second, at=at(2023, 11, 15, 9))
    assert CallIn.objects.get(pk=request.pk).is_valid


def test_signature_after_the_deadline_is_refused_and_does_not_count(bnes):
    CallInRuleVersion.objects.filter(authority=bnes.authority).update(signatories_required=2)
    lead, second = (
        factories.councillor(bnes.authority, "Ann Lead"),
        factories.councillor(bnes.authority, "Bob Second"),
    )
    request = call_in_request(
        decision=bnes, member=lead, reasons="R", co_signatories=[second], at=at(2023, 11, 14, 12)
    )
    with pytest.raises(ValidationError) as caught:
        call_in_sign(call_in=request, member=second, at=at(2023, 11, 18, 9))
    assert "closed at the end of 17 November 2023" in messages(caught.value)
    assert not CallIn.objects.get(pk=request.pk).is_valid


def test_request_after_the_deadline_is_refused_with_the_deadline(bnes):
    member = factories.councillor(bnes.authority, "Late Member")
    with pytest.raises(ValidationError) as caught:
        call_in_request(decision=bnes, member=member, reasons="R", at=at(2023, 11, 18, 9))
    assert messages(caught.value) == (
        "The call-in period for this decision closed at the end of 17 November 2023."
    )
    assert not CallIn.objects.exists()


def test_executive_member_present_at_the_decision_cannot_call_it_in(bnes):
    member = factories.councillor(bnes.authority, "Cabinet Member")
    Attendance.objects.create(meeting=bnes.meeting, person=member)
    with pytest.raises(ValidationError) as caught:
        call_in_request(decision=bnes, member=member, reasons="R", at=at(2023, 11, 14, 12))
    assert "took part in this decision" in messages(caught.value)


def test_holder_of_the_deciding_post_cannot_call_it_in(bnes):
    member = factories.councillor(bnes.authority, "Portfolio Holder")
    Role.objects.create(person=member, title="Cabinet", body=bnes.decision_maker)
    with pytest.raises(ValidationError):
        call_in_request(decision=bnes, member=member, reasons="R", at=at(2023, 11, 14, 12))


def test_second_request_by_the_same_member_is_refused(bnes):
    member = factories.councillor(bnes.authority, "Ann Member")
    call_in_request(decision=bnes, member=member, reasons="R", at=at(2023, 11, 14, 12))
    with pytest.raises(ValidationError) as caught:
        call_in_request(decision=bnes, member=member, reasons="R", at=at(2023, 11, 14, 13))
    assert "already asked" in messages(caught.value)
    assert CallIn.objects.count() == 1


def test_request_without_reasons_is_refused_naming_the_field(bnes):
    member = factories.councillor(bnes.authority, "Ann Member")
    with pytest.raises(ValidationError) as caught:
        call_in_request(decision=bnes, member=member, reasons="  ", at=at(2023, 11, 14, 12))
    assert "reasons" in caught.value.message_dict


def test_member_cannot_sign_a_call_in_they_were_not_asked_to(bnes):
    lead, stranger = (
        factories.councillor(bnes.authority, "Ann Lead"),
        factories.councillor(bnes.authority, "Stray"),
    )
    request = call_in_request(decision=bnes, member=lead, reasons="R", at=at(2023, 11, 14, 12))
    with pytest.raises(ValidationError) as caught:
        call_in_sign(call_in=request, member=stranger, at=at(2023, 11, 14, 13))
    assert "not asked" in messages(caught.value)


# Outcomes ----------------------------------------------------------------------------------------


@pytest.fixture
def called_in(bnes) -> CallIn:
    member = factories.councillor(bnes.authority, "Ann Member")
    return call_in_request(decision=bnes, member=member, reasons="R", at=at(2023, 11, 14, 12))


def test_no_further_action_makes_the_decision_effective_on_the_outcome_date(called_in):
    clerk = baker.make("auth.User", username="clerk")
    meeting = baker.make(Meeting, authority=called_in.decision.authority, date=date(2023, 11, 28))
    call_in_record_outcome(
        call_in=called_in,
        outcome=CallIn.Outcome.NO_FURTHER_ACTION,
        on=date(2023, 11, 28),
        by=clerk,
        scrutiny_meeting=meeting,
    )
    decision = Decision.objects.with_call_in_context().get(pk=called_in.decision_id)
    assert decision.takes_effect_on() == date(2023, 11, 28)
    assert decision.call_in_status(at(2023, 11, 28, 12)) == CallInStatus.EFFECTIVE
    assert called_in.history.latest().history_user == clerk


def test_outcome_cannot_be_recorded_twice(called_in):
    call_in_record_outcome(
        call_in=called_in, outcome=CallIn.Outcome.REFERRED_BACK, on=date(2023, 11, 28), by=None
    )
    with pytest.raises(ValidationError) as caught:
        call_in_record_outcome(
            call_in=called_in,
            outcome=CallIn.Outcome.NO_FURTHER_ACTION,
            on=date(2023, 11, 29),
            by=None,
        )
    assert "already recorded" in messages(caught.value)


def test_invalid_call_in_has_no_outcome(bnes):
    CallInRuleVersion.objects.filter(authority=bnes.authority).update(signatories_required=3)
    request = call_in_request(
        decision=bnes,
        member=factories.councillor(bnes.authority, "Ann Lead"),
        reasons="R",
        at=at(2023, 11, 14, 12),
    )
    with pytest.raises(ValidationError) as caught:
        call_in_record_outcome(
            call_in=request,
            outcome=CallIn.Outcome.NO_FURTHER_ACTION,
            on=date(2023, 11, 28),
            by=None,
        )
    assert "not valid" in messages(caught.value)


def test_referred_back_decision_takes_effect_when_confirmed(called_in):
    call_in_record_outcome(
        call_in=called_in, outcome=CallIn.Outcome.REFERRED_BACK, on=date(2023, 11, 28), by=None
    )
    decision = Decision.objects.with_call_in_context().get(pk=called_in.decision_id)
    assert decision.call_in_status(at(2023, 12, 1, 12)) == CallInStatus.CALLED_IN
    call_in_record_final_outcome(
        call_in=called_in,
        final_outcome=CallIn.FinalOutcome.CONFIRMED,
        on=date(2023, 12, 5),
        by=None,
    )
    decision = Decision.objects.with_call_in_context().get(pk=called_in.decision_id)
    assert decision.takes_effect_on() == date(2023, 12, 5)


def test_final_outcome_needs_a_referral_first(called_in):
    with pytest.raises(ValidationError) as caught:
        call_in_record_final_outcome(
            call_in=called_in,
            final_outcome=CallIn.FinalOutcome.CONFIRMED,
            on=date(2023, 12, 5),
            by=None,
        )
    assert "referred back or to full Council" in messages(caught.value)
