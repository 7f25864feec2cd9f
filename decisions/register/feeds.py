"""The register as feeds: the latest decisions in Atom, open call-in windows in iCalendar.

Both start from Decision.objects.public(), so exempt and confidential records never appear,
and both take ?authority=<slug> to follow one council.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from decisions.models import Authority, Decision
from decisions.register.selectors import (
    UnknownAuthority,
    authority_from_query,
    decision_last_modified,
    start_of,
)
from decisions.rules import call_in as call_in_rules
from decisions.rules.call_in import CallInStatus

LATEST = 50
# How long before a timed deadline its calendar event starts, so that it shows as a slot
# ending at the deadline.
TIMED_DEADLINE_LENGTH = timedelta(minutes=30)


def bad_request(error: UnknownAuthority) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")


def with_authority(path: str, authority: Authority | None, **query: str) -> str:
    if authority is not None:
        query["authority"] = authority.slug
    return f"{path}?{urlencode(query)}" if query else path


# Atom ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedRequest:
    """What one request for the feed asked for, and the instant it is answered at."""

    request: HttpRequest
    authority: Authority | None
    at: datetime


@dataclass(frozen=True)
class Entry:
    """A decision as the feed shows it at one instant."""

    decision: Decision
    status: CallInStatus
    last_changed: datetime
    permanent_address: str


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text (Django's Atom1Feed marks them as HTML).

    The feed's <updated> (and the Last-Modified header) also move when an entry's call-in
    status moves on by the clock, so that a conditional request never hides a new status.
    """

    def add_item_elements(self, handler: object, item: dict) -> None:
        super().add_item_elements(handler, item)
        if item.get("summary_text"):
            handler.addQuickElement("summary", item["summary_text"], {"type": "text"})

    def latest_post_date(self) -> datetime:
        changes = [item["last_changed"] for item in self.items if item.get("last_changed")]
        return max([super().latest_post_date(), *changes])


class DecisionsFeed(Feed):
    """/feeds/decisions.atom: the latest public decisions, newest publication first."""

    feed_type = PlainTextAtomFeed

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except UnknownAuthority as error:
            return bad_request(error)

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> FeedRequest:
        return FeedRequest(
            request=request, authority=authority_from_query(request), at=timezone.now()
        )

    def title(self, obj: FeedRequest) -> str:
        if obj.authority is None:
            return str(_("Decisions"))
        return str(_("Decisions of %(authority)s") % {"authority": obj.authority.name})

    def subtitle(self, obj: FeedRequest) -> str:
        return str(
            _("The latest %(count)s decisions published in the register.") % {"count": LATEST}
        )

    def link(self, obj: FeedRequest) -> str:
        return with_authority(reverse("decision-list"), obj.authority)

    def feed_url(self, obj: FeedRequest) -> str:
        return with_authority(reverse("feed-decisions"), obj.authority)

    def items(self, obj: FeedRequest) -> list[Entry]:
        decisions = Decision.objects.public(obj.at).with_call_in_status_context()
        if obj.authority is not None:
            decisions = decisions.filter(authority=obj.authority)
        latest = decisions.order_by(
            Coalesce("publication_date", "date_of_decision").desc(nulls_last=True),
            F("date_of_decision").desc(nulls_last=True),
            "-pk",
        )[:LATEST]
        return [
            Entry(
                decision=decision,
                status=decision.call_in_status(obj.at),
                last_changed=decision_last_modified(decision, obj.at),
                permanent_address=obj.request.build_absolute_uri(
                    reverse("decision-detail", args=[decision.authority.slug, f"id-{decision.pk}"])
                ),
            )
            for decision in latest
        ]

    def item_title(self, item: Entry) -> str:
        return str(item.decision)

    def item_link(self, item: Entry) -> str:
        return item.decision.get_absolute_url()

    def item_guid(self, item: Entry) -> str:
        # The entry's id: the address by register number, which never changes, while a
        # reference may be added to the record later.
        return item.permanent_address

    def item_updateddate(self, item: Entry) -> datetime:
        return item.decision.updated_at

    def item_pubdate(self, item: Entry) -> datetime | None:
        published = item.decision.publication_date
        return start_of(published) if published else None

    def item_author_name(self, item: Entry) -> str:
        return item.decision.decision_maker.name

    def item_description(self, item: Entry) -> None:
        # Written as a plain-text summary by PlainTextAtomFeed instead.
        return None

    def item_categories(self, item: Entry) -> list[str]:
        categories = [item.decision.authority.name]
        if item.decision.is_key_decision:
            categories.append(str(_("Key decision")))
        categories.append(str(item.status.label))
        return categories

    def item_extra_kwargs(self, item: Entry) -> dict:
        return {"summary_text": item.decision.purpose.strip(), "last_changed": item.last_changed}


# iCalendar -----------------------------------------------------------------------------


def call_in_event(decision: Decision, *, url: str) -> Event:
    """One open call-in window: all day on a date deadline, or half an hour up to a time."""
    deadline = decision.deadline
    if isinstance(deadline, datetime):
        end = deadline.astimezone(call_in_rules.LONDON)
        # Counted in UTC so that a window across a clock change is still half an hour.
        start = (end.astimezone(UTC) - TIMED_DEADLINE_LENGTH).astimezone(call_in_rules.LONDON)
    else:
        start, end = deadline, deadline + timedelta(days=1)
    changed = decision.updated_at.astimezone(UTC)
    description = "\n".join(
        [
            str(_("Decision maker: %(body)s") % {"body": decision.decision_maker.name}),
            str(_("Council: %(authority)s") % {"authority": decision.authority.name}),
            str(
                _("Call-in deadline: %(deadline)s")
                % {"deadline": call_in_rules.format_deadline(deadline)}
            ),
            url,
        ]
    )
    return Event.new(
        uid=f"decision-{decision.pk}-call-in@councilgov",
        summary=str(_("Call-in deadline: %(title)s") % {"title": decision.title}),
        start=start,
        end=end,
        description=description,
        url=url,
        # Without a METHOD, DTSTAMP is when the information last changed (RFC 5545 3.8.7.2).
        stamp=changed,
        last_modified=changed,
    )


@require_safe
def call_in_calendar(request: HttpRequest) -> HttpResponse:
    """/feeds/call-in.ics: every public decision whose call-in window is open now."""
    try:
        authority = authority_from_query(request)
    except UnknownAuthority as error:
        return bad_request(error)
    now = timezone.now()
    decisions = Decision.objects.public(now)
    if authority is not None:
        decisions = decisions.filter(authority=authority)
    open_now = (
        decisions.with_call_in_status(CallInStatus.OPEN, now)
        .select_related("authority", "decision_maker")
        .order_by("call_in_deadline", F("call_in_deadline_time").asc(nulls_last=True), "pk")
    )
    name = _("Call-in deadlines")
    if authority is not None:
        name = _("Call-in deadlines: %(authority)s") % {"authority": authority.name}
    calendar = Calendar.new(
        name=str(name),
        prodid="-//councilgov//Call-in deadlines//EN",
        uid=f"call-in-deadlines-{authority.slug if authority else 'all'}@councilgov",
        url=request.build_absolute_uri(
            with_authority(reverse("decision-list"), authority, call_in_status=CallInStatus.OPEN)
        ),
        source=request.build_absolute_uri(with_authority(reverse("feed-call-in"), authority)),
    )
    days: list[date] = []
    for decision in open_now:
        url = request.build_absolute_uri(decision.get_absolute_url())
        calendar.add_component(call_in_event(decision, url=url))
        days.append(decision.call_in_deadline)
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=1), last_date=max(days) + timedelta(days=1)
        )
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
