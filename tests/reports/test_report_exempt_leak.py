"""The exempt parts of a report drafted in the workspace stay out of every public output.

A report is drafted with two sections marked exempt under Schedule 12A, taken through
clearance, the forward plan and the decision, and published; then every public output that
could carry its text is fetched: the decision page, the record of decision, the report PDF,
the forward plan and its PDF, search, the CSV, the Atom feed and the API.
"""

import io
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pypdf
import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from decisions.call_in import services
from decisions.forward_plan import services as plan_services
from decisions.groups import CLEARANCE_GROUPS, REPORT_AUTHORS
from decisions.models import (
    Authority,
    Body,
    DraftFundingLine,
    DraftOption,
    DraftRecommendation,
    DraftRisk,
    DraftSection,
    Person,
    Report,
)
from decisions.reports.services import clearance, deciding, drafting

pytestmark = pytest.mark.django_db

EXEMPT_MARKERS = {
    "background": "EXEMPT-REPORT-MARKER-BACKGROUND provider prices per hour",
    "financial": "EXEMPT-REPORT-MARKER-FINANCIAL tender values of each bidder",
}
PUBLIC_PHRASE = "PUBLIC-REPORT-PHRASE the Open Framework"


@pytest.fixture
def published(seeded) -> Iterator[Report]:
    now = timezone.now()
    author = User.objects.create_user("teresa")
    Group.objects.get(name=REPORT_AUTHORS).user_set.add(author)
    Person.objects.filter(name="Teresa Bainbridge").update(user=author)
    report = drafting.report_start(
        authority=Authority.objects.get(slug="doncaster"),
        title="Specialist support with exempt parts",
        by=author,
        at=now,
    )
    report.decision_maker = Body.objects.get(pk=200)
    report.key_decision_reason = "Expenditure above the threshold"
    report.intended_date = timezone.localdate() + timedelta(days=40)
    report.exempt_paragraph = "3"
    drafting.report_save(report=report, expected_version=report.version, by=author, at=now)
    for section in report.sections.all():
        exempt = section.kind in EXEMPT_MARKERS
        text = EXEMPT_MARKERS.get(section.kind, f"{PUBLIC_PHRASE}: {section.kind}")
        drafting.report_section_save(
            section=section,
            text=text,
            is_exempt=exempt,
            expected_version=section.version,
            by=author,
            at=now,
        )
    recommendation = drafting.report_row_save(
        row=DraftRecommendation(report=report, label="2", text=PUBLIC_PHRASE, kind="establish"),
        expected_version=None,
        by=author,
        at=now,
    )
    for row in (
        DraftOption(report=report, label="1", title="Open Framework", is_recommended=True),
        DraftRisk(report=report, description="Poor take up", rating=2),
        DraftFundingLine(report=report, amount=Decimal("765000"), kind="spend"),
    ):
        drafting.report_row_save(row=row, expected_version=None, by=author, at=now)
    officers = {}
    for area, group in CLEARANCE_GROUPS.items():
        officers[area] = User.objects.create_user(f"clearance.{area}")
        Group.objects.get(name=group).user_set.add(officers[area])
    for sign_off in clearance.report_send_for_clearance(
        report=report, officers=officers, by=author, at=now
    ):
        section = DraftSection.objects.get(report=report, kind=sign_off.section_kind)
        clearance.sign_off_give(
            sign_off=sign_off, seen_version=section.version, by=sign_off.officer, at=now
        )
    plan_services.report_add_to_forward_plan(report=report, notice="full", by=author, at=now)
    deciding.report_send_to_decision_maker(report=report, by=author, at=now)
    later = now + timedelta(days=45)
    clerk = User.objects.create_user("clerk")
    decision = deciding.report_record_decision(
        report=report,
        outcomes=[deciding.RecommendationOutcome(recommendation, "approved")],
        decided_on=timezone.localdate(later),
        by=clerk,
        at=later,
    )
    services.decision_publish(decision=decision, by=clerk, at=later)
    # The register is read on the day of publication, as the public would first see it.
    with time_machine.travel(later, tick=False):
        yield Report.objects.select_related("decision__authority").get(pk=report.pk)


def _text(response) -> str:  # a test client response
    if response["Content-Type"] == "application/pdf":
        reader = pypdf.PdfReader(io.BytesIO(response.content))
        return "\n".join(page.extract_text() for page in reader.pages)
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_no_public_output_shows_the_exempt_parts_of_a_report(client, published):
    decision = published.decision
    page = decision.get_absolute_url()
    outputs = [
        page,
        decision.get_record_pdf_url(),
        reverse("decision-report-pdf", args=[decision.authority.slug, decision.url_key]),
        reverse("forward-plan"),
        reverse("forward-plan-pdf"),
        f"{reverse('decision-list')}?q=EXEMPT-REPORT-MARKER-BACKGROUND",
        f"{reverse('decision-list')}?q=tender+values",
        f"{reverse('decision-csv')}?authority=doncaster",
        reverse("feed-decisions"),
        f"/api/decisions/{decision.pk}/",
        "/api/decisions/?authority=doncaster",
    ]
    seen = {}
    for url in outputs:
        response = client.get(url)
        assert response.status_code == 200, url
        seen[url] = _text(response)
    for url, text in seen.items():
        for marker in EXEMPT_MARKERS.values():
            words = marker.split(" ", 1)[1]
            squashed = "".join(text.split())
            assert marker.split()[0] not in squashed or marker.split()[0] in url, (url, marker)
            assert "".join(words.split()) not in squashed, (url, marker)
    # The public parts did reach the public, so the search above was not of empty pages.
    assert PUBLIC_PHRASE in seen[page]
    report_pdf = seen[outputs[2]]
    assert "PUBLIC-REPORT-PHRASE" in "".join(report_pdf.split())
    assert "Schedule 12A" in report_pdf
    # The API links the report as the decision's document, at the same public address.
    api = client.get(f"/api/decisions/{decision.pk}/").json()
    assert [document["url"] for document in api["documents"]] == [f"http://testserver{outputs[2]}"]


def test_the_workspace_preview_keeps_the_exempt_parts_for_the_decision_maker(client, published):
    client.force_login(published.created_by)
    response = client.get(reverse("officers:report-preview-pdf", args=[published.pk]))
    text = "".join(_text(response).split())
    assert "EXEMPT-REPORT-MARKER-FINANCIAL" in text
