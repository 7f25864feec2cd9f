import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "For local demonstration only: make an 'admin' superuser with a fresh password."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("ensure_demo_admin only runs with DEBUG=1: it prints a password.")
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username="admin", defaults={"email": "admin@example.org"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                "\nDemo administrator for http://127.0.0.1:8000/admin/\n"
                f"  username: admin\n  password: {password}\n"
            )
        )
