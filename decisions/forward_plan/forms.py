from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.models import ForwardPlanEntry
from decisions.web.forms import DatePartsField, ServiceForm, govuk_widgets


class ForwardPlanForm(ServiceForm):
    """The notice given: full 28 clear days, or general exception or special urgency."""

    Notice = ForwardPlanEntry.Notice

    notice = forms.ChoiceField(
        label=_("How is notice given?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how notice of the decision is given")},
    )
    chair_notified_on = DatePartsField(
        label=_("Day the scrutiny chair was given notice"),
        required=False,
        help_text=_("At least 5 clear days before the decision. For example, 21 11 2023"),
    )
    chair_agreed_on = DatePartsField(
        label=_("Day the scrutiny chair agreed"),
        required=False,
        help_text=_("For example, 21 11 2023"),
    )
    chair_agreement = forms.CharField(
        label=_("What the scrutiny chair agreed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("That the decision is urgent and cannot reasonably be deferred, and why."),
    )

    def __init__(self, *args: object, full_notice_in_time: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Reg 9: full notice is offered only while 28 clear days can still be given.
        choices = self.Notice.choices
        if not full_notice_in_time:
            choices = [(value, label) for value, label in choices if value != self.Notice.FULL]
        self.fields["notice"].choices = choices
        govuk_widgets(self)

    def clean(self) -> dict:
        data = super().clean()
        notice = data.get("notice")
        if notice == self.Notice.SPECIAL_URGENCY:
            if data.get("chair_agreed_on") is None and "chair_agreed_on" not in self.errors:
                self.add_error("chair_agreed_on", _("Enter the day the scrutiny chair agreed"))
            if not data.get("chair_agreement", "").strip():
                self.add_error(
                    "chair_agreement", _("Say what the scrutiny chair agreed, and why it is urgent")
                )
        return data
