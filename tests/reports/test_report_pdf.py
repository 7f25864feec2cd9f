"""The key decision report as PDF (decisions.printing.render.render_report), the public copy
behind a published decision, and how the decision's public page points to it."""

import io
from datetime import datetime

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.call_in import services
from decisions.models import Decision, Person, Report, Role
from decisions.printing import render as pdf
from decisions.reports.services.deciding import RecommendationOutcome, report_record_decision
from decisions.rules.call_in import LONDON
from tests.reports.builders import (
    INTENDED,
    SECTIONS,
    TITLE,
    Kind,
    with_decision_maker,
)

pytestmark = pytest.mark.django_db

RECORDED = datetime(2015, 8, 31, 11, tzinfo=LONDON)
EXEMPT_TEXT = SECTIONS[Kind.BACKGROUND_PAPERS]


def text_of(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    # Lines rejoined with spaces: a wrapped sentence is searched for whole.
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def report(report, doncaster) -> Report:
    """The drafted report, its author with a job title and contact details."""
    teresa = Person.objects.get(authority=doncaster, name="Teresa Bainbridge")
    Role.objects.create(person=teresa, title="Commissioning Manager")
    Person.objects.filter(pk=teresa.pk).update(
        email="teresa.bainbridge@doncaster.gov.uk", telephone="01302 737826"
    )
    return report


def test_the_public_report_leaves_out_exempt_sections_and_names_the_paragraph(report):
    text = text_of(pdf.render_report(report, public=True, at=timezone.now()))
    assert "Provider rates" not in text
    assert "Background papers is exempt from publication under paragraph 3 of Schedule 12A" in text
    assert "EXEMPT – NOT FOR PUBLICATION" not in text


def test_the_preview_prints_exempt_sections_marked(report):
    text = text_of(pdf.render_report(report, public=False, at=timezone.now()))
    assert EXEMPT_TEXT in text
    assert "EXEMPT – NOT FOR PUBLICATION" in text
    assert "is exempt from publication under paragraph" not in text


def test_the_report_prints_its_cover_recommendations_rows_and_author(report):
    text = text_of(pdf.render_report(report, public=True, at=timezone.now()))
    assert text.startswith("Doncaster Metropolitan Borough Council")
    # The masthead prints the document's kind in capitals.
    assert f"To the {report.decision_maker.name}".upper() in text
    assert TITLE in text
    assert "Key decision Yes Expenditure above £250,000." in text
    assert "Wards affected All" in text
    # Sections in order, their Markdown printed as HTML.
    assert text.index("Executive summary") < text.index("Recommendations")
    assert text.index("Background") < text.index("Legal implications")
    assert text.index("Legal implications") < text.index("Financial implications")
    assert "Around £765,000 was spent" in text
    assert "Delegated to the Director of People" in text
    assert "Within existing budgetary provision" in text
    assert "Establish a Specialist arrangement and use an Open Framework Recommended" in text
    assert "Risk 1" in text
    assert "Risk 4" in text
    assert "around £765,000" in text
    assert "12 October 2015 to 6 November 2016" in text
    assert "Teresa Bainbridge, Commissioning Manager" in text
    assert "teresa.bainbridge@doncaster.gov.uk" in text
    assert "01302 737826" in text


# The public copy behind a decision -------------------------------------------------------------


@pytest.fixture
def decided(doncaster, author, clearers, clerk) -> Decision:
    report = with_decision_maker(doncaster, author, clearers)
    return report_record_decision(
        report=report,
        outcomes=[
            RecommendationOutcome(recommendation=recommendation, outcome="approved")
            for recommendation in report.recommendations.all()
        ],
        decided_on=INTENDED,
        by=clerk,
        at=RECORDED,
    )


def report_pdf_url(decision: Decision) -> str:
    return reverse("decision-report-pdf", args=[decision.authority.slug, decision.url_key])


def test_the_report_of_an_unpublished_decision_is_not_found(client, decided):
    assert client.get(report_pdf_url(decided)).status_code == 404


def test_the_report_of_a_published_decision_is_served_without_its_exempt_parts(
    client, decided, clerk
):
    services.decision_publish(decision=decided, by=clerk, at=RECORDED)
    response = client.get(report_pdf_url(decided))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert TITLE in text
    assert "Provider rates" not in text
    assert "paragraph 3 of Schedule 12A" in text


def test_a_published_decision_without_a_drafted_report_has_no_report_pdf(client, decided, clerk):
    services.decision_publish(decision=decided, by=clerk, at=RECORDED)
    decided.documents.update(report=None)
    assert client.get(report_pdf_url(decided)).status_code == 404


def test_the_decision_page_links_the_report_pdf_and_prints_its_sections(client, decided, clerk):
    services.decision_publish(decision=decided, by=clerk, at=RECORDED)
    page = client.get(decided.get_absolute_url()).content.decode()
    assert f'href="{report_pdf_url(decided)}"' in page
    assert "<strong>£765,000</strong>" in page
    assert "Provider rates" not in page
