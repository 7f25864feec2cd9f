"""Planning the forward plan entry that announced a synthetic key decision."""

import random
from datetime import date, timedelta

from decisions.models import ForwardPlanEntry

FULL_NOTICE = ForwardPlanEntry.Notice.FULL.value
GENERAL_EXCEPTION = ForwardPlanEntry.Notice.GENERAL_EXCEPTION.value
SPECIAL_URGENCY = ForwardPlanEntry.Notice.SPECIAL_URGENCY.value
DOCUMENTS = "Report to the decision maker"


def notice(
    rng: random.Random,
    authority_id: int,
    decision_id: int,
    reference: str,
    title: str,
    purpose: str,
    maker: int,
    decided: date,
    lead_officer: int | None,
    affects_all_wards: bool,
    urgency_note: str,
) -> tuple:
    """The forward plan entry announcing a key decision (reg 9, 10 or 11)."""
    notice, chair_notified, chair_agreed, agreement = FULL_NOTICE, None, None, ""
    if urgency_note:
        notice = SPECIAL_URGENCY
        first_published = chair_agreed = decided - timedelta(days=3)
        agreement = urgency_note
    elif rng.random() < 0.05:
        notice = GENERAL_EXCEPTION
        first_published = chair_notified = decided - timedelta(days=8)
    else:
        # 28 clear days' notice at least (reg 9).
        first_published = decided - timedelta(days=rng.randint(35, 120))
    return (
        authority_id,
        reference,
        title,
        purpose,
        maker,
        decided,
        first_published,
        lead_officer,
        affects_all_wards,
        DOCUMENTS,
        notice,
        chair_notified,
        chair_agreed,
        agreement,
        decision_id,
    )
