"""Every way a public record changes drops the cached pages that show it."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from commissioning.models import Contract, FundingLine
from decisions.caching import generation
from decisions.call_in.services import call_in_record_outcome, call_in_request, decision_publish
from decisions.models import Body, CallIn, Decision
from decisions.rules.call_in import LONDON
from tests import factories

pytestmark = pytest.mark.django_db


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def cached(url: str, client: Client, django_assert_num_queries) -> str:
    """The page as the cache serves it: built once, then served without the database."""
    built = page(client, url)
    with django_assert_num_queries(0):
        assert page(client, url) == built
    return built


def test_publishing_a_decision_puts_it_on_the_cached_list(
    client, page_cache, seeded, django_capture_on_commit_callbacks, django_assert_num_queries
):
    decision = factories.decision(
        authority=Decision.objects.first().authority, title="Library opening hours"
    )
    list_url = reverse("decision-list")
    assert "Library opening hours" not in cached(list_url, client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        decision_publish(decision=decision, by=None, at=datetime.now(LONDON))
    assert "Library opening hours" in page(client, list_url)


def test_an_edit_in_the_admin_drops_the_pages_showing_it(
    client,
    admin_client,
    page_cache,
    bnes,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    body = bnes.decision_maker
    url = bnes.get_absolute_url()
    assert "Renamed Cabinet" not in cached(url, client, django_assert_num_queries)
    change = reverse("admin:decisions_body_change", args=[body.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["name"] = "Renamed Cabinet"
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(change, data)
    assert answer.status_code == 302, answer.content
    assert "Renamed Cabinet" in page(client, url)


def test_a_call_in_and_its_outcome_each_drop_the_decision_page(
    client, page_cache, bnes, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = bnes.get_absolute_url()
    assert "called in for scrutiny" not in cached(url, client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        request = call_in_request(
            decision=bnes,
            member=factories.councillor(bnes.authority, "Ann Member"),
            reasons="The consultation was too short.",
            at=datetime(2023, 11, 14, 12, tzinfo=LONDON),
        )
    called_in = cached(url, client, django_assert_num_queries)
    assert "called in for scrutiny" in called_in
    with django_capture_on_commit_callbacks(execute=True):
        call_in_record_outcome(
            call_in=request, outcome=CallIn.Outcome.REFERRED_BACK, on=date(2023, 11, 28), by=None
        )
    assert page(client, url) != called_in
    assert "referred back" in page(client, url).lower()


def test_a_funding_change_drops_the_decision_page(
    client, page_cache, bnes, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = bnes.get_absolute_url()
    assert "£1,234,567" not in cached(url, client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        FundingLine.objects.create(
            decision=bnes,
            amount=Decimal("1234567"),
            amount_as_printed="£1,234,567",
            kind=FundingLine.Kind.BUDGET,
        )
    assert "£1,234,567" in page(client, url)


def test_a_contract_change_drops_the_contract_list(
    client, page_cache, seeded, django_capture_on_commit_callbacks, django_assert_num_queries
):
    contract = Contract.objects.first()
    url = reverse("contract-list")
    assert "A renamed contract" not in cached(url, client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        contract.title = "A renamed contract"
        contract.save()
    assert "A renamed contract" in page(client, url)


def test_a_link_between_a_contract_and_a_decision_drops_the_pages(
    client, page_cache, bnes, django_capture_on_commit_callbacks, django_assert_num_queries
):
    contract = Contract.objects.exclude(decisions=bnes).first()
    url = bnes.get_absolute_url()
    assert contract.title not in cached(url, client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        contract.decisions.add(bnes)
    assert contract.title in page(client, url)


def test_an_import_of_records_drops_the_pages(
    client, page_cache, db, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = reverse("decision-list")
    assert "Preferred Delivery Options" not in cached(url, client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_seed_records", verbosity=0)
    assert "Preferred Delivery Options" in page(client, url)


def test_a_bulk_change_is_announced_with_register_changed(
    client, page_cache, bnes, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = bnes.get_absolute_url()
    cached(url, client, django_assert_num_queries)
    Body.objects.filter(pk=bnes.decision_maker_id).update(name="Cabinet, renamed in bulk")
    # A queryset update sends no signal: the page is still the cached one until it is announced.
    assert "renamed in bulk" not in page(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        generation.register_changed()
    assert "renamed in bulk" in page(client, url)


def test_a_change_is_not_seen_until_its_transaction_commits(page_cache, bnes):
    before = generation.current()
    Body.objects.filter(pk=bnes.decision_maker_id).get().save()
    # The test's transaction has not committed: no page is dropped yet.
    assert generation.current() == before


def test_a_lost_generation_starts_above_every_page_stored(page_cache, bnes):
    before = generation.current()
    page_cache.delete(generation.KEY)
    assert generation.current() > before


def test_private_records_do_not_drop_the_pages(page_cache, bnes):
    from decisions.models import Notification, Subscription

    assert not generation.shown_in_public(Subscription)
    assert not generation.shown_in_public(Notification)
    assert not generation.shown_in_public(Decision.history.model)
    assert generation.shown_in_public(Decision)
    assert generation.shown_in_public(FundingLine)


def test_a_bulk_generated_register_drops_the_pages(
    client, page_cache, db, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = reverse("decision-list")
    before = cached(url, client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_register", decisions=30, authorities=2, verbosity=0)
    assert Decision.objects.public().exists()
    assert page(client, url) != before
