"""The call-in status filter: which decisions are open, called in, closed or in effect now.

A decision's status comes from its dates, unless a valid call-in request moves it on: the
first valid request (by when it was received) holds the decision while scrutiny has it, then
lets it take effect from the outcome's date, or never (revoked). Almost every decision's
requests, if it has any, were settled long ago, so the filter:

1. finds the few decisions whose requests may give them another status than their dates
   (`call_in_candidates`): those with requests whose dates do not yet say in effect, and those
   with a valid request that is unresolved or not in effect today, each by its own indexes;
2. works out those decisions' statuses in Python, through the same rule the decision page
   uses (Decision.call_in_status_through), given each one's first valid request;
3. keeps every other decision whose dates give the status, and the candidates found in it.

Validity is the request's own rule (CallIn.validity_problems) said in SQL
(`CallInQuerySet.valid`): received before the window closed, the decision subject to call-in,
not rejected, and signed by as many members as the rule in force asks before it closed.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from decisions.rules.call_in import CallInStatus

if TYPE_CHECKING:
    from decisions.models.querysets import DecisionQuerySet

# The statuses of a few of a register's decisions, most of them anywhere in its history (called
# in, or closed and not in effect: a revoked decision stays closed): listed by key, up to this
# many. (The open windows are the newest decisions, found first in the register's order.)
FEW = (CallInStatus.CALLED_IN, CallInStatus.CLOSED)
MOST_LISTED = 5_000

# What Decision.call_in_status_through reads of a decision.
STATUS_FIELDS = (
    "is_subject_to_call_in",
    "publication_date",
    "call_in_deadline",
    "call_in_deadline_time",
    "effective_from",
)


def before_close(instant: str, decision: str) -> Q:
    """The instant in the field `instant` is before the call-in window of the decision at
    `decision` (a path ending "__") closed: the deadline time on its day, or else the end of
    that day in London (the __date and __time of the current time zone); with no deadline,
    always."""
    deadline = F(f"{decision}call_in_deadline")
    return (
        Q(**{f"{decision}call_in_deadline__isnull": True})
        | Q(**{f"{instant}__date__lt": deadline})
        | Q(
            Q(**{f"{instant}__date": deadline}),
            Q(**{f"{decision}call_in_deadline_time__isnull": True})
            | Q(**{f"{instant}__time__lt": F(f"{decision}call_in_deadline_time")}),
        )
    )


class CallInQuerySet(models.QuerySet):
    def valid(self) -> "CallInQuerySet":
        """Requests that are valid, as CallIn.is_valid says, in SQL: received before the
        window closed, of a decision subject to call-in, not rejected, and confirmed before it
        closed by as many members as the rule in force asks (its latest version from on or
        before the day of publication, or of the decision; 1 without one)."""
        from decisions.models import CallInRuleVersion, CallInSignature

        confirmed = Coalesce(
            Subquery(
                CallInSignature.objects.filter(call_in=OuterRef("pk"), confirmed_at__isnull=False)
                .filter(before_close("confirmed_at", "call_in__decision__"))
                .order_by()
                .values("call_in")
                .annotate(confirmed=Count("pk"))
                .values("confirmed")
            ),
            0,
        )
        required = Coalesce(
            Subquery(
                CallInRuleVersion.objects.filter(
                    authority=OuterRef("decision__authority"),
                    valid_from__lte=Coalesce(
                        OuterRef("decision__publication_date"),
                        OuterRef("decision__date_of_decision"),
                    ),
                )
                .order_by("-valid_from")
                .values("signatories_required")[:1]
            ),
            1,
        )
        return (
            self.filter(before_close("received_at", "decision__"))
            .filter(decision__is_subject_to_call_in=True)
            .filter(Q(rejected_reason="") | Q(rejected_reason__regex=r"^\s+$"))
            .alias(confirmed=confirmed, required=required)
            .filter(confirmed__gte=F("required"))
        )

    def unsettled(self, today: date) -> "CallInQuerySet":
        """Requests scrutiny has not finished with, or whose decision is not in effect by
        `today` through them (no date yet, a later one, or revoked)."""
        outcome, final = self.model.Outcome, self.model.FinalOutcome
        no_further_action = Q(outcome=outcome.NO_FURTHER_ACTION)
        in_effect = (no_further_action & Q(outcome_date__lte=today)) | Q(
            ~no_further_action,
            final_outcome__in=[final.CONFIRMED, final.AMENDED],
            final_outcome_date__lte=today,
        )
        return self.exclude(in_effect)


def bare(decisions: "DecisionQuerySet") -> "DecisionQuerySet":
    """The decisions filtered as they are, without their order or what is read with them."""
    return decisions.order_by().select_related(None).prefetch_related(None)


def call_in_candidates(
    decisions: "DecisionQuerySet", today: date, *, held: bool = True
) -> list[int]:
    """The decisions (of `decisions`) whose requests may give them another status than
    their dates: with requests, subject to call-in and not yet in effect by their dates;
    and, when `held`, those with a valid request that is unsettled today."""
    from decisions.models import CallIn

    not_in_effect_by_dates = (
        Q(effective_from__isnull=True)
        | Q(effective_from__gt=today)
        | Q(publication_date__isnull=True)
        | Q(publication_date__gt=today)
    )
    with_requests = Exists(CallIn.objects.filter(decision=OuterRef("pk")))
    plain = bare(decisions)
    found = set(
        plain.filter(not_in_effect_by_dates, with_requests, is_subject_to_call_in=True).values_list(
            "pk", flat=True
        )
    )
    if held:
        unsettled = CallIn.objects.valid().unsettled(today).values_list("decision_id", flat=True)
        others = set(unsettled) - found
        if others:
            found |= set(plain.filter(pk__in=sorted(others)).values_list("pk", flat=True))
    return sorted(found)


def call_in_statuses(keys: list[int], at: datetime) -> dict[int, CallInStatus]:
    """The call-in status at `at` of each decision in `keys`, as Decision.call_in_status
    gives it, from the decision's dates and its first valid request, found in SQL: read with
    only the fields the rule looks at."""
    from decisions.models import CallIn, Decision

    if not keys:
        return {}
    first_valid: dict[int, CallIn] = {}
    for request in (
        CallIn.objects.valid()
        .filter(decision_id__in=keys)
        .order_by("decision_id", "received_at", "pk")
        .only("decision_id", "outcome", "outcome_date", "final_outcome", "final_outcome_date")
    ):
        first_valid.setdefault(request.decision_id, request)
    decisions = Decision.objects.filter(pk__in=keys).order_by().only(*STATUS_FIELDS)
    return {
        decision.pk: decision.call_in_status_through(first_valid.get(decision.pk), at)
        for decision in decisions
    }


def with_call_in_status(
    decisions: "DecisionQuerySet", status: CallInStatus, at: datetime, by_dates: Q
) -> "DecisionQuerySet":
    """`decisions` whose status at `at` is `status`; `by_dates` says it from the dates alone."""
    if status == CallInStatus.NOT_SUBJECT:
        # A request of a decision not subject to call-in is never valid: the dates say it.
        return decisions.filter(by_dates)
    today = timezone.localdate(at)
    # A request never opens a window or holds back publication, so a decision open or
    # awaiting publication by its dates is among the first candidates, and no other is.
    candidates = call_in_candidates(
        decisions, today, held=status not in (CallInStatus.OPEN, CallInStatus.AWAITING_PUBLICATION)
    )
    if not candidates:
        return decisions.filter(by_dates)
    statuses = call_in_statuses(candidates, at)
    found = [pk for pk, derived in statuses.items() if derived == status]
    by_dates_only = by_dates & ~Q(pk__in=candidates)
    if status in FEW:
        # Read whole through the dates' indexes, then listed by key: asked for a page at a
        # time in date order, PostgreSQL would walk the register newest first to find them
        # (a hundred thousand decisions stepped over to find twenty closed ones).
        keys = list(
            bare(decisions).filter(by_dates_only).values_list("pk", flat=True)[: MOST_LISTED + 1]
        )
        if len(keys) <= MOST_LISTED:
            return decisions.filter(pk__in=sorted(set(keys) | set(found)))
    return decisions.filter(by_dates_only | Q(pk__in=found))
