"""prefetch_present: one query says which relations have rows; only those are read
(decisions.web.prefetch)."""

import pytest
from django.db.models import Prefetch

from commissioning.models import Contract
from decisions.models import Decision, Risk, Ward
from decisions.web.prefetch import prefetch_present, relations_with_rows
from tests import factories

pytestmark = pytest.mark.django_db

LOOKUPS = [
    "risks",
    "options",
    "wards",
    Prefetch("contracts", queryset=Contract.objects.prefetch_related("suppliers")),
    "delegations__delegate",
]


@pytest.fixture
def decision() -> Decision:
    made = factories.decision(title="Library opening hours")
    Risk.objects.create(decision=made, description="Fewer visitors", order=1)
    Risk.objects.create(decision=made, description="Staff rotas", order=2)
    made.wards.add(Ward.objects.create(authority=made.authority, name="Abbey"))
    return Decision.objects.get(pk=made.pk)


def test_it_names_the_relations_with_rows(decision):
    assert relations_with_rows(decision, ["risks", "options", "wards", "contracts"]) == {
        "risks",
        "wards",
    }


def test_it_reads_only_the_relations_with_rows(decision, django_assert_num_queries):
    # One question, then the risks and the wards: options, contracts and delegations are empty.
    with django_assert_num_queries(3):
        prefetch_present(decision, LOOKUPS)
    with django_assert_num_queries(0):
        assert [risk.description for risk in decision.risks.all()] == [
            "Fewer visitors",
            "Staff rotas",
        ]
        assert [ward.name for ward in decision.wards.all()] == ["Abbey"]
        assert list(decision.options.all()) == []
        assert list(decision.contracts.all()) == []
        assert list(decision.delegations.all()) == []


def test_an_empty_decision_costs_one_question(django_assert_num_queries):
    bare = Decision.objects.get(pk=factories.decision().pk)
    with django_assert_num_queries(1):
        prefetch_present(bare, LOOKUPS)
    with django_assert_num_queries(0):
        assert not bare.risks.all()
        assert not bare.wards.all()
        assert not bare.contracts.all()


def test_a_contract_on_the_reverse_side_of_a_many_to_many_is_found(decision):
    contract = Contract.objects.create(authority=decision.authority, title="Library software")
    contract.decisions.add(decision)
    prefetch_present(decision, LOOKUPS)
    assert [found.title for found in decision.contracts.all()] == ["Library software"]


def test_a_to_attr_prefetch_is_refused(decision):
    with pytest.raises(ValueError, match="to_attr"):
        prefetch_present(decision, [Prefetch("risks", to_attr="listed")])


def test_for_a_page_of_records_it_asks_once_for_all(decision, django_assert_num_queries):
    bare = Decision.objects.get(pk=factories.decision(authority=decision.authority).pk)
    page = [decision, bare]
    # One question for the page, then the risks and the wards of those that have them.
    with django_assert_num_queries(3):
        prefetch_present(page, LOOKUPS)
    with django_assert_num_queries(0):
        assert len(decision.risks.all()) == 2
        assert list(bare.risks.all()) == []
        assert [ward.name for ward in decision.wards.all()] == ["Abbey"]
        assert list(bare.contracts.all()) == []


def test_an_empty_page_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        prefetch_present([], LOOKUPS)
