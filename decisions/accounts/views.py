"""The sign-out, locked-out and password reset pages (Django's views, GOV.UK templates)."""

import hashlib

from axes.helpers import get_client_ip_address, get_cool_off
from axes.utils import reset as reset_attempts
from django.conf import settings
from django.contrib.auth import views as auth
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from decisions.accounts.forms import NewPasswordForm, PasswordResetRequestForm
from decisions.web.forms import govuk_widgets

# At most this many reset emails an hour for one address, and for one IP address: enough for
# someone whose first email went astray, too few to flood an inbox or a mail server.
RESET_LIMIT = 3
RESET_WINDOW_SECONDS = 60 * 60


class SignOutView(auth.LogoutView):
    """POST signs out. GET asks first: following a link must never sign anyone out, and the
    address someone types or bookmarks should answer with a page rather than an error.

    Template: registration/logout.html (the question); then settings.LOGOUT_REDIRECT_URL.
    """

    http_method_names = ["get", "post", "options"]
    template_name = "registration/logout.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(settings.LOGOUT_REDIRECT_URL)
        return super().get(request, *args, **kwargs)


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """What django-axes answers to a sign-in while its username or address is locked out
    (settings.AXES_LOCKOUT_CALLABLE), on the register's sign-in page and the admin's alike.

    Template: registration/locked_out.html, with `minutes`, the cool-off's length.
    """
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def within_reset_limit(*, email: str, address: str | None) -> bool:
    """Count one request for a reset link to `email` from `address`; False beyond the limit.

    Counted in the shared cache, per hour from the first request. Addresses are hashed, so the
    cache holds no one's email address.
    """
    hashed = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    keys = [f"password-reset:email:{hashed}", f"password-reset:ip:{address or 'unknown'}"]
    counts = []
    for key in keys:
        cache.add(key, 0, timeout=RESET_WINDOW_SECONDS)
        try:
            counts.append(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=RESET_WINDOW_SECONDS)
            counts.append(1)
    return all(count <= RESET_LIMIT for count in counts)


class GovukFormMixin:
    """Puts the GOV.UK classes on the form's widgets and its problems in `errors`, for
    components/field.html and components/error_summary.html."""

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        if form is not None:
            govuk_widgets(form)
            context["errors"] = form.error_list() if form.is_bound else []
        return context


class PasswordResetRequestView(GovukFormMixin, auth.PasswordResetView):
    """Asks for an email address and queues a reset link to it, if it has an account.

    The page that follows says the same whether it has or not, and whether or not the limit
    was reached, so that it tells no one which addresses have accounts.

    Template: registration/password_reset_form.html.
    """

    form_class = PasswordResetRequestForm

    def form_valid(self, form: PasswordResetRequestForm) -> HttpResponse:
        if within_reset_limit(
            email=form.cleaned_data["email"], address=get_client_ip_address(self.request)
        ):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class NewPasswordView(GovukFormMixin, auth.PasswordResetConfirmView):
    """The link from the email: a new password, twice, or why the link no longer works.

    Template: registration/password_reset_confirm.html.
    """

    form_class = NewPasswordForm
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: NewPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        # The lockout page offers a reset as the way back in: a new password ends the
        # account's lockout (the failures counted against its username).
        reset_attempts(username=self.user.get_username())
        return response
