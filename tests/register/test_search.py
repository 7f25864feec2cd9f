"""Full text search: ranked on PostgreSQL through a RUM index (GIN where the server has no rum),
a plain match elsewhere."""

import pytest
from django.db import connection

from decisions.models import Decision, Recommendation
from decisions.models.querysets import search_index
from tests import factories

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Full text indexes and ranking are PostgreSQL's"
)


def test_every_word_must_match_somewhere(db):
    wanted = factories.decision(title="Home care framework", purpose="Care in people's homes")
    factories.decision(title="Home energy grants")
    assert list(Decision.objects.search("home care")) == [wanted]


def test_words_in_recommendations_match(db):
    decision = factories.decision(title="Budget 2024/25")
    Recommendation.objects.create(
        decision=decision, label="1", kind="approve", text="Approve the library refurbishment"
    )
    assert list(Decision.objects.search("library refurbishment")) == [decision]


def test_blank_search_leaves_the_register_whole(db):
    factories.decision()
    assert Decision.objects.search("   ").count() == 1


@on_postgresql
def test_title_matches_rank_above_matches_in_the_reasons(db):
    in_reasons = factories.decision(title="Annual report", reasons="Improves library services")
    in_title = factories.decision(title="Library services review", reasons="Annual review")
    in_recommendation = factories.decision(title="Budget", reasons="Annual review")
    Recommendation.objects.create(
        decision=in_recommendation, label="1", kind="approve", text="Fund the library"
    )
    ranked = list(Decision.objects.search("library").best_match_first("library"))
    assert ranked == [in_title, in_reasons, in_recommendation]


@on_postgresql
def test_english_stemming_finds_other_forms_of_a_word(db):
    decision = factories.decision(title="Commissioning day opportunities")
    assert list(Decision.objects.search("commissioned opportunity")) == [decision]


def index_plan(query, *, bitmaps: bool = True) -> str:
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        if not bitmaps:
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def installed_index() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'decisions_decision' "
            "AND indexname IN ('decisions_decision_search_rum', 'decisions_decision_search_vector')"
        )
        return cursor.fetchone()[0]


@on_postgresql
def test_search_reads_one_index_of_the_decision_and_its_recommendations(db):
    factories.decision(title="Home care")
    plan = index_plan(Decision.objects.search("care").values("pk"))
    assert installed_index() in plan, plan
    assert "decisions_recommendation" not in plan, plan


@on_postgresql
def test_the_index_read_is_the_one_the_database_has(db):
    expected = {"decisions_decision_search_rum": "rum", "decisions_decision_search_vector": "gin"}
    assert search_index() == expected[installed_index()]


@on_postgresql
def test_with_rum_the_index_gives_the_matches_in_rank_order(db):
    if search_index() != "rum":
        pytest.skip("The server has no rum extension: GIN ranks each match as it reads it.")
    factories.decision(title="Home care")
    # On a table of a few rows the planner may as well sort a bitmap's matches: without
    # bitmaps, what is asked is whether the index itself gives them in rank order.
    ranked = Decision.objects.search("care").best_match_first("care").values("pk")[:20]
    plan = index_plan(ranked, bitmaps=False)
    assert "decisions_decision_search_rum" in plan, plan
    assert "Order By" in plan, plan
    assert "Sort" not in plan, plan
