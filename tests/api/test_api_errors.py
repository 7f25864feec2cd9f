"""What the JSON API answers when it cannot answer: JSON naming the parameter, never HTML,
never a parameter silently ignored; and the times and nulls its schema describes."""

import base64
from datetime import date, time
from urllib.parse import parse_qs, urlsplit

import pytest

from decisions.api.base import LONGEST_QUERY
from decisions.models import Decision, Document, Meeting


def problems(response: object, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


# Addresses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["/api/decisions/abc/", "/api/decisions/1e3/", "/api/no-such-list/", "/api/decisions/1/x/"],
)
def test_address_matching_nothing_under_api_is_a_json_404_with_detail(client, db, address):
    answer = problems(client.get(address), 404)

    assert answer == {
        "detail": "There is nothing at this address. The API's addresses are at /api/."
    }


def test_address_without_its_slash_is_still_redirected_to_the_list(client, db):
    response = client.get("/api/decisions")

    assert response.status_code == 301
    assert response["Location"] == "/api/decisions/"


NUL_REFUSED = {
    "detail": "The address or its query could not be read: it may hold a character such as NUL."
}


@pytest.mark.parametrize(
    "address",
    [
        "/api/decisions/%00/",
        "/api/decisions/?authority=%00",
        "/api/meetings/?page_size=%00",
        "/api/contracts/?%00=1",
        "/api/no-such-list%00/",
    ],
)
def test_nul_byte_anywhere_in_an_api_address_is_a_json_400(client, db, address):
    assert problems(client.get(address), 400) == NUL_REFUSED


def test_id_with_no_public_record_is_a_json_404(client, db):
    assert "detail" in problems(client.get("/api/decisions/999999/"), 404)


# Pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_size", "message"),
    [
        ("ten", "Enter a whole number from 1 to 200."),
        ("0", "Enter a whole number from 1 to 200."),
        ("-5", "Enter a whole number from 1 to 200."),
        ("2.5", "Enter a whole number from 1 to 200."),
        ("201", "A page holds at most 200 results."),
    ],
)
def test_page_size_the_api_cannot_use_is_a_400_naming_it(client, db, page_size, message):
    answer = problems(client.get("/api/decisions/", {"page_size": page_size}), 400)

    assert answer == {"page_size": [message]}


def test_page_size_within_bounds_sets_the_page_length(client, seeded):
    page = client.get("/api/decisions/", {"page_size": "1"}).json()

    assert len(page["results"]) == 1
    assert "page_size=1" in page["next"]


@pytest.mark.parametrize("page", ["2", "first"])
def test_a_numbered_page_is_a_400_saying_pages_are_followed_by_their_links(client, db, page):
    answer = problems(client.get("/api/decisions/", {"page": page}), 400)

    assert answer == {
        "page": [
            "Pages are not numbered: follow the `next` and `previous` links of a page (a `cursor`)."
        ]
    }


NOT_A_CURSOR = {
    "cursor": [
        "This is not a cursor the API gave: follow the `next` and `previous` links of a page."
    ]
}


def encoded(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "!!!!",
        "x" * 2001,
        encoded("[1, 2]"),
        encoded('{"o": "-date_of_decision,-pk"}'),
        encoded('{"o": "-date_of_decision,-pk", "v": ["2023-11-09"]}'),
        encoded('{"o": "-date_of_decision,-pk", "v": ["soon", 1]}'),
        encoded('{"o": "-date_of_decision,-pk", "v": ["2023-11-09", "one"]}'),
        encoded('{"o": "-date_of_decision,-pk", "v": ["2023-11-09", 99999999999999999999]}'),
        encoded('{"o": "-date_of_decision,-pk", "v": ["2023-11-09", NaN]}'),
        encoded('{"o": "-date_of_decision,-pk", "v": [["2023-11-09"], 1]}'),
        encoded('{"o": "-date_of_decision,-pk", "v": ["2023-11-09\\u0000", 1]}'),
        "été",
    ],
)
def test_a_cursor_the_api_did_not_give_is_a_400_naming_it(client, seeded, cursor):
    assert problems(client.get("/api/decisions/", {"cursor": cursor}), 400) == NOT_A_CURSOR


def test_a_cursor_of_the_list_in_another_order_is_a_400_naming_it(client, seeded):
    newest = client.get("/api/decisions/", {"page_size": "1"}).json()
    cursor = parse_qs(urlsplit(newest["next"]).query)["cursor"][0]

    answer = problems(client.get("/api/decisions/", {"cursor": cursor, "sort": "title"}), 400)

    assert list(answer) == ["cursor"]
    assert "another order" in answer["cursor"][0]


def test_an_empty_cursor_is_the_first_page(client, seeded):
    first = client.get("/api/decisions/").json()

    assert client.get("/api/decisions/", {"cursor": ""}).json() == first


@pytest.mark.parametrize("resource", ["contracts", "funding-lines", "meetings", "issues"])
def test_a_cursor_for_one_list_is_refused_by_another_not_a_500(client, seeded, resource):
    decisions = client.get("/api/decisions/", {"page_size": "1"}).json()
    cursor = parse_qs(urlsplit(decisions["next"]).query)["cursor"][0]

    assert list(problems(client.get(f"/api/{resource}/", {"cursor": cursor}), 400)) == ["cursor"]


# Filters -------------------------------------------------------------------------------------


def test_filter_left_empty_lists_the_same_as_no_filter(client, seeded):
    unfiltered = client.get("/api/contracts/").json()
    emptied = client.get("/api/contracts/", {"status": "", "kind": "", "authority": ""})

    assert emptied.status_code == 200
    assert emptied.json()["count"] == unfiltered["count"] > 0


def test_filter_value_not_among_its_choices_is_a_400_naming_it(client, db):
    answer = problems(client.get("/api/contracts/", {"status": "finished"}), 400)

    assert list(answer) == ["status"]


def test_parameter_a_list_does_not_take_is_a_400_naming_it(client, db):
    answer = problems(client.get("/api/decisions/", {"council": "bathnes"}), 400)

    assert answer == {"council": ["This list has no such parameter."]}


def test_filter_on_a_single_record_is_a_400_naming_it(client, seeded):
    decision = Decision.objects.public().first()

    answer = problems(client.get(f"/api/decisions/{decision.pk}/", {"authority": "x"}), 400)

    assert answer == {"authority": ["A single record takes no parameters."]}


def test_format_parameter_is_still_taken_everywhere(client, seeded):
    decision = Decision.objects.public().first()

    assert client.get("/api/decisions/", {"format": "json"}).status_code == 200
    assert client.get(f"/api/decisions/{decision.pk}/", {"format": "json"}).status_code == 200


def test_query_longer_than_the_api_reads_is_a_414_saying_so(client, db):
    query = "q=" + "x" * LONGEST_QUERY

    answer = problems(client.get(f"/api/decisions/?{query}"), 414)

    assert "2,000 characters" in answer["detail"]


# What the answers say ------------------------------------------------------------------------


def test_call_in_deadline_time_carries_the_uk_offset_of_its_day(client, seeded):
    decision = Decision.objects.public().first()
    Decision.objects.filter(pk=decision.pk).update(
        call_in_deadline=date(2023, 11, 17), call_in_deadline_time=time(17, 0)
    )

    record = client.get(f"/api/decisions/{decision.pk}/").json()

    assert record["call_in_deadline_time"] == "17:00:00+00:00"


def test_meeting_start_time_in_summer_carries_british_summer_time(client, seeded):
    meeting = Meeting.objects.first()
    Meeting.objects.filter(pk=meeting.pk).update(date=date(2024, 6, 20), start_time=time(18, 30))

    record = client.get(f"/api/meetings/{meeting.pk}/").json()

    assert record["start_time"] == "18:30:00+01:00"


def test_document_with_no_copy_has_a_null_url_as_the_schema_allows(client, seeded):
    decision = Decision.objects.public().first()
    Document.objects.create(
        decision=decision, title="Held by the clerk", kind=Document.Kind.BACKGROUND_PAPER
    )
    schema = client.get("/api/schema/", {"format": "json"}).json()

    record = client.get(f"/api/decisions/{decision.pk}/").json()

    [document] = [item for item in record["documents"] if item["title"] == "Held by the clerk"]
    assert document["url"] is None
    assert schema["components"]["schemas"]["Document"]["properties"]["url"]["nullable"] is True


def test_every_operation_documents_its_400_404_and_414_answers(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()

    documented = {
        f"{method.upper()} {path}": sorted(operation["responses"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }

    assert len(documented) == 10
    assert set(map(tuple, documented.values())) == {("200", "400", "404", "414")}


def test_schema_says_an_empty_filter_filters_nothing(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()

    [status] = [
        parameter
        for parameter in schema["paths"]["/api/contracts/"]["get"]["parameters"]
        if parameter["name"] == "status"
    ]

    assert status["allowEmptyValue"] is True
    assert status["description"].endswith("Empty, or left out, it does not filter.")
