"""Signing in and out (decisions.accounts): the error summary, django-axes's lockout, the header's
sign-in and sign-out, and a password reset sent by the worker and rate limited."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from decisions.accounts.views import RESET_LIMIT
from tests.notifications.test_notifications import run_worker

PASSWORD = "a-long-password-1"
LOCKED_OUT = 429


@pytest.fixture(autouse=True)
def fresh_cache():
    """The reset limit counts in the cache, which outlives each test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(
        "teresa.bainbridge",
        email="teresa.bainbridge@doncaster.gov.uk",
        password=PASSWORD,
        first_name="Teresa",
        last_name="Bainbridge",
    )


def sign_in(client: Client, username: str, password: str, address: str, path: str = ""):
    return client.post(
        path or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# A wrong password -------------------------------------------------------------------------------


def test_wrong_password_error_summary_links_to_the_username_field(client, officer):
    response = sign_in(client, officer.username, "not-it", "10.0.0.1")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in content
    assert "There is a problem" in content
    assert '<a href="#id_username">Please enter a correct username and password' in content
    assert f'value="{officer.username}"' in content


def test_sign_in_page_links_to_the_password_reset(client, db):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


# Locking out guessed passwords (django-axes, AXES_FAILURE_LIMIT = 5) -----------------------------


def test_five_failures_for_one_username_lock_it_out_from_any_address(client, officer):
    for attempt in range(5):
        sign_in(client, officer.username, "wrong", f"10.0.1.{attempt}")
    response = sign_in(client, officer.username, "wrong", "10.0.1.99")
    assert response.status_code == LOCKED_OUT


def test_five_failures_from_one_address_lock_it_out_for_any_username(client, officer):
    for attempt in range(5):
        sign_in(client, f"guess.{attempt}", "wrong", "10.0.2.1")
    response = sign_in(client, officer.username, PASSWORD, "10.0.2.1")
    assert response.status_code == LOCKED_OUT
    assert not signed_in(client)


def test_the_right_password_is_refused_while_the_username_is_locked_out(client, officer):
    for attempt in range(5):
        sign_in(client, officer.username, "wrong", f"10.0.3.{attempt}")
    response = sign_in(client, officer.username, PASSWORD, "10.0.3.99")
    assert response.status_code == LOCKED_OUT
    assert not signed_in(client)


def test_four_failures_still_let_the_right_password_in(client, officer):
    for _ in range(4):
        sign_in(client, officer.username, "wrong", "10.0.4.1")
    response = sign_in(client, officer.username, PASSWORD, "10.0.4.1")
    assert response.status_code == 302
    assert signed_in(client)


def test_lockout_page_says_how_long_to_wait_and_offers_a_password_reset(client, officer):
    for _ in range(5):
        sign_in(client, officer.username, "wrong", "10.0.5.1")
    content = sign_in(client, officer.username, PASSWORD, "10.0.5.1").content.decode()
    assert "There have been too many attempts to sign in" in content
    assert "for 15 minutes" in content
    assert f'href="{reverse("password_reset")}"' in content
    assert 'class="govuk-header"' in content


def test_lockout_ends_after_the_cool_off(client, officer):
    for _ in range(5):
        sign_in(client, officer.username, "wrong", "10.0.6.1")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = sign_in(client, officer.username, PASSWORD, "10.0.6.1")
    assert response.status_code == 302


# Behind a reverse proxy: the visitor's address is the one the proxy appended ---------------------

BEHIND_PROXY = {"AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")}
PROXY = "127.0.0.1"


def sign_in_through_proxy(client: Client, username: str, password: str, forwarded_for: str):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_one_visitors_failures_do_not_lock_out_another(client, officer, settings):
    for name, value in BEHIND_PROXY.items():
        setattr(settings, name, value)
    for attempt in range(5):
        sign_in_through_proxy(client, f"guess.{attempt}", "wrong", "81.2.69.160")
    assert sign_in_through_proxy(client, "guess.9", "wrong", "81.2.69.160").status_code == (
        LOCKED_OUT
    )
    other = Client()
    response = sign_in_through_proxy(other, officer.username, PASSWORD, "86.12.34.56")
    assert response.status_code == 302
    assert signed_in(other)


def test_behind_a_proxy_addresses_put_in_front_by_the_visitor_are_ignored(
    client, officer, settings
):
    for name, value in BEHIND_PROXY.items():
        setattr(settings, name, value)
    for attempt in range(5):
        # A new made-up address each time on the left; the proxy's own entry on the right.
        sign_in_through_proxy(client, f"guess.{attempt}", "wrong", f"5.5.5.{attempt}, 81.2.69.160")
    response = sign_in_through_proxy(client, officer.username, PASSWORD, "5.5.5.99, 81.2.69.160")
    assert response.status_code == LOCKED_OUT


def test_without_a_proxy_x_forwarded_for_is_not_believed(client, officer):
    for attempt in range(5):
        sign_in_through_proxy(client, f"guess.{attempt}", "wrong", f"86.12.34.{attempt}")
    response = sign_in_through_proxy(client, officer.username, PASSWORD, "86.12.34.99")
    assert response.status_code == LOCKED_OUT


def test_admin_sign_in_is_locked_out_too(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    path = reverse("admin:login")
    for _ in range(5):
        sign_in(client, admin.username, "wrong", "10.0.7.1", path)
    response = sign_in(client, admin.username, PASSWORD, "10.0.7.1", path)
    assert response.status_code == LOCKED_OUT
    assert not signed_in(client)


# The header: signing in and out -----------------------------------------------------------------


def test_every_page_offers_a_visitor_to_sign_in(client, db):
    for path in ["/", "/decisions/", "/forward-plan/", "/contracts/"]:
        content = client.get(path).content.decode()
        assert f'href="{reverse("login")}">Sign in</a>' in content, path


def test_header_names_who_is_signed_in_and_links_to_the_workspace(client, officer):
    client.force_login(officer)
    content = client.get("/").content.decode()
    assert "Signed in as Teresa Bainbridge" in content
    assert f'href="{reverse("officers:home")}"' in content
    assert ">Sign in</a>" not in content


def test_header_signs_out_by_a_post_form_with_its_csrf_token(client, officer):
    client.force_login(officer)
    content = client.get("/").content.decode()
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', content, re.S)
    assert form.group(1) == reverse("logout")
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert ">Sign out</button>" in form.group(2)


def test_signing_out_ends_the_session_and_says_so(client, officer):
    client.force_login(officer)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain == [(reverse("signed-out"), 302)]
    assert "You have signed out" in response.content.decode()
    assert not signed_in(client)


def test_signing_out_without_the_csrf_token_is_refused(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert signed_in(client)


def test_the_sign_out_address_asks_before_signing_out(client, officer):
    client.force_login(officer)
    response = client.get(reverse("logout"))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Sign out</h1>' in content
    assert "You are signed in as Teresa Bainbridge" in content
    assert signed_in(client)


def test_the_sign_out_address_when_signed_out_says_so(client, db):
    response = client.get(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("signed-out")


# A forgotten password ---------------------------------------------------------------------------


def ask_for_reset(client: Client, email: str, address: str = "10.0.9.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def queued_resets() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="send_password_reset").count()


def test_asking_for_a_reset_queues_the_email_rather_than_sending_it(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_reset(client, officer.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert queued_resets() == 1
    assert mail.outbox == []


def test_the_queue_holds_no_reset_link(client, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_reset(client, officer.email)
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [officer.pk], "kwargs": {}}


def test_the_worker_sends_a_link_that_sets_a_new_password(client, transactional_db, officer):
    # Committed, as in production: the worker (like test_notifications') runs outside the
    # test's transaction.
    ask_for_reset(client, officer.email.upper())
    run_worker()
    [message] = mail.outbox
    assert message.to == [officer.email]
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Set a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    new = "cabinet-minutes-2026"
    response = client.post(set_password_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("password_reset_complete")
    officer.refresh_from_db()
    assert officer.check_password(new)


def test_an_unknown_address_queues_nothing_and_shows_the_same_page(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_reset(client, "nobody@example.org", "10.0.9.2")
    assert response["Location"] == reverse("password_reset_done")
    assert queued_resets() == 0
    page = client.get(response["Location"]).content.decode()
    assert "If that address has an account, we have sent it an email" in page


def test_resets_for_one_address_beyond_the_limit_queue_nothing(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            ask_for_reset(client, officer.email, f"10.0.10.{n}") for n in range(RESET_LIMIT + 2)
        ]
    assert queued_resets() == RESET_LIMIT
    assert {answer["Location"] for answer in answers} == {reverse("password_reset_done")}


def test_resets_from_one_ip_address_beyond_the_limit_queue_nothing(
    client, officer, django_user_model, django_capture_on_commit_callbacks
):
    for n in range(RESET_LIMIT):
        django_user_model.objects.create_user(f"officer.{n}", f"officer.{n}@example.org", "x-1")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(RESET_LIMIT):
            ask_for_reset(client, f"officer.{n}@example.org", "10.0.11.1")
        ask_for_reset(client, officer.email, "10.0.11.1")
    assert queued_resets() == RESET_LIMIT
    assert not DBTaskResult.objects.filter(args_kwargs__args=[officer.pk]).exists()


def test_a_malformed_address_is_named_in_the_error_summary_and_kept(client, db):
    response = ask_for_reset(client, "teresa.at.doncaster")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_email">Email address: Enter an email address in the correct format' in (
        content
    )
    assert 'value="teresa.at.doncaster"' in content


def reset_form_url(client: Client, officer) -> str:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    link = reverse(
        "password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(officer.pk)),
            default_token_generator.make_token(officer),
        ],
    )
    return client.get(link, follow=True).redirect_chain[-1][0]


def test_two_different_new_passwords_are_named_in_the_error_summary(client, officer):
    url = reset_form_url(client, officer)
    response = client.post(url, {"new_password1": "cabinet-minutes-2026", "new_password2": "other"})
    content = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_new_password2">Confirm new password: The two passwords do not match' in (
        content
    )
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_a_reset_link_works_only_once(client, officer):
    url = reset_form_url(client, officer)
    new = "cabinet-minutes-2026"
    client.post(url, {"new_password1": new, "new_password2": new})
    response = client.get(url)
    assert "This link no longer works" in response.content.decode()


def test_a_reset_link_with_a_nul_byte_is_a_bad_request_not_an_error(client, db):
    response = client.get("/accounts/reset/%00/set-password/")
    assert response.status_code == 400
    assert "there is a problem with the web address" in response.content.decode()


def test_a_new_password_ends_the_lockout_of_the_account(client, officer):
    for attempt in range(5):
        sign_in(client, officer.username, "wrong", f"10.0.8.{attempt}")
    assert sign_in(client, officer.username, PASSWORD, "10.0.8.99").status_code == LOCKED_OUT
    url = reset_form_url(client, officer)
    new = "cabinet-minutes-2026"
    client.post(url, {"new_password1": new, "new_password2": new})
    response = sign_in(client, officer.username, new, "10.0.8.99")
    assert response.status_code == 302
    assert signed_in(client)
