"""Fixtures for the browser tests: Debian's chromium, driven by Playwright, against live_server."""

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.helpers import DESKTOP

CHROMIUM = "/usr/bin/chromium"
# `playwright install` cannot download here: Debian's chromium is launched instead, without the
# sandbox (tests may run as root in a container) and without anything that calls out to Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API keeps an asyncio event loop running in the test thread, so Django's
    # async-safety check refuses the ORM calls the tests make there (SynchronousOnlyOperation),
    # although each is an ordinary synchronous call while the browser waits. The check is lifted
    # for as long as that loop exists, and only then.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A new visitor: a fresh context (no cookies, no history) on a desktop-sized window."""
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="en-GB", accept_downloads=True
    )
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def seeded_register(transactional_db) -> None:
    """The seed records, committed so that live_server's thread can read them."""
    call_command("load_seed_records", verbosity=0)
