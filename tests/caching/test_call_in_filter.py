"""The register's call-in status filter, with the page cache on, follows a new call-in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import CallIn, CallInSignature, Decision
from decisions.rules.call_in import CallInStatus
from tests import factories

pytestmark = pytest.mark.django_db


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
