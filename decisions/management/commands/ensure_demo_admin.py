import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from decisions.groups import CLEARANCE_GROUPS, DEMOCRATIC_SERVICES, REPORT_AUTHORS
from decisions.models import Authority, Decision, Person
from decisions.reports.services import from_record

DEMO_COUNCILLORS = ["Demo Councillor A", "Demo Councillor B"]
# The key decision report workflow at Doncaster: an author and one officer per clearance.
DEMO_REPORT_OFFICERS = {
    "demo.officer": REPORT_AUTHORS,
    "demo.legal": CLEARANCE_GROUPS["legal"],
    "demo.finance": CLEARANCE_GROUPS["finance"],
    "demo.hr": CLEARANCE_GROUPS["human_resources"],
    "demo.equalities": CLEARANCE_GROUPS["equalities"],
}
# The author of the Doncaster seed report, whose directorate the demo author drafts in.
DEMO_AUTHOR = "Teresa Bainbridge"


class Command(BaseCommand):
    help = (
        "For local demonstration only: make an 'admin' superuser, a 'clerk' in democratic "
        "services, two B&NES demo councillors and Doncaster's report author and clearance "
        "officers, each with a fresh printed password."
    )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("ensure_demo_admin only runs with DEBUG=1: it prints passwords.")
        with transaction.atomic():
            logins = [self._user("admin", superuser=True), self._user("clerk", staff=True)]
            Group.objects.get(name=DEMOCRATIC_SERVICES).user_set.add(
                get_user_model().objects.get(username="clerk")
            )
            bnes = Authority.objects.filter(slug="bathnes").first()
            if bnes is not None:
                for name in DEMO_COUNCILLORS:
                    username = name.lower().replace(" ", ".")
                    login = self._user(username)
                    Person.objects.update_or_create(
                        authority=bnes,
                        name=name,
                        defaults={
                            "kind": Person.Kind.COUNCILLOR,
                            "user": get_user_model().objects.get(username=username),
                        },
                    )
                    logins.append(login)
            doncaster = Authority.objects.filter(slug="doncaster").first()
            if doncaster is not None:
                logins.extend(self._report_officers(doncaster))
        lines = "\n".join(f"  {username:28} {password}" for username, password in logins)
        self.stdout.write(
            self.style.SUCCESS(
                "\nDemo logins for http://127.0.0.1:8000/ (username, password)\n"
                f"{lines}\n  admin: /admin/   everyone else: /officers/\n"
            )
        )

    def _report_officers(self, doncaster: Authority) -> list[tuple]:
        logins = []
        for username, group in DEMO_REPORT_OFFICERS.items():
            logins.append(self._user(username))
            user = get_user_model().objects.get(username=username)
            Group.objects.get(name=group).user_set.add(user)
        # Linked only when both are free: a login already given to the person is left alone.
        author = get_user_model().objects.get(username="demo.officer")
        person = Person.objects.filter(
            authority=doncaster, name=DEMO_AUTHOR, user__isnull=True
        ).first()
        if person is not None and not Person.objects.filter(user=author).exists():
            person.user = author
            person.save(update_fields=["user"])
        # The seed report is the demo author's: it is in the workspace, where an author looks
        # for it, as it stands in the seed document (with the decision maker).
        awaiting = Decision.objects.filter(
            authority=doncaster,
            status=Decision.Status.FOR_DETERMINATION,
            report_author__name=DEMO_AUTHOR,
        )
        for decision in awaiting:
            from_record.report_from_record(decision=decision, by=author, at=timezone.now())
        return logins

    def _user(self, username: str, *, superuser: bool = False, staff: bool = False) -> tuple:
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_staff = superuser or staff
        user.is_superuser = superuser
        user.set_password(password)
        user.save()
        return username, password
