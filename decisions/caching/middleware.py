"""PageCacheMiddleware: anonymous visitors' public pages served whole from the shared cache.

A page is cached when all of these hold:
- the setting PAGE_CACHE is on (it is when the cache is shared, CACHE_URL; a local-memory cache
  is one process's own and could not hear of a change made by another);
- the request is a GET or HEAD with no session, messages or Authorization: signed-in users, and
  anyone the register is telling something of their own, never get a cached page;
- the page is one of CACHED_PAGES, or under the API, and answered 200 with its whole body, no
  cookie and no CSRF token.

It is kept until the register's generation moves on (generation.py) or the clock changes what it
says (clock.py), whichever comes first, and is served with the Cache-Control, ETag and
Last-Modified it was built with, so a CDN in front can keep it too, for PAGE_CACHE_CDN_MAX_AGE
seconds at most. It is stored after every inner middleware has added its headers (the content
security policy among them) and answers conditional requests (304) itself.
"""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

from decisions.caching import clock, generation

CACHED_PAGES = {
    "home",
    "decision-list",
    "decision-detail",
    "issue-detail",
    "feed-decisions",
    "feed-call-in",
    "decision-pdf",
    "decision-report-pdf",
    "forward-plan",
    "forward-plan-pdf",
    "contract-list",
    "contract-detail",
}
# Every answer of the JSON API, which also varies with Accept (JSON or the browsable API).
CACHED_NAMESPACES = {"api"}
API_PREFIX = "/api/"


def _private_request(request: HttpRequest) -> bool:
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    )


def _passes_by(request: HttpRequest) -> bool:
    """Requests the cache leaves alone: not a read, a static file (WhiteNoise's), or plain
    HTTP that SecurityMiddleware is to redirect to HTTPS."""
    return (
        request.method not in ("GET", "HEAD")
        or request.path.startswith(settings.STATIC_URL or "/static/")
        or (settings.SECURE_SSL_REDIRECT and not request.is_secure())
    )


def page_key(request: HttpRequest) -> str:
    """The cache key of the page at this address, scheme and host (and Accept, in the API)."""
    accept = request.META.get("HTTP_ACCEPT", "") if request.path.startswith(API_PREFIX) else ""
    address = f"{request.scheme}://{request.get_host()}\n{request.get_full_path()}\n{accept}"
    return "register:page:" + hashlib.sha256(address.encode()).hexdigest()


def _is_cached_page(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    if match.namespace:
        return bool(set(match.namespaces) & CACHED_NAMESPACES)
    return match.url_name in CACHED_PAGES


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and _is_cached_page(request)
    )


def _rebuilt(entry: tuple, request: HttpRequest) -> HttpResponse:
    _generation, _until, status, headers, content = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["Content-Length"] = str(len(content))
    return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not settings.PAGE_CACHE or _passes_by(request):
            return self.get_response(request)
        if _private_request(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                # Nothing built for someone signed in is kept by a proxy or CDN for another.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        key = page_key(request)
        found = cache.get_many([generation.KEY, key])
        current = found.get(generation.KEY)
        entry = found.get(key)
        fresh = entry is not None and entry[0] == current and time.time() < entry[1]
        if current is not None and entry is not None and fresh:
            return self._answer(request, entry)
        if current is None:
            current = generation.current()

        response = self.get_response(request)
        if isinstance(response, HttpResponse) and _storable(request, response):
            self._store(key, current, response)
        return response

    def _answer(self, request: HttpRequest, entry: tuple) -> HttpResponseBase:
        headers = dict(entry[3])
        last_modified = parse_http_date_safe(headers.get("Last-Modified", ""))
        not_modified = get_conditional_response(
            request, etag=headers.get("ETag"), last_modified=last_modified
        )
        if not_modified is not None:
            for name in ("Cache-Control", "ETag", "Last-Modified", "Vary"):
                if name in headers:
                    not_modified.headers[name] = headers[name]
            return not_modified
        return _rebuilt(entry, request)

    def _store(self, key: str, current: int, response: HttpResponse) -> None:
        now = timezone.now()
        until = clock.next_change(current, now)
        lifetime = min(settings.PAGE_CACHE_TIMEOUT, (until - now).total_seconds())
        if lifetime < 1:
            return
        if not response.has_header("Cache-Control"):
            patch_cache_control(
                response,
                public=True,
                max_age=int(min(settings.PAGE_CACHE_CDN_MAX_AGE, lifetime)),
                must_revalidate=True,
            )
        headers = [
            (name, value) for name, value in response.items() if name.lower() != "content-length"
        ]
        entry = (
            current,
            now.timestamp() + lifetime,
            response.status_code,
            headers,
            response.content,
        )
        cache.set(key, entry, timeout=int(lifetime))
