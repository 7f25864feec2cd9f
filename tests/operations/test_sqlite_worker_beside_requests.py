"""On SQLite, the worker sending emails and people signing in at the same moment: no request
fails with "database is locked" (WAL, a busy timeout and IMMEDIATE transactions in settings.py).

A real database file, `manage.py db_worker` with hundreds of notifications to send, and
gunicorn (two processes, several threads) taking concurrent sign-ins from four visitors.
"""

from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.parse import urlencode

from tests import serving

PASSWORD = "a long pass phrase for signing in"
VISITORS = 4
SIGN_INS_EACH = 12
FOLLOWERS = 150

SETUP = f"""
from django.contrib.auth import get_user_model
from django.db import transaction
from decisions.notifications import services as notifications
from datetime import date
from decisions.models import Notification, Subscription
from tests import factories

User = get_user_model()
for number in range({VISITORS}):
    User.objects.create_user(f"officer{{number}}", password={PASSWORD!r})
council = factories.authority(slug="borsetshire", name="Borsetshire County Council")
with transaction.atomic():
    followers = User.objects.bulk_create(
        User(username=f"follower{{number}}", email=f"follower{{number}}@example.org")
        for number in range({FOLLOWERS})
    )
    Subscription.objects.bulk_create(
        Subscription(user=user, authority=council) for user in followers
    )
    for number in range(3):
        # Published, so that every follower is told (a withheld record goes to clerks only).
        decision = factories.decision(
            authority=council, title=f"Decision {{number}}", publication_date=date(2023, 11, 10)
        )
        notifications.notify(kind=Notification.Kind.PUBLISHED, decision=decision)
print(Notification.objects.count())
"""

SENT = (
    "from decisions.models import Notification; "
    "print(Notification.objects.filter(status='sent').count())"
)


def sign_in_repeatedly(server: serving.Server, visitor: int) -> list[int]:
    """One visitor signing in again and again: the statuses of every request made."""
    statuses = []
    for _ in range(SIGN_INS_EACH):
        jar = CookieJar()
        opener = serving.browser_opener(jar)
        form = serving.request(f"{server.url}/accounts/login/", opener=opener)
        token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        data = urlencode(
            {"username": f"officer{visitor}", "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        signed_in = serving.request(f"{server.url}/accounts/login/", data=data, opener=opener)
        workspace = serving.request(f"{server.url}/officers/", opener=opener)
        statuses += [form.status, signed_in.status, workspace.status]
    return statuses


def test_sign_ins_beside_the_worker_sending_emails_never_find_the_database_locked(tmp_path):
    database = serving.migrated_sqlite(tmp_path)
    environment = serving.production_environment(
        f"sqlite:///{database}",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        LOG_LEVEL="INFO",
    )
    queued = int(serving.manage("shell", "--no-imports", "-c", SETUP, environment=environment))
    assert queued == 3 * FOLLOWERS

    with (
        serving.worker(environment, tmp_path / "worker.log") as worker,
        serving.serving(environment, tmp_path / "gunicorn.log", workers=2, threads=4) as server,
        ThreadPoolExecutor(VISITORS) as visitors,
    ):
        statuses = [
            status
            for answers in visitors.map(
                lambda visitor: sign_in_repeatedly(server, visitor), range(VISITORS)
            )
            for status in answers
        ]
        sent_meanwhile = int(
            serving.manage("shell", "--no-imports", "-c", SENT, environment=environment)
        )
        logs = server.log() + worker.log()

    assert "database is locked" not in logs
    assert set(statuses) == {200, 302}, logs[-5000:]
    # The worker was writing while the sign-ins were.
    assert sent_meanwhile > 0
