"""The call-in status filter in SQL agrees with the status each decision derives in Python."""

from datetime import date, datetime, time

import pytest
import time_machine
from model_bakery import baker

from decisions.models import CallIn, CallInRuleVersion, CallInSignature, Decision, call_in_filter
from decisions.rules.call_in import LONDON, CallInStatus
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2023, 11, 17, 17, 0, tzinfo=LONDON)


@pytest.fixture
def decisions_in_every_state() -> dict[str, Decision]:
    council = factories.authority()

    def make(**fields: object) -> Decision:
        fields.setdefault("date_of_decision", date(2023, 11, 1))
        return factories.decision(authority=council, **fields)

    made = {
        "awaiting": make(),
        "published_tomorrow": make(
            publication_date=date(2023, 11, 18),
            call_in_deadline=date(2023, 11, 25),
            effective_from=date(2023, 11, 26),
        ),
        "open_until_midnight": make(
            publication_date=date(2023, 11, 10),
            call_in_deadline=date(2023, 11, 17),
            effective_from=date(2023, 11, 18),
        ),
        "closed_at_four": make(
            publication_date=date(2023, 11, 10),
            call_in_deadline=date(2023, 11, 17),
            call_in_deadline_time=time(16, 0),
            effective_from=date(2023, 11, 18),
        ),
        "open_until_six": make(
            publication_date=date(2023, 11, 10),
            call_in_deadline=date(2023, 11, 17),
            call_in_deadline_time=time(18, 0),
            effective_from=date(2023, 11, 18),
        ),
        "effective": make(
            publication_date=date(2023, 11, 2),
            call_in_deadline=date(2023, 11, 9),
            effective_from=date(2023, 11, 10),
        ),
        "effective_unpublished_import": make(effective_from=date(2023, 11, 9)),
        "no_deadline_recorded": make(publication_date=date(2023, 11, 2)),
        "urgent": make(
            publication_date=date(2023, 11, 2),
            is_subject_to_call_in=False,
            urgency=Decision.Urgency.SPECIAL_URGENCY,
        ),
        "called_in": make(
            publication_date=date(2023, 11, 2),
            call_in_deadline=date(2023, 11, 9),
            effective_from=date(2023, 11, 10),
        ),
        "late_call_in": make(
            publication_date=date(2023, 11, 2),
            call_in_deadline=date(2023, 11, 9),
            effective_from=date(2023, 11, 10),
        ),
    }
    # Decisions called in in other ways, each published 2 November with a deadline of the 9th
    # (4pm for "after_four"), effective from the 10th unless a call-in holds it back.
    for key in (
        "rejected", "blank_rejection", "unsigned", "no_further_action", "referred_back",
        "confirmed", "confirmed_later", "revoked", "after_four", "two_requests",
        "signed_too_late", "first_valid_settles_it",
    ):  # fmt: skip
        made[key] = make(
            publication_date=date(2023, 11, 2),
            call_in_deadline=date(2023, 11, 9),
            call_in_deadline_time=time(16, 0) if key == "after_four" else None,
            effective_from=date(2023, 11, 10),
        )
    member = baker.make("decisions.Person", authority=council, kind="councillor")
    on_time = datetime(2023, 11, 8, 10, tzinfo=LONDON)
    outcome, final = CallIn.Outcome, CallIn.FinalOutcome
    requests = (
        ("called_in", on_time, {}),
        ("late_call_in", datetime(2023, 11, 13, 10, tzinfo=LONDON), {}),
        ("rejected", on_time, {"rejected_reason": "Not signed by enough members"}),
        ("blank_rejection", on_time, {"rejected_reason": "   "}),
        ("unsigned", on_time, {"signed": False}),
        ("no_further_action", on_time, {"outcome": outcome.NO_FURTHER_ACTION}),
        ("referred_back", on_time, {"outcome": outcome.REFERRED_BACK}),
        ("confirmed", on_time, {"outcome": outcome.REFERRED_BACK, "final": final.CONFIRMED}),
        (
            "confirmed_later",
            on_time,
            {"outcome": outcome.REFERRED_TO_COUNCIL, "final": final.AMENDED, "later": True},
        ),
        ("revoked", on_time, {"outcome": outcome.REFERRED_BACK, "final": final.REVOKED}),
        ("after_four", datetime(2023, 11, 9, 16, 30, tzinfo=LONDON), {}),
        ("two_requests", datetime(2023, 11, 12, 9, tzinfo=LONDON), {}),
        ("two_requests", on_time, {"outcome": outcome.NO_FURTHER_ACTION}),
        # Received in time, but its only signature confirmed after the window closed.
        ("signed_too_late", on_time, {"confirmed": datetime(2023, 11, 10, 9, tzinfo=LONDON)}),
        # Two valid requests: the first received, settled, decides; the second is not heard.
        ("first_valid_settles_it", on_time, {"outcome": outcome.NO_FURTHER_ACTION}),
        ("first_valid_settles_it", datetime(2023, 11, 8, 12, tzinfo=LONDON), {}),
    )
    for key, received, how in requests:
        decided = date(2023, 11, 20) if how.get("later") else date(2023, 11, 14)
        request = CallIn.objects.create(
            decision=made[key],
            received_at=received,
            reasons="Why",
            rejected_reason=how.get("rejected_reason", ""),
            outcome=how.get("outcome", ""),
            outcome_date=date(2023, 11, 13) if how.get("outcome") else None,
            final_outcome=how.get("final", ""),
            final_outcome_date=decided if how.get("final") else None,
        )
        if how.get("signed", True):
            CallInSignature.objects.create(
                call_in=request, member=member, confirmed_at=how.get("confirmed", received)
            )
    # A council whose rule asks for two members: one signature is not enough, two are.
    strict = factories.authority(name="Strictshire Council", slug="strictshire")
    CallInRuleVersion.objects.create(
        authority=strict, valid_from=date(2020, 1, 1), days=5, signatories_required=2
    )
    members = [
        baker.make("decisions.Person", authority=strict, kind="councillor") for _ in range(2)
    ]
    for key, signers in (("one_of_two_signatures", 1), ("two_of_two_signatures", 2)):
        made[key] = factories.decision(
            authority=strict,
            date_of_decision=date(2023, 11, 1),
            publication_date=date(2023, 11, 2),
            call_in_deadline=date(2023, 11, 9),
            effective_from=date(2023, 11, 10),
        )
        request = CallIn.objects.create(decision=made[key], received_at=on_time, reasons="Why")
        for signer in members[:signers]:
            CallInSignature.objects.create(call_in=request, member=signer, confirmed_at=on_time)
    return made


EXPECTED = {
    "awaiting": CallInStatus.AWAITING_PUBLICATION,
    "published_tomorrow": CallInStatus.AWAITING_PUBLICATION,
    "open_until_midnight": CallInStatus.OPEN,
    "closed_at_four": CallInStatus.CLOSED,
    "open_until_six": CallInStatus.OPEN,
    "effective": CallInStatus.EFFECTIVE,
    "effective_unpublished_import": CallInStatus.EFFECTIVE,
    "no_deadline_recorded": CallInStatus.CLOSED,
    "urgent": CallInStatus.NOT_SUBJECT,
    "called_in": CallInStatus.CALLED_IN,
    "late_call_in": CallInStatus.EFFECTIVE,
    "rejected": CallInStatus.EFFECTIVE,
    "blank_rejection": CallInStatus.CALLED_IN,
    "unsigned": CallInStatus.EFFECTIVE,
    "no_further_action": CallInStatus.EFFECTIVE,
    "referred_back": CallInStatus.CALLED_IN,
    "confirmed": CallInStatus.EFFECTIVE,
    "confirmed_later": CallInStatus.CLOSED,
    "revoked": CallInStatus.CLOSED,
    "after_four": CallInStatus.EFFECTIVE,
    "two_requests": CallInStatus.EFFECTIVE,
    "signed_too_late": CallInStatus.EFFECTIVE,
    "first_valid_settles_it": CallInStatus.EFFECTIVE,
    "one_of_two_signatures": CallInStatus.EFFECTIVE,
    "two_of_two_signatures": CallInStatus.CALLED_IN,
}


def test_each_decision_derives_the_status_its_dates_give(decisions_in_every_state):
    derived = {
        key: decision.call_in_status(at=NOW) for key, decision in decisions_in_every_state.items()
    }
    assert derived == EXPECTED


@pytest.mark.parametrize("status", list(CallInStatus))
def test_status_filter_finds_exactly_the_decisions_in_that_status(decisions_in_every_state, status):
    found = set(Decision.objects.with_call_in_status(status, NOW).values_list("pk", flat=True))
    expected = {
        decisions_in_every_state[key].pk for key, value in EXPECTED.items() if value == status
    }
    assert found == expected


def test_status_without_an_instant_uses_the_clock(decisions_in_every_state):
    with time_machine.travel(NOW, tick=False):
        assert decisions_in_every_state["closed_at_four"].call_in_status() == CallInStatus.CLOSED


def test_valid_requests_in_sql_are_those_the_rule_finds_valid(decisions_in_every_state):
    requests = CallIn.objects.select_related("decision__authority").prefetch_related(
        "signatures", "decision__authority__call_in_rules"
    )
    assert set(CallIn.objects.valid().values_list("pk", flat=True)) == {
        request.pk for request in requests if request.is_valid
    }


@pytest.mark.parametrize("status", [CallInStatus.CALLED_IN, CallInStatus.CLOSED])
def test_a_status_with_too_many_to_list_by_key_is_filtered_as_the_others(
    decisions_in_every_state, status, monkeypatch
):
    monkeypatch.setattr(call_in_filter, "MOST_LISTED", 0)
    found = set(Decision.objects.with_call_in_status(status, NOW).values_list("pk", flat=True))
    expected = {
        decisions_in_every_state[key].pk for key, value in EXPECTED.items() if value == status
    }
    assert found == expected
