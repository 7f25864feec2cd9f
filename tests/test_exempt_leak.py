"""Exempt and confidential content never reaches anything public (Schedule 12A, LGA 1972).

Seed records are made exempt or confidential and their text is tagged with unique markers;
then every public output of the register (pages, search, error pages, CSV, feeds, PDFs and
the JSON API) is fetched and searched for the markers and for the records' own phrases.

The register is seen at noon on 13 November 2023, while the B&NES call-in window is open;
the two hidden Herefordshire decisions are given the same open window, so that the call-in
calendar and the home page's "open now" list would show them too if a filter let them in.
"""

import csv
import html
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from urllib.parse import unquote_plus, urlencode, urlsplit
from xml.etree import ElementTree

import pytest
import time_machine
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader

from commissioning.models import Contract, ContractExtension, FundingLine
from decisions.models import (
    AgendaItem,
    Authority,
    Body,
    Decision,
    Document,
    ForwardPlanEntry,
    Issue,
    Meeting,
)
from decisions.rules.call_in import LONDON
from tests import factories

MOMENT = datetime(2023, 11, 13, 12, 0, tzinfo=LONDON)
TODAY = MOMENT.date()

EXEMPT_TITLE = "Adult Social Care Next Stage Integration - Commissioning of Day Opportunities"
CONFIDENTIAL_TITLE = "Redesign and commissioning of home care services"
PUBLIC_TITLE = (
    "Community Services Transformation Programme - Preferred Delivery Options for 2024-25 "
    "and 2025-26"
)
EXEMPT_ITEM_TITLE = "Community Services Design - Update Position"
EXEMPT_DOCUMENT_URL = "https://example.org/exempt-marker.pdf"
HIDDEN_DECISION_PAPER_URL = "https://example.org/exempt-decision-paper.pdf"
PRIVATE_ENTRY_TITLE = "Review of respite care provision"

# What the hidden records say in their own words, searched for besides the markers.
DISTINCTIVE_PHRASES = [
    # The exempt Day Opportunities decision.
    "255 service users",
    "Day Opportunities",
    "Next Stage Integration",
    # The confidential home care decision, and the contract known only from it.
    "Help to Live at Home",
    "Redesign and commissioning of home care",
    # The minutes of the exempt agenda item 44.
    "Recently I had a member of staff",
    # Exempt documents and documents of hidden decisions.
    EXEMPT_DOCUMENT_URL,
    "exempt-marker.pdf",
    HIDDEN_DECISION_PAPER_URL,
]

# The marker searched for in the search box: the exempt decision's title marker.
SEARCHED_MARKER = "EXEMPT-MARKER-1-DECISION-TITLE"

API_RESOURCES = {
    "decisions": Decision,
    "contracts": Contract,
    "funding-lines": FundingLine,
    "meetings": Meeting,
    "issues": Issue,
}


# The register under test -----------------------------------------------------------------


@dataclass
class Register:
    exempt: Decision
    confidential: Decision
    public: Decision
    exempt_document: Document
    exempt_item: AgendaItem
    private_entry: ForwardPlanEntry
    non_public: list[Decision]
    forbidden: list[str]


def is_public_by_the_rules(decision: Decision, today: date = TODAY) -> bool:
    """The register's privacy rule, restated here so that the code under test is not its own
    judge: neither exempt nor confidential, and published (an imported record with only an
    official effective date counts as published)."""
    if decision.is_exempt or decision.is_confidential:
        return False
    if decision.publication_date is not None:
        return decision.publication_date <= today
    return decision.effective_from is not None


def tag(record: Model, number: int, *fields: str) -> set[str]:
    """Append a unique marker to each named text field of `record`, save it, return them."""
    markers = set()
    for field in fields:
        name = f"{record._meta.model_name}-{field}".upper().replace("_", "-")
        marker = f"EXEMPT-MARKER-{number}-{name}"
        setattr(record, field, f"{getattr(record, field)} {marker}".strip())
        markers.add(marker)
    record.save()
    return markers


def open_call_in_window(decision: Decision) -> None:
    """The B&NES window: published 10 November 2023, call-in until 17 November."""
    decision.date_of_decision = date(2023, 11, 9)
    decision.publication_date = date(2023, 11, 10)
    decision.call_in_deadline = date(2023, 11, 17)
    decision.call_in_deadline_time = None
    decision.effective_from = date(2023, 11, 18)


def hide_exempt_decision(decision: Decision) -> set[str]:
    decision.is_exempt = True
    decision.exempt_paragraph = "3"
    open_call_in_window(decision)
    markers = tag(
        decision, 1, "title", "purpose", "reasons", "alternative_options", "key_decision_reason"
    )
    for recommendation in decision.recommendations.all():
        markers |= tag(recommendation, 1, "text")
    for option in decision.options.all():
        markers |= tag(option, 1, "title")
    for delegation in decision.delegations.all():
        markers |= tag(delegation, 1, "scope")
    for volume in decision.service_volumes.all():
        markers |= tag(volume, 1, "as_printed")
    line = FundingLine(
        decision=decision,
        description="Day Opportunities budget",
        amount=Decimal("760000.00"),
        amount_as_printed="circa £760,000 per year",
        kind=FundingLine.Kind.BUDGET,
        recurrence=FundingLine.Recurrence.PER_YEAR,
        financial_year="2014/15",
    )
    markers |= tag(line, 1, "description", "amount_as_printed")
    # Not itself marked exempt: tied only to an exempt decision, it must not be shown either.
    paper = Document(
        decision=decision,
        title="Day Opportunities specification",
        kind=Document.Kind.REPORT,
        url=HIDDEN_DECISION_PAPER_URL,
    )
    markers |= tag(paper, 1, "title")
    return markers


def hide_confidential_decision(decision: Decision) -> set[str]:
    decision.is_confidential = True
    open_call_in_window(decision)
    markers = tag(
        decision, 2, "title", "purpose", "reasons", "alternative_options", "key_decision_reason"
    )
    for recommendation in decision.recommendations.all():
        markers |= tag(recommendation, 2, "text")
    for option in decision.options.all():
        markers |= tag(option, 2, "title", "description")
    for delegation in decision.delegations.all():
        markers |= tag(delegation, 2, "scope", "limits")
    for line in decision.funding_lines.all():
        markers |= tag(line, 2, "description", "amount_as_printed")
    # "Help to Live at Home" is authorised by this decision alone.
    for contract in Contract.objects.filter(decisions=decision):
        assert list(contract.decisions.all()) == [decision]
        markers |= tag(contract, 2, "description")
    # The existing framework's extension was decided by it, though the framework is public.
    for extension in ContractExtension.objects.filter(decision=decision):
        markers |= tag(extension, 2, "conditions")
    return markers


def add_exempt_document(decision: Decision) -> tuple[Document, set[str]]:
    document = Document(
        decision=decision,
        title="Appendix B: bidders' prices",
        kind=Document.Kind.APPENDIX,
        url=EXEMPT_DOCUMENT_URL,
        size_as_printed="PDF 1 MB",
        is_exempt=True,
        exempt_paragraph="3",
    )
    return document, tag(document, 3, "title")


def hide_agenda_item(item: AgendaItem) -> set[str]:
    """The item's title stays on the public agenda; what was said and shown at it does not."""
    item.is_exempt = True
    item.exempt_paragraph = "1"
    markers = tag(item, 4, "summary", "minutes")
    # Decisions that cite one taken at the item must not point to it.
    markers.add(f"item {item.number}")
    for option in item.options.all():
        markers |= tag(option, 4, "description")
    return markers


def add_public_neighbours(herefordshire: Authority, cabinet: Body) -> None:
    """Two public Herefordshire decisions, so that the council's own listings are not empty."""
    for title in ("Library opening hours", "Highways maintenance plan"):
        factories.decision(
            authority=herefordshire,
            decision_maker=cabinet,
            title=title,
            date_of_decision=date(2023, 10, 31),
            publication_date=date(2023, 11, 1),
            effective_from=date(2023, 11, 9),
        )


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(MOMENT, tick=False):
        yield


@pytest.fixture
def register(frozen: None, seeded: None) -> Register:
    herefordshire = Authority.objects.get(slug="herefordshire")
    cabinet = Body.objects.get(authority=herefordshire, name="Cabinet")
    exempt = Decision.objects.get(title=EXEMPT_TITLE)
    confidential = Decision.objects.get(title=CONFIDENTIAL_TITLE)
    public = Decision.objects.get(title=PUBLIC_TITLE)
    item = AgendaItem.objects.get(meeting__authority__slug="bathnes", number="44")
    assert item.title == EXEMPT_ITEM_TITLE

    markers = hide_exempt_decision(exempt)
    markers |= hide_confidential_decision(confidential)
    exempt_document, document_markers = add_exempt_document(public)
    markers |= document_markers
    markers |= hide_agenda_item(item)
    add_public_neighbours(herefordshire, cabinet)
    # Public by law even though considered in private (reg 5, 2012 Regulations): not hidden.
    private_entry = ForwardPlanEntry.objects.create(
        authority=herefordshire,
        title=PRIVATE_ENTRY_TITLE,
        decision_maker=cabinet,
        intended_date=date(2023, 12, 7),
        first_published=date(2023, 11, 1),
        is_private=True,
        exempt_paragraph="3",
        private_reason="Information about the financial affairs of care providers.",
    )

    non_public = [
        decision
        for decision in Decision.objects.select_related("authority").order_by("pk")
        if not is_public_by_the_rules(decision)
    ]
    unpublished = Decision.objects.get(authority__slug="doncaster")
    assert {decision.pk for decision in non_public} == {exempt.pk, confidential.pk, unpublished.pk}
    hidden_addresses = [
        address
        for decision in non_public
        for address in (decision.get_absolute_url(), f"/api/decisions/{decision.pk}/")
    ]
    return Register(
        exempt=exempt,
        confidential=confidential,
        public=public,
        exempt_document=exempt_document,
        exempt_item=item,
        private_entry=private_entry,
        non_public=non_public,
        forbidden=sorted(markers) + DISTINCTIVE_PHRASES + hidden_addresses,
    )


# Reading what the register outputs -------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The text of every page, the document's metadata and the addresses it links to."""
    reader = PdfReader(BytesIO(content))
    parts = [str(value) for value in (reader.metadata or {}).values()]
    for page in reader.pages:
        parts.append(page.extract_text() or "")
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                parts.append(str(action["/URI"]))
    return "\n".join(parts)


def body_of(response: object) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def text_of(response: object) -> str:
    content = body_of(response)
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(content)
    text = content.decode("utf-8")
    if response.get("Content-Type", "").startswith("text/calendar"):
        text = re.sub(r"\r?\n[ \t]", "", text)  # unfold lines (RFC 5545 3.1)
    return text


def fetch(client: Client, url: str, *allowed: int) -> str:
    response = client.get(url)
    assert response.status_code in allowed, f"{url} answered {response.status_code}"
    return text_of(response)


def decision_addresses(decision: Decision) -> list[str]:
    """Every address a decision could be reached at."""
    by_number = reverse("decision-detail", args=[decision.authority.slug, f"id-{decision.pk}"])
    return list(
        dict.fromkeys(
            [
                decision.get_absolute_url(),
                decision.get_record_pdf_url(),
                by_number,
                f"{by_number}record.pdf",
            ]
        )
    )


def api_links(value: object) -> Iterator[str]:
    """Every address into the API named anywhere in a JSON document."""
    if isinstance(value, dict):
        for item in value.values():
            yield from api_links(item)
    elif isinstance(value, list):
        for item in value:
            yield from api_links(item)
    elif isinstance(value, str):
        parts = urlsplit(value)
        if parts.netloc == "testserver" and parts.path.startswith("/api/"):
            yield f"{parts.path}?{parts.query}" if parts.query else parts.path


def api_outputs(client: Client) -> Iterator[tuple[str, str]]:
    root = fetch(client, "/api/", 200)
    yield "/api/", root
    for url in ("/api/?format=api", "/api/docs/"):
        yield url, fetch(client, url, 200)
    queue = []
    for name, link in json.loads(root).items():
        path = next(api_links(link))
        if name not in ("schema", "docs"):
            queue.append(f"{path}?page_size=200")
            yield f"{path}?format=api", fetch(client, f"{path}?format=api", 200)
    marker_query = urlencode({"q": SEARCHED_MARKER})
    queue += [
        f"/api/decisions/?{marker_query}",
        "/api/decisions/?authority=herefordshire",
        "/api/decisions/?call_in_status=open",
        "/api/contracts/?authority=herefordshire",
        "/api/funding-lines/?authority=herefordshire",
    ]
    seen = set(queue)
    while queue:
        url = queue.pop(0)
        text = fetch(client, url, 200)
        yield url, text
        for link in api_links(json.loads(text)):
            if link not in seen and not link.startswith("/api/schema/"):
                seen.add(link)
                queue.append(link)
    # Every record by its number, listed or not.
    for resource, model in API_RESOURCES.items():
        for pk in model.objects.order_by("pk").values_list("pk", flat=True):
            url = f"/api/{resource}/{pk}/"
            if url not in seen:
                yield url, fetch(client, url, 200, 404)
    # The schema and its examples, in YAML and JSON, and the documentation page reading it.
    yield "/api/schema/", fetch(client, "/api/schema/", 200)
    yield "/api/schema/?format=json", fetch(client, "/api/schema/?format=json", 200)


def public_outputs(client: Client) -> Iterator[tuple[str, str]]:
    """(address, text) for every public output of the register."""
    marker_query = urlencode({"q": SEARCHED_MARKER})
    pages = [
        reverse("home"),
        reverse("decision-list"),
        f"{reverse('decision-list')}?{marker_query}",
        f"{reverse('decision-list')}?q=Day+Opportunities",
        f"{reverse('decision-list')}?q=Help+to+Live+at+Home",
        f"{reverse('decision-list')}?authority=herefordshire",
        f"{reverse('decision-list')}?call_in_status=open",
        reverse("forward-plan"),
        f"{reverse('forward-plan')}?authority=herefordshire",
        reverse("forward-plan-pdf"),
        f"{reverse('forward-plan-pdf')}?authority=herefordshire",
        reverse("contract-list"),
        f"{reverse('contract-list')}?authority=herefordshire",
        reverse("decision-csv"),
        f"{reverse('decision-csv')}?{marker_query}",
        f"{reverse('decision-csv')}?authority=herefordshire",
        f"{reverse('decision-csv')}?call_in_status=open",
        reverse("feed-decisions"),
        f"{reverse('feed-decisions')}?authority=herefordshire",
        reverse("feed-call-in"),
        f"{reverse('feed-call-in')}?authority=herefordshire",
    ]
    for url in pages:
        yield url, fetch(client, url, 200)
    for contract in Contract.objects.order_by("pk"):
        url = reverse("contract-detail", args=[contract.pk])
        yield url, fetch(client, url, 200, 404)
    for issue in Issue.objects.order_by("pk"):
        url = reverse("issue-detail", args=[issue.pk])
        yield url, fetch(client, url, 200, 404)
    for decision in Decision.objects.select_related("authority").order_by("pk"):
        expected = 200 if is_public_by_the_rules(decision) else 404
        for url in decision_addresses(decision):
            yield url, fetch(client, url, expected)
    # A bad date answers 400; the page may repeat the words the user typed, nothing more.
    url = f"{reverse('decision-list')}?decided_from=bad&{marker_query}"
    yield url, fetch(client, url, 400)
    yield from error_outputs(client)
    yield from api_outputs(client)


def error_outputs(client: Client) -> Iterator[tuple[str, str]]:
    """The error pages (each of its status) and the health check."""
    yield "/healthz", fetch(client, "/healthz", 200)
    # Under the hidden decisions' council: its name is in the header, nothing of its records.
    url = "/decisions/herefordshire/no/such/page/"
    yield url, fetch(client, url, 404)
    for decision in Decision.objects.select_related("authority").order_by("pk"):
        response = client.post(decision.get_absolute_url())
        assert response.status_code == 405
        yield f"POST {decision.get_absolute_url()}", text_of(response)
    yield "POST /", text_of(client.post(reverse("home")))
    response = Client(enforce_csrf_checks=True).post(reverse("login"))
    assert response.status_code == 403
    yield "POST /accounts/login/ without its token", text_of(response)
    response = client.get("/", headers={"host": "not-the-register.example"})
    assert response.status_code == 400
    yield "/ with a bad Host", text_of(response)
    with override_settings(ROOT_URLCONF="tests.error_urls"):
        failing = Client(raise_request_exception=False)
        for url, status in {"/forbidden/": 403, "/broken/": 500, "/database-gone/": 503}.items():
            yield url, fetch(failing, url, status)


def normalised(text: str) -> str:
    return unicodedata.normalize("NFKC", html.unescape(text)).casefold()


def leaks_in(url: str, text: str, forbidden: list[str]) -> list[str]:
    """The forbidden strings found in `text`, but for those the requester typed in `url`.

    A page may repeat what was asked of it (the search box, an error page, a 404 naming its
    address): a string in the request's own address is not counted for that request, while
    the record's other strings still are. PDF text extraction may break a line anywhere, so
    each string is also looked for with all white space removed.
    """
    typed = normalised(unquote_plus(url))
    seen = normalised(text)
    squashed = re.sub(r"\s+", "", seen)
    found = []
    for string in forbidden:
        wanted = normalised(string)
        if wanted in typed:
            continue
        if wanted in seen or re.sub(r"\s+", "", wanted) in squashed:
            found.append(string)
    return found


# The guarantee -----------------------------------------------------------------------------


def test_no_public_output_shows_exempt_or_confidential_content(client, register):
    leaks = {}
    for url, text in public_outputs(client):
        if found := leaks_in(url, text, register.forbidden):
            leaks[url] = found

    assert leaks == {}, "\n".join(f"{url} shows {', '.join(found)}" for url, found in leaks.items())


def schema_examples(value: object) -> Iterator[object]:
    """Every example given anywhere in an OpenAPI document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("example", "examples"):
                yield item
            else:
                yield from schema_examples(item)
    elif isinstance(value, list):
        for item in value:
            yield from schema_examples(item)


def test_openapi_schema_examples_show_no_exempt_content(client, register):
    schema = json.loads(fetch(client, "/api/schema/?format=json", 200))
    examples = list(schema_examples(schema))

    assert examples, "the schema gives examples to search"
    assert leaks_in("/api/schema/", json.dumps(examples), register.forbidden) == []


def test_leak_search_reads_the_text_of_a_pdf_record(client, register):
    text = fetch(client, register.public.get_record_pdf_url(), 200)

    assert leaks_in("/", text, [PUBLIC_TITLE, "£18,116,521"]) == [PUBLIC_TITLE, "£18,116,521"]


def test_non_public_decisions_answer_404_at_every_address(client, register):
    answers = {
        url: client.get(url).status_code
        for decision in register.non_public
        for url in [
            *decision_addresses(decision),
            f"/decisions/bathnes/id-{decision.pk}/",
            f"/api/decisions/{decision.pk}/",
        ]
    }

    assert set(answers.values()) == {404}, answers


def test_exempt_document_is_linked_from_no_address_of_the_register(client, register):
    linking = [
        url
        for url, text in public_outputs(client)
        if leaks_in(url, text, [register.exempt_document.url, register.exempt_document.title])
    ]

    assert linking == []


def test_forward_plan_entry_considered_in_private_is_still_listed(client, register):
    page = fetch(client, reverse("forward-plan"), 200)
    record = fetch(client, reverse("forward-plan-pdf"), 200)

    assert leaks_in("/", page, [PRIVATE_ENTRY_TITLE]) == [PRIVATE_ENTRY_TITLE]
    assert leaks_in("/", record, [PRIVATE_ENTRY_TITLE]) == [PRIVATE_ENTRY_TITLE]


# Listings count exactly the public decisions -------------------------------------------------


def paths(addresses: list[str]) -> list[str]:
    return sorted(urlsplit(address).path for address in addresses)


def api_listing(client: Client, query: str) -> list[str]:
    page = json.loads(fetch(client, f"/api/decisions/?page_size=200&{query}", 200))
    assert page["count"] == len(page["results"])
    return paths([result["url"] for result in page["results"]])


def csv_listing(client: Client, query: str) -> list[str]:
    text = fetch(client, f"{reverse('decision-csv')}?{query}", 200)
    rows = list(csv.DictReader(text.splitlines()))
    return paths([row["url"] for row in rows])


def atom_listing(client: Client, query: str) -> list[str]:
    feed = ElementTree.fromstring(fetch(client, f"{reverse('feed-decisions')}?{query}", 200))
    atom = "{http://www.w3.org/2005/Atom}"
    return paths([entry.find(f"{atom}link").get("href") for entry in feed.iter(f"{atom}entry")])


def calendar_listing(client: Client, query: str) -> list[str]:
    calendar = Calendar.from_ical(fetch(client, f"{reverse('feed-call-in')}?{query}", 200))
    return paths([str(event["URL"]) for event in calendar.walk("VEVENT")])


@pytest.mark.parametrize(
    ("listing", "only_open_windows"),
    [
        (api_listing, False),
        (csv_listing, False),
        (atom_listing, False),
        (calendar_listing, True),
    ],
    ids=["api", "csv", "atom", "call-in-calendar"],
)
@pytest.mark.parametrize("query", ["", "authority=herefordshire"], ids=["all", "herefordshire"])
def test_listing_holds_exactly_the_public_decisions(
    client, register, listing, only_open_windows, query
):
    hidden = {decision.pk for decision in register.non_public}
    expected = Decision.objects.exclude(pk__in=hidden).select_related("authority")
    if query:
        expected = expected.filter(authority__slug="herefordshire")
    if only_open_windows:
        expected = expected.filter(call_in_deadline__gte=TODAY)
    assert Decision.objects.count() - len(hidden) == 3

    assert listing(client, query) == paths([decision.get_absolute_url() for decision in expected])
