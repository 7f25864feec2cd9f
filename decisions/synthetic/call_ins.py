"""Call-ins of synthetic decisions: the requests, their signatories and scrutiny's outcome.

A small share of the decisions open to call-in are called in, as in real registers. Most
requests are valid: received within the window and signed by as many non-executive members
as the authority's rule asks, each confirming before the window closed. The rest are recorded
and invalid, as the register keeps them: received too late, short of confirmed signatures,
or found invalid by the proper officer. A valid call-in goes to the scrutiny committee, which
takes no further action or refers the decision back to the decision maker or to full Council
(and then the decision is reconsidered); until a date has passed, what follows it is pending.
"""

import random
from datetime import date, datetime, timedelta
from datetime import time as clock

from decisions.models import CallIn
from decisions.rules import call_in as call_in_rules
from decisions.synthetic import vocabulary
from decisions.synthetic.councils import Council
from decisions.synthetic.rows import CALL_INS, MEETINGS, SIGNATURES, Batch, Ids

SHARE_CALLED_IN = 0.01

OUTCOMES = (
    (CallIn.Outcome.NO_FURTHER_ACTION.value, 60),
    (CallIn.Outcome.REFERRED_BACK.value, 30),
    (CallIn.Outcome.REFERRED_TO_COUNCIL.value, 10),
)
FINAL_OUTCOMES = (
    (CallIn.FinalOutcome.CONFIRMED.value, 60),
    (CallIn.FinalOutcome.AMENDED.value, 30),
    (CallIn.FinalOutcome.REVOKED.value, 10),
)
NO_FURTHER_ACTION = CallIn.Outcome.NO_FURTHER_ACTION.value
MEETING_TIMES = (clock(10, 0), clock(14, 0), clock(18, 30))


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _w in choices], [w for _v, w in choices])[0]


def plan_call_in(
    rng: random.Random,
    batch: Batch,
    ids: Ids,
    council: Council,
    *,
    decision_id: int,
    published: date,
    deadline: date,
    deadline_time: clock | None,
    today: date,
) -> None:
    """Add a call-in of the decision, with its signatures and any scrutiny meeting, to `batch`."""
    if not council.backbenchers:
        return
    london = call_in_rules.LONDON
    closes = call_in_rules.window_closes_at(
        datetime.combine(deadline, deadline_time, tzinfo=london) if deadline_time else deadline
    )
    kind = rng.choices(("valid", "late", "short", "rejected"), (85, 6, 4, 5))[0]
    if kind == "late":
        received = datetime.combine(deadline + timedelta(days=1), clock(10, 0), tzinfo=london)
    else:
        # A working morning or afternoon within the window, after publication at 9am.
        day = max(published, deadline - timedelta(days=rng.randint(0, 3)))
        received = datetime.combine(day, clock(9, 30), tzinfo=london) + timedelta(
            minutes=rng.randrange(7 * 60)
        )
        if received >= closes:
            received = closes - timedelta(minutes=rng.randint(5, 25))
    required = council.rule_on(published).signatories_required
    signers = rng.sample(
        council.backbenchers, min(len(council.backbenchers), required + rng.randint(0, 2))
    )
    confirmed = len(signers)
    if kind == "short":
        confirmed = required - 1 if required > 1 else 0
    call_in_id = ids.take(CALL_INS)
    batch.rows[SIGNATURES] += [
        (
            call_in_id,
            member,
            order == 0,
            received - timedelta(minutes=rng.randint(0, 240)) if order < confirmed else None,
        )
        for order, member in enumerate(signers)
    ]
    rejected = rng.choice(vocabulary.CALL_IN_INVALID_REASONS) if kind == "rejected" else ""
    meeting_id = outcome_date = final_date = None
    outcome = final_outcome = ""
    if kind == "valid" and council.scrutiny is not None:
        meeting_day = council.publication_day(deadline, rng.randint(5, 15))
        meeting_id = ids.take(MEETINGS)
        batch.rows[MEETINGS].append(
            (
                meeting_id,
                council.authority.pk,
                council.scrutiny,
                meeting_day,
                rng.choice(MEETING_TIMES),
                rng.choice(vocabulary.SCRUTINY_LOCATIONS),
            )
        )
        if meeting_day <= today:
            outcome, outcome_date = _weighted(rng, OUTCOMES), meeting_day
            reconsidered = meeting_day + timedelta(days=rng.randint(7, 35))
            if outcome != NO_FURTHER_ACTION and reconsidered <= today:
                final_outcome, final_date = _weighted(rng, FINAL_OUTCOMES), reconsidered
    batch.rows[CALL_INS].append(
        (
            call_in_id,
            decision_id,
            received,
            " ".join(rng.sample(vocabulary.CALL_IN_REASONS, rng.randint(1, 3))),
            rejected,
            meeting_id,
            outcome,
            outcome_date,
            final_outcome,
            final_date,
        )
    )
