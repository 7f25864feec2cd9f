from datetime import date, datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.choices import ExemptParagraph
from decisions.models.authority import Authority, CallInRuleVersion
from decisions.models.constraints import CheckConstraint, UniqueConstraint
from decisions.models.meetings import AgendaItem, Issue, Meeting
from decisions.models.people import Body, Person, Ward
from decisions.models.querysets import DecisionQuerySet
from decisions.rules import call_in as call_in_rules


class Decision(models.Model):
    """A record of decision, as the authority publishes it (ModernGov's "Decision details")."""

    class Status(models.TextChoices):
        FOR_DETERMINATION = "for_determination", _("For determination")
        APPROVED = "approved", _("Approved")
        RECOMMENDATIONS_APPROVED = "recommendations_approved", _("Recommendations approved")
        APPROVED_WITH_AMENDMENTS = "approved_with_amendments", _("Approved with amendments")
        NOTED = "noted", _("Noted")
        DEFERRED = "deferred", _("Deferred")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Urgency(models.TextChoices):
        """Why a decision is exempt from call-in, or was taken without 28 days' notice."""

        NONE = "", _("None")
        GENERAL_EXCEPTION = "general_exception", _("General exception (reg 10, 2012 Regulations)")
        SPECIAL_URGENCY = "special_urgency", _("Special urgency (reg 11, 2012 Regulations)")
        CONSTITUTION = "constitution", _("Urgency under the constitution's call-in rules")

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("authority")
    )
    reference = models.CharField(
        _("reference"),
        max_length=30,
        blank=True,
        help_text=_("The authority's reference, such as E3393, where it prints one."),
    )
    title = models.CharField(_("title"), max_length=300)
    decision_maker = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("decision maker")
    )
    status = models.CharField(_("decision status"), max_length=30, choices=Status)
    is_key_decision = models.BooleanField(_("key decision"), default=False)
    key_decision_reason = models.TextField(
        _("reason key"),
        blank=True,
        help_text=_("Expenditure or savings, and/or significant effect on communities."),
    )
    is_subject_to_call_in = models.BooleanField(_("subject to call-in"), default=True)
    urgency = models.CharField(
        _("urgency route"),
        max_length=20,
        choices=Urgency,
        blank=True,
        default=Urgency.NONE,
        help_text=_("Required when the decision is not subject to call-in."),
    )
    urgency_note = models.TextField(
        _("urgency record"),
        blank=True,
        help_text=_("Who agreed the urgency and when, such as the scrutiny chair's agreement."),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    reasons = models.TextField(_("reasons for the decision"), blank=True)
    alternative_options = models.TextField(_("alternative options considered"), blank=True)
    report_author = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports_authored",
        verbose_name=_("report author"),
    )
    report_contributors = models.ManyToManyField(
        Person, blank=True, related_name="reports_contributed", verbose_name=_("contributors")
    )
    relevant_members = models.ManyToManyField(
        Person,
        blank=True,
        related_name="decisions_as_relevant_member",
        verbose_name=_("relevant Cabinet Members"),
    )
    affects_all_wards = models.BooleanField(_("all wards affected"), default=False)
    wards = models.ManyToManyField(
        Ward, blank=True, related_name="decisions", verbose_name=_("wards affected")
    )
    is_exempt = models.BooleanField(
        _("exempt"), default=False, help_text=_("Contains exempt information (Schedule 12A).")
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Contains confidential information (s100A(3), Local Government Act 1972)."),
    )
    exempt_paragraph = models.CharField(
        _("Schedule 12A paragraph"), max_length=2, choices=ExemptParagraph, blank=True
    )
    date_of_decision = models.DateField(_("date of decision"), null=True, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    call_in_deadline = models.DateField(
        _("call-in deadline"),
        null=True,
        blank=True,
        help_text=_("As fixed at publication. Left empty, it is computed from the call-in rule."),
    )
    call_in_deadline_time = models.TimeField(
        _("call-in deadline time"),
        null=True,
        blank=True,
        help_text=_("Empty means the end of the deadline day."),
    )
    effective_from = models.DateField(
        _("effective from"),
        null=True,
        blank=True,
        help_text=_(
            "As published by the authority. Left empty, it is computed from the call-in rule."
        ),
    )
    effective_from_note = models.TextField(
        _("effective date note"),
        blank=True,
        help_text=_("Why the effective date differs from the rule or precedes the decision."),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("decided at meeting"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    issue = models.ForeignKey(
        Issue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("issue"),
    )
    signed_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions_signed",
        verbose_name=_("signed by"),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    # Kept by a PostgreSQL trigger from the title, purpose and reasons (migration 0005), so that
    # ranked search reads a GIN-indexed column instead of re-parsing every matching record.
    # Unused on SQLite, where search is a plain match.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    history = HistoricalRecords(
        m2m_fields=[wards, relevant_members], excluded_fields=["search_vector", "updated_at"]
    )
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-date_of_decision", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        permissions = [
            ("publish_decision", _("Can publish a decision record")),
            ("manage_call_in", _("Can validate call-ins and record scrutiny outcomes")),
        ]
        constraints = [
            UniqueConstraint(
                fields=["authority", "reference"],
                condition=~Q(reference=""),
                name="decision_reference_unique_per_authority",
                field="reference",
                violation_error_message=_(
                    "The council already has a decision with this reference."
                ),
            ),
            CheckConstraint(
                condition=Q(status="for_determination") | Q(date_of_decision__isnull=False),
                name="decision_date_required_once_decided",
                field="date_of_decision",
                violation_error_message=_("Enter the date of decision once it has been decided."),
            ),
            CheckConstraint(
                condition=Q(effective_from__isnull=True)
                | Q(date_of_decision__isnull=True)
                | Q(effective_from__gte=F("date_of_decision"))
                | ~Q(effective_from_note=""),
                name="decision_effective_not_before_decision_unless_noted",
                field="effective_from",
                violation_error_message=_(
                    "The effective date is before the date of decision. Correct it, or say why in "
                    "the effective date note."
                ),
            ),
            CheckConstraint(
                condition=Q(call_in_deadline__isnull=True)
                | Q(publication_date__isnull=True)
                | Q(call_in_deadline__gte=F("publication_date")),
                name="decision_deadline_not_before_publication",
                field="call_in_deadline",
                violation_error_message=_("The call-in deadline is before publication."),
            ),
            CheckConstraint(
                condition=Q(is_exempt=False) | ~Q(exempt_paragraph=""),
                name="decision_exempt_needs_paragraph",
                field="exempt_paragraph",
                violation_error_message=_(
                    "Choose the Schedule 12A paragraph that makes it exempt."
                ),
            ),
            CheckConstraint(
                condition=Q(is_subject_to_call_in=True) | ~Q(urgency=""),
                name="decision_call_in_exemption_needs_urgency_route",
                field="urgency",
                violation_error_message=_(
                    "A decision that is not subject to call-in must say which urgency route "
                    "exempts it."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "-date_of_decision"]),
            models.Index(fields=["decision_maker", "-date_of_decision"]),
            models.Index(fields=["-date_of_decision"]),
            models.Index(fields=["-publication_date"]),
            models.Index(fields=["is_key_decision", "-date_of_decision"]),
            models.Index(fields=["call_in_deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}" if self.reference else self.title

    def save(self, *args: object, **kwargs: object) -> None:
        # Set here rather than with auto_now so that fixtures, which save raw, still load.
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("decision-detail", args=[self.authority.slug, self.url_key])

    @property
    def url_key(self) -> str:
        """The authority's reference, or "id-<number>" for a record printed without one."""
        return self.reference or f"id-{self.pk}"

    def get_record_pdf_url(self) -> str:
        return reverse("decision-pdf", args=[self.authority.slug, self.url_key])

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
        return self.call_in_account(at).status

    # Validation ------------------------------------------------------------------------

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status != self.Status.FOR_DETERMINATION and self.date_of_decision is None:
            errors["date_of_decision"] = _("Enter the date of decision once it has been decided.")
        if (
            self.effective_from
            and self.date_of_decision
            and self.effective_from < self.date_of_decision
            and not self.effective_from_note.strip()
        ):
            errors["effective_from"] = _(
                "The effective date is before the date of decision. Correct it, or say why in "
                "the effective date note."
            )
        if (
            self.call_in_deadline
            and self.publication_date
            and self.call_in_deadline < self.publication_date
        ):
            errors["call_in_deadline"] = _("The call-in deadline is before publication.")
        if self.is_exempt and not self.exempt_paragraph:
            errors["exempt_paragraph"] = _(
                "Choose the Schedule 12A paragraph that makes it exempt."
            )
        if not self.is_subject_to_call_in and not self.urgency:
            errors["urgency"] = _(
                "A decision that is not subject to call-in must say which urgency route exempts it."
            )
        if (
            self.decision_maker_id
            and self.authority_id
            and self.decision_maker.authority_id != self.authority_id
        ):
            errors["decision_maker"] = _("The decision maker belongs to another authority.")
        if errors:
            raise ValidationError(errors)
