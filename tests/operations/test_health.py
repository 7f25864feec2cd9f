"""/healthz (councilgov/health.py): 200 when the database and the cache answer, 503 otherwise."""

import json

import pytest
from django.test import Client, override_settings

NOWHERE = "redis://127.0.0.1:1/0"  # a port where nothing listens
REDIS_DB_1 = "redis://127.0.0.1:6379/1"


def redis_cache(location: str) -> dict:
    return {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }


@pytest.mark.django_db
def test_health_check_answers_200_when_the_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
@override_settings(CACHES=redis_cache(REDIS_DB_1))
def test_health_check_answers_200_with_redis_as_the_cache(client):
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
@override_settings(CACHES=redis_cache(NOWHERE))
def test_health_check_answers_503_when_the_cache_does_not_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "unavailable",
        "database": "ok",
        "cache": "unavailable",
    }


@pytest.mark.django_db
@override_settings(CACHES=redis_cache(NOWHERE))
def test_health_check_says_nothing_of_why_the_cache_failed(client):
    response = client.get("/healthz")

    assert b"redis" not in response.content
    assert b":1/" not in response.content
    assert b"127.0.0.1" not in response.content
    assert b"Error" not in response.content


@pytest.mark.django_db
def test_health_check_is_never_cached(client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_health_check_is_not_redirected_to_https():
    client = Client()  # made after the override: SecurityMiddleware reads it when loaded

    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_health_check_refuses_a_post(client):
    assert client.post("/healthz").status_code == 405
