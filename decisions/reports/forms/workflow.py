from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.models import DraftRecommendation, Recommendation, SignOff
from decisions.types import User
from decisions.web.forms import DatePartsField, ServiceForm, govuk_widgets


def _officer_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


class ClearanceForm(ServiceForm):
    """One clearance officer per implications section, named by SignOff.Area."""

    def __init__(
        self,
        *args: object,
        officers: dict[str, QuerySet],
        current: dict[str, SignOff],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        for area, label in SignOff.Area.choices:
            field = forms.ModelChoiceField(
                label=_("%(area)s clearance officer") % {"area": label},
                queryset=officers[area],
                required=False,
                empty_label=_("Choose an officer"),
            )
            field.label_from_instance = _officer_name
            if area in current:
                field.initial = current[area].officer_id
            self.fields[area] = field
        govuk_widgets(self)

    def chosen(self) -> dict[str, object]:
        return {area: user for area, user in self.cleaned_data.items() if user is not None}


class SignOffForm(ServiceForm):
    """The clearance officer's answer: sign off the version read, or return it with comments."""

    SIGN_OFF = "sign_off"
    RETURN = "return"

    comment = forms.CharField(
        label=_("Comments for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Needed to return the section: say what needs to change."),
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    action = forms.ChoiceField(
        choices=[(SIGN_OFF, _("Sign off")), (RETURN, _("Return with comments"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose to sign off or to return the section.")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        govuk_widgets(self)


class SendToDecisionMakerForm(forms.Form):
    """The confirmation of sending: no fields, only the checks the service makes.

    The service names what is missing (a clearance area, the decision maker, the forward plan
    …); the page has a row for each (id_<name>), which the error summary links to.
    """

    ROWS = {
        **{area: _("%(area)s sign-off") % {"area": label} for area, label in SignOff.Area.choices},
        "decision_maker": _("Decision maker"),
        "key_decision_reason": _("Why it is a key decision"),
        "recommendations": _("Recommendations"),
        "forward_plan": _("Forward plan"),
        "status": _("Report"),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.refusals: list[tuple[str, str, str]] = []

    def add_service_errors(self, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            target = name if name in self.ROWS else "status"
            label = str(self.ROWS[target])
            self.refusals.extend((target, label, str(message)) for message in messages)

    def error_list(self) -> list[tuple[str, str, str]]:
        return self.refusals


def _outcome_choices() -> list[tuple[str, str]]:
    return [(value, label) for value, label in Recommendation.Outcome.choices if value]


class RecordDecisionForm(ServiceForm):
    """What the decision maker decided: an outcome per recommendation, and the date.

    Fields are named for the draft recommendation's key (outcome_<pk>, amended_text_<pk>),
    the names decisions.reports.services.deciding.report_record_decision gives in its refusals.
    """

    date_of_decision = DatePartsField(
        label=_("Date of decision"),
        help_text=_("For example, 30 8 2015"),
        error_messages={"required": _("Enter the date of decision")},
    )

    def __init__(
        self, *args: object, recommendations: list[DraftRecommendation], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.recommendations = recommendations
        for recommendation in recommendations:
            self.fields[f"outcome_{recommendation.pk}"] = forms.ChoiceField(
                label=_("Recommendation %(label)s") % {"label": recommendation.label},
                choices=_outcome_choices(),
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose the outcome of recommendation %(label)s")
                    % {"label": recommendation.label}
                },
            )
            self.fields[f"amended_text_{recommendation.pk}"] = forms.CharField(
                label=_("Recommendation %(label)s as amended") % {"label": recommendation.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        # The date last, as on the page: the error summary lists problems in page order.
        self.order_fields([name for name in self.fields if name != "date_of_decision"])
        govuk_widgets(self)

    def clean(self) -> dict:
        data = super().clean()
        for recommendation in self.recommendations:
            text = f"amended_text_{recommendation.pk}"
            if (
                data.get(f"outcome_{recommendation.pk}") == Recommendation.Outcome.AMENDED
                and not data.get(text, "").strip()
            ):
                self.add_error(
                    text,
                    _("Enter recommendation %(label)s as amended")
                    % {"label": recommendation.label},
                )
        return data

    def rows(self) -> list[dict[str, object]]:
        """Each recommendation with its two bound fields, for the page."""
        return [
            {
                "recommendation": recommendation,
                "outcome": self[f"outcome_{recommendation.pk}"],
                "amended_text": self[f"amended_text_{recommendation.pk}"],
            }
            for recommendation in self.recommendations
        ]

    def outcomes_given(self) -> list[tuple[DraftRecommendation, str, str]]:
        data = self.cleaned_data
        return [
            (
                recommendation,
                data[f"outcome_{recommendation.pk}"],
                data.get(f"amended_text_{recommendation.pk}", ""),
            )
            for recommendation in self.recommendations
        ]

    @property
    def decided_on(self) -> date:
        return self.cleaned_data["date_of_decision"]
