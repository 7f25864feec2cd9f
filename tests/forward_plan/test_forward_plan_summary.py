"""Trial defect 16: the forward plan PDF printed a report summary's table as Markdown pipes
("Scheme | Tenants"). The entry keeps the report's formatted summary, and the page and the
PDF print the same HTML: a table is a table in both."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from decisions.forward_plan.services import report_add_to_forward_plan
from decisions.models import DraftSection, ForwardPlanEntry, Report
from decisions.reports.services.drafting import report_save
from tests.reports.builders import drafted_report, write

pytestmark = pytest.mark.django_db

SUMMARY = """To fund the home adaptations scheme.

| Scheme | Tenants |
|---|---|
| Stairlifts | 120 |
| Level-access showers | 45 |

- Agree the framework
- Delegate the awards"""


@pytest.fixture
def entry(doncaster, author) -> ForwardPlanEntry:
    report = drafted_report(doncaster, author)
    write(report, DraftSection.Kind.EXECUTIVE_SUMMARY, SUMMARY, by=author)
    report = Report.objects.get(pk=report.pk)
    report.intended_date = timezone.localdate() + timedelta(days=40)
    report_save(report=report, expected_version=report.version, by=author, at=timezone.now())
    return report_add_to_forward_plan(
        report=Report.objects.get(pk=report.pk), notice="full", by=author, at=timezone.now()
    )


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(content)).pages)


def test_the_entry_keeps_the_summary_formatted_and_as_plain_text(entry):
    assert "<table>" in entry.summary_html
    assert "<ul>" in entry.summary_html
    # The plain text (API, search, feeds) still reads without markup.
    assert "<" not in entry.summary
    assert "Stairlifts" in entry.summary


def test_the_forward_plan_page_prints_the_summary_table(client, entry):
    page = client.get(reverse("forward-plan")).content.decode()
    assert '<th scope="col" class="govuk-table__header">Scheme</th>' in page
    assert '<td class="govuk-table__cell">Level-access showers</td>' in page
    assert '<ul class="govuk-list govuk-list--bullet">' in page
    assert "Scheme | Tenants" not in page


def test_the_forward_plan_pdf_prints_the_table_without_pipes(client, entry):
    response = client.get(reverse("forward-plan-pdf"), {"authority": entry.authority.slug})
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Stairlifts" in text
    assert "Level-access showers" in text
    assert "Agree the framework" in text
    assert "|" not in text
    assert "**" not in text


def test_an_exempt_summary_is_neither_formatted_nor_printed(doncaster, author, client):
    report = drafted_report(doncaster, author)
    write(report, DraftSection.Kind.EXECUTIVE_SUMMARY, SUMMARY, by=author, is_exempt=True)
    report = Report.objects.get(pk=report.pk)
    report.intended_date = timezone.localdate() + timedelta(days=40)
    report_save(report=report, expected_version=report.version, by=author, at=timezone.now())
    entry = report_add_to_forward_plan(
        report=Report.objects.get(pk=report.pk), notice="full", by=author, at=timezone.now()
    )
    assert entry.summary_html == ""
    assert entry.summary == ""
    response = client.get(reverse("forward-plan-pdf"), {"authority": entry.authority.slug})
    assert "Stairlifts" not in pdf_text(response.content)
    assert "Stairlifts" not in client.get(reverse("forward-plan")).content.decode()
