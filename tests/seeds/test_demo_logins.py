"""The clerks' group exists after every migrate; the demo logins of `make run`."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from decisions.groups import CLEARANCE_GROUPS, DEMOCRATIC_SERVICES, REPORT_AUTHORS
from decisions.models import Person

pytestmark = pytest.mark.django_db


def test_democratic_services_group_can_publish_and_manage_call_in(db):
    codenames = set(
        Group.objects.get(name=DEMOCRATIC_SERVICES).permissions.values_list("codename", flat=True)
    )
    assert {"publish_decision", "manage_call_in"} <= codenames


def test_demo_logins_refuse_to_run_outside_debug(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("ensure_demo_admin")


def test_demo_logins_make_a_clerk_and_two_councillors(settings, seeded, capsys):
    settings.DEBUG = True
    call_command("ensure_demo_admin")
    clerk = get_user_model().objects.get(username="clerk")
    assert clerk.has_perm("decisions.publish_decision")
    assert clerk.has_perm("decisions.manage_call_in")
    councillors = Person.objects.filter(name__startswith="Demo Councillor", user__isnull=False)
    assert councillors.count() == 2
    assert not councillors.first().user.has_perm("decisions.manage_call_in")
    assert "demo.councillor.a" in capsys.readouterr().out


REPORT_LOGINS = {
    "demo.officer": REPORT_AUTHORS,
    "demo.legal": CLEARANCE_GROUPS["legal"],
    "demo.finance": CLEARANCE_GROUPS["finance"],
    "demo.hr": CLEARANCE_GROUPS["human_resources"],
    "demo.equalities": CLEARANCE_GROUPS["equalities"],
}


def test_demo_logins_make_a_report_author_and_a_clearance_officer_per_area(settings, seeded):
    settings.DEBUG = True
    call_command("ensure_demo_admin")
    for username, group in REPORT_LOGINS.items():
        user = get_user_model().objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert not user.is_staff
    assert get_user_model().objects.get(username="demo.officer").has_perm("decisions.draft_report")
    assert get_user_model().objects.get(username="demo.legal").has_perm("decisions.sign_off_report")


def test_demo_report_author_is_teresa_bainbridge_of_doncaster(settings, seeded):
    settings.DEBUG = True
    call_command("ensure_demo_admin")
    person = get_user_model().objects.get(username="demo.officer").person
    assert (person.name, person.authority.slug) == ("Teresa Bainbridge", "doncaster")
    assert person.directorate.name == "Adults, Health and Wellbeing"


def test_demo_report_author_leaves_a_login_already_given_to_teresa_alone(
    settings, seeded, django_user_model
):
    settings.DEBUG = True
    hers = django_user_model.objects.create_user("teresa.bainbridge")
    Person.objects.filter(name="Teresa Bainbridge").update(user=hers)
    call_command("ensure_demo_admin")
    assert Person.objects.get(name="Teresa Bainbridge").user == hers
    assert not Person.objects.filter(user__username="demo.officer").exists()


def test_demo_logins_run_twice_keep_one_link_and_print_fresh_passwords(settings, seeded, capsys):
    settings.DEBUG = True
    call_command("ensure_demo_admin")
    first = capsys.readouterr().out
    call_command("ensure_demo_admin")
    second = capsys.readouterr().out
    assert Person.objects.get(user__username="demo.officer").name == "Teresa Bainbridge"
    for username in REPORT_LOGINS:
        assert username in first
        assert username in second
    assert first != second


def test_demo_logins_print_the_report_workflow_logins(settings, seeded, capsys):
    settings.DEBUG = True
    call_command("ensure_demo_admin")
    printed = capsys.readouterr().out
    lines = {line.split()[0]: line.split()[1] for line in printed.splitlines() if "demo." in line}
    for username in REPORT_LOGINS:
        user = get_user_model().objects.get(username=username)
        assert user.check_password(lines[username])
