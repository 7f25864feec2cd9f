"""Trial defect 18: a report sent to the decision maker is shown read-only.

Its text is what the decision maker reads, so no page offers a form, a change link or
autosave for it; a save sent from a page opened earlier is refused plainly (409), keeping the
text typed. Before it is sent, officers who may read but not edit it see the same read-only
pages, not a 403.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from decisions.models import DraftSection, Report
from decisions.reports.services.clearance import report_send_for_clearance
from tests.reports.builders import (
    SECTIONS,
    WRITTEN,
    drafted_report,
    signed_in,
)

pytestmark = pytest.mark.django_db

LOCKED = "The report is with the decision maker: its text can no longer be changed."
SECTION = DraftSection.Kind.BACKGROUND


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def edit_addresses(report: Report) -> list[str]:
    """Every address on which the author changes the report's text or rows."""
    row = report.recommendations.first()
    return [
        reverse("officers:report-details", args=[report.pk]),
        *(reverse("officers:report-section", args=[report.pk, kind]) for kind in SECTIONS),
        reverse("officers:report-row-add", args=[report.pk, "recommendations"]),
        reverse("officers:report-row", args=[report.pk, "recommendations", row.pk]),
        reverse("officers:report-row-delete", args=[report.pk, "recommendations", row.pk]),
        reverse("officers:report-clearance", args=[report.pk]),
        reverse("officers:report-send", args=[report.pk]),
    ]


def test_the_overview_of_a_sent_report_offers_no_edit_or_send_links(client, sent, author):
    response = signed_in(client, author).get(sent.get_absolute_url())
    assert response.status_code == 200
    soup = page(response)
    assert LOCKED in soup.get_text(" ", strip=True)
    links = {a["href"] for a in soup.select("main a[href]")}
    for address in (
        reverse("officers:report-clearance", args=[sent.pk]),
        reverse("officers:report-send", args=[sent.pk]),
        reverse("officers:report-row-add", args=[sent.pk, "recommendations"]),
    ):
        assert address not in links


def test_every_drafting_page_of_a_sent_report_has_no_form_to_change_it(client, sent, author):
    signed_in(client, author)
    for address in edit_addresses(sent):
        response = client.get(address, follow=True)
        assert response.status_code == 200, address
        soup = page(response)
        main = soup.select_one("main")
        assert not main.select("textarea, input[type=text], select, button[type=submit]"), address
        assert not main.select("form[data-autosave-url]"), address
        assert LOCKED in main.get_text(" ", strip=True), address
        assert not soup.select('script[src*="report-autosave"]'), address


def test_a_sent_section_shows_its_text_as_printed(client, sent, author):
    address = reverse("officers:report-section", args=[sent.pk, SECTION])
    soup = page(signed_in(client, author).get(address))
    assert SECTIONS[SECTION] in soup.select_one("#printed").get_text()


def test_the_details_of_a_sent_report_are_listed(client, sent, author):
    soup = page(signed_in(client, author).get(reverse("officers:report-details", args=[sent.pk])))
    listed = {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in soup.select("#details .govuk-summary-list__row")
    }
    assert listed["Title"] == sent.title
    assert listed["Decision maker"] == str(sent.decision_maker)
    assert listed["Intended date of decision"] == "30 August 2015"
    assert listed["Is it a key decision?"] == "Yes"


def test_a_save_from_a_page_opened_before_it_was_sent_is_refused_keeping_the_text(
    client, sent, author
):
    section = DraftSection.objects.get(report=sent, kind=SECTION)
    address = reverse("officers:report-section", args=[sent.pk, SECTION])
    typed = "A late change to the background."
    response = signed_in(client, author).post(
        address, {"text": typed, "version": section.version, "save": "1"}
    )
    assert response.status_code == 409
    soup = page(response)
    summary = soup.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert LOCKED in summary
    assert typed in soup.select_one("#unsaved").get_text()
    assert DraftSection.objects.get(pk=section.pk).text == SECTIONS[SECTION]


def test_autosave_of_a_sent_report_is_refused_with_the_reason(client, sent, author):
    section = DraftSection.objects.get(report=sent, kind=SECTION)
    response = signed_in(client, author).post(
        reverse("officers:report-section-autosave", args=[sent.pk, SECTION]),
        {"text": "Changed", "version": section.version},
    )
    assert response.status_code == 409
    assert response.json() == {"error": LOCKED}
    assert DraftSection.objects.get(pk=section.pk).text == SECTIONS[SECTION]


def test_a_row_sent_after_the_report_was_sent_is_refused_on_the_rows_page(client, sent, author):
    before = sent.recommendations.count()
    response = signed_in(client, author).post(
        reverse("officers:report-row-add", args=[sent.pk, "recommendations"]),
        {"label": "4", "text": "Another recommendation", "kind": "other"},
    )
    assert response.status_code == 409
    assert LOCKED in page(response).select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert sent.recommendations.count() == before


def test_changing_or_removing_a_row_of_a_sent_report_goes_back_to_the_rows(client, sent, author):
    row = sent.recommendations.first()
    rows = reverse("officers:report-rows", args=[sent.pk, "recommendations"])
    signed_in(client, author)
    for name in ("officers:report-row", "officers:report-row-delete"):
        response = client.get(reverse(name, args=[sent.pk, "recommendations", row.pk]))
        assert response.status_code == 302
        assert response.url == rows
    response = client.post(
        reverse("officers:report-row-delete", args=[sent.pk, "recommendations", row.pk]),
        {"version": row.version},
    )
    assert response.status_code == 409
    assert sent.recommendations.filter(pk=row.pk).exists()


def test_an_officer_who_may_read_a_draft_sees_it_read_only_and_cannot_save(
    client, doncaster, author, clearers
):
    report = drafted_report(doncaster, author)
    report_send_for_clearance(report=report, officers=clearers, by=author, at=WRITTEN)
    reader = clearers["legal"]
    address = reverse("officers:report-section", args=[report.pk, SECTION])
    signed_in(client, reader)
    assert client.get(report.get_absolute_url()).status_code == 200
    response = client.get(address)
    assert response.status_code == 200
    soup = page(response)
    assert "its author and their directorate edit it" in soup.get_text(" ", strip=True)
    assert not soup.select("main textarea")
    refused = client.post(address, {"text": "Not mine to change", "version": 1})
    assert refused.status_code == 403
    assert DraftSection.objects.get(report=report, kind=SECTION).text == SECTIONS[SECTION]
