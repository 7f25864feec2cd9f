"""Democratic services keep the records of decision in the admin; bodies are named by council."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.forms import ModelChoiceField
from django.urls import reverse

from decisions.groups import DEMOCRATIC_SERVICES
from decisions.models import Authority, Body, Decision

pytestmark = pytest.mark.django_db

TITLE = "Library opening hours from April 2024"


def management_data(page: object) -> dict[str, str]:
    """Every inline of the page, sent empty: the management form Django needs for each."""
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


@pytest.fixture
def cabinet(seeded) -> Body:
    return Body.objects.get(authority__slug="bathnes", name="Cabinet")


def decision_form(cabinet: Body, **changes: str) -> dict[str, str]:
    return {
        "authority": str(cabinet.authority_id),
        "title": TITLE,
        "decision_maker": str(cabinet.pk),
        "status": Decision.Status.APPROVED,
        "is_subject_to_call_in": "on",
        "date_of_decision": "09/11/2023",
        **changes,
    }


def test_democratic_services_group_may_add_and_change_decisions():
    clerks = Group.objects.get(name=DEMOCRATIC_SERVICES)
    codenames = set(clerks.permissions.values_list("codename", flat=True))
    assert {"add_decision", "change_decision", "add_fundingline", "add_contract"} <= codenames
    # Logins, groups and each council's call-in rules stay with the administrator.
    assert not codenames & {"add_user", "change_group", "change_authority", "add_callinruleversion"}


def test_admin_index_lists_the_records_democratic_services_keep(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("admin:index")).content.decode()
    assert "permission to view or edit anything" not in page
    assert reverse("admin:decisions_decision_add") in page
    assert reverse("admin:commissioning_contract_changelist") in page
    assert reverse("admin:auth_user_changelist") not in page


def test_democratic_services_add_a_decision_in_the_admin(client, clerk, cabinet):
    client.force_login(clerk)
    url = reverse("admin:decisions_decision_add")
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, decision_form(cabinet) | management_data(page))
    assert response.status_code == 302, response.context["adminform"].form.errors
    made = Decision.objects.get(title=TITLE)
    assert (made.authority.slug, made.decision_maker, made.history.get().history_user) == (
        "bathnes",
        cabinet,
        clerk,
    )


def test_democratic_services_change_a_decision_in_the_admin(client, clerk, cabinet):
    client.force_login(clerk)
    add = reverse("admin:decisions_decision_add")
    client.post(add, decision_form(cabinet) | management_data(client.get(add)))
    made = Decision.objects.get(title=TITLE)
    url = reverse("admin:decisions_decision_change", args=[made.pk])
    page = client.get(url)
    assert page.status_code == 200
    changed = decision_form(cabinet, title=f"{TITLE} (amended)")
    response = client.post(url, changed | management_data(page))
    assert response.status_code == 302
    assert Decision.objects.get(pk=made.pk).title == f"{TITLE} (amended)"


# Bodies named by their council ------------------------------------------------------------------


def test_two_cabinets_are_told_apart_by_council_in_the_decision_maker_picker(admin_client, cabinet):
    term = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Cabinet",
            "app_label": "decisions",
            "model_name": "decision",
            "field_name": "decision_maker",
        },
    ).json()
    names = [result["text"] for result in term["results"]]
    assert "Cabinet (Bath and North East Somerset Council)" in names
    assert "Cabinet" not in names
    assert len(names) == len(set(names))


def test_chosen_decision_maker_is_named_with_its_council_on_the_change_page(admin_client, cabinet):
    decision = Decision.objects.filter(decision_maker=cabinet).first()
    page = admin_client.get(reverse("admin:decisions_decision_change", args=[decision.pk]))
    selected = re.search(
        r'<select name="decision_maker".*?<option value="\d+" selected>([^<]*)</option>',
        page.content.decode(),
        re.S,
    )
    assert selected.group(1) == "Cabinet (Bath and North East Somerset Council)"


def body_fields() -> list[tuple[str, str]]:
    """Every form field of the admin that picks a body, in every model admin and inline."""
    found = []
    for model, model_admin in admin.site._registry.items():
        for each in [model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)]:
            for field in each.model._meta.get_fields():
                if isinstance(field, models.ForeignKey | models.ManyToManyField) and (
                    field.related_model is Body
                ):
                    found.append((each, field))
    return found


def test_every_body_picker_of_the_admin_names_the_council(rf, admin_user, cabinet):
    request = rf.get("/admin/")
    request.user = admin_user
    checked = 0
    for model_admin, field in body_fields():
        formfield = model_admin.formfield_for_dbfield(field, request)
        if formfield is None:
            continue
        assert isinstance(formfield, ModelChoiceField)
        assert formfield.label_from_instance(cabinet) == (
            "Cabinet (Bath and North East Somerset Council)"
        ), f"{type(model_admin).__name__}.{field.name}"
        checked += 1
    assert checked >= 5


def test_body_keeps_its_own_name_where_the_council_is_already_said(cabinet):
    # The public pages print "Cabinet, Bath and North East Somerset": the name stays plain.
    assert str(cabinet) == "Cabinet"
    assert Authority.objects.filter(bodies__name="Cabinet").count() >= 2
