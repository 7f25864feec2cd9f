"""Properties of the parser over pages no one wrote: it never raises, never reads a date out of
a financial year or a telephone number, and never reads a sum of money out of a year."""

from dataclasses import fields
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.importing import parse_page
from decisions.importing.parsing import read_page
from decisions.importing.parsing.dates import find_dates
from decisions.importing.parsing.money import find_amounts

# The machine running the suite may be busy: the examples are judged on what they give, not
# on how fast they give it.
PROPERTY = settings(max_examples=300, deadline=None)

FRAGMENTS = st.sampled_from(
    [
        "<html>",
        "<body>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "<br>",
        "<h2>",
        "</h2>",
        "<a href='ieDecisionDetails.aspx?ID=12'>",
        "</a>",
        "<!--",
        "-->",
        "<span class='mgHide'> ref&#58; 12</span>",
        "<script>",
        "&nbsp;",
        "&#47;",
        "&amp;",
        "Decision details",
        "Decision Details",
        "Issue details",
        "Issue - meetings",
        "Meeting: ",
        "Decisions published",
        "Officer decisions",
        "Title Date",
        "Agenda items",
        "WRITTEN STATEMENT OF A KEY DECISION",
        "This section allows you to view the general details of a Decision",
        "Decision Maker: ",
        "Decision maker:",
        "Is Key decision?: ",
        "Decision type: ",
        "Wards affected: ",
        "Decision:",
        "Purpose:",
        "Minutes:",
        "Implementation Date (not before):",
        "Decision due: Not before ",
        "Decided at meeting: ",
        "Title:",
        "ITEM:\t",
        "COUNCILLOR X......Date:",
        "Yes",
        "No",
        "(All Wards);",
        "ref: 1271817/11/202225/11/2022Call-in expired",
        "17/11/2022",
        "Thu 22 Jan 2026",
        " - ",
        "(Item 44)",
        "(a) ",
        "i) ",
        "1. ",
        "2.1 ",
        "(iv) ",
        "·  ",
        "£5.9m",
        "-£0.844m",
        "approximately £",
        "£",
        "2023/24",
        "Cab.7.9.2016/9",
        "01632 960123",
        "...",
        "view the full minutes text for item 4",
        "\n",
        "\n\n",
        "\t",
        ":",
        "|",
    ]
)
PAGE_LIKE = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=80).map("".join)

YEARS = st.integers(min_value=1990, max_value=2098)
FINANCIAL_YEARS = YEARS.flatmap(
    lambda year: st.sampled_from(
        [
            f"{year}/{(year + 1) % 100:02d}",
            f"{year}-{(year + 1) % 100:02d}",
            f"{year}–{(year + 1) % 100:02d}",
            f"{year}/{year + 1}",
            f"{year}-{year + 1}",
            f"FY{year}/{(year + 1) % 100:02d}",
        ]
    )
)
TELEPHONE_NUMBERS = st.one_of(
    st.from_regex(r"\A0[1-9]\d{3} \d{6}\Z"),
    st.from_regex(r"\A0[1-9]\d{2} \d{3} \d{4}\Z"),
    st.from_regex(r"\A\(0[1-9]\d{3}\) ?\d{6}\Z"),
    st.from_regex(r"\A\+44 ?\(0\)?[1-9]\d{3} ?\d{6}\Z"),
    st.from_regex(r"\A07\d{3} ?\d{6}\Z"),
    st.from_regex(r"\A0[1-9]\d{2,3}[-. ]\d{3}[-. ]\d{3,4}\Z"),
)
NOT_DATES = st.one_of(FINANCIAL_YEARS, TELEPHONE_NUMBERS)
DATE_LABELS = st.sampled_from(
    [
        "Publication date:",
        "Date of decision:",
        "Effective from:",
        "Call-in deadline:",
        "Decision due: Not before",
        "Notice of proposed decision first published:",
        "Implementation Date (not before):\n",
        "Decided at meeting:",
        "Date of Decision:\t",
        "Date the key decision is due to take effect:\t",
        "Decision published:",
    ]
)
# A page of each format, with the one date it prints itself.
TEMPLATES = st.sampled_from(
    [
        "Decision details\n\nA decision\n\n{label} {value}\n\nDecision:\n\nIn {value} to agree.\n",
        "Issue details\n\nAn issue\n\n{label} {value}\n\n"
        "Agenda items\n\n17/11/2022 - Cabinet\tAn item\n",
        "Decision Details\nThis section allows you to view the general details of a Decision\n"
        "Title:\nA decision\n{label}\n{value}\n",
        "WRITTEN STATEMENT OF A KEY DECISION CABINET\n\nITEM:\tA decision\n{label} {value}\n",
        "Decisions published\n\n17/11/2022 - A decision ref: 12 Approved\n\n{label} {value}\n",
        "Decisions published\nBudget {value} ref: 1217/11/2022{value}\n",
        "Issue - meetings\n\nAn issue\n\nMeeting: 17/11/2022 - Cabinet (Item 4)\n\n"
        "4 An item\n\nMinutes:\n\nSee {value}.\n",
        "<html><body><h1>Decision details</h1><h2>A decision</h2>"
        "<p>{label} {value}</p></body></html>",
    ]
)
THE_TEMPLATES_OWN_DATE = date(2022, 11, 17)


def dates_read(parsed) -> set[date]:
    found = set()
    for record in parsed.records:
        for field in fields(record):
            value = getattr(record, field.name)
            if isinstance(value, date):
                found.add(value)
        meetings = [*record.meetings, record.decided_at_meeting]
        found.update(meeting.date for meeting in meetings if meeting is not None and meeting.date)
    return found


@PROPERTY
@given(st.text())
def test_the_parser_never_raises_on_any_text(text):
    parsed = read_page(text)

    assert isinstance(parsed.records, list)


@PROPERTY
@given(PAGE_LIKE)
def test_the_parser_never_raises_on_page_like_text(text):
    parsed = read_page(text)

    assert parsed.format in {
        "moderngov-decision",
        "moderngov-list",
        "moderngov-officer-list",
        "moderngov-issue",
        "cmis-decision",
        "written-statement",
        "unknown",
    }


@PROPERTY
@given(PAGE_LIKE.map(lambda text: f"<html><body>{text}</body></html>"))
def test_the_parser_never_raises_on_html_like_pages(markup):
    assert isinstance(read_page(markup).records, list)


@PROPERTY
@given(st.binary(max_size=300))
def test_parse_page_never_raises_on_any_bytes(saved):
    assert isinstance(parse_page(saved).records, list)


@PROPERTY
@given(NOT_DATES, st.text(max_size=20), st.text(max_size=20))
def test_a_financial_year_or_telephone_number_is_never_a_date(value, before, after):
    assert find_dates(f"{before} {value} {after}") == find_dates(f"{before} {after}")


@PROPERTY
@given(TEMPLATES, DATE_LABELS, NOT_DATES)
def test_no_page_reads_a_date_out_of_a_financial_year_or_telephone_number(template, label, value):
    parsed = read_page(template.format(label=label, value=value))

    assert dates_read(parsed) <= {THE_TEMPLATES_OWN_DATE}


@PROPERTY
@given(
    st.lists(
        st.one_of(
            YEARS.map(str),
            FINANCIAL_YEARS,
            st.sampled_from(["in", "the", "budget", "paragraph", "3.17", "(", ")", ",", ".", "\n"]),
        ),
        max_size=30,
    )
)
def test_a_year_is_never_a_sum_of_money(words):
    assert find_amounts(" ".join(words)) == []


@PROPERTY
@given(YEARS, FINANCIAL_YEARS, TELEPHONE_NUMBERS)
def test_no_page_reads_a_sum_out_of_a_year(year, financial_year, telephone):
    page = (
        f"Decision details\n\nThe {year} plan\n\nDecision:\n\n"
        f"1. To approve the plan for {financial_year}.\n\n"
        f"2. To review it in {year}, as paragraph {year % 100} says.\n\nContact: {telephone}\n"
    )

    assert read_page(page).records[0].amounts == []
