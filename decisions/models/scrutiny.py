from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.models.call_in_filter import CallInQuerySet
from decisions.models.constraints import CheckConstraint, UniqueConstraint
from decisions.models.decision import Decision
from decisions.models.meetings import Meeting
from decisions.models.people import Person
from decisions.rules import call_in as call_in_rules


class CallIn(models.Model):
    """A request by members that scrutiny review a decision before it takes effect.

    Kept whatever its validity: a request received after the deadline is recorded and shown
    as invalid, never dropped.
    """

    class Outcome(models.TextChoices):
        PENDING = "", _("Awaiting scrutiny")
        NO_FURTHER_ACTION = "no_further_action", _("No further action")
        REFERRED_BACK = "referred_back", _("Referred back to the decision maker")
        REFERRED_TO_COUNCIL = "referred_to_council", _("Referred to full Council")

    class FinalOutcome(models.TextChoices):
        PENDING = "", _("Not yet reconsidered")
        CONFIRMED = "confirmed", _("Original decision confirmed")
        AMENDED = "amended", _("Decision amended")
        REVOKED = "revoked", _("Decision revoked")

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="call_ins", verbose_name=_("decision")
    )
    received_at = models.DateTimeField(_("received"))
    reasons = models.TextField(_("reasons for call-in"))
    signatories = models.ManyToManyField(
        Person, through="CallInSignature", related_name="call_ins", verbose_name=_("signatories")
    )
    rejected_reason = models.TextField(
        _("found invalid because"),
        blank=True,
        help_text=_("The proper officer's reason, when the request is invalid for another cause."),
    )
    scrutiny_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="call_ins_considered",
        verbose_name=_("scrutiny meeting"),
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome, blank=True)
    outcome_date = models.DateField(_("outcome date"), null=True, blank=True)
    final_outcome = models.CharField(
        _("final outcome"), max_length=20, choices=FinalOutcome, blank=True
    )
    final_outcome_date = models.DateField(_("final outcome date"), null=True, blank=True)

    history = HistoricalRecords()
    objects = CallInQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "received_at"]
        verbose_name = _("call-in")
        verbose_name_plural = _("call-ins")
        constraints = [
            CheckConstraint(
                condition=Q(outcome="") | Q(outcome_date__isnull=False),
                name="call_in_outcome_needs_date",
                field="outcome_date",
                violation_error_message=_("Enter the date of the outcome"),
            ),
            CheckConstraint(
                condition=Q(final_outcome="") | Q(final_outcome_date__isnull=False),
                name="call_in_final_outcome_needs_date",
                field="final_outcome_date",
                violation_error_message=_("Enter the date of the final outcome"),
            ),
        ]

    def __str__(self) -> str:
        return _("Call-in of %(decision)s received %(at)s") % {
            "decision": self.decision,
            "at": f"{self.received_at:%d/%m/%Y %H:%M}",
        }

    def signatures_confirmed(self) -> int:
        """Members who confirmed their signature before the window closed."""
        deadline = self.decision.deadline
        closes = call_in_rules.window_closes_at(deadline) if deadline is not None else None
        return sum(
            1
            for signature in self.signatures.all()
            if signature.confirmed_at and (closes is None or signature.confirmed_at < closes)
        )

    def signatories_required(self) -> int:
        version = self.decision.call_in_rule()
        return version.signatories_required if version else 1

    def validity_problems(self) -> list[str]:
        """Every reason the request is not valid; empty when it is."""
        problems = []
        deadline = self.decision.deadline
        if deadline is not None and call_in_rules.deadline_passed(deadline, self.received_at):
            problems.append(
                str(_("Received after the call-in deadline of %(deadline)s."))
                % {"deadline": call_in_rules.format_deadline(deadline)}
            )
        if not self.decision.is_subject_to_call_in:
            problems.append(str(_("The decision is not subject to call-in.")))
        required, confirmed = self.signatories_required(), self.signatures_confirmed()
        if confirmed < required:
            problems.append(f"{call_in_rules.signatures_words(confirmed, required)}.")
        if self.rejected_reason.strip():
            problems.append(self.rejected_reason.strip())
        return problems

    @property
    def is_valid(self) -> bool:
        return not self.validity_problems()

    @property
    def is_resolved(self) -> bool:
        """Scrutiny has finished with it, and the decision may take effect (or never will)."""
        if self.outcome == self.Outcome.NO_FURTHER_ACTION:
            return True
        return bool(self.final_outcome)

    def effective_date(self) -> date | None:
        """When the called-in decision takes effect: suspended until the outcome allows it."""
        if self.outcome == self.Outcome.NO_FURTHER_ACTION:
            return self.outcome_date
        if self.final_outcome in (self.FinalOutcome.CONFIRMED, self.FinalOutcome.AMENDED):
            return self.final_outcome_date
        return None


class CallInSignature(models.Model):
    call_in = models.ForeignKey(
        CallIn, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("call-in")
    )
    member = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="call_in_signatures",
        verbose_name=_("member"),
    )
    is_lead = models.BooleanField(_("lead member"), default=False)
    confirmed_at = models.DateTimeField(
        _("confirmed"), null=True, blank=True, help_text=_("When the member confirmed signing.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["call_in", "-is_lead", "pk"]
        verbose_name = _("call-in signature")
        verbose_name_plural = _("call-in signatures")
        constraints = [
            UniqueConstraint(
                fields=["call_in", "member"],
                name="call_in_signature_unique",
                field="member",
                violation_error_message=_("This member has already signed the call-in."),
            )
        ]

    def __str__(self) -> str:
        return str(self.member)
