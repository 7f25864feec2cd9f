"""Capped counts: counted to the cap, or on PostgreSQL taken from the planner's estimate when
it expects far more (decisions.web.pagination.capped_count)."""

import pytest
from django.db import connection

from decisions.models import Decision
from decisions.web import pagination
from decisions.web.pagination import capped_count, estimated_rows
from tests import factories

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="The planner's estimates are PostgreSQL's."
)


@pytest.fixture
def three(db) -> None:
    council = factories.authority()
    for number in range(3):
        factories.decision(authority=council, title=f"Decision {number}")


def test_a_count_under_the_cap_is_exact(three):
    assert capped_count(Decision.objects.all(), 10) == 3


def test_a_count_over_the_cap_stops_one_past_it(three):
    assert capped_count(Decision.objects.all(), 2) == 3


@on_postgresql
def test_a_count_the_planner_puts_far_past_the_cap_is_not_made(
    three, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(pagination, "ESTIMATE_MARGIN", 0)
    monkeypatch.setattr(pagination, "ESTIMATE_FLOOR", 0)
    with django_assert_num_queries(1) as made:
        assert capped_count(Decision.objects.all(), 10) == 11
    assert made.captured_queries[0]["sql"].startswith("EXPLAIN")


@on_postgresql
def test_the_estimate_is_the_planners(three):
    assert estimated_rows(Decision.objects.all()) >= 1
    assert estimated_rows(Decision.objects.filter(pk__in=[])) == 0


def test_a_small_tables_guessed_estimate_is_counted(three, monkeypatch):
    # A table never analysed (as a test's) is estimated at a guess: below the floor, counted.
    monkeypatch.setattr(pagination, "ESTIMATE_MARGIN", 0)
    assert capped_count(Decision.objects.all(), 10) == 3


def test_elsewhere_there_is_no_estimate_and_the_count_is_made(three, monkeypatch):
    if connection.vendor == "postgresql":
        assert estimated_rows(Decision.objects.all()) is not None
    else:
        monkeypatch.setattr(pagination, "ESTIMATE_MARGIN", 0)
        monkeypatch.setattr(pagination, "ESTIMATE_FLOOR", 0)
        assert estimated_rows(Decision.objects.all()) is None
        assert capped_count(Decision.objects.all(), 10) == 3
