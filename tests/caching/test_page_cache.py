"""The page cache serves anonymous visitors' public pages without building them again, and is
never wrong: not after a change, not after the clock moves on, never for someone signed in."""

from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from decisions.caching.middleware import page_key
from decisions.rules.call_in import LONDON

pytestmark = pytest.mark.django_db


def fetch(client: Client, url: str, **headers: str):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


def test_a_second_anonymous_visit_is_served_without_the_database(
    client, page_cache, bnes, django_assert_num_queries
):
    first = fetch(client, bnes.get_absolute_url())
    with django_assert_num_queries(0):
        second = fetch(client, bnes.get_absolute_url())
    assert second.content == first.content
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert second[header] == first[header], header


def test_plain_http_is_still_sent_to_https_when_the_page_is_cached(
    client, page_cache, settings, bnes
):
    fetch(client, bnes.get_absolute_url(), **{"x-forwarded-proto": "https"})
    assert page_cache.get(page_key_for(bnes.get_absolute_url(), secure=True)) is not None
    settings.SECURE_SSL_REDIRECT = True
    # New clients: SecurityMiddleware reads the setting when the middleware is loaded.
    behind_the_proxy = Client(headers={"x-forwarded-proto": "https"})
    assert behind_the_proxy.get(bnes.get_absolute_url()).status_code == 200
    answer = Client().get(bnes.get_absolute_url())
    assert answer.status_code == 301
    assert answer["Location"].startswith("https://")


@pytest.mark.parametrize(
    "name",
    ["home", "decision-list", "feed-decisions", "feed-call-in", "forward-plan", "contract-list"],
)
def test_public_pages_are_cached_with_headers_a_cdn_can_use(
    client, page_cache, seeded, name, django_assert_num_queries
):
    url = reverse(name)
    first = fetch(client, url)
    assert "public" in first["Cache-Control"]
    assert "max-age=0" in first["Cache-Control"]
    assert first.has_header("ETag")
    with django_assert_num_queries(0):
        assert fetch(client, url).content == first.content


def test_the_api_is_cached_apart_for_each_kind_of_answer(client, page_cache, seeded):
    url = reverse("api:decision-list")
    as_json = fetch(client, url, accept="application/json")
    as_page = fetch(client, url, accept="text/html")
    assert as_json["Content-Type"].startswith("application/json")
    assert as_page["Content-Type"].startswith("text/html")
    assert fetch(client, url, accept="application/json").content == as_json.content


def test_a_conditional_request_is_answered_304_from_the_cache(
    client, page_cache, bnes, django_assert_num_queries
):
    first = fetch(client, bnes.get_absolute_url())
    with django_assert_num_queries(0):
        again = client.get(bnes.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_a_cdn_may_keep_a_page_as_long_as_the_setting_says(client, page_cache, settings, seeded):
    settings.PAGE_CACHE_CDN_MAX_AGE = 300
    # At noon, hours from the next change by the clock (midnight): the setting is the limit.
    with time_machine.travel(datetime(2026, 6, 3, 12, 0, tzinfo=LONDON), tick=False):
        assert "max-age=300" in fetch(client, reverse("decision-list"))["Cache-Control"]


# Signed-in users ---------------------------------------------------------------------------------


def test_a_signed_in_user_never_gets_a_page_cached_for_the_public(
    client, page_cache, bnes, clerk, django_assert_max_num_queries
):
    public = fetch(client, bnes.get_absolute_url())
    signed_in = Client()
    signed_in.force_login(clerk)
    theirs = fetch(signed_in, bnes.get_absolute_url())
    assert b"Sign out" in theirs.content
    assert b"Sign out" not in public.content
    assert "private" in theirs["Cache-Control"]


def test_a_page_built_for_someone_signed_in_is_never_served_to_anyone_else(
    client, page_cache, bnes, clerk
):
    signed_in = Client()
    signed_in.force_login(clerk)
    fetch(signed_in, bnes.get_absolute_url())
    assert page_cache.get(page_key_for(bnes.get_absolute_url())) is None
    assert b"Sign out" not in fetch(client, bnes.get_absolute_url()).content
    # The key is the one an anonymous visit stores its page under.
    assert page_cache.get(page_key_for(bnes.get_absolute_url())) is not None


def page_key_for(url: str, secure: bool = False) -> str:
    from django.test import RequestFactory

    headers = {"x-forwarded-proto": "https"} if secure else {}
    return page_key(RequestFactory().get(url, headers=headers))


def test_what_is_not_a_public_page_is_not_cached(client, page_cache, seeded):
    client.get("/decisions/no-such-council/no-such-decision/")
    assert page_cache.get(page_key_for("/decisions/no-such-council/no-such-decision/")) is None
    client.get(reverse("login"))
    assert page_cache.get(page_key_for(reverse("login"))) is None
    client.get(reverse("decision-csv"))
    assert page_cache.get(page_key_for(reverse("decision-csv"))) is None
