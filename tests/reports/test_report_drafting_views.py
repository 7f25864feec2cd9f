"""The report drafting pages of the workspace (decisions/reports/views/)."""

import io
from decimal import Decimal

import pypdf
import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from decisions.groups import CLEARANCE_GROUPS, REPORT_AUTHORS
from decisions.models import (
    Authority,
    Directorate,
    DraftFundingLine,
    DraftRisk,
    DraftSection,
    Person,
    Report,
    SignOff,
)
from decisions.reports.services import drafting
from tests.reports.builders import TITLE

pytestmark = pytest.mark.django_db


def _author(username: str, *, person_name: str | None = None) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "password")
    Group.objects.get(name=REPORT_AUTHORS).user_set.add(user)
    if person_name:
        Person.objects.filter(name=person_name).update(user=user)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def damian(seeded) -> User:
    """Teresa's colleague in the same directorate."""
    return _author("damian", person_name="Damian Allen")


@pytest.fixture
def outsider(seeded) -> User:
    """An author of another directorate."""
    user = _author("outsider")
    doncaster = Authority.objects.get(slug="doncaster")
    place = Directorate.objects.create(authority=doncaster, name="Place")
    Person.objects.create(
        authority=doncaster, name="Olive Other", kind="officer", directorate=place, user=user
    )
    return User.objects.get(pk=user.pk)


def _section(report: Report, kind: str) -> DraftSection:
    return DraftSection.objects.get(report=report, kind=kind)


def test_the_workspace_asks_anonymous_visitors_to_sign_in(client, seeded):
    response = client.get(reverse("officers:reports"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_login_without_report_permissions_is_refused(client, seeded):
    client.force_login(User.objects.create_user("member.of.public"))
    assert client.get(reverse("officers:reports")).status_code == 403


def test_starting_a_report_creates_every_section_of_the_template(client, author):
    client.force_login(author)
    doncaster = Authority.objects.get(slug="doncaster")
    response = client.post(
        reverse("officers:report-new"), {"authority": doncaster.pk, "title": "Specialist support"}
    )
    report = Report.objects.get(title="Specialist support")
    assert response["Location"] == reverse("officers:report-details", args=[report.pk])
    assert report.author.name == "Teresa Bainbridge"
    assert report.directorate.name == "Adults, Health and Wellbeing"
    assert set(report.sections.values_list("kind", flat=True)) == set(DraftSection.Kind.values)


def test_starting_a_report_without_a_title_names_the_field_and_keeps_the_council(client, author):
    client.force_login(author)
    doncaster = Authority.objects.get(slug="doncaster")
    response = client.post(reverse("officers:report-new"), {"authority": doncaster.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_title"' in html
    assert "Enter the title of the report" in html
    assert f'value="{doncaster.pk}" selected' in html
    assert not Report.objects.exists()


def test_details_need_the_reason_for_a_key_decision_and_keep_what_was_typed(client, started):
    client.force_login(started.created_by)
    response = client.post(
        reverse("officers:report-details", args=[started.pk]),
        {
            "version": started.version,
            "title": "A new title typed",
            "is_key_decision": "yes",
            "key_decision_reason": "",
            "intended_date_day": "31",
            "intended_date_month": "2",
            "intended_date_year": "2027",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_key_decision_reason"' in html
    assert 'href="#id_intended_date"' in html
    assert "must be a real date" in html
    assert 'value="A new title typed"' in html
    started.refresh_from_db()
    assert started.title == TITLE


def test_details_are_saved_with_the_decision_maker_and_intended_date(client, started):
    client.force_login(started.created_by)
    response = client.post(
        reverse("officers:report-details", args=[started.pk]),
        {
            "version": started.version,
            "title": started.title,
            "decision_maker": 200,
            "relevant_members": [200],
            "affects_all_wards": "on",
            "is_key_decision": "yes",
            "key_decision_reason": "Expenditure above the threshold",
            "intended_date_day": "15",
            "intended_date_month": "3",
            "intended_date_year": "2027",
            "author": 201,
            "contributors": [202],
        },
    )
    assert response.status_code == 302
    started.refresh_from_db()
    assert str(started.decision_maker) == "Cabinet Member for Adult Social Care"
    assert started.intended_date.isoformat() == "2027-03-15"
    assert [p.name for p in started.relevant_members.all()] == ["Rachael Blake"]
    assert [p.name for p in started.contributors.all()] == ["Damian Allen"]
    assert started.version == 2


def test_a_section_is_saved_as_sanitised_html(client, started):
    client.force_login(started.created_by)
    section = _section(started, "background")
    response = client.post(
        reverse("officers:report-section", args=[started.pk, "background"]),
        {
            "version": section.version,
            "text": "## Stage 1\n\nThe **Open Framework**<script>alert(1)</script>\n\n- one\n- two",
        },
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert "<h3>Stage 1</h3>" in section.html
    assert "<strong>Open Framework</strong>" in section.html
    assert "<li>two</li>" in section.html
    assert "script" not in section.html
    assert section.version == 2


def test_a_stale_section_save_is_refused_and_both_texts_are_shown(client, started, damian):
    """Two officers of the directorate open the same section; the second save is refused."""
    section = _section(started, "legal")
    client.force_login(started.created_by)
    client.post(
        reverse("officers:report-section", args=[started.pk, "legal"]),
        {"version": section.version, "text": "Teresa's legal text"},
    )
    client.force_login(damian)
    response = client.post(
        reverse("officers:report-section", args=[started.pk, "legal"]),
        {"version": section.version, "text": "Damian's legal text"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Your text has not been saved" in html
    assert "Damian&#x27;s legal text</textarea>" in html
    assert "Teresa's legal text" in html.split('id="saved-now"')[1]
    section.refresh_from_db()
    assert section.text == "Teresa's legal text"
    # Having seen both, Damian's next save (of the page as re-rendered) goes through.
    assert f'name="version" value="{section.version}"' in html
    combined = client.post(
        reverse("officers:report-section", args=[started.pk, "legal"]),
        {"version": section.version, "text": "Teresa's legal text. Damian's legal text"},
    )
    assert combined.status_code == 302
    section.refresh_from_db()
    assert section.text == "Teresa's legal text. Damian's legal text"


def test_autosave_answers_the_new_version_then_a_conflict_with_the_saved_text(client, started):
    client.force_login(started.created_by)
    section = _section(started, "consultation")
    url = reverse("officers:report-section-autosave", args=[started.pk, "consultation"])
    first = client.post(url, {"version": section.version, "text": "Engagement took place"})
    assert first.status_code == 200
    assert first.json()["version"] == section.version + 1
    stale = client.post(url, {"version": section.version, "text": "Other words"})
    assert stale.status_code == 409
    assert stale.json()["text"] == "Engagement took place"
    section.refresh_from_db()
    assert section.text == "Engagement took place"


def test_a_directorate_colleague_edits_and_another_directorate_cannot_see(
    client, started, damian, outsider
):
    client.force_login(damian)
    assert client.get(reverse("officers:report-details", args=[started.pk])).status_code == 200
    client.force_login(outsider)
    assert client.get(reverse("officers:report", args=[started.pk])).status_code == 404
    url = reverse("officers:report-section-autosave", args=[started.pk, "legal"])
    assert client.post(url, {"version": 1, "text": "x"}).status_code == 404


def test_a_clearance_officer_reads_the_report_but_cannot_edit_it(client, started):
    officer = User.objects.create_user("legal.officer")
    Group.objects.get(name=CLEARANCE_GROUPS["legal"]).user_set.add(officer)
    SignOff.objects.create(report=started, area="legal", officer=officer)
    client.force_login(officer)
    assert client.get(reverse("officers:report", args=[started.pk])).status_code == 200
    details = client.get(reverse("officers:report-details", args=[started.pk]))
    assert details.status_code == 200
    assert b"<form" not in details.content.split(b"<main")[1]
    refused = client.post(reverse("officers:report-details", args=[started.pk]), {"title": "New"})
    assert refused.status_code == 403
    assert Report.objects.get(pk=started.pk).title == started.title


def test_a_funding_line_is_typed_as_a_council_writes_it(client, started):
    client.force_login(started.created_by)
    response = client.post(
        reverse("officers:report-row-add", args=[started.pk, "funding"]),
        {
            "amount": "£765,000",
            "precision": "approximate",
            "kind": "spend",
            "recurrence": "one_off",
            "period_start_day": "12",
            "period_start_month": "10",
            "period_start_year": "2015",
            "period_end_day": "6",
            "period_end_month": "11",
            "period_end_year": "2016",
            "source": "council_budget",
        },
    )
    assert response.status_code == 302
    line = DraftFundingLine.objects.get(report=started)
    assert line.amount == Decimal("765000.00")
    assert line.period_end.isoformat() == "2016-11-06"


def test_funding_lines_are_totalled_by_recurrence(client, started):
    for amount, recurrence in (
        ("765000", "one_off"),
        ("10000.50", "one_off"),
        ("760000", "per_year"),
    ):
        drafting.report_row_save(
            row=DraftFundingLine(
                report=started, amount=Decimal(amount), kind="spend", recurrence=recurrence
            ),
            expected_version=None,
            by=started.created_by,
            at=timezone.now(),
        )
    client.force_login(started.created_by)
    html = client.get(reverse("officers:report-rows", args=[started.pk, "funding"])).content
    totals = html.decode().split('id="funding-totals"')[1].split("</dl>")[0]
    assert 'Total, one-off</dt><dd class="govuk-summary-list__value">£775,000.50' in totals
    assert 'Total, per year</dt><dd class="govuk-summary-list__value">£760,000' in totals


def test_a_bad_funding_line_names_each_field_and_keeps_what_was_typed(client, started):
    client.force_login(started.created_by)
    response = client.post(
        reverse("officers:report-row-add", args=[started.pk, "funding"]),
        {
            "amount": "about 765k",
            "kind": "spend",
            "precision": "exact",
            "recurrence": "one_off",
            "financial_year": "2024/26",
        },
    )
    html = response.content.decode()
    assert 'href="#id_amount"' in html
    assert "Enter the amount as a number of pounds" in html
    assert 'href="#id_financial_year"' in html
    assert 'value="about 765k"' in html
    assert not DraftFundingLine.objects.exists()


def test_a_risk_rating_outside_the_scale_is_refused(client, started):
    client.force_login(started.created_by)
    response = client.post(
        reverse("officers:report-row-add", args=[started.pk, "risks"]),
        {"description": "Poor take up", "rating": "30"},
    )
    assert "The risk rating must be between 1 and 25" in response.content.decode()
    assert not DraftRisk.objects.exists()


def test_a_delegation_needs_the_officer_post(client, started):
    client.force_login(started.created_by)
    response = client.post(
        reverse("officers:report-row-add", args=[started.pk, "recommendations"]),
        {"label": "4", "text": "To delegate the award", "kind": "delegate"},
    )
    html = response.content.decode()
    assert 'href="#id_delegate"' in html
    assert "Choose the officer post" in html


def test_removing_a_row_changed_since_it_was_opened_is_refused(client, started):
    risk = drafting.report_row_save(
        row=DraftRisk(report=started, description="Poor take up", rating=2),
        expected_version=None,
        by=started.created_by,
        at=timezone.now(),
    )
    client.force_login(started.created_by)
    url = reverse("officers:report-row-delete", args=[started.pk, "risks", risk.pk])
    response = client.post(url, {"version": risk.version - 1 if risk.version > 1 else 99})
    assert response.status_code == 200
    assert "changed" in response.content.decode()
    assert DraftRisk.objects.filter(pk=risk.pk).exists()
    assert client.post(url, {"version": risk.version}).status_code == 302
    assert not DraftRisk.objects.filter(pk=risk.pk).exists()


def test_the_task_list_follows_the_template_order(client, started):
    client.force_login(started.created_by)
    html = client.get(reverse("officers:report", args=[started.pk])).content.decode()
    order = [
        "Report details",
        "Executive summary",
        "Recommendations",
        "Background",
        "Options considered",
        "Risks and assumptions",
        "Legal implications",
        "Financial implications",
        "Funding",
        "Equality implications",
        "Background papers",
    ]
    positions = [html.index(f">{label}</a>") for label in order]
    assert positions == sorted(positions)


def test_the_list_shows_my_drafts_and_what_awaits_my_sign_off(client, started):
    officer = User.objects.create_user("finance.officer")
    Group.objects.get(name=CLEARANCE_GROUPS["finance"]).user_set.add(officer)
    SignOff.objects.create(report=started, area="finance", officer=officer)
    client.force_login(started.created_by)
    mine = client.get(reverse("officers:reports")).content.decode()
    assert started.title in mine.split('id="my-drafts"')[1].split('id="awaiting-sign-off"')[0]
    client.force_login(officer)
    theirs = client.get(reverse("officers:reports")).content.decode()
    awaiting = theirs.split('id="awaiting-sign-off"')[1].split('id="by-status"')[0]
    assert "Finance implications" in awaiting or "Finance" in awaiting
    assert reverse("officers:report-sign-off", args=[started.pk, "finance"]) in awaiting


def test_the_preview_is_a_pdf_with_the_sections_text(client, started):
    section = _section(started, "executive_summary")
    drafting.report_section_save(
        section=section,
        text="This document outlines the recommendation",
        is_exempt=False,
        expected_version=section.version,
        by=started.created_by,
        at=timezone.now(),
    )
    client.force_login(started.created_by)
    response = client.get(reverse("officers:report-preview-pdf", args=[started.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "This document outlines the recommendation" in text
