"""Forms of the report drafting pages of the workspace.

They check what the report author typed; the writes go through decisions.reports.services, whose
refusals are added back for the GOV.UK error summary. Every form carries the `version` it was
opened at, so that a save over someone else's newer save is refused (optimistic locking).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.models import (
    Authority,
    Body,
    DraftFundingLine,
    DraftOption,
    DraftRecommendation,
    DraftRisk,
    Person,
    Recommendation,
    Report,
    Ward,
)
from decisions.web.forms import DatePartsField, ServiceForm, govuk_widgets

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class VersionedForm(ServiceForm):
    """Carries the version of the row as it was when the page was opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The hidden version cannot take focus: a problem with it is shown on the first field.
    LINKED_TO_FIRST_FIELD = (*ServiceForm.LINKED_TO_FIRST_FIELD, "version")


class ReportStartForm(ServiceForm):
    authority = forms.ModelChoiceField(
        queryset=Authority.objects.all(),
        label=_("Council"),
        empty_label=_("Choose the council"),
        error_messages={"required": _("Choose the council the report is for")},
    )
    title = forms.CharField(
        label=_("Title of the report"),
        max_length=300,
        help_text=_("As it will be printed, such as Commissioning specialist home support."),
        error_messages={"required": _("Enter the title of the report")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        govuk_widgets(self)


class ReportDetailsForm(forms.ModelForm, VersionedForm):
    """The facts on the report's cover: who decides, when, who is affected, whether it is key."""

    is_key_decision = forms.TypedChoiceField(
        label=_("Is it a key decision?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether it is a key decision")},
    )
    intended_date = DatePartsField(
        label=_("Intended date of decision"),
        required=False,
        help_text=_("For example, 27 3 2027"),
    )

    class Meta:
        model = Report
        fields = [
            "title",
            "decision_maker",
            "relevant_members",
            "affects_all_wards",
            "wards",
            "is_key_decision",
            "key_decision_reason",
            "intended_date",
            "exempt_paragraph",
            "author",
            "contributors",
        ]
        widgets = {
            "relevant_members": forms.CheckboxSelectMultiple,
            "wards": forms.CheckboxSelectMultiple,
            "contributors": forms.CheckboxSelectMultiple,
            "key_decision_reason": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"title": {"required": _("Enter the title of the report")}}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        authority = self.instance.authority_id
        self.fields["decision_maker"].queryset = Body.objects.filter(authority=authority)
        self.fields["decision_maker"].empty_label = _("Choose the decision maker")
        people = Person.objects.filter(authority=authority)
        self.fields["relevant_members"].queryset = people.filter(kind=Person.Kind.COUNCILLOR)
        self.fields["author"].queryset = people.filter(kind=Person.Kind.OFFICER)
        self.fields["author"].empty_label = _("Choose the report author")
        self.fields["contributors"].queryset = people.filter(kind=Person.Kind.OFFICER)
        self.fields["wards"].queryset = Ward.objects.filter(authority=authority)
        self.fields["exempt_paragraph"].help_text = _(
            "Only when part of the report is to be withheld from the public."
        )
        if not self.is_bound:
            self.initial["is_key_decision"] = "yes" if self.instance.is_key_decision else "no"
        govuk_widgets(self)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("is_key_decision") and not (data.get("key_decision_reason") or "").strip():
            self.add_error("key_decision_reason", _("Say why it is a key decision"))
        return data


class SectionForm(VersionedForm):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
        help_text=_(
            "Leave a blank line between paragraphs. Start a line with ## for a heading, - for a "
            "list item; write **bold**, [a link](https://…) and tables as | cells |."
        ),
    )
    is_exempt = forms.BooleanField(
        label=_("This section is exempt from publication (Schedule 12A)"), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        govuk_widgets(self)


class RowForm(forms.ModelForm, VersionedForm):
    def __init__(self, *args: object, report: Report, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.instance.report = report
        self.report = report
        self.set_up()
        # Last: it reads the form's errors, which validates a bound form as it now stands.
        govuk_widgets(self)

    def set_up(self) -> None:
        """The choices and checks of this kind of row, made before anything is validated."""


class RecommendationForm(RowForm):
    class Meta:
        model = DraftRecommendation
        fields = [
            "label",
            "heading",
            "text",
            "kind",
            "delegate",
            "in_consultation_with",
            "money_limit",
            "within_existing_budget",
            "limits",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "limits": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "delegate": _("Only for a delegation: the officer post that will hold the power."),
            "in_consultation_with": _("For a delegation: the member role to consult, if any."),
        }
        error_messages = {
            "label": {"required": _("Enter the recommendation's number, such as 2 or (a)")},
            "text": {"required": _("Enter the text of the recommendation")},
            "money_limit": {"invalid": _("Enter the money limit as a number of pounds")},
        }

    def set_up(self) -> None:
        bodies = Body.objects.filter(authority=self.report.authority_id)
        self.fields["delegate"].queryset = bodies.filter(kind=Body.Kind.OFFICER)
        self.fields["in_consultation_with"].queryset = bodies.exclude(kind=Body.Kind.OFFICER)
        self.fields["kind"].choices = Recommendation.Kind.choices
        self.fields["label"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["money_limit"].widget.attrs["class"] = "govuk-input--width-10"

    def clean_label(self) -> str:
        label = self.cleaned_data["label"].strip()
        taken = DraftRecommendation.objects.filter(report=self.report, label=label)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another recommendation is numbered %s") % label)
        return label


class OptionForm(RowForm):
    class Meta:
        model = DraftOption
        fields = ["label", "title", "description", "is_recommended"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"title": {"required": _("Enter the option, such as Do nothing")}}

    def set_up(self) -> None:
        self.fields["label"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["is_recommended"].label = _("This is the recommended option")


class RiskForm(RowForm):
    class Meta:
        model = DraftRisk
        fields = ["description", "rating", "mitigation"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"rating": _("The assumed risk rating, from 1 (lowest) to 25.")}
        error_messages = {
            "description": {"required": _("Describe the risk or assumption")},
            "rating": {
                "required": _("Enter the risk rating"),
                "invalid": _("Enter the risk rating as a whole number, such as 2"),
            },
        }

    def set_up(self) -> None:
        self.fields["rating"].validators.append(_rating_range)
        self.fields["rating"].widget = forms.TextInput(
            attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}
        )


def _rating_range(value: int) -> None:
    if not 1 <= value <= 25:
        raise forms.ValidationError(_("The risk rating must be between 1 and 25"))


class PoundsField(forms.DecimalField):
    """An amount in pounds, typed as a council would write it: £765,000 or 765000.50."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace("£", "", 1)
        return super().to_python(value)

    def widget_attrs(self, widget: forms.Widget) -> dict:
        # No browser-side step or range: the server's message names the problem instead.
        return {}


class FundingLineForm(RowForm):
    amount = PoundsField(
        label=_("Amount (£)"),
        max_digits=14,
        decimal_places=2,
        help_text=_("In pounds, such as £765,000 or 765000.50."),
        error_messages={
            "required": _("Enter the amount"),
            "invalid": _("Enter the amount as a number of pounds, such as 765000"),
        },
    )
    period_start = DatePartsField(
        label=_("Period from"), required=False, help_text=_("For example, 12 10 2015")
    )
    period_end = DatePartsField(
        label=_("Period to"), required=False, help_text=_("For example, 6 11 2016")
    )

    class Meta:
        model = DraftFundingLine
        fields = [
            "amount",
            "precision",
            "kind",
            "recurrence",
            "financial_year",
            "period_start",
            "period_end",
            "source",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def set_up(self) -> None:
        self.fields["financial_year"].widget.attrs["class"] = "govuk-input--width-5"


ROW_FORMS = {
    "recommendations": RecommendationForm,
    "options": OptionForm,
    "risks": RiskForm,
    "funding": FundingLineForm,
}
