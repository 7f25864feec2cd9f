import copy
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models import Body, CallIn, Decision, Meeting, Person
from decisions.register.filters import DATE_INPUT_FORMATS, DecisionFilter
from decisions.rules import call_in as call_in_rules
from decisions.web.forms import DatePartsField, ServiceForm, govuk_widgets


class PublishForm(forms.Form):
    """The confirmation of publishing one decision: no fields, only what publishing will fix.

    The service names the decision's own fields in a refusal; the page has a row for each
    (id_<name>), which the error summary links to.
    """

    ROWS = {
        "date_of_decision": _("Date of decision"),
        "publication_date": _("Publication date"),
        "urgency": _("Urgency route"),
        "urgency_note": _("Urgency record"),
        "call_in_deadline": _("Call-in deadline"),
        "effective_from": _("Effective from"),
    }

    def __init__(self, *args: object, decision: Decision, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.refusals: list[tuple[str, str, str]] = []

    def preview(self, at: datetime | None = None) -> dict[str, object]:
        """The dates the record would have if published at `at`, computed without saving."""
        day = timezone.localdate(at or timezone.now())
        draft = copy.copy(self.decision)
        draft.publication_date = day
        draft.call_in_deadline = draft.call_in_deadline_time = None
        draft.effective_from = None
        draft.fill_computed_dates()
        deadline = draft.deadline
        return {
            "publication_date": day,
            "deadline": deadline,
            "deadline_printed": call_in_rules.format_deadline(deadline) if deadline else "",
            "effective_from": draft.effective_from,
            "not_computable": draft.not_computable_reason(),
        }

    def add_service_errors(self, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            target = name if name in self.ROWS else "decision"
            label = str(self.ROWS.get(name, _("Decision")))
            self.refusals.extend((target, label, str(message)) for message in messages)

    def error_list(self) -> list[tuple[str, str, str]]:
        return self.refusals


class PastWindowsForm(ServiceForm):
    q = forms.CharField(
        label=_("Search past windows"),
        required=False,
        max_length=200,
        help_text=_("Words in the title, purpose, decision or reasons."),
    )
    closed_from = forms.DateField(
        label=_("Call-in closed on or after"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=DecisionFilter.DATE_HINT,
        error_messages={"invalid": DecisionFilter.DATE_INVALID},
    )
    closed_to = forms.DateField(
        label=_("Call-in closed on or before"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=DecisionFilter.DATE_HINT,
        error_messages={"invalid": DecisionFilter.DATE_INVALID},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Plain text boxes, as on the public register: the GOV.UK Design System advises
        # against the browser's date picker.
        for name in ("closed_from", "closed_to"):
            self.fields[name].widget = forms.DateInput(
                attrs={"autocomplete": "off", "spellcheck": "false"}
            )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("closed_from"), data.get("closed_to")
        if start and end and end < start:
            self.add_error("closed_to", _("The end of the range must not be before its start."))
        return data

    def filter(self, decisions: models.QuerySet) -> models.QuerySet:
        """The decisions matching the search, the latest deadline first."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("q"):
            decisions = decisions.search(data["q"])
        if data.get("closed_from"):
            decisions = decisions.filter(call_in_deadline__gte=data["closed_from"])
        if data.get("closed_to"):
            decisions = decisions.filter(call_in_deadline__lte=data["closed_to"])
        return decisions.order_by(
            models.F("call_in_deadline").desc(nulls_last=True), "-effective_from", "-pk"
        )


def _choices_without_pending(choices: type[models.TextChoices]) -> list[tuple[str, str]]:
    return [(value, label) for value, label in choices.choices if value]


class OutcomeForm(ServiceForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=_choices_without_pending(CallIn.Outcome),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome scrutiny reached")},
    )
    outcome_date = DatePartsField(
        label=_("Outcome date"),
        help_text=_("For example, 21 11 2023"),
        error_messages={"required": _("Enter the date of the outcome")},
    )
    scrutiny_meeting = forms.ModelChoiceField(
        label=_("Scrutiny meeting (optional)"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("No meeting recorded"),
    )

    def __init__(self, *args: object, call_in: CallIn, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        decision = call_in.decision
        meetings = Meeting.objects.filter(
            authority=decision.authority_id, body__kind=Body.Kind.COMMITTEE
        ).select_related("body")
        if decision.date_of_decision:
            meetings = meetings.filter(date__gte=decision.date_of_decision)
        field = self.fields["scrutiny_meeting"]
        field.queryset = meetings.order_by("date", "pk")
        field.label_from_instance = lambda meeting: (
            f"{meeting.body.name}, {call_in_rules.format_date(meeting.date)}"
        )
        if call_in.scrutiny_meeting_id:
            field.initial = call_in.scrutiny_meeting_id
        govuk_widgets(self)


class FinalOutcomeForm(ServiceForm):
    final_outcome = forms.ChoiceField(
        label=_("Final outcome"),
        choices=_choices_without_pending(CallIn.FinalOutcome),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the final outcome")},
    )
    final_outcome_date = DatePartsField(
        label=_("Final outcome date"),
        help_text=_("For example, 5 12 2023"),
        error_messages={"required": _("Enter the date of the final outcome")},
    )


# Problems that belong to the request as a whole link to the summary of the call-in
# (an element with id "id_call_in" on the page).
WHOLE_REQUEST = "call_in"

WHOLE_REQUEST_LABEL = _("Call-in")


class CallInRequestForm(forms.Form):
    reasons = forms.CharField(
        label=_("Why should scrutiny review this decision?"),
        help_text=_("Your reasons go to democratic services and to the scrutiny committee."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter the reasons for calling the decision in.")},
    )
    co_signatories = forms.ModelMultipleChoiceField(
        label=_("Co-signatories"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose co-signatories from the councillors listed."),
            "invalid_pk_value": _("Choose co-signatories from the councillors listed."),
        },
    )

    def __init__(self, *args: object, candidates: QuerySet[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["co_signatories"].queryset = candidates
        govuk_widgets(self)

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's refusal on the field it names, or on the whole request."""
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)
        govuk_widgets(self)

    def error_list(self) -> list[tuple[str, str, str]]:
        """(field name, label, message) for each problem, for the GOV.UK error summary."""
        return [
            (
                name if name in self.fields else WHOLE_REQUEST,
                str(self.fields[name].label if name in self.fields else WHOLE_REQUEST_LABEL),
                str(message),
            )
            for name, messages in self.errors.items()
            for message in messages
        ]
