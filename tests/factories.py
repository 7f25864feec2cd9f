"""Small builders for records the tests need; model-bakery fills what a test does not name."""

from datetime import date

from django.contrib.auth.models import Group
from model_bakery import baker

from decisions.models import Authority, Body, CallInRuleVersion, Decision, Person


def authority(**fields: object) -> Authority:
    fields.setdefault("nation", "england")
    made = baker.make(Authority, **fields)
    CallInRuleVersion.objects.create(authority=made, valid_from=date(2000, 1, 1), days=5)
    return made


def decision(**fields: object) -> Decision:
    council = fields.pop("authority", None) or authority()
    fields.setdefault("decision_maker", baker.make(Body, authority=council, kind=Body.Kind.CABINET))
    fields.setdefault("status", Decision.Status.APPROVED)
    fields.setdefault("date_of_decision", date(2023, 11, 9))
    return baker.make(Decision, authority=council, **fields)


def officer(django_user_model: type, username: str, group: str, *, staff: bool = False) -> object:
    """A login in one of the council's staff groups (decisions.groups); `staff` also lets it
    into the admin, as democratic services are."""
    user = django_user_model.objects.create_user(
        username, email=f"{username}@doncaster.gov.uk", password="unused-in-tests", is_staff=staff
    )
    Group.objects.get(name=group).user_set.add(user)
    return user


def councillor(authority: Authority, name: str, *, email: str | None = None) -> Person:
    """A councillor of `authority` with a login named after them ("Ann Lead": ann.lead); the
    login's email is model-bakery's unless `email` is given ("" for none)."""
    login = {"email": email} if email is not None else {}
    user = baker.make("auth.User", username=name.lower().replace(" ", "."), **login)
    return Person.objects.create(
        authority=authority, name=name, kind=Person.Kind.COUNCILLOR, user=user
    )
