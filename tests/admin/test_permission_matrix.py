"""Who may open what: the permission matrix of /officers/, /admin/ and /api/, as data.

Every URL pattern under those prefixes must have a row here: the URLconf is walked, and a
pattern without one fails `test_every_url_has_a_row`. The admin's rows are made from the
models registered with it (changelist, add, change, delete, history and each historical
version), each answered according to CLERK_ADMIN for democratic services.

Rows marked IDOR reach someone else's object by its id: another directorate's report, a
sign-off asked of another officer, another councillor's call-in, another council's decision,
and decisions the register leaves out (exempt, confidential, unpublished). Each answers 404
or 403, never the object.

The register is seen at noon on 14 November 2023, while the B&NES call-in window is open.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from model_bakery import baker

from commissioning.models import Contract, FundingLine
from decisions.groups import REPORT_AUTHORS
from decisions.models import (
    Authority,
    CallIn,
    CallInSignature,
    Decision,
    Directorate,
    DraftRecommendation,
    ForwardPlanEntry,
    Issue,
    Meeting,
    Notification,
    OfficerDecision,
    Person,
    Recommendation,
    Report,
    Subscription,
    Ward,
)
from decisions.notifications.calendar import calendar_token
from decisions.notifications.tasks import send_notification
from decisions.reports.services.clearance import report_send_for_clearance
from decisions.reports.services.drafting import report_row_save, report_start
from decisions.rules.call_in import LONDON
from tests import factories
from tests.reports.builders import drafted_report

pytestmark = pytest.mark.django_db

MOMENT = datetime(2023, 11, 14, 12, 0, tzinfo=LONDON)
BNES_TITLE = "Community Services Transformation Programme - Preferred Delivery Options"

ROLES = (
    "anonymous",
    "councillor",
    "report_author",
    "clearance_officer",
    "democratic_services",
    "administrator",
)
# An answer: a status code, or LOGIN for a redirect to the sign-in page (/accounts/login/ for
# the workspace, /admin/login/ for the admin), or REDIRECT for any other redirect.
LOGIN = "login"
REDIRECT = "redirect"


@dataclass
class World:
    """The records the rows point at, made once per test."""

    users: dict[str, User | None]
    decision: Decision  # public, B&NES, in its call-in window
    exempt: Decision
    confidential: Decision
    unpublished: Decision
    other_council: Decision  # public, another council's
    call_in: CallIn  # another councillor's, on the public decision
    hidden_call_in: CallIn  # on the exempt decision, the councillor asked to sign it
    report: Report  # the author's, in clearance, legal clearance asked of our officer
    other_report: Report  # another directorate's, no clearance asked
    report_row: DraftRecommendation
    other_row: DraftRecommendation  # a row of the other report
    token: str  # the councillor's calendar


@dataclass(frozen=True)
class Row:
    name: str
    kwargs: Callable[[World], dict[str, object]]
    answers: tuple[object, ...]  # in the order of ROLES
    method: str = "get"
    what: str = ""

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.name}{f' ({self.what})' if self.what else ''}"


def row(name: str, answers: tuple, kwargs: Callable | None = None, **more: str) -> Row:
    return Row(name, kwargs or (lambda world: {}), answers, **more)


def everyone(answer: object) -> tuple:
    return (answer,) * len(ROLES)


# The workspace ---------------------------------------------------------------------------
#                  anonymous councillor author clearance clerk admin
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200)
CLERKS_ONLY = (LOGIN, 403, 403, 403, 200, 200)
STAFF = (LOGIN, 403, 200, 200, 200, 200)


def decision(attribute: str) -> Callable[[World], dict]:
    return lambda world: {"pk": getattr(world, attribute).pk}


def report(attribute: str = "report", **more: object) -> Callable[[World], dict]:
    return lambda world: {"pk": getattr(world, attribute).pk, **more}


def report_row(report_attribute: str, row_attribute: str) -> Callable[[World], dict]:
    return lambda world: {
        "pk": getattr(world, report_attribute).pk,
        "rows": "recommendations",
        "row": getattr(world, row_attribute).pk,
    }


OFFICER_ROWS = [
    row("officers:home", SIGNED_IN),
    row("officers:call-in-dashboard", CLERKS_ONLY),
    row("officers:publish-decision", CLERKS_ONLY, decision("decision")),
    row("officers:publish-decision", CLERKS_ONLY, decision("exempt"), what="exempt"),
    row("officers:follow-decision", (LOGIN, 405, 405, 405, 405, 405), decision("decision")),
    row(
        "officers:follow-decision",
        (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
        decision("decision"),
        method="post",
    ),
    row(
        "officers:follow-decision",
        (LOGIN, 404, 404, 404, REDIRECT, REDIRECT),
        decision("exempt"),
        method="post",
        what="IDOR: exempt",
    ),
    row("officers:call-in-detail", CLERKS_ONLY, lambda world: {"pk": world.call_in.pk}),
    row("officers:request-call-in", (LOGIN, 200, 403, 403, 403, 403), decision("decision")),
    *(
        row(
            "officers:request-call-in",
            (LOGIN, 404, 404, 404, 404, 404),
            decision(hidden),
            what=f"IDOR: {hidden}",
        )
        for hidden in ("exempt", "confidential", "unpublished")
    ),
    row(
        "officers:request-call-in",
        (LOGIN, 403, 403, 403, 403, 403),
        decision("other_council"),
        what="IDOR: another council",
    ),
    row(
        "officers:sign-call-in",
        (LOGIN, 403, 403, 403, 403, 403),
        lambda world: {"pk": world.call_in.pk},
        what="IDOR: another councillor's",
    ),
    row(
        "officers:sign-call-in",
        (LOGIN, 404, 404, 404, 404, 404),
        lambda world: {"pk": world.hidden_call_in.pk},
        what="IDOR: on an exempt decision",
    ),
    row("officers:my-call-ins", (LOGIN, 200, 403, 403, 403, 403)),
    row("officers:calendar", SIGNED_IN),
    row("officers:calendar-feed", everyone(200), lambda world: {"token": world.token}),
    row(
        "officers:calendar-feed",
        everyone(404),
        lambda world: {"token": world.token[:-2] + "xx"},
        what="IDOR: a made-up token",
    ),
    row("officers:reports", STAFF),
    row("officers:report-new", (LOGIN, 403, 200, 403, 403, 200)),
    row("officers:report", STAFF, report()),
    row(
        "officers:report",
        (LOGIN, 403, 404, 404, 200, 200),
        report("other_report"),
        what="IDOR: another directorate's",
    ),
    # Those who may read a report but not change it see its drafting pages read-only.
    row("officers:report-details", STAFF, report()),
    row(
        "officers:report-details",
        (LOGIN, 403, 404, 404, 200, 200),
        report("other_report"),
        what="IDOR: another directorate's",
    ),
    row("officers:report-preview-pdf", STAFF, report()),
    row(
        "officers:report-preview-pdf",
        (LOGIN, 403, 404, 404, 200, 200),
        report("other_report"),
        what="IDOR: another directorate's",
    ),
    row("officers:report-section", STAFF, report(kind="legal")),
    row(
        "officers:report-section",
        (LOGIN, 403, 404, 404, 404, 404),
        report(kind="no-such-section"),
        what="a made-up section",
    ),
    row("officers:report-section-autosave", everyone(405), report(kind="legal")),
    row(
        "officers:report-section-autosave",
        (LOGIN, 403, 404, 404, 403, 403),
        report("other_report", kind="legal"),
        method="post",
        what="IDOR: another directorate's",
    ),
    row("officers:report-rows", STAFF, report(rows="recommendations")),
    row(
        "officers:report-rows",
        (LOGIN, 403, 404, 404, 200, 200),
        report("other_report", rows="recommendations"),
        what="IDOR: another directorate's",
    ),
    row("officers:report-row-add", (LOGIN, 403, 200, 403, 403, 403), report(rows="risks")),
    row(
        "officers:report-row", (LOGIN, 403, 200, 403, 403, 403), report_row("report", "report_row")
    ),
    row(
        "officers:report-row",
        (LOGIN, 403, 404, 403, 403, 403),
        report_row("report", "other_row"),
        what="IDOR: another report's row",
    ),
    row(
        "officers:report-row-delete",
        (LOGIN, 403, 200, 403, 403, 403),
        report_row("report", "report_row"),
    ),
    row(
        "officers:report-row-delete",
        (LOGIN, 403, 404, 403, 403, 403),
        report_row("report", "other_row"),
        what="IDOR: another report's row",
    ),
    row("officers:report-clearance", (LOGIN, 404, 200, 403, 403, 403), report()),
    row("officers:report-sign-off", (LOGIN, 404, 403, 200, 403, 403), report(area="legal")),
    row(
        "officers:report-sign-off",
        (LOGIN, 404, 403, 403, 403, 403),
        report(area="finance"),
        what="IDOR: asked of another officer",
    ),
    row(
        "officers:report-sign-off",
        (LOGIN, 404, 404, 404, 404, 404),
        report("other_report", area="legal"),
        what="IDOR: another directorate's, not asked",
    ),
    row("officers:report-forward-plan", (LOGIN, 404, 200, 403, 200, 200), report()),
    row("officers:report-send", (LOGIN, 404, 200, 403, 403, 403), report()),
    row(
        "officers:report-decision",
        (LOGIN, 403, 403, 403, 404, 404),
        report(),
        what="not yet with the decision maker",
    ),
]


# The API: public, the same for everyone -----------------------------------------------------------


def first(model: type[Model], **filters: object) -> Callable[[World], dict]:
    return lambda world: {"pk": model._default_manager.filter(**filters).first().pk}


API_ROWS = [
    row("api:api-root", everyone(200)),
    row("api:schema", everyone(200)),
    row("api:docs", everyone(200)),
    row("api:decision-list", everyone(200)),
    row("api:decision-list", everyone(200), lambda world: {"format": "json"}, what="as JSON"),
    row("api:decision-detail", everyone(200), decision("decision")),
    *(
        row("api:decision-detail", everyone(404), decision(hidden), what=f"IDOR: {hidden}")
        for hidden in ("exempt", "confidential", "unpublished")
    ),
    row("api:contract-list", everyone(200)),
    row("api:contract-detail", everyone(200), first(Contract, authority__slug="herefordshire")),
    row("api:funding-line-list", everyone(200)),
    row("api:funding-line-detail", everyone(200), first(FundingLine)),
    row("api:meeting-list", everyone(200)),
    row("api:meeting-detail", everyone(200), first(Meeting)),
    row("api:issue-list", everyone(200)),
    row("api:issue-detail", everyone(200), first(Issue)),
]
API_NO_SUCH_ADDRESS = "/api/no-such-thing/"  # api:no-such-address, a pattern with no arguments


# The admin -------------------------------------------------------------------------------------

# What democratic services may do with each model in the admin: view, add, change, delete.
# A model not listed is closed to them (403): logins, groups, the councils' call-in rules, the
# worker's queue, sign-in attempts, reports, notifications and subscriptions.
CLERK_ADMIN = {
    "decisions.authority": "v",
    "decisions.body": "vac",
    "decisions.ward": "vac",
    "decisions.directorate": "vac",
    "decisions.person": "vac",
    "decisions.meeting": "vac",
    "decisions.agendaitem": "vac",
    "decisions.issue": "vac",
    "decisions.decision": "vac",
    "decisions.recommendation": "vacd",
    "decisions.delegation": "vac",
    "decisions.officerdecision": "vac",
    "decisions.document": "vacd",
    "decisions.callin": "vac",
    "decisions.forwardplanentry": "vac",
    "commissioning.supplier": "vac",
    "commissioning.contract": "vac",
    "commissioning.fundingline": "vacd",
    "commissioning.servicevolume": "vacd",
}
# What the administrator may not do: what no one may (records made by events, not by hand).
NOT_EVEN_THE_ADMINISTRATOR = {
    "decisions.notification": "a",
    "axes.accessattempt": "a",
    "axes.accesslog": "a",
    "axes.accessfailurelog": "a",
    "django_tasks_database.dbtaskresult": "ad",
}
ADMIN_VIEWS = {
    # URL name suffix: (what it needs, whether it takes the object)
    "changelist": ("v", False),
    "add": ("a", False),
    "change": ("v", True),
    "delete": ("d", True),
    "history": ("v", True),
}
NOT_STAFF = (LOGIN, LOGIN, LOGIN, LOGIN)  # anonymous, councillor, author, clearance officer


def admin_answer(label: str, needs: str) -> tuple:
    clerk = 200 if needs in CLERK_ADMIN.get(label, "") else 403
    administrator = 403 if needs in NOT_EVEN_THE_ADMINISTRATOR.get(label, "") else 200
    return (*NOT_STAFF, clerk, administrator)


def some_object(model: type[Model]) -> Callable[[World], dict]:
    return lambda world: {"object_id": model._default_manager.order_by("pk").first().pk}


def some_version(model: type[Model]) -> Callable[[World], dict]:
    def kwargs(world: World) -> dict:
        made = model._default_manager.order_by("pk").first()
        return {"args": [made.pk, made.history.order_by("history_id").first().history_id]}

    return kwargs


def admin_model_rows() -> Iterator[Row]:
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        label = f"{meta.app_label}.{meta.model_name}"
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        for view, (needs, of_object) in ADMIN_VIEWS.items():
            kwargs = some_object(model) if of_object else None
            yield row(f"{prefix}_{view}", admin_answer(label, needs), kwargs)
        # `…/<id>/` on its own goes on to the change page.
        yield row(
            f"{prefix}_change",
            (*NOT_STAFF, REDIRECT, REDIRECT),
            lambda world, model=model: {"path": some_object(model)(world)["object_id"]},
            what="bare id",
        )
        if hasattr(model_admin, "history_form_view"):
            yield row(f"{prefix}_simple_history", admin_answer(label, "v"), some_version(model))
        if meta.label_lower == "auth.user":
            yield row("admin:auth_user_password_change", admin_answer(label, "c"), some_user())


def some_user() -> Callable[[World], dict]:
    return lambda world: {"id": world.users["councillor"].pk}


def decision_on_site(world: World) -> dict:
    kind = ContentType.objects.get_for_model(Decision)
    return {"content_type_id": kind.pk, "object_id": world.decision.pk}


STAFF_ONLY = (*NOT_STAFF, 200, 200)
ADMIN_SITE_ROWS = [
    row("admin:index", STAFF_ONLY),
    row("admin:login", (200, 200, 200, 200, REDIRECT, REDIRECT)),
    # Signing out is a POST; one who is not signed in to the admin is sent to its index.
    row("admin:logout", (REDIRECT, REDIRECT, REDIRECT, REDIRECT, 405, 405)),
    row("admin:password_change", STAFF_ONLY),
    row("admin:password_change_done", STAFF_ONLY),
    row("admin:autocomplete", (*NOT_STAFF, 403, 403), what="without a field"),
    row("admin:jsi18n", STAFF_ONLY),
    row("admin:view_on_site", (*NOT_STAFF, REDIRECT, REDIRECT), decision_on_site),
    row("admin:app_list", STAFF_ONLY, lambda world: {"app_label": "decisions"}),
    row("admin:app_list", STAFF_ONLY, lambda world: {"app_label": "commissioning"}),
    row("admin:app_list", (*NOT_STAFF, 404, 200), lambda world: {"app_label": "auth"}),
]
ADMIN_NO_SUCH_PAGE = "/admin/no-such-page/"  # the admin's catch-all, which has no name


def all_rows() -> list[Row]:
    return [*OFFICER_ROWS, *API_ROWS, *ADMIN_SITE_ROWS, *admin_model_rows()]


# The URLconf ---------------------------------------------------------------------------------


def url_patterns(
    patterns: list | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str | None]]:
    """(route, namespaced name) of every pattern in the URLconf."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield (
                prefix + str(pattern.pattern),
                f"{namespace}{pattern.name}" if pattern.name else None,
            )


def guarded_patterns() -> list[tuple[str, str | None]]:
    return [
        (route, name)
        for route, name in url_patterns()
        if route.startswith(("officers/", "admin/", "api/"))
    ]


# Unnamed patterns, each answered by a row of its own: the admin's `<id>/` (the "bare id" rows),
# its catch-all, and the API's catch-all.
UNNAMED = {"admin/(?P<url>.*)$"}


def test_every_url_has_a_row():
    named = {row.name for row in all_rows()} | {"api:no-such-address"}
    missing = [
        (route, name)
        for route, name in guarded_patterns()
        if (name is None and route not in UNNAMED and not route.endswith("<path:object_id>/"))
        or (name is not None and name not in named)
    ]
    assert missing == []


# The answers -------------------------------------------------------------------------------------


@pytest.fixture
def world(seeded, author, clearers, clerk, django_user_model) -> Iterator[World]:
    bnes = Authority.objects.get(slug="bathnes")
    doncaster = Authority.objects.get(slug="doncaster")
    public = Decision.objects.get(title__startswith=BNES_TITLE)
    councillor = Person.objects.create(
        authority=bnes,
        name="Lucy Hodge",
        kind=Person.Kind.COUNCILLOR,
        user=django_user_model.objects.create_user("lucy.hodge", "lucy.hodge@example.org"),
    )
    lead = Person.objects.create(
        authority=bnes,
        name="Joanna Wright",
        kind=Person.Kind.COUNCILLOR,
        user=django_user_model.objects.create_user("joanna.wright", "jw@example.org"),
    )
    hidden = {
        name: factories.decision(
            authority=bnes,
            title=f"{name} decision",
            publication_date=None if name == "unpublished" else date(2023, 11, 10),
            **fields,
        )
        for name, fields in {
            "exempt": {"is_exempt": True, "exempt_paragraph": "3"},
            "confidential": {"is_confidential": True},
            "unpublished": {},
        }.items()
    }
    call_in = CallIn.objects.create(decision=public, received_at=MOMENT, reasons="Why.")
    CallInSignature.objects.create(call_in=call_in, member=lead, is_lead=True)
    hidden_call_in = CallIn.objects.create(
        decision=hidden["exempt"], received_at=MOMENT, reasons="Why."
    )
    CallInSignature.objects.create(call_in=hidden_call_in, member=lead, is_lead=True)
    CallInSignature.objects.create(call_in=hidden_call_in, member=councillor)

    drafted = drafted_report(doncaster, author)
    report_send_for_clearance(report=drafted, officers=clearers, by=author, at=MOMENT)
    place = Directorate.objects.create(authority=doncaster, name="Place")
    colleague = factories.officer(django_user_model, "place.author", REPORT_AUTHORS)
    Person.objects.create(
        authority=doncaster,
        name="Dan Swaine",
        kind=Person.Kind.OFFICER,
        directorate=place,
        user=colleague,
    )
    other = report_start(authority=doncaster, title="Street lighting", by=colleague, at=MOMENT)
    other_row = DraftRecommendation(
        report=other, label="1", text="To replace the lamps.", kind=Recommendation.Kind.ESTABLISH
    )
    report_row_save(row=other_row, expected_version=None, by=colleague, at=MOMENT)
    # Something for each admin page that lists only what events make.
    Subscription.objects.create(user=councillor.user, authority=bnes)
    Notification.objects.create(
        key="matrix",
        kind=Notification.Kind.PUBLISHED,
        decision=public,
        user=clerk,
        email=clerk.email,
        subject="Published",
        body="Published",
    )
    send_notification.enqueue(Notification.objects.get(key="matrix").pk)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        baker.make(model, username="someone", ip_address="192.0.2.1")
    Ward.objects.create(authority=bnes, name="Abbey")
    baker.make(
        ForwardPlanEntry,
        authority=bnes,
        decision_maker=public.decision_maker,
        decision=None,
        lead_officer=None,
        is_private=False,
        exempt_paragraph="",
        intended_date=date(2023, 12, 1),
    )
    baker.make(
        OfficerDecision, authority=bnes, reference="OD1", is_exempt=False, exempt_paragraph=""
    )
    administrator = django_user_model.objects.create_superuser("administrator", "a@example.org")
    empty = [model for model in admin.site._registry if not model._default_manager.exists()]
    assert empty == [], "each admin page needs a record to open"
    with time_machine.travel(MOMENT, tick=False):
        yield World(
            users={
                "anonymous": None,
                "councillor": councillor.user,
                "report_author": author,
                "clearance_officer": clearers["legal"],
                "democratic_services": clerk,
                "administrator": administrator,
            },
            decision=public,
            exempt=hidden["exempt"],
            confidential=hidden["confidential"],
            unpublished=hidden["unpublished"],
            other_council=Decision.objects.public(MOMENT).exclude(authority=bnes).first(),
            call_in=call_in,
            hidden_call_in=hidden_call_in,
            report=drafted,
            other_report=other,
            report_row=drafted.recommendations.order_by("pk").first(),
            other_row=other_row,
            token=calendar_token(councillor.user),
        )


def answer_of(response: object) -> object:
    if response.status_code == 302:
        location = response["Location"]
        signing_in = location.startswith(("/accounts/login/", "/admin/login/"))
        return LOGIN if signing_in else REDIRECT
    return response.status_code


def address(row: Row, world: World) -> str:
    kwargs = row.kwargs(world)
    if "path" in kwargs:  # the admin's bare `<id>/`
        return reverse(row.name, args=[kwargs["path"]]).removesuffix("change/")
    if "args" in kwargs:
        return reverse(row.name, args=kwargs["args"])
    return reverse(row.name, kwargs=kwargs)


def answers_for(role: str, world: World) -> list[tuple[str, str, object, object]]:
    """Every row the role gets a different answer from: (row, address, expected, answered)."""
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    column = ROLES.index(role)
    wrong = []
    for each in all_rows():
        url = address(each, world)
        answered = answer_of(getattr(client, each.method)(url))
        if answered != each.answers[column]:
            wrong.append((each.label, url, each.answers[column], answered))
    for url, staff_answer in ((API_NO_SUCH_ADDRESS, 404), (ADMIN_NO_SUCH_PAGE, 404)):
        expected = staff_answer
        if url.startswith("/admin/") and role not in ("democratic_services", "administrator"):
            expected = LOGIN
        answered = answer_of(client.get(url))
        if answered != expected:
            wrong.append(("catch-all", url, expected, answered))
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_each_address_answers_the_role_as_the_matrix_says(role, world):
    wrong = answers_for(role, world)
    assert wrong == [], "\n".join(
        f"{label} {url}: {want} expected, got {got}" for label, url, want, got in wrong
    )


def test_an_exempt_decisions_title_reaches_no_councillor_page(world):
    client = Client()
    client.force_login(world.users["councillor"])
    pages = [
        reverse("officers:home"),
        reverse("officers:my-call-ins"),
        reverse("officers:request-call-in", args=[world.exempt.pk]),
        reverse("officers:sign-call-in", args=[world.hidden_call_in.pk]),
    ]
    assert [url for url in pages if "exempt decision" in client.get(url).content.decode()] == []
