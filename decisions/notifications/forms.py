from django import forms
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from decisions.models import Decision
from decisions.notifications import subscriptions
from decisions.types import User


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

    def toggle(self, *, user: User, decision: Decision) -> bool:
        following = self.cleaned_data.get("follow") if self.is_valid() else None
        return subscriptions.subscription_toggle(user=user, decision=decision, following=following)
