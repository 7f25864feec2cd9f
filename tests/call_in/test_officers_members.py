"""Councillors in the workspace: asking for a call-in, co-signing it, and signing in."""

from datetime import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.template.loader import render_to_string
from django.urls import reverse

from decisions.groups import DEMOCRATIC_SERVICES
from decisions.models import (
    Attendance,
    Authority,
    CallIn,
    CallInRuleVersion,
    CallInSignature,
    Decision,
    Person,
    Role,
)
from decisions.rules.call_in import LONDON, CallInStatus
from tests import factories

pytestmark = pytest.mark.django_db

BNES_TITLE = "Community Services Transformation Programme - Preferred Delivery Options"
IN_THE_WINDOW = datetime(2023, 11, 14, 12, 0, tzinfo=LONDON)
NEXT_DAY = datetime(2023, 11, 15, 10, 0, tzinfo=LONDON)
AFTER_THE_DEADLINE = datetime(2023, 11, 18, 9, 0, tzinfo=LONDON)
REASONS = "The options appraisal did not consider the effect on rural wards."


def frozen(at: datetime) -> time_machine.travel:
    return time_machine.travel(at, tick=False)


@pytest.fixture
def bnes(seeded) -> Decision:
    return Decision.objects.get(title__startswith=BNES_TITLE)


def councillor(name: str, authority: Authority | None = None) -> Person:
    council = authority or Authority.objects.get(slug="bathnes")
    username = name.lower().replace(" ", ".")
    user = User.objects.create_user(username, f"{username}@example.org", "a-long-password-1")
    return Person.objects.create(
        authority=council, name=name, kind=Person.Kind.COUNCILLOR, user=user
    )


@pytest.fixture
def lead(bnes) -> Person:
    return councillor("Joanna Wright")


@pytest.fixture
def supporter(bnes) -> Person:
    return councillor("Shaun Hughes")


@pytest.fixture
def bystander(bnes) -> Person:
    return councillor("Lucy Hodge")


@pytest.fixture
def two_signatures_needed(bnes) -> None:
    CallInRuleVersion.objects.filter(authority=bnes.authority).update(signatories_required=2)


def ask(client, decision: Decision, member: Person, *co_signatories: Person, reasons=REASONS):
    client.force_login(member.user)
    return client.post(
        reverse("officers:request-call-in", args=[decision.pk]),
        {"reasons": reasons, "co_signatories": [person.pk for person in co_signatories]},
    )


def public_page(client, decision: Decision) -> str:
    client.logout()
    return client.get(decision.get_absolute_url()).content.decode()


# Who may reach the pages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("officers:request-call-in", [1]),
        ("officers:sign-call-in", [1]),
        ("officers:my-call-ins", []),
    ],
)
def test_anonymous_visitor_is_sent_to_sign_in(client, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_clerk_gets_403_on_the_request_page(client, bnes):
    clerk = User.objects.create_user(
        "clerk", "clerk@example.org", "a-long-password-1", is_staff=True
    )
    clerk.groups.add(Group.objects.get(name=DEMOCRATIC_SERVICES))
    client.force_login(clerk)
    with frozen(IN_THE_WINDOW):
        response = client.get(reverse("officers:request-call-in", args=[bnes.pk]))
    assert response.status_code == 403
    assert "Only councillors of Bath and North East Somerset Council" in response.content.decode()


def test_officer_gets_403_on_the_request_page(client, bnes):
    user = User.objects.create_user("officer", "officer@example.org", "a-long-password-1")
    Person.objects.create(
        authority=bnes.authority, name="Ann Officer", kind=Person.Kind.OFFICER, user=user
    )
    client.force_login(user)
    with frozen(IN_THE_WINDOW):
        response = ask(client, bnes, user.person)
    assert response.status_code == 403
    assert not CallIn.objects.exists()


def test_councillor_of_another_council_gets_403(client, bnes):
    outsider = councillor("Nigel Ball", Authority.objects.get(slug="doncaster"))
    with frozen(IN_THE_WINDOW):
        response = ask(client, bnes, outsider)
    assert response.status_code == 403
    assert not CallIn.objects.exists()


# Records the register leaves out: a councillor reaches only the public record ------------------

HIDDEN = {
    "exempt": {"is_exempt": True, "exempt_paragraph": "3"},
    "confidential": {"is_confidential": True},
    "unpublished": {"publication_date": None, "effective_from": None},
}


def hide(decision: Decision, how: str) -> None:
    Decision.objects.filter(pk=decision.pk).update(**HIDDEN[how])


@pytest.mark.parametrize("how", HIDDEN)
def test_request_page_of_a_hidden_decision_answers_404_without_its_title(client, bnes, lead, how):
    hide(bnes, how)
    client.force_login(lead.user)
    with frozen(IN_THE_WINDOW):
        response = client.get(reverse("officers:request-call-in", args=[bnes.pk]))
    assert response.status_code == 404
    assert BNES_TITLE not in response.content.decode()


@pytest.mark.parametrize("how", HIDDEN)
def test_call_in_of_a_hidden_decision_is_refused_with_404(client, bnes, lead, how):
    hide(bnes, how)
    with frozen(IN_THE_WINDOW):
        response = ask(client, bnes, lead)
    assert response.status_code == 404
    assert not CallIn.objects.exists()


@pytest.fixture
def call_in_then_hidden(client, bnes, lead, supporter, two_signatures_needed) -> CallIn:
    """A call-in asked for while the decision was public; then it is marked exempt."""
    with frozen(IN_THE_WINDOW):
        ask(client, bnes, lead, supporter)
    hide(bnes, "exempt")
    return CallIn.objects.get()


def test_signing_page_of_a_hidden_decisions_call_in_answers_404(
    client, call_in_then_hidden, supporter
):
    client.force_login(supporter.user)
    url = reverse("officers:sign-call-in", args=[call_in_then_hidden.pk])
    with frozen(IN_THE_WINDOW):
        page, signed = client.get(url), client.post(url)
    assert (page.status_code, signed.status_code) == (404, 404)
    assert BNES_TITLE not in page.content.decode()
    assert CallInSignature.objects.get(member=supporter).confirmed_at is None


def test_my_call_ins_leaves_out_a_hidden_decisions_call_in(client, call_in_then_hidden, lead):
    client.force_login(lead.user)
    with frozen(IN_THE_WINDOW):
        response = client.get(reverse("officers:my-call-ins"))
    assert response.status_code == 200
    assert BNES_TITLE not in response.content.decode()


# Asking for a call-in ---------------------------------------------------------------------------


def test_request_page_shows_the_deadline_and_the_councillors_who_can_co_sign(
    client, bnes, lead, supporter, two_signatures_needed
):
    client.force_login(lead.user)
    with frozen(IN_THE_WINDOW):
        response = client.get(reverse("officers:request-call-in", args=[bnes.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert bnes.title in content
    assert "Call-in closes at the end of 17 November 2023" in content
    assert "needs 2 signatures in all" in content
    assert f'value="{supporter.pk}"' in content
    assert f'value="{lead.pk}"' not in content


def test_request_page_leaves_out_members_who_took_part(client, bnes, lead, supporter):
    Role.objects.create(person=supporter, title="Cabinet member", body=bnes.decision_maker)
    client.force_login(lead.user)
    with frozen(IN_THE_WINDOW):
        response = client.get(reverse("officers:request-call-in", args=[bnes.pk]))
    assert f'value="{supporter.pk}"' not in response.content.decode()


def test_call_in_becomes_valid_only_when_the_co_signatory_confirms(
    client, bnes, lead, supporter, two_signatures_needed
):
    with frozen(IN_THE_WINDOW):
        asked = ask(client, bnes, lead, supporter)
        assert asked.status_code == 200
        assert "Waiting for 1 co-signatory to confirm" in asked.content.decode()
        assert bnes.call_in_status() == CallInStatus.OPEN
        assert "Called in" not in public_page(client, bnes)
    call_in = CallIn.objects.get(decision=bnes)
    with frozen(NEXT_DAY):
        client.force_login(supporter.user)
        page = client.get(reverse("officers:sign-call-in", args=[call_in.pk]))
        assert REASONS in page.content.decode()
        signed = client.post(reverse("officers:sign-call-in", args=[call_in.pk]))
        assert signed.status_code == 200
        assert "The decision is now called in" in signed.content.decode()
        assert "Called in" in public_page(client, bnes)
    signature = CallInSignature.objects.get(call_in=call_in, member=supporter)
    assert signature.confirmed_at == NEXT_DAY


def test_call_in_by_one_councillor_is_valid_at_once_when_the_rule_needs_one(client, bnes, lead):
    with frozen(IN_THE_WINDOW):
        response = ask(client, bnes, lead)
        assert "The decision is now called in" in response.content.decode()
        assert bnes.call_in_status() == CallInStatus.CALLED_IN


def test_request_after_the_deadline_is_refused_with_the_deadline(client, bnes, lead):
    with frozen(AFTER_THE_DEADLINE):
        response = ask(client, bnes, lead)
    content = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in content
    assert "The call-in period for this decision closed at the end of 17 November 2023." in content
    assert REASONS in content
    assert not CallIn.objects.exists()


def test_request_page_after_the_deadline_says_when_it_closed_and_offers_no_form(client, bnes, lead):
    client.force_login(lead.user)
    with frozen(AFTER_THE_DEADLINE):
        response = client.get(reverse("officers:request-call-in", args=[bnes.pk]))
    content = response.content.decode()
    assert "Call-in closed at the end of 17 November 2023" in content
    assert 'name="reasons"' not in content


def test_request_from_the_holder_of_the_decision_makers_post_is_refused(client, bnes, lead):
    Role.objects.create(person=lead, title="Cabinet member", body=bnes.decision_maker)
    with frozen(IN_THE_WINDOW):
        response = ask(client, bnes, lead)
    assert response.status_code == 400
    assert "You took part in this decision as an executive member" in response.content.decode()
    assert not CallIn.objects.exists()


def test_request_from_a_member_present_at_the_meeting_is_refused(client, bnes, lead):
    Attendance.objects.create(meeting=bnes.meeting, person=lead, status=Attendance.Status.PRESENT)
    with frozen(IN_THE_WINDOW):
        response = ask(client, bnes, lead)
    assert response.status_code == 400
    assert "You took part in this decision as an executive member" in response.content.decode()
    assert not CallIn.objects.exists()


def test_second_request_by_the_same_councillor_is_refused(
    client, bnes, lead, two_signatures_needed
):
    with frozen(IN_THE_WINDOW):
        ask(client, bnes, lead)
        response = ask(client, bnes, lead, reasons="Again.")
    assert response.status_code == 400
    assert "You have already asked for this decision to be called in." in response.content.decode()
    assert CallIn.objects.count() == 1


def test_request_without_reasons_is_refused_naming_the_field(client, bnes, lead, supporter):
    with frozen(IN_THE_WINDOW):
        response = ask(client, bnes, lead, supporter, reasons="  ")
    content = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_reasons">' in content
    assert "Enter the reasons for calling the decision in." in content
    assert f'value="{supporter.pk}" checked' in content
    assert not CallIn.objects.exists()


def test_co_signatory_who_is_not_offered_is_refused(client, bnes, lead, supporter):
    Role.objects.create(person=supporter, title="Cabinet member", body=bnes.decision_maker)
    with frozen(IN_THE_WINDOW):
        response = ask(client, bnes, lead, supporter)
    assert response.status_code == 400
    assert '<a href="#id_co_signatories">' in response.content.decode()
    assert not CallIn.objects.exists()


# Co-signing -------------------------------------------------------------------------------------


def test_councillor_cannot_sign_a_call_in_they_were_not_asked_to_sign(
    client, bnes, lead, supporter, bystander, two_signatures_needed
):
    with frozen(IN_THE_WINDOW):
        ask(client, bnes, lead, supporter)
        call_in = CallIn.objects.get()
        client.force_login(bystander.user)
        url = reverse("officers:sign-call-in", args=[call_in.pk])
        assert client.get(url).status_code == 403
        response = client.post(url, {"member": supporter.pk})
    assert response.status_code == 403
    assert "You were not asked to sign this call-in." in response.content.decode()
    assert not CallInSignature.objects.filter(member=bystander).exists()
    assert CallInSignature.objects.get(member=supporter).confirmed_at is None
    assert not call_in.is_valid


def test_clerk_cannot_sign_a_call_in_as_someone_else(client, bnes, lead, supporter):
    clerk = User.objects.create_user(
        "clerk", "clerk@example.org", "a-long-password-1", is_staff=True
    )
    clerk.user_permissions.add(Permission.objects.get(codename="manage_call_in"))
    with frozen(IN_THE_WINDOW):
        ask(client, bnes, lead, supporter)
        client.force_login(clerk)
        response = client.post(
            reverse("officers:sign-call-in", args=[CallIn.objects.get().pk]),
            {"member": supporter.pk},
        )
    assert response.status_code == 403
    assert CallInSignature.objects.get(member=supporter).confirmed_at is None


def test_signing_twice_is_refused(client, bnes, lead, supporter, two_signatures_needed):
    with frozen(IN_THE_WINDOW):
        ask(client, bnes, lead, supporter)
        url = reverse("officers:sign-call-in", args=[CallIn.objects.get().pk])
        client.force_login(supporter.user)
        client.post(url)
        response = client.post(url)
    assert response.status_code == 400
    assert "You have already signed this call-in." in response.content.decode()


def test_signing_after_the_deadline_is_refused_with_the_deadline(
    client, bnes, lead, supporter, two_signatures_needed
):
    with frozen(IN_THE_WINDOW):
        ask(client, bnes, lead, supporter)
    url = reverse("officers:sign-call-in", args=[CallIn.objects.get().pk])
    with frozen(AFTER_THE_DEADLINE):
        client.force_login(supporter.user)
        response = client.post(url)
    assert response.status_code == 400
    assert "closed at the end of 17 November 2023." in response.content.decode()
    assert CallInSignature.objects.get(member=supporter).confirmed_at is None


# The councillor's list --------------------------------------------------------------------------


def test_my_call_ins_lists_requests_awaiting_my_signature_and_my_own(
    client, bnes, lead, supporter, two_signatures_needed
):
    with frozen(IN_THE_WINDOW):
        ask(client, bnes, lead, supporter)
        client.force_login(supporter.user)
        to_sign = client.get(reverse("officers:my-call-ins")).content.decode()
        client.force_login(lead.user)
        own = client.get(reverse("officers:my-call-ins")).content.decode()
    waiting, asked = to_sign.split("Call-ins you asked for or signed")
    assert bnes.title in waiting
    assert "Councillor Joanna Wright" in waiting
    assert "No call-in is waiting for your signature." in own
    assert bnes.title in own
    assert "Waiting for signatures" in own
    assert "1 of 2" in own


def test_my_call_ins_is_refused_to_a_user_who_is_not_a_councillor(client, bnes):
    client.force_login(User.objects.create_user("someone", "", "a-long-password-1"))
    assert client.get(reverse("officers:my-call-ins")).status_code == 403


def call_ins_for(member: Person, count: int) -> None:
    council = member.authority
    for _ in range(count):
        number = CallIn.objects.count()
        decision = factories.decision(
            authority=council, reference=f"T{number}", publication_date=IN_THE_WINDOW.date()
        )
        request = CallIn.objects.create(decision=decision, received_at=IN_THE_WINDOW, reasons="x")
        CallInSignature.objects.create(
            call_in=request, member=member, is_lead=True, confirmed_at=IN_THE_WINDOW
        )
        CallInSignature.objects.create(call_in=request, member=councillor(f"Co Signer {number}"))


def test_my_call_ins_query_count_does_not_grow_with_rows(
    client, bnes, lead, django_assert_max_num_queries
):
    call_ins_for(lead, 1)
    client.force_login(lead.user)
    with frozen(IN_THE_WINDOW), django_assert_max_num_queries(9):
        client.get(reverse("officers:my-call-ins"))
    call_ins_for(lead, 6)
    with frozen(IN_THE_WINDOW), django_assert_max_num_queries(9):
        response = client.get(reverse("officers:my-call-ins"))
    assert response.content.decode().count("govuk-tag--") == 7


def test_request_page_query_count_does_not_grow_with_councillors(
    client, bnes, lead, django_assert_max_num_queries
):
    for number in range(8):
        councillor(f"Member {number}")
    client.force_login(lead.user)
    with frozen(IN_THE_WINDOW), django_assert_max_num_queries(14):
        response = client.get(reverse("officers:request-call-in", args=[bnes.pk]))
    assert response.content.decode().count("govuk-checkboxes__input") == 8


# The public page's link -------------------------------------------------------------------------


def test_call_in_link_is_offered_while_the_window_is_open(bnes):
    html = render_to_string(
        "officers/members/call_in_link.html", {"decision": bnes, "status": CallInStatus.OPEN}
    )
    assert reverse("officers:request-call-in", args=[bnes.pk]) in html


def test_call_in_link_is_not_offered_once_the_window_has_closed(bnes):
    html = render_to_string(
        "officers/members/call_in_link.html", {"decision": bnes, "status": CallInStatus.CLOSED}
    )
    assert html.strip() == ""


# Signing in -------------------------------------------------------------------------------------


def test_sign_in_page_renders(client, db):
    response = client.get(reverse("login"), {"next": "/officers/my-call-ins/"})
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in content
    assert 'value="/officers/my-call-ins/"' in content
    assert "govuk-error-summary" not in content


def test_wrong_password_shows_the_error_summary_and_keeps_the_username(client, lead):
    response = client.post(
        reverse("login"), {"username": lead.user.username, "password": "not-the-password"}
    )
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "Please enter a correct username and password." in content
    assert f'value="{lead.user.username}"' in content
    assert "_auth_user_id" not in client.session


def test_right_password_signs_the_councillor_in_and_goes_on(client, lead):
    response = client.post(
        reverse("login"),
        {
            "username": lead.user.username,
            "password": "a-long-password-1",
            "next": "/officers/my-call-ins/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/officers/my-call-ins/"


def test_signed_out_page_offers_to_sign_in_again(rf, db):
    html = render_to_string("registration/logged_out.html", request=rf.get("/"))
    assert "You have signed out" in html
    assert reverse("login") in html
