"""The API's documentation: the schema shown in a browser rather than downloaded, in YAML and
JSON, and a GOV.UK page with Swagger UI served from the register's own static files."""

import json

from django.contrib.staticfiles import finders

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_schema_is_shown_in_a_browser_as_text(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT=BROWSER_ACCEPT)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline;")
    assert response.content.decode().startswith("openapi: 3.")


def test_schema_is_openapi_yaml_for_a_tool(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="*/*")

    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert response.content.decode().startswith("openapi: 3.")


def test_schema_as_json_is_application_json_so_a_browser_shows_it(client, db):
    response = client.get("/api/schema/?format=json", HTTP_ACCEPT=BROWSER_ACCEPT)

    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["openapi"].startswith("3.")


def test_docs_page_is_a_register_page_explaining_the_api(client, db):
    response = client.get("/api/docs/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">API documentation</h1>' in page
    assert "?page_size=200" in page
    assert 'class="govuk-footer"' in page


def test_docs_page_starts_swagger_ui_from_static_files_on_the_json_schema(client, db):
    page = client.get("/api/docs/").content.decode()

    assert 'data-schema-url="/api/schema/?format=json"' in page
    assert '<script src="/static/swagger-ui/swagger-ui-bundle.js"></script>' in page
    assert '<script src="/static/js/api-docs.js"></script>' in page
    assert finders.find("swagger-ui/swagger-ui-bundle.js")
    assert finders.find("swagger-ui/swagger-ui.css")
    assert finders.find("js/api-docs.js")


def test_docs_page_is_linked_from_every_pages_footer(client, db):
    page = client.get("/").content.decode()

    assert 'href="/api/docs/">JSON API documentation</a>' in page
