"""The API documentation page in Chromium, under the site's Content-Security-Policy: Swagger UI
starts from the register's own static files and lists every operation of the schema."""

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import save_screenshot

pytestmark = pytest.mark.browser

# Recorded before any script of the page runs, so that no refusal by the CSP goes unseen.
RECORD_CSP_REFUSALS = """
window.cspRefusals = [];
document.addEventListener('securitypolicyviolation', event => {
  window.cspRefusals.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


@pytest.fixture
def docs(page: Page, db) -> Page:
    page.add_init_script(RECORD_CSP_REFUSALS)
    response = page.goto("/api/docs/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".swagger-ui .opblock").first.wait_for()
    return page


def test_swagger_ui_lists_every_operation_of_the_schema(docs):
    operations = docs.locator(".swagger-ui .opblock-summary-path").all_inner_texts()

    save_screenshot(docs, "api-docs-1280")
    assert len(operations) == 10
    assert "/api/decisions/{id}/" in [text.replace("\u200b", "") for text in operations]


def test_swagger_ui_runs_with_nothing_refused_by_the_csp(docs):
    assert docs.evaluate("window.cspRefusals") == []


def test_opened_operation_shows_its_documented_answers(docs):
    docs.locator(".swagger-ui .opblock-summary-path", has_text="/api/meetings/").first.click()
    answers = docs.locator(".swagger-ui .opblock.is-open .responses-table .response-col_status")

    answers.first.wait_for()
    assert {"200", "400", "404", "414"} <= set(answers.all_inner_texts())


def test_schema_opens_in_the_browser_window_rather_than_downloading(page: Page, db):
    response = page.goto("/api/schema/")

    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert page.locator("body").inner_text().startswith("openapi: 3.")
