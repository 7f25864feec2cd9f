"""The officer admin: every page loads for a clerk, and shows what the clerk scans for."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from decisions.models import Decision

pytestmark = pytest.mark.django_db

NO_ADD = {("decisions", "notification")}
REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"decisions", "commissioning"}
)


def test_every_domain_model_has_an_admin():
    domain = {
        (model._meta.app_label, model._meta.model_name)
        for app in ("decisions", "commissioning")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }
    # Signatures, attendance and roles are edited inline under their call-in, meeting, person.
    inline_only = {
        ("decisions", "callinsignature"),
        ("decisions", "attendance"),
        ("decisions", "role"),
        ("decisions", "callinruleversion"),
        ("decisions", "closureday"),
        ("decisions", "option"),
        ("decisions", "risk"),
        ("decisions", "reportsection"),
        ("decisions", "relateddecision"),
        ("decisions", "declaredinterest"),
        ("decisions", "draftsection"),
        ("decisions", "draftrecommendation"),
        ("decisions", "draftoption"),
        ("decisions", "draftrisk"),
        ("decisions", "draftfundingline"),
        ("commissioning", "contractextension"),
    }
    assert domain - inline_only == set(REGISTERED)


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_and_add_pages_load(admin_client, seeded, app_label, model_name):
    changelist = admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    # Notifications are made by the register's events, never typed in by hand.
    assert add.status_code == (403 if (app_label, model_name) in NO_ADD else 200)


def bnes_decision() -> Decision:
    return Decision.objects.get(title__startswith="Community Services Transformation Programme")


def test_decision_list_shows_the_columns_clerks_scan(admin_client, seeded):
    response = admin_client.get(reverse("admin:decisions_decision_changelist"))
    content = response.content.decode()
    for heading in ("Reference", "Title", "Decision maker", "Date of decision", "Call-in status"):
        assert heading in content
    assert "Community Services Transformation Programme" in content
    assert "Effective" in content


def test_decision_page_shows_the_rule_check(admin_client, seeded):
    response = admin_client.get(
        reverse("admin:decisions_decision_change", args=[bnes_decision().pk])
    )
    content = response.content.decode()
    assert "The effective date agrees with the rule." in content
    assert "17 November 2023" in content  # the computed deadline


def test_effective_date_filter_lists_the_records_that_differ(admin_client, seeded):
    url = reverse("admin:decisions_decision_changelist")
    differs = admin_client.get(url, {"effective_date": "differs"}).context["cl"].result_list
    titles = {decision.title for decision in differs}
    assert "Adult Social Care Next Stage Integration - Commissioning of Day Opportunities" in titles
    assert bnes_decision().title not in titles


def test_call_in_status_filter(admin_client, seeded):
    url = reverse("admin:decisions_decision_changelist")
    effective = admin_client.get(url, {"call_in_status": "effective"}).context["cl"].result_list
    assert bnes_decision() in list(effective)
    awaiting = admin_client.get(url, {"call_in_status": "awaiting_publication"})
    titles = {decision.title for decision in awaiting.context["cl"].result_list}
    assert titles == {"Commissioning Specialist Home and Community Support"}


def test_history_page_lists_the_seed_entry(admin_client, seeded):
    response = admin_client.get(
        reverse("admin:decisions_decision_history", args=[bnes_decision().pk])
    )
    assert response.status_code == 200
    assert "Created" in response.content.decode()


def test_invalid_admin_save_names_the_field_and_writes_nothing(admin_client, seeded):
    decision = bnes_decision()
    url = reverse("admin:decisions_decision_change", args=[decision.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    for name in form.fields:
        if hasattr(form.initial.get(name), "__iter__") and not isinstance(
            form.initial.get(name), str
        ):
            data[name] = [getattr(v, "pk", v) for v in form.initial[name]]
        data.setdefault(name, "")
    data.update(
        {
            "effective_from": "01/11/2023",
            "effective_from_note": "",
            "title": "Changed title that must not be saved",
        }
    )
    for prefix in (
        "recommendations",
        "delegations",
        "funding_lines",
        "service_volumes",
        "sections",
        "options",
        "risks",
        "citations",
        "interests",
        "documents",
        "call_ins",
    ):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "before the date of decision" in response.content.decode()
    decision.refresh_from_db()
    assert decision.title.startswith("Community Services Transformation Programme")
    assert decision.effective_from == date(2023, 11, 18)


def test_a_call_ins_validity_is_shown_on_its_page_and_its_decisions(admin_client, db):
    from datetime import datetime

    from decisions.models import CallIn
    from decisions.rules.call_in import LONDON
    from tests import factories

    decision = factories.decision(
        publication_date=date(2026, 11, 2), call_in_deadline=date(2026, 11, 9)
    )
    call_in = CallIn.objects.create(
        decision=decision, received_at=datetime(2026, 11, 3, 10, tzinfo=LONDON), reasons="x"
    )
    expected = "; ".join(call_in.validity_problems()) or "Valid"
    for address in (
        reverse("admin:decisions_callin_change", args=[call_in.pk]),
        reverse("admin:decisions_decision_change", args=[decision.pk]),
    ):
        page = admin_client.get(address).content.decode()
        assert expected in page, address
