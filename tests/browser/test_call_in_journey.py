"""Issue 4's journey in a real browser: publish, call in, co-sign, scrutiny's outcome.

The clock is frozen (time_machine patches the whole process, so the live server's thread sees
the same instant) and moved on between the steps as the days of the call-in window pass.
"""

import re
from datetime import date

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from decisions.groups import DEMOCRATIC_SERVICES
from decisions.models import CallInRuleVersion, Decision, Person
from tests import factories
from tests.browser.helpers import (
    PASSWORD,
    axe_violations,
    describe_violations,
    save_screenshot,
    sign_in,
)
from tests.reports.builders import at

pytestmark = pytest.mark.browser

TITLE = "Closure of the Riverside day centre"


@pytest.fixture
def council(transactional_db) -> dict:
    users = get_user_model().objects
    authority = factories.authority(slug="riverside", name="Riverside Borough Council")
    CallInRuleVersion.objects.filter(authority=authority).update(signatories_required=2)
    decision = factories.decision(
        authority=authority, title=TITLE, date_of_decision=date(2023, 11, 9)
    )
    clerk = users.create_user("clerk", "clerk@example.org", PASSWORD, is_staff=True)
    Group.objects.get(name=DEMOCRATIC_SERVICES).user_set.add(clerk)
    members = {}
    for username, name in (("ann", "Ann Lead"), ("bob", "Bob Second"), ("cat", "Cat Late")):
        user = users.create_user(username, f"{username}@example.org", PASSWORD)
        members[username] = Person.objects.create(
            authority=authority, name=name, kind=Person.Kind.COUNCILLOR, user=user
        )
    return {"decision": decision, "members": members}


def test_publish_call_in_cosign_and_no_further_action(page, council):
    decision: Decision = council["decision"]

    with time_machine.travel(at(2023, 11, 10, 10), tick=True):
        sign_in(page, "clerk")
        page.goto(f"/officers/decisions/{decision.pk}/publish/")
        page.get_by_role("button", name="Publish").click()
        expect(page.locator("body")).to_contain_text("17 November 2023")

    public_url = Decision.objects.get(pk=decision.pk).get_absolute_url()

    with time_machine.travel(at(2023, 11, 14, 11), tick=True):
        sign_in(page, "ann")
        page.goto(f"/officers/decisions/{decision.pk}/call-in/")
        page.locator("#id_reasons").fill("The equality impact assessment was not published.")
        page.get_by_label("Bob Second").check()
        page.get_by_role("button", name="Send call-in request").click()
        expect(page.locator(".govuk-panel")).to_be_visible()

    with time_machine.travel(at(2023, 11, 15, 9), tick=True):
        sign_in(page, "bob")
        call_in = decision.call_ins.get()
        page.goto(f"/officers/call-ins/{call_in.pk}/sign/")
        page.get_by_role("button", name="Sign the call-in").click()
        page.goto(public_url)
        expect(page.locator("#call-in")).to_contain_text("Called in")

    with time_machine.travel(at(2023, 11, 18, 9), tick=True):
        sign_in(page, "cat")
        page.goto(f"/officers/decisions/{decision.pk}/call-in/")
        # Past the deadline the page says so, with the exact deadline, and offers no form.
        expect(page.locator("main")).to_contain_text("closed at the end of 17 November 2023")
        expect(page.get_by_role("button", name="Send call-in request")).to_have_count(0)

    with time_machine.travel(at(2023, 11, 28, 15), tick=True):
        sign_in(page, "clerk")
        page.goto(f"/officers/call-ins/{call_in.pk}/")
        page.get_by_label("No further action").check()
        outcome_date = page.get_by_role("group", name="Outcome date")
        outcome_date.get_by_label("Day").fill("28")
        outcome_date.get_by_label("Month").fill("11")
        outcome_date.get_by_label("Year").fill("2023")
        page.get_by_role("button", name="Record outcome").click()
        expect(page.locator(".govuk-error-summary")).to_have_count(0)
        page.goto(public_url)
        effective = page.locator(".govuk-summary-list__row", has_text="Effective from")
        expect(effective.locator("dd")).to_have_text("28 November 2023")
        expect(page.locator("#call-in")).to_contain_text(re.compile("Effective"))


def test_workspace_pages_pass_axe_at_desktop_and_mobile_widths(page, council):
    """Every page of the call-in workflow, for the clerk and for a councillor."""
    decision: Decision = council["decision"]
    with time_machine.travel(at(2023, 11, 14, 11), tick=True):
        from decisions.call_in.services import call_in_request, decision_publish

        decision_publish(decision=decision, by=None, at=at(2023, 11, 10, 10))
        call_in = call_in_request(
            decision=decision,
            member=council["members"]["ann"],
            reasons="Costs unclear",
            co_signatories=[council["members"]["bob"]],
            at=at(2023, 11, 14, 10),
        )
        pages = {
            "clerk": [
                "/officers/",
                "/officers/call-in/",
                f"/officers/call-ins/{call_in.pk}/",
                "/officers/calendar/",
            ],
            "bob": [
                "/officers/",
                "/officers/my-call-ins/",
                f"/officers/call-ins/{call_in.pk}/sign/",
                f"/officers/decisions/{decision.pk}/call-in/",
            ],
        }
        problems = []
        for username, urls in pages.items():
            sign_in(page, username)
            for url in urls:
                for width, height in ((1280, 900), (320, 640)):
                    page.set_viewport_size({"width": width, "height": height})
                    response = page.goto(url)
                    assert response.status == 200, url
                    name = f"officers-{username}-{url.strip('/').replace('/', '-')}-{width}"
                    save_screenshot(page, name)
                    violations = axe_violations(page)
                    if violations:
                        problems.append(f"{url} at {width}px:\n{describe_violations(violations)}")
        assert problems == [], "\n".join(problems)
