"""The worker's part in a password reset: making the link and sending it."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.timesince import timeuntil
from django_tasks import task


@task()
def send_password_reset(user_id: int) -> str:
    """Email the account a one-use link to set a new password.

    The account is read again when the task runs: one deactivated, or left without a password,
    since the request gets nothing. A mail server's failure fails the task, which the worker
    records; the person can ask again.
    """
    user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return "not sent"
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    now = timezone.now()
    context = {
        "user": user,
        "register_name": settings.REGISTER_NAME,
        "reset_url": f"{settings.SITE_URL}{link}",
        "valid_for": timeuntil(now + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT), now),
    }
    subject = "".join(
        render_to_string("registration/password_reset_subject.txt", context).splitlines()
    )
    body = render_to_string("registration/password_reset_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return "sent"
