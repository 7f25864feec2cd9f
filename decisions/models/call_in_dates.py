"""What a decision's authority's call-in rule says of it: its deadline, its effective date and
its call-in status, worked out by the pure functions of decisions.rules.call_in.

Mixed into Decision, whose fields it reads.
"""

from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models.authority import CallInRuleVersion
from decisions.rules import call_in as call_in_rules


class DecisionCallIn:
    """The call-in rule applied to a decision, and its call-in status."""

    # The call-in rule -----------------------------------------------------------------

    def call_in_rule(self) -> CallInRuleVersion | None:
        """The authority's rule in force on publication (or decision, before publication)."""
        day = self.publication_date or self.date_of_decision
        return self.authority.call_in_rule_on(day) if day else None

    def _rule_arguments(self) -> dict:
        return {
            "nation": self.authority.nation,
            "published": self.publication_date,
            "decided": self.date_of_decision,
            "closure_days": self.authority.closure_dates(),
        }

    def not_computable_reason(self) -> str | None:
        """Why the rule cannot give dates for this record, or None when it can."""
        if not self.is_subject_to_call_in:
            if self.publication_date or self.date_of_decision:
                return None
            return str(_("Neither the publication date nor the date of decision is recorded."))
        version = self.call_in_rule()
        if version is None:
            if not (self.publication_date or self.date_of_decision):
                return str(_("The decision has not been published."))
            return str(_("The authority has no call-in rule in force on that date."))
        needed = self.publication_date if version.anchor == "publication" else self.date_of_decision
        if needed is None:
            return str(
                _("The call-in rule counts from the %(anchor)s, which is not recorded.")
                % {"anchor": version.get_anchor_display().lower()}
            )
        return None

    def computed_call_in_deadline(self) -> date | datetime | None:
        if not self.is_subject_to_call_in or self.not_computable_reason():
            return None
        return call_in_rules.call_in_deadline(
            self.call_in_rule().as_rule(), **self._rule_arguments()
        )

    def computed_effective_from(self) -> date | None:
        if self.not_computable_reason():
            return None
        version = self.call_in_rule()
        rule = version.as_rule() if version else call_in_rules.CallInRule(days=1)
        return call_in_rules.effective_from(
            rule, subject_to_call_in=self.is_subject_to_call_in, **self._rule_arguments()
        )

    def effective_date_difference(self) -> str | None:
        """Says why the recorded effective date differs from the rule's, or None if it agrees."""
        return call_in_rules.describe_difference(
            recorded=self.effective_from,
            computed=self.computed_effective_from(),
            reason_if_not_computable=self.not_computable_reason() or "",
        )

    def fill_computed_dates(self) -> None:
        """Fix the deadline and effective date from the rule where none is recorded.

        Recorded official dates win: a computed deadline that would fall on or after the
        recorded effective date contradicts the record, so it is left empty and the difference
        is reported by `effective_date_difference` instead.
        """
        deadline = self.computed_call_in_deadline()
        if (
            deadline is not None
            and self.effective_from is not None
            and call_in_rules.deadline_day(deadline) >= self.effective_from
        ):
            deadline = None
        if self.call_in_deadline is None and deadline is not None:
            if isinstance(deadline, datetime):
                local = timezone.localtime(deadline)
                self.call_in_deadline, self.call_in_deadline_time = local.date(), local.time()
            else:
                self.call_in_deadline = deadline
        if self.effective_from is None:
            self.effective_from = self.computed_effective_from()

    # Call-in status -------------------------------------------------------------------

    @property
    def deadline(self) -> date | datetime | None:
        """The call-in deadline: a date (end of that day) or an aware Europe/London datetime."""
        if self.call_in_deadline is None:
            return None
        if self.call_in_deadline_time is None:
            return self.call_in_deadline
        return datetime.combine(
            self.call_in_deadline, self.call_in_deadline_time, tzinfo=call_in_rules.LONDON
        )

    def valid_call_in(self) -> "models.Model | None":
        for request in self.call_ins.all():
            if request.is_valid:
                return request
        return None

    def takes_effect_on(self) -> date | None:
        """The effective date, after any call-in: a valid call-in suspends it until its outcome."""
        request = self.valid_call_in()
        if request is None:
            return self.effective_from
        return request.effective_date()

    def call_in_account(self, at: datetime | None = None) -> call_in_rules.CallInAccount:
        """The call-in status and every sentence the register prints about it."""
        request = self.valid_call_in()
        made = None
        if request is not None:
            referred = request.outcome in (
                request.Outcome.REFERRED_BACK,
                request.Outcome.REFERRED_TO_COUNCIL,
            )
            made = call_in_rules.CallInMade(
                received=timezone.localtime(request.received_at, call_in_rules.LONDON).date(),
                outcome=request.get_outcome_display() if request.outcome else "",
                outcome_date=request.outcome_date if request.outcome else None,
                final_outcome=(
                    request.get_final_outcome_display() if request.final_outcome else ""
                ),
                final_outcome_date=request.final_outcome_date if request.final_outcome else None,
                awaiting_reconsideration=referred and not request.final_outcome,
            )
        return call_in_rules.call_in_account(
            subject_to_call_in=self.is_subject_to_call_in,
            published=self.publication_date,
            deadline=self.deadline,
            effective=self.takes_effect_on(),
            call_in=made,
            called_in=request is not None and not request.is_resolved,
            at=at or timezone.now(),
        )

    def call_in_status(self, at: datetime | None = None) -> call_in_rules.CallInStatus:
        """The status call_in_account gives, without the sentences (the register's call-in
        filter asks it of many decisions)."""
        return self.call_in_status_through(self.valid_call_in(), at)

    def call_in_status_through(
        self, request: "models.Model | None", at: datetime | None = None
    ) -> call_in_rules.CallInStatus:
        """The status with `request` as the decision's first valid call-in (None: none), as
        the register's call-in filter finds it in SQL (decisions.models.call_in_filter)."""
        return call_in_rules.call_in_status(
            subject_to_call_in=self.is_subject_to_call_in,
            published=self.publication_date,
            deadline=self.deadline,
            effective=self.effective_from if request is None else request.effective_date(),
            called_in=request is not None and not request.is_resolved,
            at=at or timezone.now(),
            call_in_made=request is not None,
        )
