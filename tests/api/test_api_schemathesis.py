"""The API answers as its own OpenAPI schema says, tried by schemathesis.

schemathesis reads the schema the API serves and calls every operation with parameters made
from it, valid and not: each answer must be no server error, have a status the schema
documents, the content type it gives and a body its schema describes (formats included), and
parameters the schema rules out must be refused. The examples are bounded and derandomised,
so that each run makes the same requests, over the seed records with an exempt decision, a
document with no copy and a meeting and a call-in deadline with their times.

One check is left out: that every well-formed request is answered 2xx. A council slug or a
supplier id the register does not hold is well formed, yet names nothing, and is answered 400
naming the parameter, as the schema documents; a schema cannot list the records that exist.
"""

from collections.abc import Iterator
from datetime import date, time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from councilgov.wsgi import application
from decisions.models import Decision, Document, Meeting

# The schema as /api/schema/ serves it: the same generator, with the same hooks.
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))

# The Django test client's host, the one ALLOWED_HOSTS lets in under pytest-django.
BASE_URL = "http://testserver"

EXEMPT_TITLE = "Adult Social Care Next Stage Integration - Commissioning of Day Opportunities"


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """The application's request signals as Django's test client leaves them: each request
    would otherwise close the database connection, and with it the test's transaction. (The
    test client connects them again after each of its requests, so these tests do not use it.)
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def register(seeded: None, connection_kept: None) -> None:
    """The seed records, with what the schema says may be null or carries an offset."""
    Decision.objects.filter(title=EXEMPT_TITLE).update(is_exempt=True, exempt_paragraph="3")
    public = Decision.objects.public().order_by("pk").first()
    Document.objects.create(
        decision=public,
        title="Background paper held by the clerk",
        kind=Document.Kind.BACKGROUND_PAPER,
    )
    # 17:00 in winter is +00:00; a meeting in June is at +01:00.
    Decision.objects.filter(pk=public.pk).update(call_in_deadline_time=time(17, 0))
    meeting = Meeting.objects.order_by("pk").first()
    Meeting.objects.filter(pk=meeting.pk).update(date=date(2024, 6, 20), start_time=time(18, 30))


@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    # The register is read, never written, so one set of records serves every example.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_the_schema_says(case, register):
    case.call_and_validate(
        app=application, base_url=BASE_URL, excluded_checks=[positive_data_acceptance]
    )


RESOURCES = ["decisions", "contracts", "funding-lines", "meetings", "issues"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_public_record_answers_as_the_schema_says(register, resource):
    listing = schema[f"/api/{resource}/"]["GET"].Case(query={"page_size": 200})
    page = listing.call_and_validate(app=application, base_url=BASE_URL).json()
    assert page["results"]
    assert page["next"] is None

    record = schema[f"/api/{resource}/{{id}}/"]["GET"]
    for found in page["results"]:
        record.Case(path_parameters={"id": found["id"]}).call_and_validate(
            app=application, base_url=BASE_URL
        )
