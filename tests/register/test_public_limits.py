"""Public requests are bounded: in time (a statement timeout), in size (the CSV download and the
forward plan PDF), and in queries (the pages that were slow on 100,000 decisions)."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from model_bakery import baker
from pypdf import PdfReader

from commissioning.models import FundingLine
from decisions.models import Body, Decision, ForwardPlanEntry
from decisions.models.querysets import only_leaves_words_out, search_index
from decisions.printing.views import FORWARD_PLAN_PDF_ENTRIES
from tests import factories

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no statement timeout and no JIT: it is for development.",
)


def public_decisions(count: int) -> list[Decision]:
    """`count` published decisions of one council, written in one go; every third has funding."""
    council = factories.authority(slug="bulk")
    body = baker.make(Body, authority=council, kind=Body.Kind.CABINET)
    made = Decision.objects.bulk_create(
        Decision(
            authority=council,
            decision_maker=body,
            reference=f"CAB-{number}",
            title=f"Decision {number}",
            status=Decision.Status.APPROVED,
            date_of_decision=date(2023, 11, 9),
            publication_date=date(2023, 11, 10),
            call_in_deadline=date(2023, 11, 17),
            effective_from=date(2023, 11, 18),
        )
        for number in range(count)
    )
    FundingLine.objects.bulk_create(
        FundingLine(decision=decision, amount=Decimal("10.50"), amount_as_printed="£10.50")
        for decision in made[::3]
    )
    return made


def csv_rows(response: object) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


# The statement timeout -------------------------------------------------------------------------


@on_postgresql
@pytest.mark.urls("tests.slow_urls")
def test_a_public_request_running_too_long_answers_503_try_a_narrower_search(client, settings):
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 100
    response = client.get("/slow-statement/", {"seconds": "5"})
    assert response.status_code == 503
    content = response.content.decode()
    assert "This search took too long" in content
    assert "Try a narrower search" in content


@on_postgresql
@pytest.mark.urls("tests.slow_urls")
def test_a_signed_in_request_is_not_cut_short(client, settings, django_user_model):
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 100
    client.force_login(django_user_model.objects.create_user("clerk"))
    response = client.get("/slow-statement/", {"seconds": "0.3"})
    assert response.status_code == 200


@on_postgresql
@pytest.mark.urls("tests.slow_urls")
def test_the_timeout_does_not_outlast_the_public_request(client, settings):
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 100
    client.get("/slow-statement/", {"seconds": "0"})
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.urls("tests.error_urls")
def test_a_cancelled_statement_is_not_taken_for_the_database_being_down(client):
    response = client.get("/statement-cancelled/")
    assert response.status_code == 503
    assert "This search took too long" in response.content.decode()


@on_postgresql
def test_public_queries_are_not_jit_compiled():
    # JIT compilation was 2.4 s of the 2.5 s a funding-line year filter took on 30,000 decisions.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


# The CSV download ------------------------------------------------------------------------------


# Not in a test's transaction: the rows stream after the view's own transaction has committed,
# as they do in production (on PostgreSQL through a WITH HOLD server-side cursor).
@pytest.mark.django_db(transaction=True)
def test_a_csv_of_thousands_of_decisions_is_complete_in_a_few_queries(
    client, django_assert_max_num_queries
):
    public_decisions(3000)
    with django_assert_max_num_queries(15):
        rows = csv_rows(client.get(reverse("decision-csv")))
    assert len(rows) == Decision.objects.public().count() == 3000
    assert {row["reference"] for row in rows} == {f"CAB-{number}" for number in range(3000)}
    assert rows[0]["funding_total"] in ("10.50", "")
    assert sum(row["funding_total"] == "10.50" for row in rows) == 1000


def test_a_csv_larger_than_one_download_is_refused_saying_how_to_narrow_it(client, settings):
    settings.CSV_MAX_ROWS = 5
    public_decisions(6)
    response = client.get(reverse("decision-csv"))
    assert response.status_code == 400
    assert not response.streaming
    message = response.content.decode()
    assert "these filters match 6" in message
    assert "at most 5" in message
    assert "Narrow them" in message


def test_a_csv_within_the_limit_is_downloaded_whole(client, settings):
    settings.CSV_MAX_ROWS = 6
    public_decisions(6)
    assert len(csv_rows(client.get(reverse("decision-csv")))) == 6


# A search that only leaves words out ------------------------------------------------------------


@pytest.mark.parametrize("text", ["-care", '-"care homes"', "-care or -homes"])
def test_a_search_of_only_words_to_leave_out_is_recognised(text):
    assert only_leaves_words_out(text)


@pytest.mark.parametrize("text", ["care -homes", '"-care"', "care", "-", ""])
def test_a_search_with_a_word_to_look_for_is_not_refused(text):
    assert not only_leaves_words_out(text)


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["the -care", "of the -care -homes"])
def test_words_postgresql_does_not_search_for_count_as_none(text):
    # "the" is not indexed: on PostgreSQL "the -care" is the same unindexed scan as "-care".
    assert only_leaves_words_out(text) is (connection.vendor == "postgresql")


@pytest.mark.django_db
def test_an_indexed_word_beside_words_left_out_is_not_refused():
    assert not only_leaves_words_out("the care -homes")


def test_a_register_search_of_only_words_to_leave_out_is_400_naming_search(client):
    public_decisions(2)
    response = client.get(reverse("decision-list"), {"q": "-care"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter a word to search for as well as the words to leave out" in content
    assert 'value="-care"' in content


def test_a_search_leaving_a_word_out_still_finds_the_others(client):
    public_decisions(3)
    Decision.objects.filter(reference="CAB-1").update(title="Care homes")
    response = client.get(reverse("decision-csv"), {"q": "decision -homes"})
    assert {row["reference"] for row in csv_rows(response)} == {"CAB-0", "CAB-2"}


# The forward plan PDF --------------------------------------------------------------------------


def test_the_forward_plan_pdf_prints_the_soonest_entries_and_says_how_many_more(client):
    council = factories.authority(slug="northshire")
    body = baker.make(Body, authority=council, kind=Body.Kind.CABINET)
    today = date.today()
    ForwardPlanEntry.objects.bulk_create(
        ForwardPlanEntry(
            authority=council,
            decision_maker=body,
            title=f"Matter {number:03}",
            first_published=date(2020, 1, 1),
            intended_date=date(today.year + 1, 1 + number % 12, 1 + number % 28),
        )
        for number in range(FORWARD_PLAN_PDF_ENTRIES + 3)
    )
    response = client.get(reverse("forward-plan-pdf"))
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert f"lists the {FORWARD_PLAN_PDF_ENTRIES} soonest key decisions: 3 more are" in text
    printed = [
        number for number in range(FORWARD_PLAN_PDF_ENTRIES + 3) if f"Matter {number:03}" in text
    ]
    assert len(printed) == FORWARD_PLAN_PDF_ENTRIES


# Query counts of the pages that were slow ------------------------------------------------------


def test_the_funding_line_year_filter_is_a_few_queries(client, django_assert_max_num_queries):
    decisions = public_decisions(30)
    FundingLine.objects.filter(decision__in=decisions[:10]).update(financial_year="2024/25")
    with django_assert_max_num_queries(6):
        response = client.get("/api/funding-lines/", {"financial_year": "2024/25"})
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_a_search_leaving_a_word_out_is_a_few_queries(client, django_assert_max_num_queries):
    public_decisions(40)
    # Which search index the database has is looked up once per process, not per page.
    search_index()
    # The capped count (on PostgreSQL, after the planner's estimate), the page's keys, then
    # its rows with what they show.
    with django_assert_max_num_queries(14 if connection.vendor == "postgresql" else 13):
        response = client.get(reverse("decision-list"), {"q": "decision -homes"})
    assert response.status_code == 200
