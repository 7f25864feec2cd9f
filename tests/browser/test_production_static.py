"""The register served as in production (gunicorn, DEBUG off, `collectstatic` with hashed,
compressed names served by WhiteNoise): in Chromium, its CSS and JS answer 200 and are applied.
"""

import re

import pytest
from playwright.sync_api import Browser

from tests import serving
from tests.browser.helpers import DESKTOP, save_screenshot

pytestmark = pytest.mark.browser

# ManifestStaticFilesStorage puts 12 hex digits of the file's MD5 before its extension.
HASHED = re.compile(r"/static/.+\.[0-9a-f]{12}\.(css|js)$")


@pytest.fixture(scope="module")
def production_server(tmp_path_factory) -> serving.Server:
    directory = tmp_path_factory.mktemp("production")
    environment = serving.production_environment(
        f"sqlite:///{serving.migrated_sqlite(directory)}",
        STATIC_MANIFEST="1",
        STATIC_ROOT=str(directory / "static"),
    )
    serving.manage("collectstatic", "--no-input", "--verbosity", "0", environment=environment)
    with serving.serving(environment, directory / "gunicorn.log") as server:
        yield server


@pytest.fixture(scope="module")
def home_page(browser: Browser, production_server):
    """The home page as Chromium loaded it, with every static file it asked for."""
    context = browser.new_context(base_url=production_server.url, viewport=DESKTOP)
    page = context.new_page()
    static = {}
    page.on(
        "response",
        lambda response: (
            static.setdefault(response.url, response.status) if "/static/" in response.url else None
        ),
    )
    page.goto("/")
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    save_screenshot(page, "production-home-1280")
    yield page, static
    context.close()


def test_stylesheets_and_scripts_answer_200_with_hashed_names(home_page):
    _, static = home_page
    css = [url for url in static if url.endswith(".css")]
    js = [url for url in static if url.endswith(".js")]

    assert css
    assert js
    assert {url: status for url, status in static.items() if status != 200} == {}
    assert [url for url in css + js if not HASHED.search(url)] == []


def test_stylesheet_is_applied_to_the_govuk_header(home_page):
    page, _ = home_page
    header = page.locator(".govuk-header")

    # Unstyled, a <header> is transparent and the product name is the browser's serif.
    assert header.evaluate("element => getComputedStyle(element).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    assert "arial" in page.locator("h1").evaluate(
        "element => getComputedStyle(element).fontFamily.toLowerCase()"
    )


def test_govuk_frontend_script_has_run(home_page):
    page, _ = home_page

    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")


def test_static_files_are_cached_for_a_year(production_server, home_page):
    _, static = home_page
    stylesheet = next(url for url in static if url.endswith(".css"))

    answer = serving.request(stylesheet)

    assert "max-age=315360000" in answer.headers["Cache-Control"]
