import re
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from decisions.choices import FundingRecurrence, Precision

# A negative amount (a saving) is printed with the minus sign, not a hyphen, on pages and PDFs.
MINUS = "\u2212"


def money(amount: Decimal | None) -> str:
    """£18,116,521 for whole pounds, £18,116,521.07 with pence, a saving as −£250,000; "" for
    no amount. Pages (the `money` filter) and PDFs print amounts through this one function."""
    if amount is None:
        return ""
    sign = MINUS if amount < 0 else ""
    text = f"{abs(amount):,.2f}".removesuffix(".00")
    return f"{sign}£{text}"


def printed_amount(amount: Decimal, *, precision: str, recurrence: str) -> str:
    """The amount as a report prints it: "around £765,000", "circa £760,000 per year"."""
    words: dict[str, str] = {
        Precision.APPROXIMATE: "around ",
        Precision.AT_MOST: "up to ",
        Precision.AT_LEAST: "at least ",
    }
    every: dict[str, str] = {
        FundingRecurrence.PER_YEAR: " per year",
        FundingRecurrence.PER_MONTH: " per month",
        FundingRecurrence.PER_WEEK: " per week",
        FundingRecurrence.PER_HOUR: " per hour",
    }
    return f"{words.get(precision, '')}{money(amount)}{every.get(recurrence, '')}"


def paragraphs(text: str | None) -> SafeString:
    """A record's text as HTML: blank lines between paragraphs, a block of "- " lines a list,
    single line breaks kept. The PDFs print this; pages print it dressed in GOV.UK classes
    (page_paragraphs), so that a page and its PDF print the same text the same way."""
    blocks = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines))
            blocks.append(format_html("<ul>{}</ul>", items))
        else:
            body = format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))
            blocks.append(format_html("<p>{}</p>", body))
    return mark_safe("".join(blocks))


PAGE_CLASSES = {
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
}


def page_paragraphs(text: str | None) -> SafeString:
    """paragraphs(), with GOV.UK Frontend's classes for a page."""
    html = str(paragraphs(text))
    for plain, dressed in PAGE_CLASSES.items():
        html = html.replace(plain, dressed)
    return mark_safe(html)  # built by format_html from escaped text
