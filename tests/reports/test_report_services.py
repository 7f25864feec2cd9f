"""The key decision report's services: drafting, clearance, forward plan and the decision.

The report replayed is Doncaster's "Commissioning Specialist Home and Community Support"
(fixtures/doncaster.json), written by Teresa Bainbridge for the Cabinet Member for Adult
Social Care.
"""

import threading
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from commissioning.models import FundingLine
from decisions.choices import Precision
from decisions.forward_plan.selectors import public_forward_plan
from decisions.forward_plan.services import report_add_to_forward_plan
from decisions.groups import REPORT_AUTHORS
from decisions.models import (
    Decision,
    Delegation,
    Document,
    DraftRecommendation,
    DraftSection,
    ForwardPlanEntry,
    Notification,
    Recommendation,
    Report,
    SignOff,
)
from decisions.reports.richtext import render
from decisions.reports.services.clearance import (
    sign_off_give,
    sign_off_return,
)
from decisions.reports.services.deciding import (
    RecommendationOutcome,
    decision_status,
    report_record_decision,
    report_send_to_decision_maker,
)
from decisions.reports.services.drafting import (
    EditConflict,
    report_row_delete,
    report_row_save,
    report_section_save,
    report_start,
)
from decisions.web.formatting import printed_amount
from tests import factories
from tests.reports.builders import (
    CLEARED,
    IMPLICATIONS,
    INTENDED,
    PUBLISHED,
    SECTIONS,
    SENT,
    STARTED,
    TITLE,
    WRITTEN,
    Kind,
    add_row,
    at,
    give,
    section,
    send_for_clearance,
    write,
)

pytestmark = pytest.mark.django_db

Outcome = Recommendation.Outcome


# The report's days: drafted in July 2015, notice on 1 August, decided 30 August.
DECIDED_ON = INTENDED
RECORDED = at(2015, 8, 31, 11)


# Who is who -----------------------------------------------------------------------------------


@pytest.fixture
def colleague(doncaster, django_user_model) -> object:
    return factories.officer(django_user_model, "damian.allen", REPORT_AUTHORS)


# The report at each stage ---------------------------------------------------------------------


def add_to_forward_plan(report: Report, author: object, *, at: datetime = PUBLISHED, **kwargs):
    return report_add_to_forward_plan(
        report=report, notice=kwargs.pop("notice", "full"), by=author, at=at, **kwargs
    )


def outcomes(report: Report, *given: str) -> list[RecommendationOutcome]:
    return [
        RecommendationOutcome(recommendation=recommendation, outcome=outcome)
        for recommendation, outcome in zip(report.recommendations.all(), given, strict=True)
    ]


def record(report: Report, author: object, *given: str, **kwargs) -> Decision:
    return report_record_decision(
        report=report,
        outcomes=kwargs.pop("outcomes", None) or outcomes(report, *given),
        decided_on=kwargs.pop("decided_on", DECIDED_ON),
        by=author,
        at=kwargs.pop("at", RECORDED),
    )


def fields_of(error: ValidationError) -> set[str]:
    return set(error.message_dict)


# Drafting -------------------------------------------------------------------------------------


def test_a_new_report_has_every_section_and_its_author_from_the_signed_in_officer(
    doncaster, author
):
    report = report_start(authority=doncaster, title=TITLE, by=author, at=STARTED)
    assert [s.kind for s in report.sections.all()] == list(Kind.values)
    assert report.author.name == "Teresa Bainbridge"
    assert report.directorate.name == "Adults, Health and Wellbeing"
    assert report.status == Report.Status.DRAFT


def test_saving_a_section_stores_its_sanitised_html_and_raises_its_version(report, author):
    before = section(report, Kind.FINANCIAL)
    saved = write(report, Kind.FINANCIAL, "**£765,000**<script>x()</script>", by=author)
    stored = section(report, Kind.FINANCIAL)
    assert stored.version == saved.version == before.version + 1
    assert stored.html == "<p><strong>£765,000</strong></p>"
    assert stored.updated_by == author


def test_marking_a_section_exempt_needs_the_reports_paragraph(doncaster, author):
    report = report_start(authority=doncaster, title=TITLE, by=author, at=STARTED)
    with pytest.raises(ValidationError) as refused:
        write(report, Kind.BACKGROUND_PAPERS, "Rates", by=author, is_exempt=True)
    assert fields_of(refused.value) == {"is_exempt"}


# Editing after sign-off -----------------------------------------------------------------------


def test_editing_a_signed_off_section_withdraws_its_sign_off(cleared, author):
    write(cleared, Kind.LEGAL, "The council has power under s.1 Localism Act 2011.", by=author)
    legal = cleared.sign_offs.get(area=SignOff.Area.LEGAL)
    assert legal.status == SignOff.Status.WITHDRAWN
    others = cleared.sign_offs.exclude(area=SignOff.Area.LEGAL)
    assert {s.status for s in others} == {SignOff.Status.SIGNED_OFF}


def test_withdrawing_a_sign_off_tells_the_officer_who_gave_it(cleared, author, clearers):
    write(cleared, Kind.LEGAL, "Changed after sign-off.", by=author)
    withdrawn = Notification.objects.filter(
        kind=Notification.Kind.SIGN_OFF_WITHDRAWN, report=cleared
    )
    assert [n.user for n in withdrawn] == [clearers[SignOff.Area.LEGAL]]
    assert withdrawn.get().email == "legal.clearance@doncaster.gov.uk"


def test_editing_a_signed_off_section_moves_a_cleared_report_back_to_clearance(cleared, author):
    assert cleared.status == Report.Status.CLEARED
    write(cleared, Kind.EQUALITY, "A new due regard statement.", by=author)
    assert Report.objects.get(pk=cleared.pk).status == Report.Status.IN_CLEARANCE


def test_saving_a_signed_off_section_with_unchanged_text_keeps_its_sign_off(cleared, author):
    write(cleared, Kind.LEGAL, SECTIONS[Kind.LEGAL], by=author)
    assert cleared.sign_offs.get(area=SignOff.Area.LEGAL).status == SignOff.Status.SIGNED_OFF
    assert Report.objects.get(pk=cleared.pk).status == Report.Status.CLEARED
    assert not Notification.objects.filter(kind=Notification.Kind.SIGN_OFF_WITHDRAWN).exists()


def test_editing_a_section_without_a_sign_off_area_keeps_the_report_cleared(cleared, author):
    write(cleared, Kind.BACKGROUND, "More background.", by=author)
    assert Report.objects.get(pk=cleared.pk).status == Report.Status.CLEARED


# Two officers editing the same section --------------------------------------------------------

FIRST = "Around £765,000 was spent; Teresa's figure."
SECOND = "About £765k was spent; Damian's wording."


def save_from(opened: DraftSection, text: str, by: object) -> DraftSection:
    return report_section_save(
        section=opened,
        text=text,
        is_exempt=False,
        expected_version=opened.version,
        by=by,
        at=WRITTEN,
    )


def test_of_two_saves_from_the_same_version_the_first_wins(report, author, colleague):
    teresa_opened = section(report, Kind.FINANCIAL)
    damian_opened = section(report, Kind.FINANCIAL)
    save_from(teresa_opened, FIRST, author)
    with pytest.raises(EditConflict):
        save_from(damian_opened, SECOND, colleague)
    assert section(report, Kind.FINANCIAL).text == FIRST


def test_an_edit_conflict_carries_the_text_as_saved_by_the_first(report, author, colleague):
    damian_opened = section(report, Kind.FINANCIAL)
    started_from = damian_opened.version
    save_from(section(report, Kind.FINANCIAL), FIRST, author)
    with pytest.raises(EditConflict) as conflict:
        save_from(damian_opened, SECOND, colleague)
    assert conflict.value.current.text == FIRST
    assert conflict.value.current.version == started_from + 1
    assert conflict.value.current.updated_by == author
    assert "teresa.bainbridge" in str(conflict.value)


def test_after_an_edit_conflict_the_second_officer_saves_again_and_loses_nothing(
    report, author, colleague
):
    teresa_opened = section(report, Kind.FINANCIAL)
    damian_opened = section(report, Kind.FINANCIAL)
    start = teresa_opened.version
    save_from(teresa_opened, FIRST, author)
    assert (section(report, Kind.FINANCIAL).text, section(report, Kind.FINANCIAL).version) == (
        FIRST,
        start + 1,
    )
    with pytest.raises(EditConflict) as conflict:
        save_from(damian_opened, SECOND, colleague)
    # The refused save changed nothing stored, and its text is still the caller's to show.
    assert (section(report, Kind.FINANCIAL).text, section(report, Kind.FINANCIAL).version) == (
        FIRST,
        start + 1,
    )
    assert damian_opened.version == start
    combined = f"{conflict.value.current.text}\n\n{SECOND}"
    save_from(conflict.value.current, combined, colleague)
    stored = section(report, Kind.FINANCIAL)
    assert (stored.text, stored.version) == (combined, start + 2)
    assert FIRST in stored.text
    assert SECOND in stored.text
    history = [h.text for h in stored.history.order_by("history_date", "history_id")]
    assert history[-2:] == [FIRST, combined]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Two threads need two connections to one database; the in-memory SQLite test "
    "database is private to each connection.",
)
@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_from_the_same_version_let_exactly_one_through(django_user_model):
    council = factories.authority(slug="concurrent")
    teresa = django_user_model.objects.create_user("teresa")
    damian = django_user_model.objects.create_user("damian")
    report = report_start(authority=council, title=TITLE, by=teresa, at=STARTED)
    opened = section(report, Kind.FINANCIAL)
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def save(name: str, by: object, text: str) -> None:
        try:
            mine = DraftSection.objects.get(pk=opened.pk)
            mine.version = opened.version
            barrier.wait(timeout=10)
            save_from(mine, text, by)
            results[name] = "saved"
        except EditConflict as conflict:
            results[name] = conflict
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=("teresa", teresa, FIRST)),
        threading.Thread(target=save, args=("damian", damian, SECOND)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(type(result).__name__ for result in results.values()) == ["EditConflict", "str"]
    winner = next(name for name, result in results.items() if result == "saved")
    loser = results["damian" if winner == "teresa" else "teresa"]
    stored = section(report, Kind.FINANCIAL)
    assert stored.version == opened.version + 1
    assert stored.text == {"teresa": FIRST, "damian": SECOND}[winner]
    assert loser.current.text == stored.text


# Rows -----------------------------------------------------------------------------------------


def test_changing_a_recommendation_raises_its_version(report, author):
    recommendation = report.recommendations.get(label="2")
    recommendation.heading = "The framework"
    saved = report_row_save(
        row=recommendation, expected_version=recommendation.version, by=author, at=WRITTEN
    )
    assert DraftRecommendation.objects.get(pk=saved.pk).version == 2


def test_saving_a_recommendation_from_a_stale_version_is_refused(report, author, colleague):
    theirs = report.recommendations.get(label="2")
    mine = report.recommendations.get(label="2")
    theirs.heading = "Theirs"
    report_row_save(row=theirs, expected_version=theirs.version, by=colleague, at=WRITTEN)
    mine.heading = "Mine"
    with pytest.raises(EditConflict) as conflict:
        report_row_save(row=mine, expected_version=mine.version, by=author, at=WRITTEN)
    assert conflict.value.current.heading == "Theirs"
    assert report.recommendations.get(label="2").heading == "Theirs"


def test_deleting_a_recommendation_from_a_stale_version_is_refused(report, author, colleague):
    theirs = report.recommendations.get(label="2")
    mine = report.recommendations.get(label="2")
    theirs.heading = "Changed meanwhile"
    report_row_save(row=theirs, expected_version=theirs.version, by=colleague, at=WRITTEN)
    with pytest.raises(EditConflict):
        report_row_delete(row=mine, expected_version=mine.version, by=author, at=WRITTEN)
    assert report.recommendations.filter(label="2").exists()


def test_deleting_a_recommendation_from_its_current_version_removes_it(report, author):
    recommendation = report.recommendations.get(label="2")
    report_row_delete(
        row=recommendation, expected_version=recommendation.version, by=author, at=WRITTEN
    )
    assert not report.recommendations.filter(label="2").exists()


def test_a_delegation_without_the_officer_post_is_refused(report, author):
    with pytest.raises(ValidationError) as refused:
        add_row(
            DraftRecommendation(
                report=report, label="4", text="To delegate.", kind=Recommendation.Kind.DELEGATE
            ),
            by=author,
        )
    assert "delegate" in fields_of(refused.value)


# Clearance ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", IMPLICATIONS)
def test_sending_for_clearance_needs_each_implications_section_written(
    report, author, clearers, kind
):
    write(report, kind, "   ", by=author)
    with pytest.raises(ValidationError) as refused:
        send_for_clearance(report, clearers, author)
    assert fields_of(refused.value) == {kind}
    assert not report.sign_offs.exists()


def test_sending_for_clearance_needs_an_officer_for_each_area(report, author, clearers):
    del clearers[SignOff.Area.FINANCE]
    with pytest.raises(ValidationError) as refused:
        send_for_clearance(report, clearers, author)
    assert fields_of(refused.value) == {SignOff.Area.FINANCE}


def test_sending_for_clearance_refuses_an_officer_from_another_clearance_group(
    report, author, clearers
):
    clearers[SignOff.Area.LEGAL] = clearers[SignOff.Area.HUMAN_RESOURCES]
    with pytest.raises(ValidationError) as refused:
        send_for_clearance(report, clearers, author)
    assert fields_of(refused.value) == {SignOff.Area.LEGAL}
    assert "human_resources.clearance is not a legal clearance officer" in str(refused.value)


def test_sending_for_clearance_asks_each_officer_and_tells_them(report, author, clearers):
    asked = send_for_clearance(report, clearers, author)
    assert {sign_off.area: sign_off.officer for sign_off in asked} == clearers
    assert Report.objects.get(pk=report.pk).status == Report.Status.IN_CLEARANCE
    requested = Notification.objects.filter(kind=Notification.Kind.SIGN_OFF_REQUESTED)
    assert {n.user for n in requested} == set(clearers.values())


def test_signing_off_a_version_older_than_the_sections_is_refused(in_clearance, author, clearers):
    legal = in_clearance.sign_offs.get(area=SignOff.Area.LEGAL)
    read = section(in_clearance, Kind.LEGAL).version
    write(in_clearance, Kind.LEGAL, "Changed while the lawyer read it.", by=author)
    with pytest.raises(ValidationError) as refused:
        sign_off_give(sign_off=legal, seen_version=read, by=clearers["legal"], at=CLEARED)
    assert fields_of(refused.value) == {"seen_version"}
    assert SignOff.objects.get(pk=legal.pk).status == SignOff.Status.REQUESTED


def test_signing_off_records_the_version_and_text_approved(in_clearance, clearers):
    legal = give(in_clearance.sign_offs.get(area=SignOff.Area.LEGAL), clearers)
    assert legal.status == SignOff.Status.SIGNED_OFF
    assert legal.approved_version == section(in_clearance, Kind.LEGAL).version
    assert legal.approved_text == SECTIONS[Kind.LEGAL]


def test_only_the_officer_asked_can_sign_off(in_clearance, clearers, author):
    legal = in_clearance.sign_offs.get(area=SignOff.Area.LEGAL)
    for someone_else in (clearers["finance"], author):
        with pytest.raises(ValidationError) as refused:
            sign_off_give(
                sign_off=legal,
                seen_version=section(in_clearance, Kind.LEGAL).version,
                by=someone_else,
                at=CLEARED,
            )
        assert fields_of(refused.value) == {"officer"}


def test_only_the_officer_asked_can_return_a_section(in_clearance, clearers):
    legal = in_clearance.sign_offs.get(area=SignOff.Area.LEGAL)
    with pytest.raises(ValidationError) as refused:
        sign_off_return(sign_off=legal, comment="No.", by=clearers["finance"], at=CLEARED)
    assert fields_of(refused.value) == {"officer"}


def test_returning_a_section_needs_a_comment(in_clearance, clearers):
    legal = in_clearance.sign_offs.get(area=SignOff.Area.LEGAL)
    with pytest.raises(ValidationError) as refused:
        sign_off_return(sign_off=legal, comment="  ", by=clearers["legal"], at=CLEARED)
    assert fields_of(refused.value) == {"comment"}


def test_returning_a_section_records_the_comment_and_tells_the_author(
    in_clearance, clearers, author
):
    legal = in_clearance.sign_offs.get(area=SignOff.Area.LEGAL)
    returned = sign_off_return(
        sign_off=legal, comment="Cite the Care Act section.", by=clearers["legal"], at=CLEARED
    )
    assert (returned.status, returned.comment) == (
        SignOff.Status.RETURNED,
        "Cite the Care Act section.",
    )
    told = Notification.objects.get(kind=Notification.Kind.SIGN_OFF_RETURNED)
    assert told.user == author


def test_three_of_four_sign_offs_leave_the_report_in_clearance(in_clearance, clearers):
    for sign_off in in_clearance.sign_offs.exclude(area=SignOff.Area.EQUALITIES):
        give(sign_off, clearers)
    assert Report.objects.get(pk=in_clearance.pk).status == Report.Status.IN_CLEARANCE


def test_all_four_sign_offs_clear_the_report(in_clearance, clearers):
    for sign_off in in_clearance.sign_offs.all():
        give(sign_off, clearers)
    assert Report.objects.get(pk=in_clearance.pk).status == Report.Status.CLEARED


# Forward plan ---------------------------------------------------------------------------------


def test_full_notice_published_29_days_before_gives_28_clear_days(cleared, author):
    entry = add_to_forward_plan(cleared, author, at=at(2015, 8, 1, 10))
    assert entry.clear_days_notice == 28
    assert entry.has_full_notice


def test_full_notice_published_28_days_before_is_refused(cleared, author):
    with pytest.raises(ValidationError) as refused:
        add_to_forward_plan(cleared, author, at=at(2015, 8, 2, 10))
    assert fields_of(refused.value) == {"notice"}
    assert "27 clear days" in str(refused.value)
    assert not ForwardPlanEntry.objects.filter(title=TITLE).exists()


def test_general_exception_needs_five_clear_days(cleared, author):
    # Published 24 August for 30 August: 5 clear days (25th to 29th).
    entry = add_to_forward_plan(
        cleared,
        author,
        at=at(2015, 8, 24, 10),
        notice="general_exception",
        chair_notified_on=date(2015, 8, 24),
    )
    assert entry.clear_days_notice == 5
    assert entry.chair_notified_on == date(2015, 8, 24)


def test_general_exception_with_four_clear_days_is_refused(cleared, author):
    with pytest.raises(ValidationError) as refused:
        add_to_forward_plan(
            cleared,
            author,
            at=at(2015, 8, 25, 10),
            notice="general_exception",
            chair_notified_on=date(2015, 8, 25),
        )
    assert fields_of(refused.value) == {"notice"}


def test_general_exception_needs_the_day_the_chair_was_notified(cleared, author):
    with pytest.raises(ValidationError) as refused:
        add_to_forward_plan(cleared, author, at=at(2015, 8, 20, 10), notice="general_exception")
    assert fields_of(refused.value) == {"chair_notified_on"}


def test_general_exception_refuses_a_chair_notice_after_today(cleared, author):
    with pytest.raises(ValidationError) as refused:
        add_to_forward_plan(
            cleared,
            author,
            at=at(2015, 8, 20, 10),
            notice="general_exception",
            chair_notified_on=date(2015, 8, 21),
        )
    assert fields_of(refused.value) == {"chair_notified_on"}


def test_special_urgency_needs_the_chairs_agreement_date(cleared, author):
    with pytest.raises(ValidationError) as refused:
        add_to_forward_plan(
            cleared,
            author,
            at=at(2015, 8, 28, 10),
            notice="special_urgency",
            chair_agreement="Cllr Smith agreed: the framework must open before October.",
        )
    assert "chair_agreed_on" in fields_of(refused.value)


def test_special_urgency_needs_the_chairs_agreement_recorded(cleared, author):
    with pytest.raises(ValidationError) as refused:
        add_to_forward_plan(
            cleared,
            author,
            at=at(2015, 8, 28, 10),
            notice="special_urgency",
            chair_agreed_on=date(2015, 8, 28),
            chair_agreement="   ",
        )
    assert "chair_agreement" in fields_of(refused.value)


def test_special_urgency_with_agreement_goes_on_the_forward_plan(cleared, author):
    entry = add_to_forward_plan(
        cleared,
        author,
        at=at(2015, 8, 28, 10),
        notice="special_urgency",
        chair_agreed_on=date(2015, 8, 28),
        chair_agreement="Cllr Smith agreed: the framework must open before October.",
    )
    assert entry.notice == ForwardPlanEntry.Notice.SPECIAL_URGENCY
    assert entry.chair_agreement.startswith("Cllr Smith agreed")


def test_the_forward_plan_entry_is_published_today_and_listed_publicly(cleared, author):
    entry = add_to_forward_plan(cleared, author)
    assert entry.first_published == PUBLISHED.date()
    assert Report.objects.get(pk=cleared.pk).forward_plan_entry == entry
    assert entry.summary == SECTIONS[Kind.EXECUTIVE_SUMMARY]
    assert entry.lead_officer.name == "Teresa Bainbridge"
    assert entry in public_forward_plan(PUBLISHED)
    assert entry not in public_forward_plan(PUBLISHED - timedelta(days=1))


def test_a_report_with_exempt_parts_is_on_the_forward_plan_as_private(cleared, author):
    entry = add_to_forward_plan(cleared, author)
    assert entry.is_private
    assert entry.exempt_paragraph == "3"


def test_a_report_goes_on_the_forward_plan_once(cleared, author):
    add_to_forward_plan(cleared, author)
    with pytest.raises(ValidationError) as refused:
        add_to_forward_plan(cleared, author, at=PUBLISHED + timedelta(hours=1))
    assert fields_of(refused.value) == {"notice"}


# To the decision maker ------------------------------------------------------------------------


def test_a_cleared_key_decision_on_the_forward_plan_goes_to_the_decision_maker(cleared, author):
    add_to_forward_plan(cleared, author)
    sent = report_send_to_decision_maker(report=cleared, by=author, at=SENT)
    assert sent.status == Report.Status.WITH_DECISION_MAKER
    assert sent.sent_to_decision_maker_at == SENT


def test_sending_a_report_with_a_withdrawn_sign_off_is_refused(cleared, author):
    add_to_forward_plan(cleared, author)
    write(cleared, Kind.FINANCIAL, "Around £800,000.", by=author)
    with pytest.raises(ValidationError) as refused:
        report_send_to_decision_maker(report=cleared, by=author, at=SENT)
    assert fields_of(refused.value) == {SignOff.Area.FINANCE}


def test_sending_a_key_decision_not_on_the_forward_plan_is_refused(cleared, author):
    with pytest.raises(ValidationError) as refused:
        report_send_to_decision_maker(report=cleared, by=author, at=SENT)
    assert fields_of(refused.value) == {"forward_plan"}


def test_sending_a_draft_not_yet_in_clearance_is_refused(report, author):
    with pytest.raises(ValidationError) as refused:
        report_send_to_decision_maker(report=report, by=author, at=SENT)
    assert fields_of(refused.value) == {"status"}


def test_a_report_with_the_decision_maker_can_no_longer_be_edited(sent, author):
    with pytest.raises(ValidationError) as refused:
        write(sent, Kind.LEGAL, "Too late.", by=author)
    assert fields_of(refused.value) == {"status"}


# The decision ---------------------------------------------------------------------------------


def test_recording_the_decision_makes_it_from_the_reports_recommendations(sent, author):
    decision = record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    assert decision.title == TITLE
    assert decision.authority.slug == "doncaster"
    assert decision.decision_maker.name == "Cabinet Member for Adult Social Care"
    assert decision.date_of_decision == DECIDED_ON
    assert decision.status == Decision.Status.APPROVED
    assert decision.report_author.name == "Teresa Bainbridge"
    assert [(r.label, r.kind, r.outcome) for r in decision.recommendations.all()] == [
        ("2", Recommendation.Kind.ESTABLISH, Outcome.APPROVED),
        ("3", Recommendation.Kind.DELEGATE, Outcome.APPROVED),
    ]
    report = Report.objects.get(pk=sent.pk)
    assert (report.status, report.decision) == (Report.Status.DECIDED, decision)
    assert report.forward_plan_entry.decision == decision


def test_recording_the_decision_leaves_it_unpublished(sent, author):
    decision = record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    assert decision.publication_date is None
    assert decision not in Decision.objects.public(RECORDED)


def test_the_decisions_purpose_and_reasons_are_plain_text_without_markdown(sent, author):
    reasons = DraftSection.objects.get(report=sent, kind=Kind.REASONS)
    reasons.text = "- a. **Open Framework** - an unlimited number of providers"
    reasons.html = render(reasons.text)
    reasons.save()
    decision = record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    assert decision.reasons == "- a. Open Framework - an unlimited number of providers"
    assert "**" not in decision.purpose
    assert "<" not in decision.purpose


def test_an_approved_delegation_becomes_a_delegation(sent, author):
    decision = record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    delegation = Delegation.objects.get(decision=decision)
    assert delegation.recommendation.label == "3"
    assert delegation.delegate.name == "Director of People"
    assert delegation.in_consultation_with.name == "Cabinet Member for Adult Social Care"
    assert delegation.within_existing_budget


def test_a_rejected_delegation_gives_no_delegation(sent, author):
    decision = record(sent, author, Outcome.APPROVED, Outcome.REJECTED)
    assert not Delegation.objects.filter(decision=decision).exists()
    assert decision.status == Decision.Status.RECOMMENDATIONS_APPROVED


def test_the_funding_line_is_carried_with_its_amount_as_printed(sent, author):
    decision = record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    line = FundingLine.objects.get(decision=decision)
    assert line.amount == Decimal("765000.00")
    assert line.amount_as_printed == "around £765,000"
    assert line.precision == Precision.APPROXIMATE
    assert (line.period_start, line.period_end) == (date(2015, 10, 12), date(2016, 11, 6))


def test_both_options_are_carried_with_option_1_recommended(sent, author):
    decision = record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    assert [(o.label, o.is_recommended) for o in decision.options.all()] == [
        ("1", True),
        ("2", False),
    ]
    assert decision.alternative_options == "2 Do nothing: There are no arrangements in place."


def test_the_four_risks_are_carried_rated_2(sent, author):
    decision = record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    assert [r.rating for r in decision.risks.all()] == [2, 2, 2, 2]


def test_the_public_sections_are_carried_and_exempt_ones_left_out(sent, author):
    decision = record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    kinds = [s.kind for s in decision.sections.all()]
    assert Kind.BACKGROUND_PAPERS not in kinds
    assert kinds == [kind for kind in Kind.values if kind != Kind.BACKGROUND_PAPERS]
    financial = decision.sections.get(kind=Kind.FINANCIAL)
    assert financial.html == "<p>Around <strong>£765,000</strong> was spent through the " + (
        "historic arrangement.</p>"
    )


def test_the_report_is_the_decisions_document(sent, author):
    decision = record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    document = Document.objects.get(decision=decision)
    assert document.report_id == sent.pk
    assert document.kind == Document.Kind.REPORT


def test_an_amended_recommendation_without_its_text_is_refused(sent, author):
    with pytest.raises(ValidationError) as refused:
        record(sent, author, Outcome.AMENDED, Outcome.APPROVED)
    first = sent.recommendations.get(label="2")
    assert fields_of(refused.value) == {f"amended_text_{first.pk}"}


def test_an_amended_recommendation_keeps_its_amended_text(sent, author):
    first, second = sent.recommendations.all()
    decision = record(
        sent,
        author,
        outcomes=[
            RecommendationOutcome(first, Outcome.AMENDED, "For two years, not three."),
            RecommendationOutcome(second, Outcome.APPROVED),
        ],
    )
    assert decision.status == Decision.Status.APPROVED_WITH_AMENDMENTS
    assert decision.recommendations.get(label="2").amended_text == "For two years, not three."


def test_a_recommendation_without_an_outcome_is_refused(sent, author):
    first, second = sent.recommendations.all()
    with pytest.raises(ValidationError) as refused:
        record(
            sent,
            author,
            outcomes=[RecommendationOutcome(first, Outcome.APPROVED)],
        )
    assert fields_of(refused.value) == {f"outcome_{second.pk}"}


def test_a_decision_before_the_notice_allows_is_refused(sent, author):
    with pytest.raises(ValidationError) as refused:
        record(
            sent,
            author,
            Outcome.APPROVED,
            Outcome.APPROVED,
            decided_on=DECIDED_ON - timedelta(days=1),
        )
    assert fields_of(refused.value) == {"date_of_decision"}
    assert "30/08/2015" in str(refused.value)


def test_a_decision_dated_in_the_future_is_refused(sent, author):
    with pytest.raises(ValidationError) as refused:
        record(
            sent,
            author,
            Outcome.APPROVED,
            Outcome.APPROVED,
            decided_on=RECORDED.date() + timedelta(days=1),
        )
    assert fields_of(refused.value) == {"date_of_decision"}


def test_a_refused_record_leaves_no_decision_half_written(sent, author):
    decisions_before = Decision.objects.count()
    funding_before = FundingLine.objects.count()
    with pytest.raises(ValidationError):
        record(sent, author, Outcome.AMENDED, Outcome.APPROVED)
    assert Decision.objects.count() == decisions_before
    assert not Decision.objects.filter(title=TITLE, date_of_decision=DECIDED_ON).exists()
    assert FundingLine.objects.count() == funding_before
    assert not Document.objects.filter(report=sent).exists()
    assert Report.objects.get(pk=sent.pk).status == (Report.Status.WITH_DECISION_MAKER)


def test_a_record_refused_after_the_decision_was_made_leaves_nothing_behind(sent, author):
    # A funding row spoilt behind the services' back fails its check after the Decision, its
    # recommendations and its delegation are written: the whole record is rolled back.
    sent.funding_lines.update(financial_year="2015")
    decisions_before = Decision.objects.count()
    with pytest.raises(ValidationError) as refused:
        record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    assert "financial_year" in fields_of(refused.value)
    assert Decision.objects.count() == decisions_before
    assert not Recommendation.objects.filter(decision__title=TITLE, outcome="approved").exists()
    assert not Delegation.objects.filter(delegate__name="Director of People").exists()
    assert Report.objects.get(pk=sent.pk).decision is None


def test_a_decision_is_recorded_once(sent, author):
    record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    with pytest.raises(ValidationError) as refused:
        record(sent, author, Outcome.APPROVED, Outcome.APPROVED)
    assert fields_of(refused.value) == {"status"}


@pytest.mark.parametrize(
    ("outcomes", "status"),
    [
        ([Outcome.APPROVED, Outcome.APPROVED], Decision.Status.APPROVED),
        ([Outcome.REJECTED], Decision.Status.REJECTED),
        ([Outcome.NOTED, Outcome.NOTED], Decision.Status.NOTED),
        ([Outcome.DEFERRED], Decision.Status.DEFERRED),
        ([Outcome.APPROVED, Outcome.AMENDED], Decision.Status.APPROVED_WITH_AMENDMENTS),
        ([Outcome.AMENDED], Decision.Status.APPROVED_WITH_AMENDMENTS),
        ([Outcome.APPROVED, Outcome.NOTED], Decision.Status.RECOMMENDATIONS_APPROVED),
        ([Outcome.APPROVED, Outcome.REJECTED], Decision.Status.RECOMMENDATIONS_APPROVED),
    ],
)
def test_decision_status_from_the_outcomes(outcomes, status):
    assert decision_status(outcomes) == status


@pytest.mark.parametrize(
    ("precision", "recurrence", "printed"),
    [
        (Precision.APPROXIMATE, "one_off", "around £765,000"),
        (Precision.EXACT, "one_off", "£765,000"),
        (Precision.APPROXIMATE, "per_year", "around £760,000 per year"),
        (Precision.AT_MOST, "per_week", "up to £760,000 per week"),
    ],
)
def test_printed_amount(precision, recurrence, printed):
    amount = Decimal("765000.00") if "765" in printed else Decimal("760000.00")
    assert printed_amount(amount, precision=precision, recurrence=recurrence) == printed
