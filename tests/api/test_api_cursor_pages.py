"""The API's lists are followed page by page through every public record, however many there
are: each page's `next` link carries a cursor (decisions/api/pagination.py), never a page number
that a count caps."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from model_bakery import baker

from decisions.models import AgendaItem, Body, Decision, Issue
from decisions.web.pagination import CappedPaginator
from tests import factories

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Search ranks are PostgreSQL's full text search."
)


def many_decisions(count: int) -> set[int]:
    """`count` public decisions, with ties on every date and some not yet decided (no date),
    beside records that are withheld; the ids of the public ones."""
    council = factories.authority(slug="northshire")
    body = baker.make(Body, authority=council, kind=Body.Kind.CABINET)
    withheld = {"is_exempt": True, "exempt_paragraph": "3"}
    made = Decision.objects.bulk_create(
        [
            Decision(
                authority=council,
                decision_maker=body,
                reference=f"N-{number}",
                title=f"Care decision {number % 7}",
                status=(
                    Decision.Status.FOR_DETERMINATION
                    if number % 9 == 0
                    else Decision.Status.APPROVED
                ),
                date_of_decision=None if number % 9 == 0 else date(2023, 1, 1 + number % 4),
                publication_date=date(2023, 2, 1) + timedelta(days=number % 3),
            )
            for number in range(count)
        ]
        + [
            Decision(
                authority=council,
                decision_maker=body,
                reference=f"W-{number}",
                title=f"Withheld decision {number}",
                status=Decision.Status.APPROVED,
                date_of_decision=date(2023, 1, 2),
                publication_date=date(2023, 2, 1) if number < 4 else None,
                **(withheld if number < 2 else {"is_confidential": number < 4}),
            )
            for number in range(6)
        ]
    )
    return {decision.pk for decision in made if decision.reference.startswith("N-")}


def follow(client: object, url: str, params: dict, link: str = "next") -> list[dict]:
    """Every page of a list, following its `next` (or `previous`) links from `url`."""
    response = client.get(url, params)
    pages = []
    while True:
        assert response.status_code == 200, response.content
        page = response.json()
        pages.append(page)
        if page[link] is None:
            return pages
        response = client.get(page[link])


def ids(pages: list[dict]) -> list[int]:
    return [record["id"] for page in pages for record in page["results"]]


def test_following_next_past_the_count_cap_reaches_every_public_record_once(client, monkeypatch):
    # As past 10,000 records, with fewer: `count` stops at the cap, the pages do not.
    monkeypatch.setattr(CappedPaginator, "count_cap", 5)
    public = many_decisions(40)

    pages = follow(client, "/api/decisions/", {"authority": "northshire", "page_size": 3})

    assert len(pages) == 14
    assert len(ids(pages)) == 40
    assert set(ids(pages)) == public
    assert {(page["count"], page["count_is_capped"]) for page in pages} == {(5, True)}
    assert ids(pages) == list(
        Decision.objects.public()
        .filter(authority__slug="northshire")
        .order_by("-date_of_decision", "-pk")
        .values_list("pk", flat=True)
    )


def test_following_previous_back_from_the_last_page_reaches_every_record_in_reverse(client):
    many_decisions(20)
    forwards = follow(client, "/api/decisions/", {"authority": "northshire", "page_size": 3})

    backwards = follow(client, forwards[-1]["previous"], {}, link="previous")

    assert [page["results"] for page in backwards] == [
        page["results"] for page in reversed(forwards[:-1])
    ]
    assert backwards[-1]["previous"] is None
    assert backwards[0]["next"] is not None


@pytest.mark.parametrize("sort", ["newest", "oldest", "published", "title"])
def test_every_order_of_the_register_is_followed_through_whole(client, sort):
    public = many_decisions(25)
    params = {"authority": "northshire", "sort": sort}
    whole = client.get("/api/decisions/", {**params, "page_size": 200}).json()

    pages = follow(client, "/api/decisions/", {**params, "page_size": 4})

    assert ids(pages) == ids([whole])
    assert set(ids(pages)) == public


@on_postgresql
def test_a_search_is_followed_through_whole_in_its_rank_order(client):
    public = many_decisions(30)
    Decision.objects.filter(reference__in=["N-1", "N-2", "N-3"]).update(
        purpose="Care at home, care homes and care for carers."
    )
    params = {"authority": "northshire", "q": "care"}
    whole = client.get("/api/decisions/", {**params, "page_size": 200}).json()

    pages = follow(client, "/api/decisions/", {**params, "page_size": 4})

    assert ids(pages) == ids([whole])
    assert set(ids(pages)) == public


@pytest.mark.parametrize("resource", ["contracts", "funding-lines", "meetings", "issues"])
def test_every_list_is_followed_through_whole_a_record_a_page(client, seeded, resource):
    for title in ("Depot", "Depot"):  # the seed records follow one issue; two more, tied
        baker.make(AgendaItem, issue=baker.make(Issue, title=title), is_exempt=False)
    whole = client.get(f"/api/{resource}/", {"page_size": 200}).json()

    pages = follow(client, f"/api/{resource}/", {"page_size": 1})

    assert len(ids([whole])) >= 2
    assert ids(pages) == ids([whole])


def test_a_next_link_keeps_the_filters_and_the_page_size(client):
    many_decisions(10)

    page = client.get("/api/decisions/", {"authority": "northshire", "page_size": 2}).json()

    query = parse_qs(urlsplit(page["next"]).query)
    assert query["authority"] == ["northshire"]
    assert query["page_size"] == ["2"]
    assert query["cursor"][0].isascii()


def test_a_page_deep_in_the_list_costs_the_queries_of_the_first(client):
    many_decisions(30)
    params = {"authority": "northshire", "page_size": 2}
    first = client.get("/api/decisions/", params).json()
    deep = first
    for _ in range(8):
        deep = client.get(deep["next"]).json()

    with CaptureQueriesContext(connection) as first_queries:
        client.get("/api/decisions/", params)
    with CaptureQueriesContext(connection) as deep_queries:
        client.get(deep["next"])

    assert len(deep_queries) == len(first_queries)


def test_the_schema_documents_the_cursor_and_no_page_number(client, db):
    schema = client.get("/api/schema/?format=json").json()

    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/decisions/"]["get"]["parameters"]
    }
    assert "page" not in parameters
    assert parameters["cursor"]["schema"] == {"type": "string", "maxLength": 2000}
    page = schema["components"]["schemas"]["PaginatedDecisionList"]
    assert page["required"] == ["count", "count_is_capped", "next", "previous", "results"]
