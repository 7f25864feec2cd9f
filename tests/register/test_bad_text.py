"""Text no page can answer: a NUL byte or another control character in an address or a query.

PostgreSQL refuses a NUL in any text it is sent and SQLite takes it, so these run on both.
"""

from datetime import date

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from decisions.register import selectors
from decisions.register.filters import DecisionFilter
from tests import factories

pytestmark = pytest.mark.django_db

PAGES_READING_AUTHORITY = [
    "feed-decisions",
    "feed-call-in",
    "forward-plan",
    "forward-plan-pdf",
    "contract-list",
    "decision-list",
    "decision-csv",
]


@pytest.fixture
def decision():
    council = factories.authority(slug="bath")
    return factories.decision(
        authority=council, reference="CAB-1", publication_date=date(2023, 11, 10)
    )


@pytest.mark.parametrize("name", PAGES_READING_AUTHORITY)
def test_a_nul_byte_as_the_council_is_bad_request(client, name):
    response = client.get(reverse(name), {"authority": "\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "address",
    [
        "/decisions/bath/CAB%001/",
        "/decisions/bath/CAB%001/record.pdf",
        "/decisions/bath/CAB%001/report.pdf",
        "/decisions/bath/%00/",
    ],
)
def test_a_nul_byte_in_a_decision_address_is_bad_request(client, decision, address):
    assert client.get(address).status_code == 400


@pytest.mark.parametrize("field", sorted(DecisionFilter.base_filters))
def test_a_nul_byte_in_any_register_filter_is_bad_request(client, decision, field):
    assert client.get(reverse("decision-list"), {field: "care\x00"}).status_code == 400


def test_another_control_character_in_the_query_is_bad_request(client, decision):
    assert client.get(reverse("decision-list"), {"q": "care\x1b"}).status_code == 400


def test_a_search_pasted_with_a_tab_and_a_new_line_still_searches(client, decision):
    assert client.get(reverse("decision-list"), {"q": "care\tand\r\nsupport"}).status_code == 200


def test_looking_up_a_decision_key_with_a_nul_byte_is_not_found(decision):
    with pytest.raises(Http404):
        selectors.get_public_decision(authority="bath", key="CAB-1\x00")


def test_looking_up_a_council_slug_with_a_nul_byte_is_not_found(decision):
    with pytest.raises(Http404):
        selectors.get_public_decision(authority="bath\x00", key="CAB-1")


def test_reading_a_council_with_a_nul_byte_from_the_query_names_no_council(decision):
    request = RequestFactory().get("/forward-plan/", {"authority": "bath\x00"})
    with pytest.raises(selectors.UnknownAuthority):
        selectors.authority_from_query(request)
