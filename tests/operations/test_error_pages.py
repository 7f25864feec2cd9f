"""The error pages (councilgov/errors.py): GOV.UK patterns, the council's header where the
address names one, and nothing of the failure itself."""

import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import OperationalError, connection
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilgov import errors
from tests import factories
from tests.error_urls import SECRET_DETAIL

REGISTER_NAME = "Council decisions register"


def product_name(response: object) -> str:
    """The name in the GOV.UK header: the council's, or the register's."""
    content = response.content.decode()
    start = content.index('<span class="govuk-header__product-name">')
    return content[start:].split(">", 1)[1].split("</span>", 1)[0].strip()


def assert_govuk_page(response: object, heading: str) -> None:
    content = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert 'class="govuk-header"' in content
    assert 'class="govuk-footer"' in content
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in content


@pytest.fixture
def unsafe_client() -> Client:
    """A client that gets the page a visitor would see when a view raises, not the error."""
    return Client(raise_request_exception=False)


# 404 ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_address_answers_the_page_not_found_pattern(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_govuk_page(response, "Page not found")
    assert "If you typed the web address, check it is correct." in response.content.decode()
    assert product_name(response) == REGISTER_NAME


@pytest.mark.django_db
def test_missing_decision_of_a_council_has_that_councils_header(client):
    council = factories.authority(name="Borsetshire County Council", slug="borsetshire")

    response = client.get(reverse("decision-detail", args=[council.slug, "E9999"]))

    assert response.status_code == 404
    assert_govuk_page(response, "Page not found")
    assert product_name(response) == "Borsetshire County Council"


@pytest.mark.django_db
def test_unmatched_address_under_a_council_has_that_councils_header(client):
    factories.authority(name="Borsetshire County Council", slug="borsetshire")

    response = client.get("/decisions/borsetshire/E1/no/such/page/")

    assert response.status_code == 404
    assert product_name(response) == "Borsetshire County Council"


@pytest.mark.django_db
def test_page_not_found_offers_the_councils_website(client):
    factories.authority(
        name="Borsetshire County Council", slug="borsetshire", website="https://borsetshire.example"
    )

    response = client.get("/decisions/borsetshire/E9999/")

    assert b'href="https://borsetshire.example"' in response.content


@pytest.mark.django_db
def test_unknown_council_in_the_address_has_the_registers_header(client):
    response = client.get("/decisions/nowhere/E1/")

    assert response.status_code == 404
    assert product_name(response) == REGISTER_NAME


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/decisions/%00/E1/", "/decisions/bad%00slug/E1/"])
def test_nul_byte_in_the_council_slug_is_refused_with_the_registers_header(client, address):
    response = client.get(address)

    # 400 from councilgov/middleware.py's guard, or 404: never a 500 from looking it up.
    assert response.status_code in (400, 404)
    assert product_name(response) == REGISTER_NAME


@pytest.mark.django_db
def test_page_not_found_does_not_repeat_the_reason_given_by_the_view(client):
    council = factories.authority(slug="borsetshire")

    response = client.get(f"/decisions/{council.slug}/E9999/")

    assert b"No such decision in the register" not in response.content


@pytest.mark.django_db
def test_page_not_found_is_not_cached(client):
    response = client.get("/no-such-page/")

    assert "no-store" in response["Cache-Control"]


# 400, 403, 405 --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_bad_request_answers_the_registers_400_page(client):
    # A Host header the register does not serve is a SuspiciousOperation: Django's handler400.
    response = client.get("/", headers={"host": "not-the-register.example"})

    assert response.status_code == 400
    assert_govuk_page(response, "Sorry, there is a problem with the web address")
    assert b"not-the-register.example" not in response.content


@pytest.mark.django_db
def test_permission_denied_answers_the_registers_403_page(client, django_user_model):
    someone = django_user_model.objects.create_user("someone", password="unused-in-tests")
    client.force_login(someone)

    response = client.get(reverse("officers:call-in-dashboard"))

    assert response.status_code == 403
    assert_govuk_page(response, "You cannot see this page")


@pytest.mark.django_db
def test_form_sent_without_its_csrf_token_answers_the_registers_403_page():
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "someone", "password": "wrong"}
    )

    assert response.status_code == 403
    assert_govuk_page(response, "You cannot see this page")
    assert b"CSRF" not in response.content


@pytest.mark.django_db
def test_method_not_allowed_answers_the_registers_405_page(client):
    response = client.post(reverse("home"))

    assert response.status_code == 405
    assert_govuk_page(response, "Sorry, this page cannot do that")
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_method_not_allowed_under_a_council_has_that_councils_header(client):
    council = factories.authority(name="Borsetshire County Council", slug="borsetshire")

    response = client.post(reverse("decision-detail", args=[council.slug, "E1"]))

    assert response.status_code == 405
    assert product_name(response) == "Borsetshire County Council"


@pytest.mark.django_db
def test_the_apis_own_method_not_allowed_answer_is_left_as_it_is(client):
    response = client.post("/api/decisions/")

    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")


# 500 and 503 ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_server_error_answers_there_is_a_problem_with_the_service(unsafe_client):
    response = unsafe_client.get("/broken/")

    assert response.status_code == 500
    assert_govuk_page(response, "Sorry, there is a problem with the service")
    assert product_name(response) == REGISTER_NAME


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_server_error_page_shows_nothing_of_the_exception(unsafe_client):
    response = unsafe_client.get("/broken/")

    assert SECRET_DETAIL.encode() not in response.content
    assert b"RuntimeError" not in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_database_failure_answers_service_unavailable(unsafe_client):
    response = unsafe_client.get("/database-gone/")

    assert response.status_code == 503
    assert_govuk_page(response, "Sorry, the service is unavailable")
    assert "<title>Sorry, the service is unavailable" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_service_unavailable_page_shows_nothing_of_the_failure(unsafe_client):
    response = unsafe_client.get("/database-gone/")

    for detail in ("hunter2", "SELECT", "OperationalError", "connection", SECRET_DETAIL):
        assert detail.encode() not in response.content


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_service_unavailable_asks_to_come_back_and_is_not_cached(unsafe_client):
    response = unsafe_client.get("/database-gone/")

    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def signed_in_request(client: Client, user: object) -> HttpRequest:
    """A request of a signed-in user, its session and user not yet read, as the middleware
    leaves them: a page that asked after either would query the database."""
    client.force_login(user)
    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    SessionMiddleware(lambda request: None).process_request(request)
    AuthenticationMiddleware(lambda request: None).process_request(request)
    return request


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("handler", "status"),
    [(errors.server_error, 500), (errors.service_unavailable, 503)],
    ids=["500", "503"],
)
def test_page_shown_when_the_database_may_be_down_reads_nothing_from_it(
    client, django_user_model, handler, status
):
    request = signed_in_request(client, django_user_model.objects.create_user("someone"))

    with CaptureQueriesContext(connection) as queries:
        response = handler(request)

    assert response.status_code == status
    assert b"Sorry" in response.content
    assert [query["sql"] for query in queries] == []


def test_database_failure_outside_a_view_reaches_the_500_handler_as_503():
    # Saving the session after the view, say: Django's 500 handler runs with it in flight.
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = errors.server_error(request)

    assert response.status_code == 503
    assert b"Sorry, the service is unavailable" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("handler", "status"),
    [(errors.server_error, 500), (errors.service_unavailable, 503)],
    ids=["500", "503"],
)
def test_page_shown_when_the_database_may_be_down_offers_no_sign_in_or_out(
    client, django_user_model, handler, status
):
    # Without the database the page cannot know who is signed in: it says nothing either way,
    # rather than offering "Sign in" to someone signed in.
    request = signed_in_request(client, django_user_model.objects.create_user("someone"))

    content = handler(request).content.decode()

    assert "Sign in" not in content
    assert "Sign out" not in content
    assert "Decisions register" in content
