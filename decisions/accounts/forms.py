"""The forms of a forgotten password: the address to send a link to, and the new password."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from decisions.web.forms import ServiceForm


class PasswordResetRequestForm(ServiceForm, PasswordResetForm):
    """The email address of an account whose password is forgotten.

    Django finds the accounts with that address (active, with a password) and calls send_mail
    for each; here that only queues the email for the worker.
    """

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Queue the email, once the request's transaction commits, for the worker to send.

        Only the account's id is queued: the worker makes the link (and its token) when it
        sends, so nothing that resets a password waits in the task table, and the page answers
        at once whatever the mail server is doing.
        """
        from decisions.accounts.tasks import send_password_reset

        user_id = context["user"].pk
        transaction.on_commit(lambda: send_password_reset.enqueue(user_id))


class NewPasswordForm(ServiceForm, SetPasswordForm):
    """The new password, twice, from the link in a password reset email."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": _("The two passwords do not match: enter the same password twice"),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        new, again = self.fields["new_password1"], self.fields["new_password2"]
        new.label = _("New password")
        new.help_text = _(
            "At least 8 characters, not all numbers, not a common password and not like your "
            "name or email address."
        )
        new.error_messages["required"] = _("Enter a new password")
        again.label = _("Confirm new password")
        again.help_text = ""
        again.error_messages["required"] = _("Enter the new password again")
