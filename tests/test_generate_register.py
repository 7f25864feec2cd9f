"""generate_register: synthetic records in bulk that keep every rule of the register, built to
a target number of decisions, carried on after an interruption and idempotent once done."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from commissioning.models import Contract, FundingLine
from decisions.management.commands.generate_register import councils_for
from decisions.models import (
    Authority,
    CallIn,
    CallInSignature,
    Decision,
    ForwardPlanEntry,
    Recommendation,
)
from decisions.rules import call_in as call_in_rules
from decisions.rules import working_days
from decisions.synthetic import call_ins, loading
from decisions.synthetic.places import council_name
from decisions.synthetic.rows import DECISIONS, RECOMMENDATIONS, RowWriter

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's bulk load: COPY, indexes, triggers"
)


def generate(**options: object) -> str:
    options = {"decisions": 200, "authorities": 2, "seed": 1, **options}
    output = StringIO()
    call_command("generate_register", stdout=output, stderr=StringIO(), **options)
    return output.getvalue()


def records() -> list[tuple]:
    """What the generated decisions say, without the database's keys."""
    return sorted(
        Decision.objects.values_list(
            "authority__slug", "reference", "title", "date_of_decision", "status", "purpose"
        )
    )


def row_counts() -> dict[str, int]:
    models = (Decision, Recommendation, ForwardPlanEntry, FundingLine, Contract, CallIn)
    return {model.__name__: model.objects.count() for model in models}


class Interrupted(Exception):
    """Stands for Ctrl-C or kill -9 in the middle of a batch."""


def interrupt_in_batch(monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    """Make the `number`-th batch fail after its decisions, before its recommendations."""
    write = RowWriter.write
    batches = []

    def failing_write(self: RowWriter, table: object, rows: list) -> None:
        if table is DECISIONS:
            batches.append(len(rows))
        if table is RECOMMENDATIONS and len(batches) == number:
            raise Interrupted
        write(self, table, rows)

    monkeypatch.setattr(RowWriter, "write", failing_write)


@pytest.fixture
def generated(db) -> str:
    return generate()


def test_creates_exactly_the_decisions_asked_for(generated):
    assert Decision.objects.count() == 200
    assert Authority.objects.count() == 2


def test_every_table_of_the_register_gets_rows(generated):
    counts = row_counts()
    assert counts["Recommendation"] > counts["Decision"]
    assert counts["FundingLine"] > 0
    assert counts["Contract"] > 0
    assert counts["ForwardPlanEntry"] > 0
    assert Decision.wards.through.objects.exists()
    assert Decision.relevant_members.through.objects.exists()


def test_a_sample_of_decisions_passes_full_clean(generated):
    for decision in Decision.objects.order_by("pk")[::4]:
        decision.full_clean()


def test_every_funding_line_passes_full_clean(generated):
    lines = list(FundingLine.objects.all())
    assert lines
    for line in lines:
        line.full_clean()


def test_recommendations_contracts_and_notices_pass_full_clean(generated):
    for model in (Recommendation, Contract, ForwardPlanEntry):
        for record in model.objects.order_by("pk")[::7]:
            record.full_clean()


def test_funding_lines_are_printed_as_councils_print_them(generated):
    line = FundingLine.objects.exclude(amount_as_printed__contains=".").first()
    assert line.amount_as_printed.startswith(f"£{line.amount:,.0f}")


def test_references_carry_the_authority_prefix_and_are_unique_per_authority(generated):
    for authority in Authority.objects.all():
        references = list(authority.decisions.values_list("reference", flat=True))
        assert len(set(references)) == len(references)
        assert all(r.startswith(authority.reference_prefix) for r in references)


def test_references_follow_the_order_of_the_decisions(generated):
    for authority in Authority.objects.all():
        numbers = [
            int(reference[len(authority.reference_prefix) :])
            for reference in authority.decisions.order_by("date_of_decision", "pk").values_list(
                "reference", flat=True
            )
        ]
        assert numbers == list(range(1, len(numbers) + 1))


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


def test_decisions_span_twenty_years():
    generate(decisions=1000)
    years = {day.year for day in Decision.objects.values_list("date_of_decision", flat=True)}
    assert min(years) == 2007
    assert max(years) == 2026


def test_every_exempt_decision_names_its_schedule_12a_paragraph():
    generate(decisions=600)
    exempt = Decision.objects.filter(is_exempt=True)
    assert exempt.exists()
    assert not exempt.filter(exempt_paragraph="").exists()


def test_the_same_seed_gives_the_same_records():
    with transaction.atomic():
        generate()
        first = records()
        transaction.set_rollback(True)
    generate()
    assert records() == first


def test_another_seed_gives_other_records():
    with transaction.atomic():
        generate(seed=2)
        other = records()
        transaction.set_rollback(True)
    generate(seed=1)
    assert records() != other


# Target, carrying on, idempotence ---------------------------------------------------------


def test_running_the_same_command_again_creates_nothing_and_says_so(generated):
    before = row_counts()
    output = generate()
    assert row_counts() == before
    assert "already holds 200 generated decisions" in output
    assert "nothing to create" in output


def test_a_smaller_target_than_the_register_holds_creates_nothing(generated):
    output = generate(decisions=150)
    assert Decision.objects.count() == 200
    assert "nothing to create" in output


def test_a_larger_target_adds_to_the_same_authorities_with_later_references(generated):
    before = set(Decision.objects.values_list("authority_id", "reference"))
    generate(decisions=250, seed=9)
    after = set(Decision.objects.values_list("authority_id", "reference"))
    assert Authority.objects.count() == 2
    assert len(after) == 250
    assert before < after


def test_a_run_stopped_part_way_leaves_only_whole_batches(monkeypatch):
    interrupt_in_batch(monkeypatch, 3)
    with pytest.raises(Interrupted):
        generate(decisions=100, batch_size=20)
    assert Decision.objects.count() == 40
    # The third batch's decisions went in before it failed, and went with it.
    assert not Recommendation.objects.filter(decision__isnull=True).exists()
    assert set(Recommendation.objects.values_list("decision_id", flat=True)) == set(
        Decision.objects.values_list("pk", flat=True)
    )


def test_running_again_after_a_stop_carries_on_to_the_target_with_the_same_records(monkeypatch):
    with transaction.atomic():
        generate(decisions=100, batch_size=20)
        uninterrupted, counts = records(), row_counts()
        transaction.set_rollback(True)
    interrupt_in_batch(monkeypatch, 3)
    with pytest.raises(Interrupted):
        generate(decisions=100, batch_size=20)
    monkeypatch.undo()
    output = generate(decisions=100, batch_size=20)
    assert "holds 40 generated decisions, writing 60 more" in output
    assert records() == uninterrupted
    assert row_counts() == counts
    references = list(Decision.objects.values_list("authority_id", "reference"))
    assert len(set(references)) == len(references) == 100


def test_ctrl_c_says_how_far_it_got_and_how_to_carry_on(monkeypatch):
    write = RowWriter.write
    calls = []

    def interrupted_write(self: RowWriter, table: object, rows: list) -> None:
        if table is DECISIONS:
            calls.append(table)
            if len(calls) == 2:
                raise KeyboardInterrupt
        write(self, table, rows)

    monkeypatch.setattr(RowWriter, "write", interrupted_write)
    with pytest.raises(CommandError, match="20 of 50 decisions written") as stopped:
        generate(decisions=50, batch_size=20)
    assert "Run the same command again" in str(stopped.value)
    assert stopped.value.returncode == 130


# Councils --------------------------------------------------------------------------------


def test_the_number_of_councils_grows_with_the_target():
    assert councils_for(200) == 5
    assert councils_for(100_000) == 40
    assert councils_for(1_000_000) == 400


def test_without_authorities_the_councils_follow_the_target():
    generate(decisions=100, authorities=None)
    assert Authority.objects.count() == 5


def test_a_thousand_councils_have_distinct_names_slugs_and_short_prefixes():
    names = [council_name(index) for index in range(1000)]
    assert len({name.slug for name in names}) == 1000
    assert len({f"{name.place} {name.kind}" for name in names}) == 1000
    assert all(len(name.prefix) <= 10 and len(name.slug) <= 60 for name in names)
    assert {name.nation for name in names} == {"england", "wales", "scotland", "northern_ireland"}
    english = sum(name.nation == "england" for name in names)
    assert 0.75 < english / 1000 < 0.9


# The forward plan ------------------------------------------------------------------------


def test_the_forward_plan_has_published_entries_still_to_come(generated):
    assert ForwardPlanEntry.objects.public().to_come().exists()


def test_only_key_decisions_that_are_not_exempt_are_on_the_forward_plan(generated):
    linked = ForwardPlanEntry.objects.filter(decision__isnull=False)
    assert linked.exists()
    assert not linked.filter(decision__is_key_decision=False).exists()
    assert not linked.filter(decision__is_exempt=True).exists()


def test_some_key_decisions_follow_an_issue_with_a_public_page(client, generated):
    followed = Decision.objects.filter(issue__isnull=False).select_related("issue")
    assert followed.exists()
    assert not followed.filter(is_key_decision=False).exists()
    assert not followed.filter(is_exempt=True).exists()
    decision = followed.filter(pk__in=Decision.objects.public()).first()
    assert decision.issue.authority_id == decision.authority_id
    assert decision.issue.title == decision.title
    page = client.get(decision.issue.get_absolute_url())
    assert page.status_code == 200
    assert decision.reference in page.content.decode()


def test_entries_still_to_come_are_made_once(generated):
    to_come = ForwardPlanEntry.objects.filter(decision__isnull=True).count()
    generate(decisions=220)
    assert ForwardPlanEntry.objects.filter(decision__isnull=True).count() == to_come


# Call-ins --------------------------------------------------------------------------------


@pytest.fixture
def called_in(monkeypatch) -> list[CallIn]:
    """A register where a third of the decisions open to call-in were called in."""
    monkeypatch.setattr(call_ins, "SHARE_CALLED_IN", 0.3)
    generate(decisions=300)
    return list(
        CallIn.objects.select_related("decision").prefetch_related(
            "signatures", "decision__authority__call_in_rules", "decision__authority__closure_days"
        )
    )


def test_only_published_decisions_open_to_call_in_are_called_in(called_in):
    assert len(called_in) > 30
    for request in called_in:
        assert request.decision.is_subject_to_call_in
        assert request.decision.publication_date is not None
        assert request.received_at.date() >= request.decision.publication_date


def test_most_call_ins_are_valid_and_the_rest_say_why_not(called_in):
    valid = [request for request in called_in if request.is_valid]
    invalid = [request for request in called_in if not request.is_valid]
    assert len(valid) > len(invalid) > 0
    for request in invalid:
        assert request.validity_problems()


def test_a_valid_call_in_was_received_in_time_and_signed_by_enough_members(called_in):
    for request in called_in:
        if request.is_valid:
            assert not call_in_rules.deadline_passed(request.decision.deadline, request.received_at)
            assert request.signatures_confirmed() >= request.signatories_required()
            assert sum(signature.is_lead for signature in request.signatures.all()) == 1


def test_call_in_outcomes_come_from_a_scrutiny_meeting_already_held(called_in):
    today = timezone.localdate()
    decided = [request for request in called_in if request.outcome]
    assert decided
    for request in decided:
        assert request.is_valid
        assert request.scrutiny_meeting.date == request.outcome_date <= today
        assert request.scrutiny_meeting.body.name == "Overview and Scrutiny Committee"
        if request.final_outcome:
            assert request.outcome != CallIn.Outcome.NO_FURTHER_ACTION
            assert request.outcome_date < request.final_outcome_date <= today


def test_call_ins_and_signatures_pass_full_clean(called_in):
    for request in called_in:
        request.full_clean()
    for signature in CallInSignature.objects.all():
        signature.full_clean()
        assert not signature.member.roles.filter(body__is_executive=True).exists()


def test_every_valid_call_in_of_long_ago_has_been_heard(called_in):
    # Scrutiny meets within three weeks of the deadline: a register does not hold decisions
    # called in for years.
    long_ago = timezone.localdate() - timedelta(days=60)
    old = [r for r in called_in if r.is_valid and r.decision.call_in_deadline < long_ago]
    assert old
    assert all(request.outcome for request in old)


def test_a_valid_call_in_holds_the_decision_back_until_scrutiny_lets_it_go(called_in):
    at = timezone.now()
    no_further_action = 0
    for request in called_in:
        if not request.is_valid:
            continue
        decision = request.decision
        assert decision.takes_effect_on() == request.effective_date()
        if request.outcome == CallIn.Outcome.NO_FURTHER_ACTION:
            no_further_action += 1
            assert decision.takes_effect_on() == request.outcome_date
        if not request.is_resolved:
            assert decision.call_in_status(at) == call_in_rules.CallInStatus.CALLED_IN
    assert no_further_action


# Output ----------------------------------------------------------------------------------


def test_reports_rows_created_per_model(generated):
    assert "decisions.Decision: 200" in generated
    assert "decisions.CallIn:" in generated or "decisions.Recommendation:" in generated
    assert "Created 200 decisions in" in generated


def test_writes_in_batches_of_the_size_asked_for():
    output = generate(decisions=30, batch_size=10, verbosity=2)
    assert "  10 of 30 decisions" in output
    assert "  20 of 30 decisions" in output


def test_shows_a_progress_bar():
    errors = StringIO()
    call_command("generate_register", decisions=30, authorities=1, stdout=StringIO(), stderr=errors)
    assert "100%" in errors.getvalue()
    assert "decisions/s" in errors.getvalue()


def test_says_nothing_at_verbosity_0():
    output, errors = StringIO(), StringIO()
    call_command(
        "generate_register",
        decisions=30,
        authorities=1,
        verbosity=0,
        stdout=output,
        stderr=errors,
    )
    assert Decision.objects.count() == 30
    assert output.getvalue() == errors.getvalue() == ""


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("decisions", 0),
        ("decisions", "many"),
        ("decisions", "-5"),
        ("decisions", 2.5),
        ("authorities", 0),
        ("authorities", "two"),
        ("batch_size", -1),
        ("batch_size", "big"),
        ("seed", "x"),
    ],
)
def test_a_bad_option_is_refused_naming_it(option, value):
    name = "--" + option.replace("_", "-")
    with pytest.raises(CommandError, match=name):
        generate(**{option: value})
    assert not Decision.objects.exists()
    assert not Authority.objects.exists()


def test_the_number_of_decisions_is_required():
    with pytest.raises(CommandError, match="--decisions"):
        call_command("generate_register", stdout=StringIO())


# PostgreSQL: COPY, indexes set aside, the search vector ----------------------------------


def indexes_of_the_large_tables() -> set[tuple[str, str]]:
    tables = [table.db_table for table in loading.LARGE_TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [tables]
        )
        return set(cursor.fetchall())


@on_postgresql
def test_indexes_set_aside_for_a_large_load_are_all_built_again(monkeypatch):
    monkeypatch.setattr(loading, "DEFER_INDEXES_FROM", 1)
    before = indexes_of_the_large_tables()
    output = generate(decisions=60, batch_size=20)
    assert "Set aside" in output
    assert indexes_of_the_large_tables() == before
    assert not loading.ledger_exists()


@on_postgresql
def test_a_large_load_stopped_part_way_keeps_the_ledger_and_the_next_run_builds_them(
    monkeypatch,
):
    monkeypatch.setattr(loading, "DEFER_INDEXES_FROM", 1)
    before = indexes_of_the_large_tables()
    with monkeypatch.context() as patch:
        interrupt_in_batch(patch, 2)
        with pytest.raises(Interrupted):
            generate(decisions=60, batch_size=20)
    assert loading.ledger_exists()
    missing = {name for name, _definition in before - indexes_of_the_large_tables()}
    assert missing == {name for name, _definition in loading.deferred_indexes()}
    assert missing
    generate(decisions=60, batch_size=20)
    assert Decision.objects.count() == 60
    assert indexes_of_the_large_tables() == before
    assert not loading.ledger_exists()


@on_postgresql
def test_a_finished_register_with_indexes_still_set_aside_gets_them_back(monkeypatch):
    monkeypatch.setattr(loading, "DEFER_INDEXES_FROM", 1)
    before = indexes_of_the_large_tables()
    generate(decisions=40, batch_size=20)
    loading.defer_indexes(say=print)
    assert indexes_of_the_large_tables() != before
    output = generate(decisions=40, batch_size=20)
    assert "nothing to create" in output
    assert indexes_of_the_large_tables() == before


def same_decision_saved_one_by_one(original: Decision) -> Decision:
    """The decision and its recommendations saved again as the register saves them, with
    every trigger firing row by row."""
    recommendations = list(original.recommendations.all())
    copy = Decision.objects.get(pk=original.pk)
    copy.pk, copy.reference = None, f"{original.reference}-again"
    copy.save()
    for recommendation in recommendations:
        recommendation.pk, recommendation.decision = None, copy
    Recommendation.objects.bulk_create(recommendations)
    copy.refresh_from_db()
    return copy


@on_postgresql
@pytest.mark.parametrize("triggers_wait", [True, False])
def test_every_decision_gets_the_search_vector_its_triggers_would_give_it(
    monkeypatch, triggers_wait
):
    assert loading.triggers_can_wait(), "the test database's user is a superuser"
    monkeypatch.setattr(loading, "triggers_can_wait", lambda: triggers_wait)
    generate(decisions=60)
    assert not Decision.objects.filter(search_vector__isnull=True).exists()
    for original in Decision.objects.order_by("?")[:5]:
        assert same_decision_saved_one_by_one(original).search_vector == original.search_vector


@on_postgresql
def test_rows_written_without_foreign_key_checks_all_point_at_rows_that_exist(generated):
    decisions = Decision.objects.values("pk")
    for model in (Recommendation, FundingLine, ForwardPlanEntry, CallIn):
        assert (
            not model.objects.exclude(decision__isnull=True)
            .exclude(decision_id__in=decisions)
            .exists()
        )
    for through in (Decision.wards.through, Decision.relevant_members.through):
        assert not through.objects.exclude(decision_id__in=decisions).exists()
    assert not CallInSignature.objects.exclude(call_in_id__in=CallIn.objects.values("pk")).exists()
    assert not Contract.decisions.through.objects.exclude(
        contract_id__in=Contract.objects.values("pk")
    ).exists()
    authorities = Authority.objects.values("pk")
    assert not Decision.objects.exclude(authority_id__in=authorities).exists()
    assert not Decision.objects.exclude(decision_maker__authority_id=F("authority_id")).exists()


@on_postgresql
def test_a_common_word_matches_a_large_share_of_the_register(generated):
    assert Decision.objects.search("care").count() > 0.15 * Decision.objects.count()


def test_created_at_is_the_morning_of_publication(generated):
    decision = Decision.objects.filter(publication_date__isnull=False).first()
    local = timezone.localtime(decision.created_at)
    assert (local.date(), local.hour) == (decision.publication_date, 9)
    assert isinstance(decision.created_at, datetime)
