"""Forms of the democratic services side of the officer workspace.

They only read and check what the clerk typed; every write goes through decisions.services,
whose refusals are added back to the form (`add_service_errors`) for the error summary.
"""

import copy
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from decisions import callin, services
from decisions.filters import DATE_INPUT_FORMATS, DecisionFilter
from decisions.models import Body, CallIn, Decision, Meeting
from decisions.views.forms import govuk_widgets

DATE_PARTS = ("day", "month", "year")


# The GOV.UK date input: day, month and year in three boxes -----------------------------------


class DatePartsWidget(forms.MultiWidget):
    """Three text boxes named <name>_day, <name>_month and <name>_year.

    Rendered by templates/officers/date_input.html (a fieldset with a label per box), not by
    Django, so that each box has its label and the GOV.UK classes.
    """

    def __init__(self) -> None:
        super().__init__({part: forms.TextInput() for part in DATE_PARTS})

    def decompress(self, value: date | None) -> list[str | None]:
        if value is None:
            return [None, None, None]
        return [str(value.day), str(value.month), str(value.year)]


class DatePartsBoundField(forms.BoundField):
    @property
    def parts(self) -> list[dict[str, str]]:
        """Each box's name, id, label, width and value (what was typed, or the initial date)."""
        value = self.value()
        if not isinstance(value, list | tuple):
            value = self.field.widget.decompress(value)
        widths = {"day": 2, "month": 2, "year": 4}
        # The day box takes the field's own id, so that the error summary's link lands on it.
        ids = {
            "day": self.auto_id,
            "month": f"{self.auto_id}_month",
            "year": f"{self.auto_id}_year",
        }
        return [
            {
                "name": f"{self.html_name}_{part}",
                "id": ids[part],
                "label": part.capitalize(),
                "width": str(widths[part]),
                "value": "" if typed is None else str(typed),
            }
            for part, typed in zip(DATE_PARTS, value, strict=True)
        ]


class DatePartsField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK Design System's error messages."""

    widget = DatePartsWidget

    def __init__(self, **kwargs: object) -> None:
        fields = tuple(forms.CharField(required=False) for _part in DATE_PARTS)
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def get_bound_field(self, form: forms.Form, field_name: str) -> DatePartsBoundField:
        return DatePartsBoundField(form, self, field_name)

    def compress(self, data_list: list[str]) -> date | None:
        if not data_list or not any(part.strip() for part in data_list):
            return None
        name = str(self.label)
        missing = [part for part, typed in zip(DATE_PARTS, data_list, strict=True) if not typed]
        if missing:
            raise ValidationError(
                _("%(name)s must include a %(part)s") % {"name": name, "part": missing[0]},
                code="incomplete",
            )
        try:
            day, month, year = (int(part.strip()) for part in data_list)
            if year < 1000:
                raise ValueError("The year must have four digits.")
            return date(year, month, day)
        except ValueError:
            raise ValidationError(
                _("%(name)s must be a real date") % {"name": name}, code="invalid"
            ) from None


# Shared ---------------------------------------------------------------------------------------


class ServiceForm(forms.Form):
    """A form whose writes are refused or accepted by a service function."""

    # Problems the error summary links to the first field the user can see.
    LINKED_TO_FIRST_FIELD: tuple[str, ...] = (forms.forms.NON_FIELD_ERRORS,)

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's refusal on the field it names, or on the whole form."""
        for name, messages in error.message_dict.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)

    def error_list(self) -> list[tuple[str, str, str]]:
        """(anchor name, label, message) per problem, for components/error_summary.html.

        A problem with the whole form links to the first field the user can see.
        """
        first = next(field.name for field in self.visible_fields())
        found = []
        for name, messages in self.errors.items():
            target = first if name in self.LINKED_TO_FIRST_FIELD else name
            label = self.fields[target].label
            found.extend((target, str(label), str(message)) for message in messages)
        return found


# Publishing -------------------------------------------------------------------------------------


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
            "deadline_printed": callin.format_deadline(deadline) if deadline else "",
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


# The dashboard's search of past windows -----------------------------------------------------------


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


# Following a decision ---------------------------------------------------------------------------


class FollowForm(forms.Form):
    """Follow a decision, or stop following it, then go back to the page the button was on."""

    next = forms.CharField(required=False, widget=forms.HiddenInput)
    # What the button said ("yes" to follow, "no" to stop), so that a second press arriving
    # before the page reloads asks for the same thing rather than undoing the first.
    follow = forms.TypedChoiceField(
        required=False,
        choices=[("yes", "yes"), ("no", "no")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: object, request: HttpRequest, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def next_url(self) -> str:
        """Where to go back to: only an address on this site."""
        target = self.data.get("next", "")
        if url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return target
        return ""

    def toggle(self, *, user: object, decision: Decision) -> bool:
        following = self.cleaned_data.get("follow") if self.is_valid() else None
        return services.subscription_toggle(user=user, decision=decision, following=following)


# Scrutiny's outcome -----------------------------------------------------------------------------


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
            f"{meeting.body.name}, {callin.format_date(meeting.date)}"
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
