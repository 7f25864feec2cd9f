"""The public register's pages: what they show, how they answer bad input, what they cost."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from model_bakery import baker

from commissioning.models import Contract, FundingLine
from decisions.models import Decision, ForwardPlanEntry, Recommendation
from decisions.rules.call_in import LONDON
from tests import factories

pytestmark = pytest.mark.django_db

BNES_TITLE = "Community Services Transformation Programme - Preferred Delivery Options"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=LONDON)


@pytest.fixture
def bnes(seeded) -> Decision:
    return Decision.objects.get(title__startswith=BNES_TITLE)


def many_public_decisions(count: int, **fields: object) -> list[Decision]:
    council = factories.authority(slug=f"council-{Decision.objects.count()}")
    made = []
    for number in range(count):
        decision = factories.decision(
            authority=council,
            reference=f"X{number}-{Decision.objects.count()}",
            publication_date=date(2023, 11, 10),
            effective_from=date(2023, 11, 18),
            **fields,
        )
        baker.make(Recommendation, decision=decision, label="1", kind="approve", text="Agree")
        FundingLine.objects.create(
            decision=decision, amount=Decimal("1000.00"), amount_as_printed="£1,000", kind="spend"
        )
        made.append(decision)
    return made


# Pages load, and show what they promise --------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["home", "decision-list", "forward-plan", "contract-list", "decision-csv"]
)
def test_register_pages_load(client, seeded, name):
    assert client.get(reverse(name)).status_code == 200


def test_decision_page_shows_the_record_and_its_call_in_panel(client, bnes):
    response = client.get(bnes.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        BNES_TITLE,
        "Cabinet",
        "18 November 2023",
        "10 November 2023",
        "Transfer of Adult Social Care services",
        "To note the update on progress",
        "£18,116,521",
        "2024/25",
        "Director of Adult Social Services",
        "E3393",
        "Claire Thorogood",
        "The call-in period closed at the end of 17 November 2023.",
        "Record of decision (PDF)",
        "History of this record",
    ):
        assert text in content, text


def test_decision_page_links_to_the_issue_history_and_the_2022_cabinet_meeting(client, bnes):
    content = client.get(bnes.get_absolute_url()).content.decode()
    issue_url = reverse("issue-detail", args=[bnes.issue_id])
    assert issue_url in content
    issue_page = client.get(issue_url).content.decode()
    assert "10 November 2022" in issue_page
    assert "Community Services Design - Update Position" in issue_page
    assert "Introduced by Councillor Alison Born" in issue_page
    assert bnes.get_absolute_url() in issue_page


def test_open_decision_shows_its_deadline_and_time_left(client, bnes):
    with time_machine.travel(datetime(2023, 11, 14, 12, tzinfo=LONDON), tick=False):
        content = client.get(bnes.get_absolute_url()).content.decode()
    assert "Open for call-in" in content
    assert "until 17 November 2023 (3 days left)" in content


def test_unknown_reference_is_404(client, seeded):
    assert client.get("/decisions/bathnes/E9999/").status_code == 404
    assert client.get("/decisions/nowhere/E3393/").status_code == 404


def test_exempt_decision_is_404_not_403(client, bnes):
    bnes.is_exempt, bnes.exempt_paragraph = True, "3"
    bnes.save()
    assert client.get(f"/decisions/bathnes/id-{bnes.pk}/").status_code == 404


def test_register_id_of_a_referenced_decision_redirects_to_its_reference(client, bnes):
    bnes.reference = "E3500"
    bnes.save()
    response = client.get(f"/decisions/bathnes/id-{bnes.pk}/")
    assert response.status_code == 301
    assert response["Location"] == "/decisions/bathnes/E3500/"


def test_repeat_request_for_an_unchanged_decision_is_not_modified(client, bnes):
    first = client.get(bnes.get_absolute_url())
    assert first["ETag"]
    assert first["Last-Modified"]
    again = client.get(bnes.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(bnes.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_changing_a_recommendation_changes_the_decision_page_etag(client, bnes):
    first = client.get(bnes.get_absolute_url())
    recommendation = bnes.recommendations.first()
    recommendation.text += " (corrected)"
    recommendation.save()
    again = client.get(bnes.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


# Search and filters --------------------------------------------------------------------------


def test_search_for_better_care_fund_finds_the_bnes_decision(client, bnes):
    response = client.get(reverse("decision-list"), {"q": "Better Care Fund"})
    results = list(response.context["page_obj"].object_list)
    assert results == [bnes]


def test_search_matches_recommendation_text(client, bnes):
    response = client.get(reverse("decision-list"), {"q": "Community Wellbeing Hub"})
    assert bnes in response.context["page_obj"].object_list


def test_search_matching_nothing_says_so(client, seeded):
    response = client.get(reverse("decision-list"), {"q": "zeppelin aerodrome"})
    assert response.context["page_obj"].paginator.count == 0
    assert "No decisions match" in response.content.decode()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"authority": "herefordshire"}, 2),
        ({"authority": "bathnes", "key_decision": "yes"}, 1),
        ({"decided_from": "2016-01-01", "decided_to": "2016-12-31"}, 1),
        ({"published_from": "2023-11-01"}, 1),
        ({"funding_over": "10000000"}, 1),
        ({"funding_over": "20000000"}, 0),
        ({"call_in_status": "effective"}, 3),
    ],
)
def test_filters_narrow_the_register(client, seeded, filters, expected):
    response = client.get(reverse("decision-list"), filters)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == expected


def test_bad_filter_value_is_400_naming_the_field_and_keeping_what_was_typed(client, seeded):
    response = client.get(
        reverse("decision-list"), {"decided_from": "31/02/2023", "q": "care", "funding_over": "x"}
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in content
    assert "Decided on or after: Enter a real date, like 27 3 2007." in content
    assert "Has funding of at least (£): Enter a number." in content
    assert 'value="care"' in content
    assert 'value="31/02/2023"' in content


def test_unknown_council_in_filter_is_400(client, seeded):
    response = client.get(reverse("decision-list"), {"authority": "atlantis"})
    assert response.status_code == 400
    assert "Council: Select a valid choice." in response.content.decode()


def test_page_past_the_end_is_404(client, seeded):
    assert client.get(reverse("decision-list"), {"page": "99"}).status_code == 404
    assert client.get(reverse("decision-list"), {"page": "two"}).status_code == 404


def test_register_says_more_than_the_cap_instead_of_counting_everything(
    client, seeded, monkeypatch
):
    from decisions.register.pagination import RegisterPaginator

    many_public_decisions(3)
    monkeypatch.setattr(RegisterPaginator, "count_cap", 4)
    content = client.get(reverse("decision-list")).content.decode()
    assert "More than 4 decisions" in content


# CSV ------------------------------------------------------------------------------------------


def test_csv_download_has_the_filtered_results(client, bnes):
    response = client.get(reverse("decision-csv"), {"q": "Better Care Fund"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(rows) == 1
    assert rows[0]["title"].startswith(BNES_TITLE)
    assert rows[0]["funding_total"] == "18116521.00"
    assert rows[0]["effective_from"] == "2023-11-18"
    assert rows[0]["call_in_status"] == "effective"


def test_csv_neutralises_spreadsheet_formulas(client, bnes):
    bnes.title = "=HYPERLINK(1)"
    bnes.save()
    response = client.get(reverse("decision-csv"), {"authority": "bathnes"})
    assert "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode()


def test_csv_with_a_bad_filter_is_400_with_a_message(client, seeded):
    response = client.get(reverse("decision-csv"), {"decided_to": "soon"})
    assert response.status_code == 400
    assert "decided_to: Enter a real date" in response.content.decode()


# Forward plan and contracts -------------------------------------------------------------------


def forward_plan_entry(**fields: object) -> ForwardPlanEntry:
    council = fields.pop("authority", None) or factories.authority()
    fields.setdefault("decision_maker", baker.make("decisions.Body", authority=council))
    return ForwardPlanEntry.objects.create(authority=council, **fields)


@time_machine.travel(NOW, tick=False)
def test_forward_plan_shows_notice_and_private_parts(client, db):
    forward_plan_entry(
        title="Waste collection contract award",
        intended_date=date(2027, 1, 20),
        first_published=date(2026, 11, 20),
        is_private=True,
        exempt_paragraph="3",
    )
    forward_plan_entry(
        title="Not yet on the plan", intended_date=date(2027, 2, 1), first_published=None
    )
    content = client.get(reverse("forward-plan")).content.decode()
    assert "Waste collection contract award" in content
    assert "28 clear days' notice given (60 clear days)" in content
    assert "3 – Financial or business affairs" in content
    assert "20 November 2026" in content
    assert "Not yet on the plan" not in content


@time_machine.travel(NOW, tick=False)
def test_forward_plan_records_special_urgency(client, db):
    forward_plan_entry(
        title="Emergency accommodation",
        intended_date=date(2026, 11, 30),
        first_published=date(2026, 11, 24),
        notice=ForwardPlanEntry.Notice.SPECIAL_URGENCY,
        chair_agreed_on=date(2026, 11, 23),
        chair_agreement="Cllr Smith, chair of scrutiny, agreed: the contract lapses on 1 December.",
    )
    content = client.get(reverse("forward-plan")).content.decode()
    assert "Special urgency (regulation 11)" in content
    assert "23 November 2026" in content


def test_forward_plan_for_an_unknown_council_is_400(client, db):
    response = client.get(reverse("forward-plan"), {"authority": "atlantis"})
    assert response.status_code == 400
    assert "no council in the register has the slug “atlantis”" in response.content.decode()


def test_contract_page_shows_extensions_and_only_public_decisions(client, bnes):
    contract = Contract.objects.get(title__startswith="Interim contract arrangement")
    content = client.get(reverse("contract-detail", args=[contract.pk])).content.decode()
    assert "31 March 2025" in content
    assert bnes.title in content
    assert "£18,116,521" in content
    bnes.is_confidential = True
    bnes.save()
    content = client.get(reverse("contract-detail", args=[contract.pk])).content.decode()
    assert bnes.title not in content
    assert "£18,116,521" not in content


def test_hcrg_contract_shows_the_extension_not_exercised(client, seeded):
    contract = Contract.objects.get(suppliers__name="HCRG Care Group")
    content = client.get(reverse("contract-detail", args=[contract.pk])).content.decode()
    assert "36 months" in content
    assert "Not exercised" in content
    assert "26 May 2022" in content


def test_unknown_contract_is_404(client, db):
    assert client.get(reverse("contract-detail", args=[999999])).status_code == 404


# Queries do not grow with the register ------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/decisions/",
        "/decisions/?q=Agree",
        "/decisions/?key_decision=no&funding_over=10",
        "/decisions/?call_in_status=effective",
        "/forward-plan/",
        "/contracts/",
    ],
)
def test_page_queries_do_not_grow_with_the_register(
    client, seeded, django_assert_max_num_queries, url
):
    many_public_decisions(3)
    # The call-in filter asks which decisions its requests may move, and their statuses.
    budget = 16 if "call_in_status" in url else 14
    with django_assert_max_num_queries(budget) as few:
        client.get(url)
    many_public_decisions(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_decision_page_queries_do_not_grow_with_its_parts(
    client, bnes, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40) as few:
        client.get(bnes.get_absolute_url())
    for number in range(10):
        baker.make(Recommendation, decision=bnes, label=f"x{number}", kind="note", text="More")
        FundingLine.objects.create(
            decision=bnes, amount=Decimal("5.00"), amount_as_printed="£5", kind="spend"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(bnes.get_absolute_url())


def test_unpublished_decision_is_not_in_the_register(client, seeded):
    decision = factories.decision(
        title="Library opening hours", publication_date=date.today() + timedelta(days=2)
    )
    response = client.get(reverse("decision-list"), {"q": "Library opening hours"})
    assert decision not in response.context["page_obj"].object_list
    assert client.get(decision.get_absolute_url()).status_code == 404


def test_contract_known_only_through_a_confidential_decision_is_not_public(client, seeded):
    contract = Contract.objects.get(title="Help to Live at Home")
    decision = contract.decisions.get()
    assert client.get(reverse("contract-detail", args=[contract.pk])).status_code == 200
    decision.is_confidential = True
    decision.save()
    assert client.get(reverse("contract-detail", args=[contract.pk])).status_code == 404
    assert "Help to Live at Home" not in client.get(reverse("contract-list")).content.decode()


def test_contract_no_decision_authorised_is_public(client, seeded):
    contract = Contract.objects.get(suppliers__name="HCRG Care Group")
    assert not contract.decisions.exists()
    assert Contract.objects.public().filter(pk=contract.pk).exists()


def test_contract_known_only_through_an_unpublished_report_is_not_public(client, seeded):
    contract = Contract.objects.get(title="Historic specialist framework arrangement")
    assert not contract.decisions.exists()
    assert contract.funding_lines.get().decision.call_in_status() == "awaiting_publication"
    assert client.get(reverse("contract-detail", args=[contract.pk])).status_code == 404
    assert contract.title not in client.get(reverse("contract-list")).content.decode()


def test_dates_can_be_typed_the_british_way(client, seeded):
    response = client.get(
        reverse("decision-list"), {"decided_from": "1/1/2016", "decided_to": "31/12/2016"}
    )
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 1
