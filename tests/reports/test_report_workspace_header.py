"""Defect 17 of the trial (issue 10): the report workspace's header names the report's council,
not the register (decisions/reports/views/)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HEADER = '<span class="govuk-header__product-name">'


@pytest.mark.parametrize(
    ("name", "more"),
    [
        ("officers:report", []),
        ("officers:report-details", []),
        ("officers:report-section", ["background"]),
        ("officers:report-rows", ["funding"]),
        ("officers:report-clearance", []),
        ("officers:report-forward-plan", []),
    ],
)
def test_report_pages_name_the_reports_council_in_the_header(client, author, started, name, more):
    client.force_login(author)
    response = client.get(reverse(name, args=[started.pk, *more]))
    assert response.status_code == 200
    content = response.content.decode()
    header = content[content.index(HEADER) :][:200]
    assert started.authority.name in header
    assert response.context["authority"] == started.authority
