"""Defects 1 to 9 of the new user's trial (issue 10, section 4), each pinned by its test."""

import io
from datetime import date, datetime, time

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import CheckConstraint, UniqueConstraint
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from model_bakery import baker
from pypdf import PdfReader

from decisions.call_in import services
from decisions.groups import DEMOCRATIC_SERVICES, REPORT_AUTHORS
from decisions.models import (
    Authority,
    CallIn,
    Decision,
    DeclaredInterest,
    DraftFundingLine,
    DraftSection,
    ForwardPlanEntry,
    Notification,
    Person,
    Report,
)
from decisions.reports.forms.drafting import FundingLineForm
from decisions.reports.services import deciding, drafting
from decisions.rules import call_in as call_in_rules
from decisions.rules.call_in import LONDON, CallInStatus
from decisions.rules.notice import notice_words
from tests import factories

pytestmark = pytest.mark.django_db

# Tuesday 1 December 2026, midday: published today, the call-in window runs to the end of
# Tuesday 8 December (5 clear working days), and the decision takes effect on the 9th.
TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 12, tzinfo=LONDON)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def published_today(**fields: object) -> Decision:
    fields.setdefault("publication_date", TODAY)
    fields.setdefault("date_of_decision", date(2026, 11, 30))
    fields.setdefault("call_in_deadline", date(2026, 12, 8))
    fields.setdefault("effective_from", date(2026, 12, 9))
    return factories.decision(**fields)


def call_in_of(decision: Decision) -> CallIn:
    """A valid call-in by one councillor (the rule needs one), received at NOW."""
    return services.call_in_request(
        decision=decision,
        member=factories.councillor(decision.authority, f"Lead {decision.pk}", email=""),
        reasons="The consultation was not adequate.",
        at=NOW,
    )


@pytest.fixture
def clerk_client(client, django_user_model) -> object:
    client.force_login(factories.officer(django_user_model, "clerk", DEMOCRATIC_SERVICES))
    return client


def outcome_form(day: date, **fields: str) -> dict[str, str]:
    return {
        "action": "outcome",
        "outcome": "no_further_action",
        "outcome_date_day": str(day.day),
        "outcome_date_month": str(day.month),
        "outcome_date_year": str(day.year),
        "scrutiny_meeting": "",
        **fields,
    }


def page(client, decision: Decision) -> str:
    return client.get(decision.get_absolute_url()).content.decode()


def record_pdf(client, decision: Decision) -> str:
    return pdf_text(client.get(decision.get_record_pdf_url()).content)


# 1. Call-in outcomes in the future; one derivation of the status and its sentences ---------


@time_machine.travel(NOW, tick=False)
def test_an_outcome_dated_after_today_is_refused_on_its_field(clerk_client):
    request = call_in_of(published_today())
    response = clerk_client.post(
        reverse("officers:call-in-detail", args=[request.pk]), outcome_form(date(2026, 12, 4))
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_outcome_date">Outcome date: Outcome date must be today or in the past' in (
        content
    )
    assert 'name="outcome_date_day" type="text" inputmode="numeric" value="4"' in content
    assert CallIn.objects.get(pk=request.pk).outcome == ""


@time_machine.travel(NOW, tick=False)
def test_a_final_outcome_dated_after_today_is_refused_on_its_field(django_user_model):
    request = call_in_of(published_today())
    clerk = factories.officer(django_user_model, "clerk", DEMOCRATIC_SERVICES)
    services.call_in_record_outcome(call_in=request, outcome="referred_back", on=TODAY, by=clerk)
    with pytest.raises(ValidationError) as refused:
        services.call_in_record_final_outcome(
            call_in=request, final_outcome="confirmed", on=date(2026, 12, 2), by=clerk
        )
    assert refused.value.message_dict == {
        "final_outcome_date": ["Final outcome date must be today or in the past"]
    }


@time_machine.travel(NOW, tick=False)
def test_a_call_in_decided_today_makes_the_decision_effective_not_open(client, clerk_client):
    decision = published_today()
    request = call_in_of(decision)
    response = clerk_client.post(
        reverse("officers:call-in-detail", args=[request.pk]), outcome_form(TODAY)
    )
    assert response.status_code == 302
    content = page(client, decision)
    assert "Open for call-in" not in content
    assert "closed at the end of 8 December 2026" not in content
    assert "This decision was called in for scrutiny on 1 December 2026." in content
    assert "On 1 December 2026, scrutiny decided: no further action." in content
    assert "The decision took effect on 1 December 2026." in content


@time_machine.travel(NOW, tick=False)
def test_an_outcome_stored_with_a_later_date_never_reopens_the_window(client):
    """As in the trial: "Open for call-in … until 8 December" beside "Effective from 4
    December". An outcome recorded before the fix keeps its date; the page agrees with it."""
    decision = published_today()
    request = call_in_of(decision)
    CallIn.objects.filter(pk=request.pk).update(
        outcome="no_further_action", outcome_date=date(2026, 12, 4)
    )
    content = page(client, decision)
    assert Decision.objects.get(pk=decision.pk).call_in_status(NOW) == CallInStatus.CLOSED
    assert "Open for call-in" not in content
    assert "Councillors can ask for this decision to be called in" not in content
    assert "The decision takes effect on 4 December 2026." in content


def test_a_decision_effective_before_its_deadline_does_not_say_the_window_closed():
    """The sidebar said "the call-in period closed at the end of 8 December 2026" on the 4th."""
    account = call_in_rules.call_in_account(
        subject_to_call_in=True,
        published=TODAY,
        deadline=date(2026, 12, 8),
        effective=date(2026, 12, 4),
        call_in=None,
        called_in=False,
        at=datetime(2026, 12, 4, 9, tzinfo=LONDON),
    )
    assert account.status == CallInStatus.EFFECTIVE
    assert account.sentences == ("The decision took effect on 4 December 2026.",)


@time_machine.travel(NOW, tick=False)
def test_the_record_pdf_says_when_it_was_called_in_and_what_scrutiny_decided(
    client, django_user_model
):
    decision = published_today()
    request = call_in_of(decision)
    clerk = factories.officer(django_user_model, "clerk", DEMOCRATIC_SERVICES)
    services.call_in_record_outcome(call_in=request, outcome="referred_back", on=TODAY, by=clerk)
    text = record_pdf(client, decision)
    assert "This decision was called in for scrutiny on 1 December 2026." in text
    assert "On 1 December 2026, scrutiny decided: referred back to the decision maker." in text
    assert "It does not take effect until it has been reconsidered." in text


@time_machine.travel(NOW, tick=False)
def test_the_page_and_the_pdf_print_the_same_call_in_sentences(client):
    decision = published_today()
    call_in_of(decision)
    account = Decision.objects.get(pk=decision.pk).call_in_account(NOW)
    content, text = page(client, decision), record_pdf(client, decision)
    assert account.sentences
    for sentence in account.sentences:
        assert sentence in content
        assert sentence in text


# 2. Every constraint has a human message, on the right field, before the database --------


def all_constraints() -> list[tuple[type, object]]:
    return [
        (model, constraint)
        for config in (apps.get_app_config("decisions"), apps.get_app_config("commissioning"))
        for model in config.get_models()
        for constraint in model._meta.constraints
    ]


def test_every_model_constraint_has_a_message_of_its_own():
    found = all_constraints()
    assert len(found) > 50
    for model, constraint in found:
        assert isinstance(constraint, CheckConstraint | UniqueConstraint)
        message = constraint.get_violation_error_message()
        assert "is violated" not in message, (model.__name__, constraint.name)
        assert constraint.violation_error_message != constraint.default_violation_error_message


def test_every_constraint_message_is_put_on_a_field_of_its_model():
    for model, constraint in all_constraints():
        field = getattr(constraint, "field", None)
        if field is not None:
            assert model._meta.get_field(field), (model.__name__, constraint.name)


@pytest.fixture
def report(seeded, django_user_model) -> Report:
    author = factories.officer(django_user_model, "teresa", REPORT_AUTHORS)
    Person.objects.filter(name="Teresa Bainbridge").update(user=author)
    return drafting.report_start(
        authority=Authority.objects.get(slug="doncaster"),
        title="Commissioning specialist home and community support",
        by=author,
        at=timezone.now(),
    )


def funding_form(report: Report, **fields: str) -> FundingLineForm:
    data = {"amount": "765000", "kind": "spend", "precision": "exact", "recurrence": "one_off"}
    data.update(fields)
    return FundingLineForm(data, report=report)


def test_a_negative_spend_is_refused_on_the_amount_in_words(report):
    form = funding_form(report, amount="-500")
    assert not form.is_valid()
    assert form.errors["amount"] == ["The amount must be £0 or more, unless the line is a saving."]
    assert "__all__" not in form.errors


def test_a_period_ending_before_it_starts_is_refused_on_the_end_in_words(report):
    form = funding_form(
        report,
        period_start_day="6",
        period_start_month="11",
        period_start_year="2016",
        period_end_day="12",
        period_end_month="10",
        period_end_year="2015",
    )
    assert not form.is_valid()
    assert form.errors["period_end"] == ["The end of the period must not be before its start."]
    assert "__all__" not in form.errors


def test_the_refusal_reaches_the_error_summary_without_the_constraint_name(client, report):
    client.force_login(report.created_by)
    response = client.post(
        reverse("officers:report-row-add", args=[report.pk, "funding"]),
        {"amount": "-500", "kind": "spend", "precision": "exact", "recurrence": "one_off"},
    )
    html = response.content.decode()
    assert "draft_funding_amount_not_negative" not in html
    assert (
        'href="#id_amount">Amount (£): The amount must be £0 or more, unless the line is a saving.'
    ) in html
    assert not DraftFundingLine.objects.exists()


def test_a_saving_may_be_negative(report):
    assert funding_form(report, amount="-500", kind="saving").is_valid()


# 3. Special urgency and general exception on the published decision ----------------------


@time_machine.travel(NOW, tick=False)
def test_a_general_exception_decision_says_so_on_its_page_and_pdf(client):
    decision = published_today(
        urgency=Decision.Urgency.GENERAL_EXCEPTION,
        urgency_note="Scrutiny chair given notice on 20/11/2026.",
    )
    content, text = page(client, decision), record_pdf(client, decision)
    assert "General exception (reg 10, 2012 Regulations)" in content
    assert "Scrutiny chair given notice on 20/11/2026." in content
    assert "Notice given General exception (reg 10, 2012 Regulations)" in text


@time_machine.travel(NOW, tick=False)
def test_the_forward_plan_notice_stays_on_the_page_once_decided(client):
    decision = published_today()
    baker.make(
        ForwardPlanEntry,
        authority=decision.authority,
        decision_maker=decision.decision_maker,
        title=decision.title,
        intended_date=date(2026, 11, 30),
        first_published=date(2026, 10, 1),
        notice=ForwardPlanEntry.Notice.FULL,
        decision=decision,
    )
    content = page(client, decision)
    assert "28 clear days&#x27; notice (reg 9), on the forward plan from 1 October 2026" in (
        content
    )


@time_machine.travel(NOW, tick=False)
def test_the_register_filters_decisions_taken_under_special_urgency(client):
    council = factories.authority(slug="urgent-council")
    urgent = published_today(
        authority=council,
        reference="U1",
        urgency=Decision.Urgency.SPECIAL_URGENCY,
        urgency_note="Chair agreed",
    )
    published_today(authority=council, reference="U2")
    response = client.get(reverse("decision-list"), {"urgency": "special_urgency"})
    assert response.status_code == 200
    listed = list(response.context["page_obj"].object_list)
    assert listed == [urgent]
    api = client.get("/api/decisions/", {"urgency": "special_urgency"}).json()
    assert [row["reference"] for row in api["results"]] == ["U1"]


# 4. Exempt parts of the report are said to be withheld, and why -------------------------


@time_machine.travel(NOW, tick=False)
def test_an_exempt_report_section_is_named_as_withheld_on_the_page(client, report):
    decision = published_today(authority=report.authority)
    Report.objects.filter(pk=report.pk).update(exempt_paragraph="3", decision=decision)
    DraftSection.objects.filter(report=report, kind="financial").update(
        is_exempt=True, text="The tender prices SECRET", html="<p>The tender prices SECRET</p>"
    )
    content = page(client, decision)
    assert (
        "Financial implications is exempt from publication under paragraph 3 of Schedule 12A "
        "to the Local Government Act 1972."
    ) in content
    assert "SECRET" not in content


# 7. Declared interests and dispensations on the page ------------------------------------


@time_machine.travel(NOW, tick=False)
def test_declared_interests_and_dispensations_are_on_the_page(client):
    decision = published_today()
    DeclaredInterest.objects.create(
        decision=decision,
        person=factories.councillor(decision.authority, "Jane Smith", email=""),
        interest="Her daughter works at the day centre.",
        dispensation="Granted by the head of paid service on 20 November 2026.",
    )
    content = page(client, decision)
    assert "Declared interests and dispensations" in content
    assert "Her daughter works at the day centre." in content
    assert "Granted by the head of paid service on 20 November 2026." in content


@time_machine.travel(NOW, tick=False)
def test_a_decision_without_interests_says_none_were_declared(client):
    content = page(client, published_today())
    assert "Declared interests and dispensations" in content
    assert "None declared." in content


# 8. No "Reference: None" ---------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_a_record_without_a_reference_prints_no_reference_row(client):
    text = record_pdf(client, published_today(reference=""))
    assert "None" not in text.split("Decision maker")[0]
    assert "Reference" not in text


@time_machine.travel(NOW, tick=False)
def test_a_record_with_a_reference_prints_it(client):
    assert "Reference E4001" in record_pdf(client, published_today(reference="E4001"))


# 9. Wording ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clear_days", "words"),
    [
        (28, "28 clear days' notice"),
        (1, "1 clear day's notice"),
        (0, "no clear days' notice"),
        (-1, "no clear days' notice: the intended date of decision is today"),
        (-5, "no notice: the intended date of decision has passed"),
    ],
)
def test_notice_is_never_a_negative_count_of_days(clear_days, words):
    assert notice_words(clear_days) == words


@pytest.mark.parametrize(
    ("confirmed", "required", "words"),
    [
        (2, 1, "2 signatures confirmed, 1 needed"),
        (1, 2, "1 signature confirmed, 2 needed"),
        (0, 1, "0 signatures confirmed, 1 needed"),
    ],
)
def test_signature_counts_are_each_pluralised(confirmed, required, words):
    assert call_in_rules.signatures_words(confirmed, required) == words


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Demo Councillor B", "Demo Councillor B"),
        ("Cllr Jones", "Cllr Jones"),
        ("Jane Smith", "Councillor Jane Smith"),
    ],
)
def test_a_councillor_is_titled_once(name, shown):
    assert str(Person(name=name, kind=Person.Kind.COUNCILLOR)) == shown


@time_machine.travel(NOW, tick=False)
def test_the_call_in_received_email_ends_its_sentence_once():
    decision = published_today()
    request = call_in_of(decision)
    request.received_at = datetime(2026, 12, 1, 19, 20, tzinfo=LONDON)
    text = render_to_string(
        "officers/email/notification.txt",
        {"kind": Notification.Kind.CALL_IN_RECEIVED, "decision": decision, "call_in": request},
    )
    assert "A call-in request was received at 7:20pm on 1 December 2026." in text
    assert ".." not in text


@time_machine.travel(NOW, tick=False)
def test_the_home_page_deadline_ends_its_sentence_once(client):
    published_today(call_in_deadline_time=time(16, 0))
    content = client.get(reverse("home")).content.decode()
    assert "Call-in closes at 4pm on 8 December 2026." in content
    assert ".." not in content.replace("...", "")


def test_the_seed_history_is_in_plain_words(client, seeded):
    decision = Decision.objects.public().get(authority__slug="bathnes", reference="")
    content = page(client, decision)
    assert "leaves out computed" not in content
    assert "fixtures/" not in content
    assert "worked out from the council&#x27;s call-in rule" in content


@time_machine.travel(NOW, tick=False)
def test_the_page_and_the_pdf_say_not_recorded_in_the_same_words(client):
    decision = published_today(affects_all_wards=False)
    assert 'Wards affected</dt><dd class="govuk-summary-list__value">Not recorded' in page(
        client, decision
    )
    assert "Wards affected Not recorded" in record_pdf(client, decision)


def test_the_register_date_hint_and_error_give_the_date_the_same_way(client):
    response = client.get(reverse("decision-list"), {"decided_from": "31 2 2023"})
    content = response.content.decode()
    assert "For example, 27 3 2007" in content
    assert "Decided on or after: Enter a real date, like 27 3 2007." in content
    assert "9/11/2023" not in content


def test_the_register_reads_a_date_typed_as_the_hint_shows(client):
    response = client.get(reverse("decision-list"), {"decided_from": "27 3 2007"})
    assert response.status_code == 200
    assert response.context["filter"].form.cleaned_data["decided_from"] == date(2007, 3, 27)


# 5. The Doncaster seed report is in its author's workspace -------------------------------


SEED_REPORT = "Commissioning Specialist Home and Community Support"


def test_the_seed_report_is_in_the_demo_officers_workspace(client, settings, seeded):
    settings.DEBUG = True
    call_command("ensure_demo_admin", stdout=io.StringIO())
    officer = get_user_model().objects.get(username="demo.officer")
    client.force_login(officer)
    listing = client.get(reverse("officers:reports")).content.decode()
    report = Report.objects.get(title=SEED_REPORT)
    assert SEED_REPORT in listing
    assert report.status == Report.Status.WITH_DECISION_MAKER
    assert report.author.name == "Teresa Bainbridge"
    assert client.get(reverse("officers:report", args=[report.pk])).status_code == 200


def test_the_seed_report_carries_the_seed_documents_rows(settings, seeded):
    settings.DEBUG = True
    call_command("ensure_demo_admin", stdout=io.StringIO())
    report = Report.objects.get(title=SEED_REPORT)
    legal = report.sections.get(kind=DraftSection.Kind.LEGAL)
    assert legal.text.startswith("12. Section 1 of the Localism Act 2011")
    assert "Localism Act 2011" in legal.html
    assert [r.label for r in report.recommendations.all()] == ["2", "3"]
    assert report.options.count() == 2
    assert report.risks.count() == 4
    assert sorted(line.amount for line in report.funding_lines.all()) == [760000, 765000]


def test_running_the_demo_logins_again_makes_no_second_seed_report(settings, seeded):
    settings.DEBUG = True
    call_command("ensure_demo_admin", stdout=io.StringIO())
    call_command("ensure_demo_admin", stdout=io.StringIO())
    assert Report.objects.filter(title=SEED_REPORT).count() == 1


def test_an_officers_report_of_the_same_title_is_not_taken_for_the_seed_report(
    settings, seeded, django_user_model
):
    doncaster = Authority.objects.get(slug="doncaster")
    author = factories.officer(django_user_model, "same.title", REPORT_AUTHORS)
    draft = drafting.report_start(authority=doncaster, title=SEED_REPORT, by=author, at=NOW)
    settings.DEBUG = True
    call_command("ensure_demo_admin", stdout=io.StringIO())
    seed_report = Report.objects.exclude(pk=draft.pk).get(title=SEED_REPORT)
    assert seed_report.made_from.url_key == "id-200"
    assert Report.objects.get(pk=draft.pk).made_from is None


def test_the_seed_awaiting_determination_is_not_on_the_public_register(client, seeded):
    """True to the seed document: a report for determination, not yet a decision."""
    assert client.get("/decisions/doncaster/id-200/").status_code == 404


# 6. Herefordshire's 255 service users are a service volume the page shows ----------------


def test_the_day_opportunities_page_shows_its_255_service_users(client, seeded):
    decision = Decision.objects.get(authority__slug="herefordshire", service_volumes__quantity=255)
    content = page(client, decision)
    assert "Who and how much it covers" in content
    assert "255 service users" in content
    assert "(as printed: “the current 255 service users”)" in content


def test_the_day_opportunities_record_pdf_shows_its_255_service_users(client, seeded):
    decision = Decision.objects.get(authority__slug="herefordshire", service_volumes__quantity=255)
    text = record_pdf(client, decision)
    assert "Who and how much it covers" in text
    assert "255 service users" in text
    assert "as printed: “the current 255 service users”" in text


def test_the_seed_report_once_decided_gives_its_record_for_the_register(settings, seeded):
    settings.DEBUG = True
    call_command("ensure_demo_admin", stdout=io.StringIO())
    report = Report.objects.get(title=SEED_REPORT)
    decision = deciding.report_record_decision(
        report=report,
        outcomes=[
            deciding.RecommendationOutcome(recommendation=item, outcome="approved")
            for item in report.recommendations.all()
        ],
        decided_on=TODAY,
        by=report.created_by,
        at=NOW,
    )
    assert decision.title == SEED_REPORT
    assert decision.date_of_decision == TODAY
    assert "Localism Act 2011" in decision.sections.get(kind="legal").text


def test_the_seed_report_is_decided_on_its_own_record_not_beside_it(client, settings, seeded):
    """The record the seed loaded (id-200, awaiting determination) becomes the decision: one
    record of the matter, on the register at the address it always had once published."""
    settings.DEBUG = True
    call_command("ensure_demo_admin", stdout=io.StringIO())
    report = Report.objects.get(title=SEED_REPORT)
    record = report.made_from
    assert record is not None
    assert record.url_key == "id-200"
    records_before = Decision.objects.count()
    first, second = report.recommendations.all()
    decision = deciding.report_record_decision(
        report=report,
        outcomes=[
            deciding.RecommendationOutcome(recommendation=first, outcome="approved"),
            deciding.RecommendationOutcome(recommendation=second, outcome="rejected"),
        ],
        decided_on=TODAY,
        by=report.created_by,
        at=NOW,
    )
    assert Decision.objects.count() == records_before
    assert decision.pk == record.pk
    assert Decision.objects.filter(title=SEED_REPORT).count() == 1
    decision.refresh_from_db()
    assert decision.status == deciding.decision_status(["approved", "rejected"])
    assert [(r.label, r.outcome) for r in decision.recommendations.all()] == [
        ("2", "approved"),
        ("3", "rejected"),
    ]
    assert not decision.delegations.filter(recommendation__label="3").exists()
    assert decision.documents.filter(report=report).exists()
    assert Report.objects.get(pk=report.pk).decision == decision
    assert client.get("/decisions/doncaster/id-200/").status_code == 404  # not yet published
    with time_machine.travel(NOW, tick=False):
        services.decision_publish(decision=decision, by=report.created_by, at=NOW)
    with time_machine.travel(NOW, tick=False):
        response = client.get("/decisions/doncaster/id-200/")
    assert response.status_code == 200
    assert SEED_REPORT in response.content.decode()
