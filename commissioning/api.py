"""The read-only JSON API over contracts and funding lines.

A contract authorised only by decisions that are not public (exempt, confidential or not yet
published) is left out whole, as is a funding line tied to such a decision or contract: what
they say could carry the exempt information. Only public decisions are ever named.
"""

import django_filters
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commissioning.models import Contract, ContractExtension, FundingLine, Supplier
from commissioning.querysets import contract_is_public
from decisions.api.base import PublicRegisterViewSet
from decisions.api.serializers import (
    AuthoritySerializer,
    DecisionLinkSerializer,
    FundingLineSerializer,
    PageUrlField,
)
from decisions.models import Authority, Decision
from decisions.models.validators import validate_financial_year

# Querysets -----------------------------------------------------------------------------------


def flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


# Serializers ---------------------------------------------------------------------------------


class SupplierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Supplier
        fields = ["id", "name", "companies_house_number"]


class ContractLinkSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:contract-detail")
    url = PageUrlField(Contract.get_absolute_url)

    class Meta:
        model = Contract
        fields = ["id", "api_url", "url", "title"]


class ExtensionSerializer(serializers.ModelSerializer):
    decision = serializers.SerializerMethodField()

    class Meta:
        model = ContractExtension
        fields = [
            "length_months",
            "length_precision",
            "latest_end",
            "status",
            "decided_on",
            "decision",
            "conditions",
        ]

    @extend_schema_field(DecisionLinkSerializer(allow_null=True))
    def get_decision(self, extension: ContractExtension) -> dict | None:
        if extension.decision_id is None or not extension.decision_is_public:
            return None
        return DecisionLinkSerializer(extension.decision, context=self.context).data


class ContractSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:contract-detail")
    url = PageUrlField(
        Contract.get_absolute_url, help_text=_("The contract's page in the register.")
    )
    authority = AuthoritySerializer(read_only=True)
    suppliers = SupplierSerializer(many=True, read_only=True)
    framework = serializers.SerializerMethodField()
    extensions = ExtensionSerializer(many=True, read_only=True)
    funding_lines = FundingLineSerializer(many=True, read_only=True)
    decisions = DecisionLinkSerializer(many=True, read_only=True)
    status = serializers.SerializerMethodField(
        help_text=_(
            "Today's status: as recorded, where status_reason says why; otherwise from the "
            "dates (planned before the start, active until the end or an exercised "
            "extension's latest end, ended after it); null when neither settles it."
        )
    )
    status_reason = serializers.CharField(
        read_only=True,
        help_text=_("Why the status is recorded rather than following the dates; blank if not."),
    )

    class Meta:
        model = Contract
        fields = [
            "id",
            "api_url",
            "url",
            "authority",
            "title",
            "reference",
            "kind",
            "description",
            "suppliers",
            "framework",
            "procurement_route",
            "regime",
            "lots",
            "start_date",
            "end_date",
            "duration_months",
            "status",
            "status_reason",
            "tupe",
            "extensions",
            "funding_lines",
            "decisions",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=Contract.Status.choices, allow_null=True))
    def get_status(self, contract: Contract) -> str | None:
        return contract.current_status(timezone.localdate(self.context["at"]))

    @extend_schema_field(ContractLinkSerializer(allow_null=True))
    def get_framework(self, contract: Contract) -> dict | None:
        """The framework this is called off from."""
        if contract.framework_id is None or not contract.framework_is_public:
            return None
        return ContractLinkSerializer(contract.framework, context=self.context).data


class FundingLineDetailSerializer(FundingLineSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:funding-line-detail")
    decision = DecisionLinkSerializer(read_only=True, allow_null=True)
    contract = serializers.SerializerMethodField()

    class Meta(FundingLineSerializer.Meta):
        fields = ["api_url", *FundingLineSerializer.Meta.fields, "decision", "contract"]

    @extend_schema_field(ContractLinkSerializer(allow_null=True))
    def get_contract(self, line: FundingLine) -> dict | None:
        if line.contract_id is None or not line.contract_is_public:
            return None
        return ContractLinkSerializer(line.contract, context=self.context).data


# Filters -------------------------------------------------------------------------------------


class ContractFilter(django_filters.FilterSet):
    authority = django_filters.ModelChoiceFilter(
        label=_("Council (its slug)"), queryset=Authority.objects.all(), to_field_name="slug"
    )
    # Today's status, as the list shows it (ContractQuerySet.with_current_status).
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Contract.Status.choices, field_name="derived_status"
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Contract.Kind.choices)
    supplier = django_filters.ModelChoiceFilter(
        label=_("Supplier (id)"), queryset=Supplier.objects.all(), field_name="suppliers"
    )

    class Meta:
        model = Contract
        fields: list[str] = []


class FundingLineFilter(django_filters.FilterSet):
    authority = django_filters.ModelChoiceFilter(
        label=_("Council (its slug)"),
        queryset=Authority.objects.all(),
        to_field_name="slug",
        method="filter_authority",
    )
    financial_year = django_filters.CharFilter(
        label=_("Financial year, such as 2024/25"), validators=[validate_financial_year]
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FundingLine.Kind.choices)
    min_amount = django_filters.NumberFilter(
        label=_("At least (£)"),
        field_name="amount",
        lookup_expr="gte",
        max_digits=14,
        decimal_places=2,
    )

    class Meta:
        model = FundingLine
        fields: list[str] = []

    def filter_authority(self, queryset: QuerySet, name: str, value: Authority) -> QuerySet:
        return queryset.filter(Q(decision__authority=value) | Q(contract__authority=value))


# Views ---------------------------------------------------------------------------------------


class ContractViewSet(PublicRegisterViewSet):
    """Contracts, frameworks and grants, with the public decisions that authorised them."""

    serializer_class = ContractSerializer
    filterset_class = ContractFilter

    def get_queryset(self) -> QuerySet:
        public_decisions = Decision.objects.public(self.at)
        extensions = (
            ContractExtension.objects.public(self.at)
            .select_related("decision__authority")
            .annotate(decision_is_public=Exists(public_decisions.filter(pk=OuterRef("decision"))))
        )
        lines = FundingLine.objects.public(self.at)
        return (
            Contract.objects.public(self.at)
            .with_current_status(
                timezone.localdate(self.at), extensions=ContractExtension.objects.public(self.at)
            )
            .select_related("authority", "framework")
            .annotate(framework_is_public=flag(contract_is_public(self.at, "framework")))
            .prefetch_related(
                "suppliers",
                Prefetch("extensions", queryset=extensions),
                Prefetch("funding_lines", queryset=lines),
                Prefetch("decisions", queryset=public_decisions.select_related("authority")),
            )
            .order_by("authority__name", "-end_date", "title", "pk")
        )


class FundingLineViewSet(PublicRegisterViewSet):
    """Amounts tied to public decisions and contracts, exactly and as printed."""

    serializer_class = FundingLineDetailSerializer
    filterset_class = FundingLineFilter

    def get_queryset(self) -> QuerySet:
        return (
            FundingLine.objects.public(self.at)
            .select_related("decision__authority", "contract")
            .annotate(contract_is_public=flag(contract_is_public(self.at, "contract")))
            .order_by("pk")
        )
