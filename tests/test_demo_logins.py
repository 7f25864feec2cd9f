"""The clerks' group exists after every migrate; the demo logins of `make run`."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from decisions.groups import CLERKS
from decisions.models import Person

pytestmark = pytest.mark.django_db


def test_democratic_services_group_can_publish_and_manage_call_in(db):
    codenames = set(Group.objects.get(name=CLERKS).permissions.values_list("codename", flat=True))
    assert codenames == {"publish_decision", "manage_call_in"}


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
