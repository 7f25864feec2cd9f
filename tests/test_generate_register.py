"""generate_register: synthetic records in bulk that keep every rule of the register."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from commissioning.models import FundingLine
from decisions.models import Authority, Decision, ForwardPlanEntry
from decisions.rules import call_in as call_in_rules
from decisions.rules import working_days

pytestmark = pytest.mark.django_db


def generate(**options: object) -> str:
    options = {"decisions": 200, "authorities": 2, "seed": 1, **options}
    output = StringIO()
    call_command("generate_register", stdout=output, **options)
    return output.getvalue()


def titles() -> list[tuple[str, str]]:
    return list(Decision.objects.order_by("pk").values_list("reference", "title"))


@pytest.fixture
def generated(db) -> str:
    return generate()


def test_creates_exactly_the_decisions_asked_for(generated):
    assert Decision.objects.count() == 200
    assert Authority.objects.count() == 2


def test_a_sample_of_decisions_passes_full_clean(generated):
    for decision in Decision.objects.order_by("pk")[::4]:
        decision.full_clean()


def test_every_funding_line_passes_full_clean(generated):
    lines = list(FundingLine.objects.all())
    assert lines
    for line in lines:
        line.full_clean()


def test_funding_lines_are_printed_as_councils_print_them(generated):
    line = FundingLine.objects.exclude(amount_as_printed__contains=".").first()
    assert line.amount_as_printed.startswith(f"£{line.amount:,.0f}")


def test_references_carry_the_authority_prefix_and_are_unique_per_authority(generated):
    for authority in Authority.objects.all():
        references = list(authority.decisions.values_list("reference", flat=True))
        assert len(set(references)) == len(references)
        assert all(r.startswith(authority.reference_prefix) for r in references)


def test_call_in_deadlines_follow_the_authority_rule(generated):
    decisions = Decision.objects.with_call_in_context().filter(call_in_deadline__isnull=False)
    checked = 0
    for decision in decisions.order_by("pk")[:40]:
        expected = call_in_rules.call_in_deadline(
            decision.call_in_rule().as_rule(),
            nation=decision.authority.nation,
            published=decision.publication_date,
            decided=decision.date_of_decision,
            closure_days=decision.authority.closure_dates(),
        )
        assert decision.deadline == expected
        assert decision.effective_from == decision.computed_effective_from()
        checked += 1
    assert checked == 40


def test_decisions_are_published_one_to_three_working_days_after_they_are_taken(generated):
    decisions = Decision.objects.with_call_in_context().filter(publication_date__isnull=False)
    for decision in decisions[:50]:
        days_between = working_days.working_days_between(
            decision.date_of_decision,
            decision.publication_date,
            nation=decision.authority.nation,
            closure_days=decision.authority.closure_dates(),
        )
        assert 1 <= days_between <= 3


def test_the_same_seed_gives_the_same_records():
    with transaction.atomic():
        generate()
        first = titles()
        transaction.set_rollback(True)
    generate()
    assert titles() == first


def test_another_seed_gives_other_records():
    with transaction.atomic():
        generate(seed=2)
        other = titles()
        transaction.set_rollback(True)
    generate(seed=1)
    assert titles() != other


def test_running_again_adds_to_the_same_authorities_with_later_references(generated):
    before = set(Decision.objects.values_list("authority_id", "reference"))
    generate(decisions=50, seed=9)
    after = set(Decision.objects.values_list("authority_id", "reference"))
    assert Authority.objects.count() == 2
    assert len(after) == 250
    assert before < after


def test_the_forward_plan_has_published_entries_still_to_come(generated):
    assert ForwardPlanEntry.objects.public().to_come().exists()


def test_only_key_decisions_that_are_not_exempt_are_on_the_forward_plan(generated):
    linked = ForwardPlanEntry.objects.filter(decision__isnull=False)
    assert linked.exists()
    assert not linked.filter(decision__is_key_decision=False).exists()
    assert not linked.filter(decision__is_exempt=True).exists()


def test_reports_rows_created_per_model(generated):
    assert "decisions.Decision: 200" in generated
    assert "Created 200 decisions in" in generated


def test_writes_in_batches_of_the_size_asked_for():
    output = generate(decisions=30, batch_size=10)
    assert "  10 of 30 decisions" in output
    assert "  20 of 30 decisions" in output


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("decisions", 0),
        ("decisions", "many"),
        ("decisions", "-5"),
        ("authorities", 0),
        ("authorities", "two"),
        ("batch_size", -1),
    ],
)
def test_a_count_that_is_not_a_positive_whole_number_is_refused(option, value):
    name = "--" + option.replace("_", "-")
    with pytest.raises(CommandError, match=name):
        generate(**{option: value})
    assert not Decision.objects.exists()


def test_the_number_of_decisions_is_required():
    with pytest.raises(CommandError, match="--decisions"):
        call_command("generate_register", stdout=StringIO())
