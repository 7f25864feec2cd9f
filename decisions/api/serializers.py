"""What the JSON API says about decisions, meetings and issues.

Serializers only read what the viewsets fetched: every nested list is prefetched already
filtered to what is public (see decisions.api.views), so nothing here queries the database.
"""

from collections.abc import Callable
from datetime import datetime
from datetime import timezone as dt_timezone

from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commissioning.models import FundingLine
from decisions.models import (
    AgendaItem,
    Authority,
    Body,
    Decision,
    Delegation,
    Document,
    Issue,
    Meeting,
    Recommendation,
    RelatedDecision,
    Ward,
)
from decisions.rules.call_in import LONDON, CallInStatus


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of a record's page on the public register."""

    def __init__(self, address: Callable[[Model], str], **kwargs: object) -> None:
        self.address = address
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Model) -> str:
        return self.context["request"].build_absolute_uri(self.address(value))


@extend_schema_field(OpenApiTypes.TIME)
class LondonTimeField(serializers.Field):
    """A time of day as RFC 3339 writes it, with the UK's offset on its day: a council's
    17:00 is 17:00:00+00:00 in winter and 17:00:00+01:00 in summer."""

    def __init__(self, *, day: str, **kwargs: object) -> None:
        self.day = day
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def to_representation(self, record: Model) -> str | None:
        moment, day = getattr(record, self.field_name), getattr(record, self.day)
        if moment is None or day is None:
            # Without its day, a time's offset is not known.
            return None
        offset = datetime.combine(day, moment, tzinfo=LONDON).utcoffset()
        return moment.replace(tzinfo=dt_timezone(offset)).isoformat()


class AuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["slug", "name", "short_name"]


class BodySerializer(serializers.ModelSerializer):
    class Meta:
        model = Body
        fields = ["id", "name", "kind"]


class WardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ward
        fields = ["id", "name"]


class DecisionLinkSerializer(serializers.ModelSerializer):
    """A public decision named from another record: its page and title."""

    url = PageUrlField(Decision.get_absolute_url)

    class Meta:
        model = Decision
        fields = ["url", "title"]


class DecisionSummarySerializer(serializers.ModelSerializer):
    """A public decision as listed under a meeting or an issue."""

    api_url = serializers.HyperlinkedIdentityField(view_name="api:decision-detail")
    url = PageUrlField(Decision.get_absolute_url)
    decision_maker = serializers.CharField(source="decision_maker.name", read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "api_url",
            "url",
            "reference",
            "title",
            "decision_maker",
            "status",
            "is_key_decision",
            "date_of_decision",
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recommendation
        fields = ["label", "heading", "text", "kind", "outcome", "amended_text"]


class DelegationSerializer(serializers.ModelSerializer):
    delegate = serializers.CharField(source="delegate.name", read_only=True)
    in_consultation_with = serializers.CharField(
        source="in_consultation_with.name", read_only=True, allow_null=True
    )
    recommendation = serializers.CharField(
        source="recommendation.label",
        read_only=True,
        allow_null=True,
        help_text="The label of the recommendation that gave the power, if one did.",
    )
    money_limit = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=True, read_only=True, allow_null=True
    )

    class Meta:
        model = Delegation
        fields = [
            "delegate",
            "in_consultation_with",
            "recommendation",
            "scope",
            "is_continuation",
            "limits",
            "money_limit",
            "within_existing_budget",
            "duration_months",
            "duration_precision",
            "starts",
            "ends",
        ]


class FundingLineSerializer(serializers.ModelSerializer):
    """An amount as the record states it: exact pounds and pence, and as printed."""

    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=True, read_only=True
    )

    class Meta:
        model = FundingLine
        fields = [
            "id",
            "description",
            "amount",
            "amount_as_printed",
            "precision",
            "kind",
            "recurrence",
            "financial_year",
            "period_start",
            "period_end",
            "source",
            "service_users",
            "service_users_precision",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["title", "kind", "url", "size_as_printed"]

    @extend_schema_field(
        {
            "type": "string",
            "format": "uri",
            "nullable": True,
            "description": "Where to read it; null when the register holds no copy.",
        }
    )
    def get_url(self, document: Document) -> str | None:
        if document.url:
            return document.url
        if document.file:
            return self.context["request"].build_absolute_uri(document.file.url)
        if document.report_id and document.decision_id:
            # A report drafted in the workspace: the register prints it, without exempt parts.
            decision = document.decision
            return self.context["request"].build_absolute_uri(
                reverse("decision-report-pdf", args=[decision.authority.slug, decision.url_key])
            )
        return None


class CitationSerializer(serializers.ModelSerializer):
    """A decision this one cites, as printed; linked when that decision is public."""

    decision = serializers.SerializerMethodField()

    class Meta:
        model = RelatedDecision
        fields = ["reference", "title", "when", "note", "decision"]

    @extend_schema_field(DecisionLinkSerializer(allow_null=True))
    def get_decision(self, citation: RelatedDecision) -> dict | None:
        # Annotated by the viewset: an exempt or unpublished decision is never linked.
        if citation.related_id is None or not citation.related_is_public:
            return None
        return DecisionLinkSerializer(citation.related, context=self.context).data


CALL_IN_STATUSES = [(status.value, status.label) for status in CallInStatus]


class DecisionSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:decision-detail")
    url = PageUrlField(Decision.get_absolute_url, help_text="The decision's page in the register.")
    record_pdf_url = PageUrlField(
        Decision.get_record_pdf_url, help_text="The record of decision as a PDF."
    )
    authority = AuthoritySerializer(read_only=True)
    decision_maker = BodySerializer(read_only=True)
    call_in_status = serializers.SerializerMethodField()
    call_in_status_label = serializers.SerializerMethodField()
    call_in_deadline_time = LondonTimeField(
        day="call_in_deadline",
        help_text="The hour call-in closes on the deadline day; null means at its end.",
    )
    effective_from = serializers.SerializerMethodField()
    meeting = serializers.HyperlinkedRelatedField(
        view_name="api:meeting-detail", read_only=True, allow_null=True
    )
    issue = serializers.HyperlinkedRelatedField(
        view_name="api:issue-detail", read_only=True, allow_null=True
    )
    wards = WardSerializer(many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)
    delegations = DelegationSerializer(many=True, read_only=True)
    funding_lines = FundingLineSerializer(many=True, read_only=True)
    related_decisions = CitationSerializer(source="citations", many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "api_url",
            "url",
            "record_pdf_url",
            "authority",
            "reference",
            "title",
            "decision_maker",
            "status",
            "is_key_decision",
            "key_decision_reason",
            "is_subject_to_call_in",
            "urgency",
            "urgency_note",
            "purpose",
            "reasons",
            "alternative_options",
            "date_of_decision",
            "publication_date",
            "call_in_status",
            "call_in_status_label",
            "call_in_deadline",
            "call_in_deadline_time",
            "effective_from",
            "affects_all_wards",
            "wards",
            "meeting",
            "issue",
            "recommendations",
            "delegations",
            "funding_lines",
            "related_decisions",
            "documents",
        ]

    def _at(self) -> datetime:
        return self.context.get("at") or timezone.now()

    @extend_schema_field(serializers.ChoiceField(choices=CALL_IN_STATUSES))
    def get_call_in_status(self, decision: Decision) -> str:
        """Derived at the moment of the request from the dates and any call-in."""
        return decision.call_in_status(self._at()).value

    def get_call_in_status_label(self, decision: Decision) -> str:
        return str(decision.call_in_status(self._at()).label)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_effective_from(self, decision: Decision) -> str | None:
        """The day the decision takes effect; a valid call-in suspends it until its outcome."""
        day = decision.takes_effect_on()
        return day.isoformat() if day else None


class MeetingLinkSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")
    body = serializers.CharField(source="body.name", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "api_url", "date", "body"]


class AgendaItemSerializer(serializers.ModelSerializer):
    meeting = MeetingLinkSerializer(read_only=True)
    issue = serializers.HyperlinkedRelatedField(
        view_name="api:issue-detail", read_only=True, allow_null=True
    )
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "summary", "minutes", "meeting", "issue", "documents"]


class MeetingSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")
    authority = AuthoritySerializer(read_only=True)
    body = BodySerializer(read_only=True)
    start_time = LondonTimeField(day="date", help_text="When the meeting starts, if known.")
    agenda_items = AgendaItemSerializer(source="items", many=True, read_only=True)
    decisions = DecisionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "api_url",
            "authority",
            "body",
            "date",
            "start_time",
            "location",
            "agenda_items",
            "decisions",
        ]


class IssueSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:issue-detail")
    url = PageUrlField(
        Issue.get_absolute_url, help_text="The issue's history page in the register."
    )
    authority = AuthoritySerializer(read_only=True)
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    decisions = DecisionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Issue
        fields = [
            "id",
            "api_url",
            "url",
            "authority",
            "title",
            "description",
            "agenda_items",
            "decisions",
        ]
