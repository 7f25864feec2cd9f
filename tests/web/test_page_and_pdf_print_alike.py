"""A page and its PDF print money and multi-paragraph text through the same functions
(decisions.web.formatting): a saving has the same minus sign, and "- " lines are the same
list, in the decision's page and in its record PDF."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from commissioning.models import FundingLine
from tests import factories

pytestmark = pytest.mark.django_db

REASONS = "The service is to be reshaped.\n\n- Fewer visits\n- Longer visits"


@pytest.fixture
def decision():
    decision = factories.decision(
        title="Reshaping the home care service",
        reasons=REASONS,
        publication_date=date(2026, 11, 2),
        date_of_decision=date(2026, 10, 30),
        call_in_deadline=date(2026, 11, 9),
        effective_from=date(2026, 11, 10),
    )
    FundingLine.objects.create(
        decision=decision,
        amount=Decimal("-250000"),
        amount_as_printed="a saving of £250,000",
        kind=FundingLine.Kind.SAVING,
    )
    return decision


def test_a_saving_and_a_list_look_the_same_on_the_page_and_in_the_pdf(client, decision):
    page = BeautifulSoup(client.get(decision.get_absolute_url()).content, "html.parser")
    pdf = PdfReader(BytesIO(client.get(decision.get_record_pdf_url()).content))
    pdf_text = "\n".join(sheet.extract_text() for sheet in pdf.pages)

    amount = page.select_one("#funding-lines tbody td[data-label='Amount']").get_text(strip=True)
    assert amount == "\u2212£250,000"
    assert amount in pdf_text
    assert "-£250,000" not in pdf_text

    items = [item.get_text(strip=True) for item in page.select("ul.govuk-list--bullet li")]
    assert [i for i in items if "visits" in i] == ["Fewer visits", "Longer visits"]
    assert "- Fewer visits" not in page.get_text()
    assert "- Fewer visits" not in pdf_text
    assert "Fewer visits" in pdf_text
