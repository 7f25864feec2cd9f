from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.choices import ExemptParagraph
from decisions.models.authority import Authority
from decisions.models.call_in_dates import DecisionCallIn
from decisions.models.constraints import CheckConstraint, UniqueConstraint
from decisions.models.meetings import AgendaItem, Issue, Meeting
from decisions.models.people import Body, Person, Ward
from decisions.models.querysets import DecisionQuerySet


class Decision(DecisionCallIn, models.Model):
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
            # The register's other filters and orders (migration 0013): the urgency route, not
            # subject to call-in, the effective date (windows closed, not yet in effect), title.
            models.Index(fields=["urgency", "-date_of_decision"]),
            models.Index(fields=["is_subject_to_call_in", "-date_of_decision"]),
            models.Index(fields=["effective_from"]),
            models.Index(fields=["title", "id"]),
            # The Atom feed's order (undated last) is indexed on PostgreSQL only, by migration
            # 0013: SQLite cannot index NULLS LAST.
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
