"""The councillors' forms: asking for a call-in, with the co-signatories who will confirm it."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.models import Person
from decisions.views.forms import govuk_widgets

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
