"""The key decision report's workflow pages: clearance, sign-off, forward plan, sending it to
the decision maker and recording the decision (decisions.reports.views.workflow).

The report is Doncaster's "Commissioning Specialist Home and Community Support", written by
Teresa Bainbridge for the Cabinet Member for Adult Social Care (fixtures/doncaster.json).
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.forward_plan.services import report_add_to_forward_plan
from decisions.groups import REPORT_AUTHORS
from decisions.models import (
    Decision,
    DraftSection,
    ForwardPlanEntry,
    Notification,
    Report,
    SignOff,
)
from decisions.reports.services.drafting import (
    report_save,
)
from tests import factories
from tests.reports.builders import (
    INTENDED,
    PUBLISHED,
    TITLE,
    Kind,
    clear,
    signed_in,
)

pytestmark = pytest.mark.django_db


# Who is who -----------------------------------------------------------------------------------


@pytest.fixture
def stranger(django_user_model) -> object:
    """Another author, of no directorate: cannot see the report."""
    return factories.officer(django_user_model, "someone.else", REPORT_AUTHORS)


# The report at each stage ---------------------------------------------------------------------


def date_parts(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


# Who may open the pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("officers:report-clearance", {}),
        ("officers:report-sign-off", {"area": "legal"}),
        ("officers:report-forward-plan", {}),
        ("officers:report-send", {}),
        ("officers:report-decision", {}),
    ],
)
def test_the_public_is_sent_to_sign_in_from_every_workflow_page(client, report, name, kwargs):
    response = client.get(reverse(name, kwargs={"pk": report.pk, **kwargs}))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "name", ["officers:report-clearance", "officers:report-forward-plan", "officers:report-send"]
)
def test_an_officer_who_cannot_see_the_report_is_not_told_it_exists(client, report, stranger, name):
    response = signed_in(client, stranger).get(reverse(name, args=[report.pk]))
    assert response.status_code == 404


def test_only_a_clerk_records_the_decision(client, report, author):
    response = signed_in(client, author).get(reverse("officers:report-decision", args=[report.pk]))
    assert response.status_code == 403


# Clearance ------------------------------------------------------------------------------------


def test_clearance_page_offers_each_areas_clearance_officers(client, report, author, clearers):
    response = signed_in(client, author).get(reverse("officers:report-clearance", args=[report.pk]))
    assert response.status_code == 200
    for area, user in clearers.items():
        field = response.context["form"].fields[area]
        assert list(field.queryset) == [user]
    assert "Not sent" in response.content.decode()


def test_sending_for_clearance_asks_each_officer_and_tells_them(client, report, author, clearers):
    response = signed_in(client, author).post(
        reverse("officers:report-clearance", args=[report.pk]),
        {area: user.pk for area, user in clearers.items()},
    )
    assert response.status_code == 302
    assert response.url == reverse("officers:report", args=[report.pk])
    sign_offs = {s.area: s for s in SignOff.objects.filter(report=report)}
    assert set(sign_offs) == set(SignOff.Area.values)
    assert {s.status for s in sign_offs.values()} == {SignOff.Status.REQUESTED}
    assert sign_offs["legal"].officer == clearers["legal"]
    notified = Notification.objects.filter(kind=Notification.Kind.SIGN_OFF_REQUESTED)
    assert {n.user for n in notified} == set(clearers.values())
    assert Report.objects.get(pk=report.pk).status == Report.Status.IN_CLEARANCE


def test_clearance_without_an_officer_names_the_area_in_the_error_summary(
    client, report, author, clearers
):
    chosen = {area: user.pk for area, user in clearers.items() if area != "finance"}
    response = signed_in(client, author).post(
        reverse("officers:report-clearance", args=[report.pk]), chosen
    )
    assert response.status_code == 400
    assert ("finance", "Finance clearance officer", "Choose the finance clearance officer.") in (
        response.context["errors"]
    )
    assert 'href="#id_finance"' in response.content.decode()
    assert not SignOff.objects.filter(report=report).exists()


# Sign-off -------------------------------------------------------------------------------------


def sign_off_url(report: Report, area: str) -> str:
    return reverse("officers:report-sign-off", args=[report.pk, area])


def test_the_clearance_officer_reads_the_section_as_html(client, in_clearance, clearers):
    response = signed_in(client, clearers["finance"]).get(sign_off_url(in_clearance, "finance"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>£765,000</strong>" in page
    assert TITLE in page
    assert 'name="seen_version"' in page


def test_another_officer_cannot_answer_a_sign_off(client, in_clearance, clearers):
    response = signed_in(client, clearers["legal"]).get(sign_off_url(in_clearance, "finance"))
    assert response.status_code == 403


def test_a_sign_off_not_asked_for_is_not_found(client, report, clearers):
    response = signed_in(client, clearers["legal"]).get(sign_off_url(report, "legal"))
    assert response.status_code == 404


def test_the_officer_signs_off_the_version_read(client, in_clearance, clearers):
    section = DraftSection.objects.get(report=in_clearance, kind=Kind.LEGAL)
    response = signed_in(client, clearers["legal"]).post(
        sign_off_url(in_clearance, "legal"),
        {"action": "sign_off", "seen_version": section.version},
        follow=True,
    )
    assert response.status_code == 200
    sign_off = SignOff.objects.get(report=in_clearance, area="legal")
    assert sign_off.status == SignOff.Status.SIGNED_OFF
    assert sign_off.approved_version == section.version
    assert "Legal implications signed off." in response.content.decode()


def test_signing_off_a_version_changed_since_it_was_read_is_refused(client, in_clearance, clearers):
    section = DraftSection.objects.get(report=in_clearance, kind=Kind.LEGAL)
    response = signed_in(client, clearers["legal"]).post(
        sign_off_url(in_clearance, "legal"),
        {"action": "sign_off", "seen_version": section.version - 1},
    )
    assert response.status_code == 400
    assert [name for name, _label, _message in response.context["errors"]] == ["seen_version"]
    status = SignOff.objects.get(report=in_clearance, area="legal").status
    assert status == SignOff.Status.REQUESTED


def test_returning_without_a_comment_is_refused_in_the_error_summary(
    client, in_clearance, clearers
):
    section = DraftSection.objects.get(report=in_clearance, kind=Kind.EQUALITY)
    response = signed_in(client, clearers["equalities"]).post(
        sign_off_url(in_clearance, "equalities"),
        {"action": "return", "seen_version": section.version, "comment": "  "},
    )
    assert response.status_code == 400
    assert response.context["errors"] == [
        ("comment", "Comments for the author", "Say what needs to change before returning it.")
    ]
    assert 'href="#id_comment"' in response.content.decode()
    status = SignOff.objects.get(report=in_clearance, area="equalities").status
    assert status == SignOff.Status.REQUESTED


def test_returning_with_a_comment_shows_it_and_tells_the_author(
    client, in_clearance, clearers, author
):
    section = DraftSection.objects.get(report=in_clearance, kind=Kind.EQUALITY)
    comment = "Name the protected characteristics considered."
    response = signed_in(client, clearers["equalities"]).post(
        sign_off_url(in_clearance, "equalities"),
        {"action": "return", "seen_version": section.version, "comment": comment},
        follow=True,
    )
    sign_off = SignOff.objects.get(report=in_clearance, area="equalities")
    assert sign_off.status == SignOff.Status.RETURNED
    assert sign_off.comment == comment
    page = response.content.decode()
    assert "Returned with comments" in page
    assert comment in page
    assert Notification.objects.filter(
        kind=Notification.Kind.SIGN_OFF_RETURNED, user=author
    ).exists()


def test_a_returned_comment_that_fails_elsewhere_keeps_what_was_typed(
    client, in_clearance, clearers
):
    comment = "Add the Care Act duties."
    response = signed_in(client, clearers["legal"]).post(
        sign_off_url(in_clearance, "legal"), {"action": "return", "comment": comment}
    )
    assert response.status_code == 400
    assert comment in response.content.decode()


# Forward plan ---------------------------------------------------------------------------------


def forward_plan_url(report: Report) -> str:
    return reverse("officers:report-forward-plan", args=[report.pk])


def today() -> date:
    return timezone.localdate()


def set_intended(report: Report, author: object, day: date) -> Report:
    report.intended_date = day
    report_save(report=report, expected_version=report.version, by=author, at=timezone.now())
    return Report.objects.get(pk=report.pk)


def test_in_time_the_page_offers_full_notice_and_the_latest_day(client, report, author):
    report = set_intended(report, author, today() + timedelta(days=40))
    response = signed_in(client, author).get(forward_plan_url(report))
    assert response.status_code == 200
    assert response.context["latest_for_full_notice"] == today() + timedelta(days=11)
    assert response.context["in_time_for_full_notice"] is True
    assert "full" in dict(response.context["form"].fields["notice"].choices)


def test_full_notice_in_time_publishes_an_entry_on_the_public_forward_plan(client, report, author):
    report = set_intended(report, author, today() + timedelta(days=40))
    response = signed_in(client, author).post(forward_plan_url(report), {"notice": "full"})
    assert response.status_code == 302
    entry = Report.objects.get(pk=report.pk).forward_plan_entry
    assert entry.notice == ForwardPlanEntry.Notice.FULL
    assert entry.first_published == today()
    page = client.get(forward_plan_url(report)).content.decode()
    assert "First published" in page
    assert reverse("forward-plan") in page
    public = client.get(reverse("forward-plan")).content.decode()
    assert TITLE in public


def test_too_late_for_full_notice_it_is_not_offered_and_is_refused(client, report, author):
    report = set_intended(report, author, today() + timedelta(days=10))
    response = signed_in(client, author).get(forward_plan_url(report))
    assert "full" not in dict(response.context["form"].fields["notice"].choices)
    assert "Too late for full notice" in response.content.decode()
    response = client.post(forward_plan_url(report), {"notice": "full"})
    assert response.status_code == 400
    assert [name for name, _label, _message in response.context["errors"]] == ["notice"]
    assert Report.objects.get(pk=report.pk).forward_plan_entry is None


def test_general_exception_with_the_chairs_notice_is_published_and_shown_publicly(
    client, report, author
):
    report = set_intended(report, author, today() + timedelta(days=10))
    notified = today() - timedelta(days=1)
    response = signed_in(client, author).post(
        forward_plan_url(report),
        {"notice": "general_exception", **date_parts("chair_notified_on", notified)},
    )
    assert response.status_code == 302
    entry = Report.objects.get(pk=report.pk).forward_plan_entry
    assert entry.notice == ForwardPlanEntry.Notice.GENERAL_EXCEPTION
    assert entry.chair_notified_on == notified
    public = client.get(reverse("forward-plan")).content.decode()
    assert TITLE in public
    assert "General exception (regulation 10)" in public
    assert f"notified on {notified.day} {notified:%B %Y}" in public


def test_general_exception_without_the_chairs_date_is_refused_keeping_the_choice(
    client, report, author
):
    report = set_intended(report, author, today() + timedelta(days=10))
    response = signed_in(client, author).post(
        forward_plan_url(report), {"notice": "general_exception"}
    )
    assert response.status_code == 400
    assert [name for name, _label, _message in response.context["errors"]] == ["chair_notified_on"]
    assert 'value="general_exception" checked' in response.content.decode()


def test_special_urgency_needs_the_chairs_agreement(client, report, author):
    report = set_intended(report, author, today() + timedelta(days=3))
    response = signed_in(client, author).post(
        forward_plan_url(report), {"notice": "special_urgency"}
    )
    assert response.status_code == 400
    names = {name for name, _label, _message in response.context["errors"]}
    assert names == {"chair_agreed_on", "chair_agreement"}


# Sending to the decision maker ----------------------------------------------------------------


def test_sending_before_clearance_lists_what_is_missing(client, report, author):
    response = signed_in(client, author).post(reverse("officers:report-send", args=[report.pk]))
    assert response.status_code == 400
    assert [name for name, _label, _message in response.context["errors"]] == ["status"]
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT


def test_sending_without_the_forward_plan_names_it(client, report, author, clearers):
    cleared = clear(report, clearers, author)
    response = signed_in(client, author).post(reverse("officers:report-send", args=[cleared.pk]))
    assert response.status_code == 400
    assert [name for name, _label, _message in response.context["errors"]] == ["forward_plan"]
    assert 'id="id_forward_plan"' in response.content.decode()


def test_a_cleared_report_on_the_forward_plan_is_sent(client, report, author, clearers):
    cleared = clear(report, clearers, author)
    report_add_to_forward_plan(report=cleared, notice="full", by=author, at=PUBLISHED)
    response = signed_in(client, author).post(reverse("officers:report-send", args=[cleared.pk]))
    assert response.status_code == 302
    assert Report.objects.get(pk=cleared.pk).status == Report.Status.WITH_DECISION_MAKER


# Recording the decision -----------------------------------------------------------------------


def decision_url(report: Report) -> str:
    return reverse("officers:report-decision", args=[report.pk])


def outcome_data(report: Report, *outcomes: str, **extra: str) -> dict[str, str]:
    recommendations = list(report.recommendations.all())
    data = {
        f"outcome_{recommendation.pk}": outcome
        for recommendation, outcome in zip(recommendations, outcomes, strict=True)
    }
    return {**data, **date_parts("date_of_decision", INTENDED), **extra}


def test_recording_the_decision_makes_it_and_goes_on_to_publish(client, sent, clerk):
    response = signed_in(client, clerk).post(
        decision_url(sent), outcome_data(sent, "approved", "approved")
    )
    decision = Decision.objects.get(report=sent)
    assert response.status_code == 302
    assert response.url == reverse("officers:publish-decision", args=[decision.pk])
    assert decision.date_of_decision == INTENDED
    assert decision.status == Decision.Status.APPROVED
    assert decision.publication_date is None
    assert Report.objects.get(pk=sent.pk).status == Report.Status.DECIDED


def test_amended_without_the_text_keeps_the_choices_and_names_the_field(client, sent, clerk):
    first, second = sent.recommendations.all()
    response = signed_in(client, clerk).post(
        decision_url(sent), outcome_data(sent, "approved", "amended")
    )
    assert response.status_code == 400
    assert response.context["errors"] == [
        (
            f"amended_text_{second.pk}",
            "Recommendation 3 as amended",
            "Enter recommendation 3 as amended",
        )
    ]
    page = response.content.decode()
    assert f'name="outcome_{first.pk}" type="radio" value="approved" checked' in page
    assert f'name="outcome_{second.pk}" type="radio" value="amended" checked' in page
    assert not Decision.objects.filter(report=sent).exists()


def test_a_date_before_the_notice_allows_is_refused_by_the_service(client, sent, clerk):
    data = outcome_data(
        sent, "approved", "noted", **date_parts("date_of_decision", date(2015, 8, 2))
    )
    response = signed_in(client, clerk).post(decision_url(sent), data)
    assert response.status_code == 400
    assert [name for name, _label, _message in response.context["errors"]] == ["date_of_decision"]
    assert 'value="noted" checked' in response.content.decode()


def test_a_report_not_with_the_decision_maker_has_no_decision_to_record(client, report, clerk):
    response = signed_in(client, clerk).get(decision_url(report))
    assert response.status_code == 404
