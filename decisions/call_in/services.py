from collections.abc import Iterable
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from decisions.models import (
    Attendance,
    CallIn,
    CallInSignature,
    Decision,
    Meeting,
    Notification,
    Person,
)
from decisions.models.history import attributed
from decisions.models.locks import call_ins_for_update, decisions_for_update
from decisions.rules import call_in as call_in_rules
from decisions.rules import working_days
from decisions.rules.call_in import CallInStatus, closing_words
from decisions.types import User

REMINDER_TIME = time(9, 0)

REMINDER_WORKING_DAYS = 2


def _locked(decision: Decision) -> Decision:
    return decisions_for_update().with_call_in_context().get(pk=decision.pk)


def decision_publish(
    *,
    decision: Decision,
    by: User,
    at: datetime,
    is_subject_to_call_in: bool | None = None,
    urgency: str | None = None,
    urgency_note: str | None = None,
) -> Decision:
    """Publish the record: fix the publication date, the call-in deadline and effective date.

    Democratic services may settle at publication whether it is subject to call-in, and under which
    urgency route it is not; a decision not subject to call-in must say which route exempts it.
    """
    from decisions.notifications.services import notify

    with transaction.atomic():
        decision = _locked(decision)
        for field, value in (
            ("is_subject_to_call_in", is_subject_to_call_in),
            ("urgency", urgency),
            ("urgency_note", urgency_note),
        ):
            if value is not None:
                setattr(decision, field, value)
        if decision.publication_date is not None:
            raise ValidationError(
                {"publication_date": f"Already published on {decision.publication_date:%d/%m/%Y}."}
            )
        if (
            decision.date_of_decision is None
            or decision.status == Decision.Status.FOR_DETERMINATION
        ):
            raise ValidationError(
                {"date_of_decision": "Record the decision and its date before publishing it."}
            )
        if not decision.is_subject_to_call_in and not decision.urgency:
            raise ValidationError(
                {
                    "urgency": "This decision is not subject to call-in: record the urgency route "
                    "that exempts it (general exception, special urgency with the agreement "
                    "recorded, or the constitution's urgency rule) before publishing."
                }
            )
        if decision.urgency == Decision.Urgency.SPECIAL_URGENCY and not decision.urgency_note:
            raise ValidationError(
                {"urgency_note": "Record who agreed the special urgency, and when."}
            )
        decision.publication_date = timezone.localdate(at)
        decision.call_in_deadline = decision.call_in_deadline_time = None
        decision.effective_from = None
        decision.fill_computed_dates()
        decision.full_clean()
        attributed(decision, by, "Published")
        decision.save()
        notify(kind=Notification.Kind.PUBLISHED, decision=decision)
        reminder = deadline_reminder_at(decision)
        if reminder is not None and reminder > at:
            notify(kind=Notification.Kind.DEADLINE_SOON, decision=decision, send_after=reminder)
    return decision


def deadline_reminder_at(decision: Decision) -> datetime | None:
    """9am on the working day two working days before the call-in deadline."""
    if decision.deadline is None:
        return None
    day = working_days.subtract_working_days(
        call_in_rules.deadline_day(decision.deadline),
        REMINDER_WORKING_DAYS,
        nation=decision.authority.nation,
        closure_days=decision.authority.closure_dates(),
    )
    return datetime.combine(day, REMINDER_TIME, tzinfo=call_in_rules.LONDON)


def took_part(decision: Decision) -> set[int]:
    """Executive members who took part: present at the meeting, or holding the decision
    maker's post (a Cabinet Member deciding alone)."""
    people = set(
        Person.objects.filter(roles__body=decision.decision_maker_id).values_list("pk", flat=True)
    )
    if decision.meeting_id:
        people |= set(
            Attendance.objects.filter(
                meeting=decision.meeting_id, status=Attendance.Status.PRESENT
            ).values_list("person_id", flat=True)
        )
    return people


def _refuse_if_closed(decision: Decision, at: datetime) -> None:
    if decision.deadline is not None and call_in_rules.deadline_passed(decision.deadline, at):
        raise ValidationError(
            {
                "__all__": "The call-in period for this decision closed at "
                f"{closing_words(decision.deadline)}."
            }
        )


def _refuse_unless_open(decision: Decision, at: datetime) -> None:
    status = decision.call_in_status(at)
    if status == CallInStatus.OPEN:
        return
    _refuse_if_closed(decision, at)
    raise ValidationError(
        {"__all__": f"This decision cannot be called in: {status.label.lower()}."}
    )


def call_in_request(
    *,
    decision: Decision,
    member: Person,
    reasons: str,
    co_signatories: Iterable[Person] = (),
    at: datetime,
) -> CallIn:
    """A councillor asks for the decision to be called in; co-signatories confirm later."""
    from decisions.notifications.services import notify

    co_signatories = list(co_signatories)
    with transaction.atomic():
        decision = _locked(decision)
        errors: dict[str, str] = {}
        if not reasons.strip():
            errors["reasons"] = "Enter the reasons for calling the decision in."
        if member.kind != Person.Kind.COUNCILLOR or member.authority_id != decision.authority_id:
            errors["__all__"] = "Only a councillor of the council can ask for a call-in."
        participants = took_part(decision)
        if member.pk in participants:
            errors["__all__"] = (
                "You took part in this decision as an executive member, so you cannot call it in."
            )
        signed = set(
            CallInSignature.objects.filter(call_in__decision=decision).values_list(
                "member_id", flat=True
            )
        )
        if member.pk in signed:
            errors["__all__"] = "You have already asked for this decision to be called in."
        others = [person for person in co_signatories if person.pk != member.pk]
        for person in others:
            if (
                person.kind != Person.Kind.COUNCILLOR
                or person.authority_id != decision.authority_id
            ):
                errors["co_signatories"] = f"{person.name} is not a councillor of this council."
            elif person.pk in participants:
                errors["co_signatories"] = f"{person.name} took part in the decision."
            elif person.pk in signed:
                errors["co_signatories"] = f"{person.name} has already signed a call-in of it."
        if errors:
            raise ValidationError(errors)
        _refuse_unless_open(decision, at)
        request = CallIn(decision=decision, received_at=at, reasons=reasons.strip())
        attributed(request, member.user)
        request.save()
        lead = CallInSignature(call_in=request, member=member, is_lead=True, confirmed_at=at)
        attributed(lead, member.user)
        lead.save()
        for person in others:
            signature = CallInSignature(call_in=request, member=person)
            attributed(signature, member.user)
            signature.save()
        notify(kind=Notification.Kind.CALL_IN_RECEIVED, decision=decision, call_in=request)
        if request.is_valid:
            notify(kind=Notification.Kind.CALL_IN_VALID, decision=decision, call_in=request)
    return request


def call_in_sign(*, call_in: CallIn, member: Person, at: datetime) -> CallInSignature:
    """A co-signatory confirms their signature, from their own login, before the deadline."""
    from decisions.notifications.services import notify

    with transaction.atomic():
        signature = (
            CallInSignature.objects.select_for_update()
            .filter(call_in=call_in, member=member)
            .first()
        )
        if signature is None:
            raise ValidationError({"__all__": "You were not asked to sign this call-in."})
        if signature.confirmed_at is not None:
            raise ValidationError({"__all__": "You have already signed this call-in."})
        decision = _locked(call_in.decision)
        _refuse_if_closed(decision, at)
        was_valid = CallIn.objects.get(pk=call_in.pk).is_valid
        signature.confirmed_at = at
        attributed(signature, member.user)
        signature.save()
        request = CallIn.objects.get(pk=call_in.pk)
        if request.is_valid and not was_valid:
            notify(kind=Notification.Kind.CALL_IN_VALID, decision=decision, call_in=request)
    return signature


def call_in_record_outcome(
    *,
    call_in: CallIn,
    outcome: str,
    on: date,
    by: User,
    scrutiny_meeting: Meeting | None = None,
) -> CallIn:
    """Scrutiny's outcome: no further action (effective on `on`), referred back to the decision
    maker, or referred to full Council. Only a valid call-in awaiting its outcome can have one."""
    from decisions.notifications.services import notify

    with transaction.atomic():
        request = call_ins_for_update().get(pk=call_in.pk)
        if request.outcome:
            raise ValidationError(
                {"outcome": f"The outcome is already recorded: {request.get_outcome_display()}."}
            )
        problems = request.validity_problems()
        if problems:
            raise ValidationError(
                {
                    "outcome": "This call-in is not valid, so it has no outcome: "
                    + " ".join(problems)
                }
            )
        if outcome not in {choice for choice in CallIn.Outcome.values if choice}:
            raise ValidationError({"outcome": "Choose the outcome scrutiny reached."})
        if on < timezone.localtime(request.received_at).date():
            raise ValidationError({"outcome_date": "The outcome cannot be before the call-in."})
        # An outcome is recorded once scrutiny has met: a date to come would make the
        # decision "effective" on a day that has not happened.
        if on > timezone.localdate():
            raise ValidationError({"outcome_date": "Outcome date must be today or in the past"})
        request.outcome, request.outcome_date = outcome, on
        request.scrutiny_meeting = scrutiny_meeting or request.scrutiny_meeting
        attributed(request, by, f"Outcome: {request.get_outcome_display()}")
        request.save()
        notify(kind=Notification.Kind.OUTCOME_RECORDED, decision=request.decision, call_in=request)
    return request


def call_in_record_final_outcome(
    *, call_in: CallIn, final_outcome: str, on: date, by: User
) -> CallIn:
    """After a referral, the decision maker's (or Council's) final word and its date."""
    from decisions.notifications.services import notify

    with transaction.atomic():
        request = call_ins_for_update().get(pk=call_in.pk)
        if request.outcome not in (
            CallIn.Outcome.REFERRED_BACK,
            CallIn.Outcome.REFERRED_TO_COUNCIL,
        ):
            raise ValidationError(
                {
                    "final_outcome": "Only a call-in referred back or to full Council has a "
                    "final outcome."
                }
            )
        if request.final_outcome:
            raise ValidationError(
                {"final_outcome": f"Already recorded: {request.get_final_outcome_display()}."}
            )
        if final_outcome not in {choice for choice in CallIn.FinalOutcome.values if choice}:
            raise ValidationError({"final_outcome": "Choose the final outcome."})
        if request.outcome_date is not None and on < request.outcome_date:
            raise ValidationError(
                {"final_outcome_date": "The final outcome cannot be before scrutiny's outcome."}
            )
        if on > timezone.localdate():
            raise ValidationError(
                {"final_outcome_date": "Final outcome date must be today or in the past"}
            )
        request.final_outcome, request.final_outcome_date = final_outcome, on
        attributed(request, by, f"Final outcome: {request.get_final_outcome_display()}")
        request.save()
        notify(
            kind=Notification.Kind.OUTCOME_RECORDED,
            decision=request.decision,
            call_in=request,
            event="final",
        )
    return request
