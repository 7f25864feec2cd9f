"""Full text search: ranked on PostgreSQL with GIN indexes, a plain match elsewhere."""

import pytest
from django.db import connection

from decisions.models import Decision, Recommendation
from tests import factories

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="GIN indexes and ranking are PostgreSQL's"
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
    ranked = list(Decision.objects.search("library").order_by("-rank"))
    assert ranked == [in_title, in_reasons]


@on_postgresql
def test_english_stemming_finds_other_forms_of_a_word(db):
    decision = factories.decision(title="Commissioning day opportunities")
    assert list(Decision.objects.search("commissioned opportunity")) == [decision]


@on_postgresql
@pytest.mark.parametrize(
    ("table", "index"),
    [
        ("decisions_decision", "decisions_decision_search_vector"),
        ("decisions_recommendation", "decisions_recommendation_search"),
    ],
)
def test_search_uses_the_gin_indexes(db, table, index):
    factories.decision(title="Home care")
    query = Decision.objects.search("care").values("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
