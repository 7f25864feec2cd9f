"""A contract's status follows its dates unless it is recorded otherwise (issue 10, defect 15)."""

import importlib
from datetime import date, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from model_bakery import baker

from commissioning.models import Contract, ContractExtension
from commissioning.rules import effective_end, status_from_dates
from decisions.models import Decision
from tests import factories

INTERIM = "Interim contract arrangement 2024/25"  # 1 April 2024 to 31 March 2025

# A contract from 1 April 2025 to 31 March 2026, and what the dates say about it each day.
START, END = date(2025, 4, 1), date(2026, 3, 31)
DAYS = [
    (date(2025, 3, 31), "Planned"),
    (date(2025, 4, 1), "Active"),
    (date(2025, 10, 1), "Active"),
    (date(2026, 3, 31), "Active"),
    (date(2026, 4, 1), "Ended"),
]


def on(day: date) -> time_machine.travel:
    return time_machine.travel(f"{day.isoformat()} 12:00 +00:00", tick=False)


@pytest.fixture
def contract(db) -> Contract:
    return baker.make(
        Contract,
        authority=factories.authority(name="Bath and North East Somerset Council"),
        title="Community wellbeing hub",
        kind=Contract.Kind.CONTRACT,
        start_date=START,
        end_date=END,
    )


def status_on_page(client, contract: Contract) -> str:
    page = BeautifulSoup(client.get(contract.get_absolute_url()).content, "html.parser")
    key = page.find("dt", string="Status")
    return key.find_next_sibling("dd").get_text(" ", strip=True)


def status_in_list(client, contract: Contract, **query: str) -> str | None:
    """The Status cell of the contract's row in the list, or None if it is not listed."""
    response = client.get(reverse("contract-list"), query)
    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").find("table")
    headers = [cell.get_text(strip=True) for cell in table.find("thead").find_all("th")]
    for row in table.find("tbody").find_all("tr"):
        link = row.find("a")
        if link is not None and link["href"] == contract.get_absolute_url():
            return row.find_all("td")[headers.index("Status")].get_text(" ", strip=True)
    return None


def from_api(client, contract: Contract) -> dict:
    response = client.get(reverse("api:contract-detail", args=[contract.pk]))
    assert response.status_code == 200
    return response.json()


# The rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "expected"), DAYS)
def test_dates_give_planned_then_active_then_ended(day, expected):
    assert status_from_dates(on=day, start=START, end=END) == expected.lower()


@pytest.mark.parametrize(
    ("start", "end"), [(None, None), (START, None), (None, END)], ids=["none", "start", "end"]
)
def test_dates_that_do_not_settle_it_give_no_status(start, end):
    assert status_from_dates(on=date(2025, 10, 1), start=start, end=end) is None


def test_an_end_date_past_is_ended_without_a_start():
    assert status_from_dates(on=date(2025, 10, 1), start=None, end=date(2024, 3, 31)) == "ended"


def test_effective_end_is_the_latest_of_the_end_and_exercised_extensions():
    assert effective_end(END, [date(2027, 3, 31), None]) == date(2027, 3, 31)
    assert effective_end(END, [date(2025, 3, 31)]) == END
    assert effective_end(None, [date(2027, 3, 31)]) == date(2027, 3, 31)
    assert effective_end(None, []) is None


# Contract 101, the interim arrangement in the report ------------------------------------------


def test_interim_arrangement_that_ended_shows_ended_on_its_page(client, seeded):
    interim = Contract.objects.get(title=INTERIM)
    with on(date(2025, 6, 1)):
        assert status_on_page(client, interim) == "Ended"


def test_interim_arrangement_that_ended_shows_ended_in_the_list(client, seeded):
    interim = Contract.objects.get(title=INTERIM)
    with on(date(2025, 6, 1)):
        assert status_in_list(client, interim) == "Ended"


def test_interim_arrangement_that_ended_shows_ended_in_the_api(client, seeded):
    interim = Contract.objects.get(title=INTERIM)
    with on(date(2025, 6, 1)):
        answer = from_api(client, interim)
    assert (answer["status"], answer["status_reason"]) == ("ended", "")


def test_interim_arrangement_was_active_during_2024_25(client, seeded):
    interim = Contract.objects.get(title=INTERIM)
    with on(date(2024, 9, 1)):
        assert status_on_page(client, interim) == "Active"


# Page, list and API say the same each day --------------------------------------------------------


@pytest.mark.parametrize(("day", "expected"), DAYS)
def test_page_shows_the_status_the_dates_give(client, contract, day, expected):
    with on(day):
        assert status_on_page(client, contract) == expected


@pytest.mark.parametrize(("day", "expected"), DAYS)
def test_list_shows_the_status_the_dates_give(client, contract, day, expected):
    with on(day):
        assert status_in_list(client, contract) == expected


@pytest.mark.parametrize(("day", "expected"), DAYS)
def test_api_gives_the_status_the_dates_give(client, contract, day, expected):
    with on(day):
        assert from_api(client, contract)["status"] == expected.lower()


def test_contract_without_dates_or_a_recorded_status_is_not_recorded(client, contract):
    Contract.objects.filter(pk=contract.pk).update(start_date=None, end_date=None)
    assert status_on_page(client, contract) == "Not recorded"
    assert status_in_list(client, contract) == "Not recorded"
    assert from_api(client, contract)["status"] is None


# Extensions ---------------------------------------------------------------------------------


def test_exercised_extension_keeps_the_contract_active_after_its_end_date(client, contract):
    baker.make(
        ContractExtension,
        contract=contract,
        status=ContractExtension.Status.EXERCISED,
        latest_end=date(2027, 3, 31),
    )
    with on(date(2026, 6, 1)):
        assert status_on_page(client, contract) == "Active"
        assert status_in_list(client, contract) == "Active"
        assert from_api(client, contract)["status"] == "active"
    with on(date(2027, 4, 1)):
        assert status_on_page(client, contract) == "Ended"


def test_page_shows_the_extended_end_and_the_end_it_replaced(client, contract):
    baker.make(
        ContractExtension,
        contract=contract,
        status=ContractExtension.Status.EXERCISED,
        latest_end=date(2027, 3, 31),
    )
    page = BeautifulSoup(client.get(contract.get_absolute_url()).content, "html.parser")
    ends = page.find("dt", string="Ends").find_next_sibling("dd").get_text(" ", strip=True)
    assert ends == "31 March 2027 Extended from 31 March 2026"


@pytest.mark.parametrize(
    "status",
    [
        ContractExtension.Status.AVAILABLE,
        ContractExtension.Status.AUTHORISED,
        ContractExtension.Status.NOT_EXERCISED,
    ],
)
def test_extension_not_exercised_does_not_extend_the_contract(client, contract, status):
    baker.make(ContractExtension, contract=contract, status=status, latest_end=date(2027, 3, 31))
    with on(date(2026, 6, 1)):
        assert status_on_page(client, contract) == "Ended"
        assert from_api(client, contract)["status"] == "ended"


def test_extension_exercised_by_a_decision_not_yet_public_does_not_show(client, contract):
    unpublished = factories.decision(authority=contract.authority, publication_date=None)
    assert not Decision.objects.public().filter(pk=unpublished.pk).exists()
    baker.make(
        ContractExtension,
        contract=contract,
        status=ContractExtension.Status.EXERCISED,
        latest_end=date(2027, 3, 31),
        decision=unpublished,
    )
    with on(date(2026, 6, 1)):
        assert status_on_page(client, contract) == "Ended"
        assert status_in_list(client, contract, status="ended") == "Ended"
        assert from_api(client, contract)["status"] == "ended"


# A recorded status ---------------------------------------------------------------------------


def test_recorded_status_with_its_reason_wins_over_the_dates(client, contract):
    contract.status = Contract.Status.ENDED
    contract.status_reason = "Ended early by agreement on 30 September 2025"
    contract.full_clean()
    contract.save()
    with on(date(2025, 10, 1)):
        assert status_on_page(client, contract) == (
            "Ended Recorded: Ended early by agreement on 30 September 2025"
        )
        assert status_in_list(client, contract) == (
            "Ended Recorded: Ended early by agreement on 30 September 2025"
        )
        answer = from_api(client, contract)
    assert (answer["status"], answer["status_reason"]) == (
        "ended",
        "Ended early by agreement on 30 September 2025",
    )


def test_recorded_status_without_a_reason_is_refused_on_the_reason(contract):
    contract.status = Contract.Status.ENDED
    with pytest.raises(ValidationError) as refused:
        contract.full_clean()
    assert refused.value.message_dict == {
        "status_reason": [
            "Enter why the status is recorded as ended, or leave the status blank to follow "
            "the dates."
        ]
    }


def test_recorded_status_of_only_spaces_is_refused(contract):
    contract.status, contract.status_reason = Contract.Status.ENDED, "   "
    with pytest.raises(ValidationError) as refused:
        contract.full_clean()
    assert list(refused.value.message_dict) == ["status_reason"]


def test_database_constraint_refuses_a_recorded_status_without_a_reason_on_the_reason(contract):
    contract.status = Contract.Status.ENDED
    with pytest.raises(ValidationError) as refused:
        contract.validate_constraints()
    assert refused.value.message_dict == {
        "status_reason": [
            "Enter why the status is recorded, or leave the status blank to follow the dates."
        ]
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(status=Contract.Status.ENDED)


def test_admin_refuses_a_recorded_status_without_a_reason(admin_client, contract):
    url = reverse("admin:commissioning_contract_change", args=[contract.pk])
    form = {
        "authority": contract.authority_id,
        "title": contract.title,
        "kind": contract.kind,
        "start_date": "2025-04-01",
        "end_date": "2026-03-31",
        "status": Contract.Status.ENDED,
        "status_reason": "",
    }
    for prefix in ("extensions", "funding_lines", "service_volumes"):
        form |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "status_reason" in response.context["adminform"].form.errors
    contract.refresh_from_db()
    assert contract.status == ""


def test_admin_list_shows_and_filters_by_the_status_today(admin_client, contract):
    url = reverse("admin:commissioning_contract_changelist")
    with on(date(2026, 6, 1)):
        ended = admin_client.get(url, {"current_status": "ended"})
        active = admin_client.get(url, {"current_status": "active"})
    assert list(ended.context["cl"].result_list) == [contract]
    assert b"Ended" in ended.content
    assert list(active.context["cl"].result_list) == []


# Filtering by status ------------------------------------------------------------------------


def test_list_filter_by_status_uses_the_status_the_dates_give(client, contract):
    with on(date(2026, 6, 1)):
        assert status_in_list(client, contract, status="ended") == "Ended"
        assert status_in_list(client, contract, status="active") is None
    with on(date(2025, 6, 1)):
        assert status_in_list(client, contract, status="active") == "Active"
        assert status_in_list(client, contract, status="ended") is None


def test_list_filter_by_status_uses_a_recorded_status(client, contract):
    Contract.objects.filter(pk=contract.pk).update(
        status=Contract.Status.ENDED, status_reason="Ended early by agreement"
    )
    with on(date(2025, 6, 1)):
        assert status_in_list(client, contract, status="ended") is not None
        assert status_in_list(client, contract, status="active") is None


def test_list_filter_keeps_the_council_and_status_chosen(client, contract):
    response = client.get(
        reverse("contract-list"), {"authority": contract.authority.slug, "status": "active"}
    )
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("select", id="id_status").find("option", selected=True)["value"] == "active"
    assert page.find("select", id="id_authority").find("option", selected=True)["value"] == (
        contract.authority.slug
    )


def test_list_refuses_an_unknown_status_with_a_message_on_the_status(client, db):
    response = client.get(reverse("contract-list"), {"status": "finished"})
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find(id="status-error").get_text(strip=True) == (
        "Error:Choose a status from the list"
    )
    assert page.find(class_="govuk-error-summary").find("a")["href"] == "#id_status"


def test_api_filter_by_status_uses_the_status_the_dates_give(client, contract):
    with on(date(2026, 6, 1)):
        ended = client.get(reverse("api:contract-list"), {"status": "ended"}).json()
        active = client.get(reverse("api:contract-list"), {"status": "active"}).json()
    assert [result["id"] for result in ended["results"]] == [contract.pk]
    assert active["results"] == []


# The SQL and the Python say the same ----------------------------------------------------------


def test_queryset_status_agrees_with_the_model_on_every_kind_of_contract(contract):
    council = contract.authority
    made = [contract]
    for start, end in [(None, None), (START, None), (None, END), (END, END)]:
        made.append(
            baker.make(Contract, authority=council, kind="contract", start_date=start, end_date=end)
        )
    extended = baker.make(Contract, authority=council, kind="contract", start_date=START)
    for status, latest in [("exercised", date(2026, 9, 30)), ("available", date(2028, 1, 1))]:
        baker.make(ContractExtension, contract=extended, status=status, latest_end=latest)
    made.append(extended)
    made.append(
        baker.make(
            Contract,
            authority=council,
            kind="contract",
            start_date=START,
            end_date=END,
            status=Contract.Status.PROCUREMENT,
            status_reason="Retendered",
        )
    )
    contracts = Contract.objects.filter(pk__in=[c.pk for c in made]).prefetch_related("extensions")
    day = START - timedelta(days=2)
    while day <= date(2026, 10, 3):
        in_sql = dict(contracts.with_current_status(day).values_list("pk", "derived_status"))
        in_python = {c.pk: c.current_status(day) or "" for c in contracts}
        assert in_sql == in_python, day
        day += timedelta(days=1)


# Existing records ---------------------------------------------------------------------------

migration = importlib.import_module("commissioning.migrations.0003_contract_status_follows_dates")


@pytest.mark.parametrize(
    ("stored", "start", "end", "kept"),
    [
        ("planned", date(2024, 4, 1), date(2025, 3, 31), False),  # stale: ended
        ("ended", date(2024, 4, 1), date(2025, 3, 31), False),  # agrees
        ("active", date(2024, 4, 1), date(2026, 3, 31), False),  # agrees
        ("ended", date(2024, 4, 1), date(2026, 3, 31), True),  # ended early
        ("procurement", date(2026, 4, 1), None, True),  # dates cannot say it
        ("procurement", date(2024, 4, 1), date(2026, 3, 31), False),  # stale: active
        ("active", None, None, True),  # nothing else to go on
    ],
)
def test_migration_clears_statuses_the_dates_give_and_keeps_the_others(
    contract, stored, start, end, kept
):
    Contract.objects.filter(pk=contract.pk).update(
        status=stored, status_reason="placeholder", start_date=start, end_date=end
    )
    with on(date(2025, 6, 1)):
        migration.follow_the_dates(apps, None)
    contract.refresh_from_db()
    if kept:
        assert (contract.status, contract.status_reason) == (stored, migration.RECORDED_BEFORE)
    else:
        assert (contract.status, contract.status_reason) == ("", "")
