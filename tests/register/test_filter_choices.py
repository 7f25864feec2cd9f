"""The register form's decision makers and wards: every one on a small register, a council's
own on a national one (decisions.register.filters.OfferedChoices)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from decisions.models import Authority, Body, Decision, Ward
from decisions.register.filters import OfferedChoices

pytestmark = pytest.mark.django_db


def options(client, name: str, **query: str) -> list[str]:
    response = client.get(reverse("decision-list"), query)
    assert response.status_code == 200
    select = BeautifulSoup(response.content, "html.parser").find("select", {"name": name})
    return [option.get_text() for option in select.find_all("option")]


def hint(client, name: str, **query: str) -> str:
    response = client.get(reverse("decision-list"), query)
    hint = BeautifulSoup(response.content, "html.parser").find(id=f"{name}-hint")
    return hint.get_text(strip=True) if hint else ""


def test_a_small_register_offers_every_decision_maker_without_a_hint(client, seeded):
    offered = options(client, "decision_maker")
    assert len(offered) == Body.objects.count() + 1
    assert hint(client, "decision_maker") == ""


def test_a_national_register_offers_a_councils_own_once_it_is_chosen(client, seeded, monkeypatch):
    monkeypatch.setattr(OfferedChoices, "MOST_OPTIONS", 2)
    assert options(client, "decision_maker") == ["Any decision maker"]
    assert hint(client, "decision_maker") == "Choose a council to see all its decision makers."

    bnes = Authority.objects.get(slug="bathnes")
    offered = options(client, "decision_maker", authority="bathnes")
    assert len(offered) == Body.objects.filter(authority=bnes).count() + 1
    assert all(label.endswith(f"({bnes.display_name})") for label in offered[1:])


def test_a_chosen_decision_maker_stays_offered_and_still_filters(client, seeded, monkeypatch):
    monkeypatch.setattr(OfferedChoices, "MOST_OPTIONS", 2)
    decision = Decision.objects.public().select_related("decision_maker__authority").first()
    body = decision.decision_maker
    offered = options(client, "decision_maker", decision_maker=str(body.pk))
    assert offered == ["Any decision maker", f"{body.name} ({body.authority.display_name})"]
    content = client.get(reverse("decision-list"), {"decision_maker": body.pk}).content.decode()
    assert decision.title[:40] in content


def test_the_ward_list_is_offered_the_same_way(client, seeded, monkeypatch):
    monkeypatch.setattr(OfferedChoices, "MOST_OPTIONS", 1)
    bnes = Authority.objects.get(slug="bathnes")
    for name in ("Abbey", "Bathavon North"):
        Ward.objects.get_or_create(authority=bnes, name=name)
    assert options(client, "ward") == ["Any ward"]
    assert hint(client, "ward") == "Choose a council to see all its wards."
