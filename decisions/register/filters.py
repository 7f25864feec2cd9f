"""The register's filters, shared by the decisions page, its CSV download and the API."""

from functools import partial

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from decisions.models import Authority, Body, Decision, Ward
from decisions.models.querysets import only_leaves_words_out, search_index
from decisions.register.pagination import RegisterPaginator
from decisions.rules.call_in import STATUS_LABELS, CallInStatus
from decisions.web.options import Options, council_choices, quote
from decisions.web.pagination import capped_count

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class QuickSelect(forms.Select):
    """A <select> written out in Python (decisions.web.options), as Django's own templates
    would write it: the register's form, with the councils of a national register (and a
    council's decision makers and wards), took 30 to 70 ms to render, more than its queries.
    """

    def render(
        self, name: str, value: object, attrs: dict | None = None, renderer: object = None
    ) -> SafeString:
        options = Options(self.format_value(value)).write(self.choices)
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        # Every value and label is escaped by Options.
        return mark_safe(f'<select name="{quote(name)}"{attributes}>{options}</select>')


class OfferedChoices(BaseChoiceIterator):
    """The options a council's list (its decision makers, its wards) offers on the register's
    form: every one while the register holds at most MOST_OPTIONS of them, else those of the
    council chosen, and with none chosen only the one already selected.

    A national register holds tens of thousands of decision makers and wards: offered whole,
    they made the register page a megabyte and a second to write. Any of them is still a valid
    filter value (the field's queryset is unchanged), from an address or the API. Read once,
    when the form is first written out (the API and the CSV never read it).
    """

    MOST_OPTIONS = 300

    def __init__(self, field: forms.ModelChoiceField, council: str, selected: str) -> None:
        self.field = field
        self.council = council
        self.selected = selected
        self._records: list | None = None
        self._narrowed = False

    def records(self) -> list:
        if self._records is None:
            queryset = self.field.queryset
            if self.council:
                self._records = list(queryset.filter(authority__slug=self.council))
            elif queryset.order_by().values("pk")[: self.MOST_OPTIONS + 1].count() <= (
                self.MOST_OPTIONS
            ):
                self._records = list(queryset)
            else:
                # Counted from the keys alone, before any record is read.
                self._narrowed = True
                chosen = queryset.filter(pk=self.selected) if self.selected.isdigit() else []
                self._records = list(chosen)
        return self._records

    def narrowed(self) -> bool:
        """Whether only some are offered until a council is chosen."""
        self.records()
        return self._narrowed

    def __iter__(self):  # of (value, label) pairs
        yield "", self.field.empty_label
        for record in self.records():
            yield record.pk, self.field.label_from_instance(record)

    def __copy__(self) -> "OfferedChoices":
        # The form copies its fields' widgets; the copy shares what was read.
        return self


class CouncilOptions(BaseChoiceIterator):
    """The council drop-down's options, (slug, name) read as values: a national register has
    hundreds of councils, and the page needs only these two columns of each, not records."""

    def __init__(self, field: forms.ModelChoiceField) -> None:
        self.field = field

    def __iter__(self):  # of (value, label) pairs
        yield "", self.field.empty_label
        yield from council_choices(self.field.queryset)


# Day, month and year with spaces (as the hint shows), with slashes, or ISO 8601 (the API's).
DATE_INPUT_FORMATS = ["%d %m %Y", "%d/%m/%Y", "%Y-%m-%d"]

SORTS = {
    "newest": (_("Newest decisions first"), ["-date_of_decision", "-pk"]),
    "oldest": (_("Oldest decisions first"), ["date_of_decision", "pk"]),
    "published": (_("Most recently published"), ["-publication_date", "-pk"]),
    "title": (_("Title A to Z"), ["title", "pk"]),
    "relevance": (_("Best match (with a search)"), None),
}


def validate_search(value: str) -> None:
    if only_leaves_words_out(value):
        raise ValidationError(
            _(
                "Enter a word to search for as well as the words to leave out (those "
                "starting with -), like care -homes"
            )
        )


class DecisionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        validators=[validate_search],
        help_text=_("Words in the title, purpose, decision or reasons."),
    )
    authority = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Council"),
        queryset=Authority.objects.all(),
        to_field_name="slug",
        empty_label=_("All councils"),
    )
    decision_maker = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Decision maker"),
        queryset=Body.objects.select_related("authority"),
        empty_label=_("Any decision maker"),
    )
    decided_from = django_filters.DateFilter(
        label=_("Decided on or after"), field_name="date_of_decision", lookup_expr="gte"
    )
    decided_to = django_filters.DateFilter(
        label=_("Decided on or before"), field_name="date_of_decision", lookup_expr="lte"
    )
    published_from = django_filters.DateFilter(
        label=_("Published on or after"), field_name="publication_date", lookup_expr="gte"
    )
    published_to = django_filters.DateFilter(
        label=_("Published on or before"), field_name="publication_date", lookup_expr="lte"
    )
    key_decision = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Key decision"),
        choices=YES_NO,
        method="filter_key_decision",
        empty_label=_("Key and non-key"),
    )
    # A decision taken without the full 28 days' notice, or exempt from call-in, says so.
    urgency = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Taken under urgency or general exception"),
        choices=[(value, label) for value, label in Decision.Urgency.choices if value],
        empty_label=_("Any notice"),
    )
    call_in_status = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Call-in status"),
        choices=[(status.value, STATUS_LABELS[status]) for status in CallInStatus],
        method="filter_call_in_status",
        empty_label=_("Any status"),
    )
    ward = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Ward"),
        queryset=Ward.objects.select_related("authority"),
        method="filter_ward",
        empty_label=_("Any ward"),
    )
    funding_over = django_filters.NumberFilter(
        label=_("Has funding of at least (£)"),
        method="filter_funding_over",
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    sort = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        method="filter_sort",
        empty_label=None,
    )

    # Said beside a council's list while no council is chosen (the list may then be short).
    CHOOSE_COUNCIL_FIRST = {
        "decision_maker": _("Choose a council to see all its decision makers."),
        "ward": _("Choose a council to see all its wards."),
    }

    # How the register page asks for a date: the GOV.UK hint, and its error in the same terms.
    DATE_HINT = _("For example, 27 3 2007")
    DATE_INVALID = _("Enter a real date, like 27 3 2007.")

    class Meta:
        model = Decision
        fields: list[str] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Several councils have a "Cabinet": say whose each one is.
        for name in ("decision_maker", "ward"):
            self.filters[name].field.label_from_instance = lambda record: (
                f"{record.name} ({record.authority.display_name})"
            )
        # Plain text boxes, as the GOV.UK Design System advises against the browser's date
        # picker. The hint and the error give the date the same way, and that way is read.
        for name in ("decided_from", "decided_to", "published_from", "published_to"):
            field = self.filters[name].field
            field.widget = forms.DateInput(attrs={"autocomplete": "off", "spellcheck": "false"})
            field.input_formats = DATE_INPUT_FORMATS
            field.help_text = self.DATE_HINT
            field.error_messages["invalid"] = self.DATE_INVALID

    def _choose_council_first(self, offered: OfferedChoices, name: str) -> str:
        return str(self.CHOOSE_COUNCIL_FIRST[name]) if offered.narrowed() else ""

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_key_decision(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        wanted = value == "yes"
        if self.form.cleaned_data.get("q"):
            # With words to match, the flag is checked on each match: said through COALESCE,
            # which no index answers. PostgreSQL otherwise ANDs the words' index with the
            # flag's, read whole (400,000 key decisions of a million: 60 ms, five times the
            # rest of the count).
            return queryset.alias(
                key_decision_flag=Coalesce("is_key_decision", Value(False))
            ).filter(key_decision_flag=wanted)
        return queryset.filter(is_key_decision=wanted)

    def filter_call_in_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_call_in_status(CallInStatus(value), timezone.now())

    def filter_ward(self, queryset: QuerySet, name: str, value: Ward) -> QuerySet:
        # A decision affecting every ward affects this one too. An EXISTS rather than a join:
        # no DISTINCT to sort every match by, so the page is read in the register's order.
        # Within the ward's council, so that its decisions are read through the council's
        # index in the register's order (a ward's decisions are its council's).
        in_ward = Decision.wards.through.objects.filter(decision=OuterRef("pk"), ward=value)
        return queryset.filter(
            Q(authority=value.authority_id) & (Exists(in_ward) | Q(affects_all_wards=True))
        )

    def filter_funding_over(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset.with_funding_over(value)

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Applied in `qs`, after every other filter, so that search ranking is known.
        return queryset

    # A search with more matches than this is shown newest first rather than ranked: ranking
    # reads every match (RUM's ordered index too), 0.5 s and more for a common word on
    # 1,000,000 decisions. The same number the register's pages count to, so that one capped
    # count answers both.
    RANK_LIMIT = RegisterPaginator.count_cap

    # Set by `qs`: the capped count of a search's matches (counted to choose its order), and
    # whether there were too many to rank.
    capped_count: int | None = None
    too_many_to_rank = False

    @property
    def qs(self) -> QuerySet:
        if not hasattr(self, "_ordered"):
            self._ordered = self._in_order(super().qs)
        return self._ordered

    def _in_order(self, queryset: QuerySet) -> QuerySet:
        valid = self.is_bound and self.is_valid()
        sort = self.form.cleaned_data.get("sort") if valid else ""
        if valid and not sort:
            sort = self.default_sort()
            if sort:
                # The form says the order the list is in.
                self.form.data = self.form.data.copy()
                self.form.data["sort"] = sort
        text = (self.form.cleaned_data.get("q") or "").strip() if self.is_bound else ""
        if sort == "relevance" or (not sort and text):
            if text and search_index() is not None:
                self.capped_count = capped_count(queryset, self.RANK_LIMIT)
                self.too_many_to_rank = self.capped_count > self.RANK_LIMIT
                if not self.too_many_to_rank:
                    return queryset.best_match_first(text)
            sort = "newest"
        return queryset.order_by(*SORTS[sort or "newest"][1])

    def default_sort(self) -> str:
        """The order when none is chosen: by publication when only publication dates narrow
        the list, else "" (best match with a search, newest without).

        Read newest decided first, "published before 2015" would step over every decision
        published since (700,000 of 1,000,000) to find its first page.
        """
        data = self.form.cleaned_data
        published = data.get("published_from") or data.get("published_to")
        decided = data.get("decided_from") or data.get("decided_to")
        return "published" if published and not decided and not data.get("q") else ""

    def offer_council_lists(self) -> None:
        """For the register page: offer the decision makers and wards as OfferedChoices says."""
        data = self.data or {}
        council = str(data.get("authority") or "")
        councils = self.form.fields["authority"]
        councils.widget.choices = CouncilOptions(councils)
        for name in ("decision_maker", "ward"):
            # Set on the form's own copy of the field: copying a field resets its options.
            field = self.form.fields[name]
            offered = OfferedChoices(field, council, str(data.get(name) or ""))
            field.widget.choices = offered
            field.help_text = lazy(partial(self._choose_council_first, offered, name), str)()

    def leave_out_empty_choices(self) -> None:
        """For the register page: offer the ward filter only when there are wards to choose.

        Many councils record no wards; an empty drop-down would only puzzle. With a council
        chosen, its wards alone are offered.
        """
        wards = self.form.fields["ward"].queryset
        council = Authority.objects.filter(slug=self.data.get("authority") or "").first()
        if council is not None:
            wards = wards.filter(authority=council)
            self.form.fields["ward"].queryset = wards
        if not wards.exists():
            del self.form.fields["ward"]

    def error_list(self) -> list[tuple[str, str, str]]:
        """(field name, label, message) for each problem, for the GOV.UK error summary."""
        return [
            (name, str(self.form.fields[name].label), str(message))
            for name, messages in self.form.errors.items()
            for message in messages
        ]
