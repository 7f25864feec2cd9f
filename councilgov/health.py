"""/healthz: whether this instance can serve, for a load balancer or monitoring.

200 when the database answers a query and the cache gives back what was put in it; 503
otherwise. The body names each check and its result, nothing more (no error text, host or
version), and is never cached. It is exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT)
so that a load balancer can probe it over plain http.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

CACHE_KEY = "councilgov:healthz"


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("Health check: the database did not answer", exc_info=True)
        return False


def cache_answers() -> bool:
    token = secrets.token_hex(8)
    try:
        cache.set(CACHE_KEY, token, timeout=30)
        return cache.get(CACHE_KEY) == token
    except Exception:  # any failure of the cache's client means the cache does not answer
        logger.warning("Health check: the cache did not answer", exc_info=True)
        return False


# Not in ATOMIC_REQUESTS' transaction: opening it would need the database before the check.
@transaction.non_atomic_requests
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_answers(), "cache": cache_answers()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            **{name: "ok" if answered else "unavailable" for name, answered in checks.items()},
        },
        status=200 if healthy else 503,
    )
