import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from decisions.groups import CLERKS
from decisions.models import Authority, Person

DEMO_COUNCILLORS = ["Demo Councillor A", "Demo Councillor B"]


class Command(BaseCommand):
    help = (
        "For local demonstration only: make an 'admin' superuser, a 'clerk' in democratic "
        "services and two B&NES demo councillors, each with a fresh printed password."
    )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("ensure_demo_admin only runs with DEBUG=1: it prints passwords.")
        with transaction.atomic():
            logins = [self._user("admin", superuser=True), self._user("clerk", staff=True)]
            Group.objects.get(name=CLERKS).user_set.add(
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
        lines = "\n".join(f"  {username:28} {password}" for username, password in logins)
        self.stdout.write(
            self.style.SUCCESS(
                "\nDemo logins for http://127.0.0.1:8000/ (username, password)\n"
                f"{lines}\n  admin: /admin/   clerk and councillors: /officers/\n"
            )
        )

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
