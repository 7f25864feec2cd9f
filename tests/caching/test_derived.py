"""Answers worked out from many records, kept until the register changes
(decisions.caching.derived), and the call-in status filter that uses them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.caching import generation
from decisions.caching.derived import remembered
from decisions.models import CallIn, CallInSignature, Decision
from decisions.rules.call_in import CallInStatus
from tests import factories

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> list[int]:
        self.calls += 1
        return [self.calls]


def test_an_answer_is_worked_out_once_until_the_register_changes(
    page_cache, django_capture_on_commit_callbacks
):
    compute = Counter()
    assert remembered("answer", compute) == [1]
    assert remembered("answer", compute) == [1]
    with django_capture_on_commit_callbacks(execute=True):
        generation.register_changed()
    assert remembered("answer", compute) == [2]
    assert compute.calls == 2


def test_an_answer_for_another_moment_is_worked_out_each_time(page_cache):
    compute = Counter()
    yesterday = timezone.now() - timedelta(days=1)
    remembered("answer", compute, yesterday)
    remembered("answer", compute, yesterday)
    assert compute.calls == 2


def test_without_the_page_cache_an_answer_is_worked_out_each_time(settings):
    settings.PAGE_CACHE = False
    compute = Counter()
    remembered("answer", compute)
    remembered("answer", compute)
    assert compute.calls == 2


def test_the_called_in_filter_follows_a_new_call_in(
    client, page_cache, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    decision = factories.decision(
        title="Library opening hours",
        date_of_decision=today - timedelta(days=2),
        publication_date=today - timedelta(days=1),
        call_in_deadline=today + timedelta(days=3),
        effective_from=today + timedelta(days=4),
    )
    member = factories.councillor(decision.authority, "Ann Lead")

    def called_in() -> str:
        response = client.get(reverse("decision-list"), {"call_in_status": "called_in"})
        return response.content.decode()

    assert "Library opening hours" not in called_in()
    with django_capture_on_commit_callbacks(execute=True):
        request = CallIn.objects.create(
            decision=decision, received_at=timezone.now(), reasons="Scrutiny will review it."
        )
        CallInSignature.objects.create(
            call_in=request, member=member, is_lead=True, confirmed_at=timezone.now()
        )
    assert Decision.objects.get(pk=decision.pk).call_in_status() == CallInStatus.CALLED_IN
    assert "Library opening hours" in called_in()
