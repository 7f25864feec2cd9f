"""A personal iCalendar feed of the call-in deadlines of the decisions a user follows.

Calendar apps cannot sign in, so the feed's address carries the user's id signed with the
secret key: whoever has the address sees the list, nobody can make one for someone else.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.signing import BadSignature, Signer
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from decisions.models import Authority, CallIn, Decision, Subscription
from decisions.register.feeds import call_in_event
from decisions.register.selectors import decision_last_modified
from decisions.rules import call_in as call_in_rules
from decisions.rules.call_in import CallInStatus
from decisions.types import User
from decisions.web.crumbs import workspace_crumbs

SALT = "councilgov.calendar"
# A followed council adds its decisions while they matter to democratic services: open or called in.
FOLLOWED_COUNCIL_STATUSES = {CallInStatus.OPEN, CallInStatus.CALLED_IN}


def calendar_token(user: User) -> str:
    """The private part of the user's feed address: their id, signed, safe in a URL."""
    return urlsafe_base64_encode(force_bytes(Signer(salt=SALT).sign(str(user.pk))))


def user_from_token(token: str) -> User:
    """The active user the token was made for, or Http404 (never saying which part was wrong)."""
    try:
        user_id = Signer(salt=SALT).unsign(urlsafe_base64_decode(token).decode())
    except (BadSignature, ValueError) as error:
        raise Http404("No such calendar.") from error
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise Http404("No such calendar.")
    return user


@dataclass(frozen=True)
class Followed:
    """A followed decision as the calendar shows it at one instant."""

    decision: Decision
    status: CallInStatus
    takes_effect_on: date | None
    call_in: CallIn | None

    @property
    def deadline(self) -> str:
        return call_in_rules.format_deadline(self.decision.deadline)

    @property
    def summary(self) -> str:
        title = self.decision.title
        if self.status == CallInStatus.CALLED_IN:
            return _("Called in: %(title)s") % {"title": title}
        if self.call_in is not None and self.takes_effect_on is not None:
            return _("Called in, effective %(day)s: %(title)s") % {
                "day": call_in_rules.format_date(self.takes_effect_on),
                "title": title,
            }
        if self.call_in is not None:
            return _("Called in, %(outcome)s: %(title)s") % {
                "outcome": self.call_in.get_final_outcome_display().lower(),
                "title": title,
            }
        return _("Call-in deadline: %(title)s") % {"title": title}

    def what_happened(self) -> list[str]:
        lines = [_("Call-in status: %(status)s") % {"status": self.status.label}]
        if self.call_in is not None:
            lines.append(
                _("Called in: request received %(day)s")
                % {"day": call_in_rules.format_date(timezone.localdate(self.call_in.received_at))}
            )
            if self.call_in.outcome:
                lines.append(
                    _("Scrutiny's outcome: %(outcome)s, %(day)s")
                    % {
                        "outcome": self.call_in.get_outcome_display(),
                        "day": call_in_rules.format_date(self.call_in.outcome_date),
                    }
                )
            if self.call_in.final_outcome:
                lines.append(
                    _("Final outcome: %(outcome)s, %(day)s")
                    % {
                        "outcome": self.call_in.get_final_outcome_display(),
                        "day": call_in_rules.format_date(self.call_in.final_outcome_date),
                    }
                )
        if self.status == CallInStatus.CALLED_IN:
            lines.append(_("Effective from: not until scrutiny has considered it"))
        elif self.takes_effect_on is not None:
            lines.append(
                _("Effective from: %(day)s")
                % {"day": call_in_rules.format_date(self.takes_effect_on)}
            )
        return lines


def followed_decisions(user: User, at: datetime) -> list[Followed]:
    """The public decisions with a call-in deadline that the user follows, by deadline.

    Those followed one by one stay, whatever their status; a followed council adds its
    decisions while their window is open or they are called in. Exempt and confidential
    records never appear: everything starts from Decision.objects.public().
    """
    subscriptions = Subscription.objects.filter(user=user)
    followed_one_by_one = Exists(subscriptions.filter(decision=OuterRef("pk")))
    councils = subscriptions.filter(decision__isnull=True).values("authority")
    # Narrowed in SQL to what can be open (deadline not past) or called in (has a request);
    # the status itself is the Python rule, as everywhere.
    may_matter = Q(call_in_deadline__gte=timezone.localdate(at)) | Exists(
        CallIn.objects.filter(decision=OuterRef("pk"))
    )
    decisions = (
        Decision.objects.public(at)
        .filter(call_in_deadline__isnull=False)
        .annotate(followed_one_by_one=followed_one_by_one)
        .filter(Q(followed_one_by_one=True) | (Q(authority__in=councils) & may_matter))
        .with_call_in_context()
        .order_by("call_in_deadline", F("call_in_deadline_time").asc(nulls_last=True), "pk")
    )
    followed = []
    for decision in decisions:
        status = decision.call_in_status(at)
        if decision.followed_one_by_one or status in FOLLOWED_COUNCIL_STATUSES:
            followed.append(
                Followed(
                    decision=decision,
                    status=status,
                    takes_effect_on=decision.takes_effect_on(),
                    call_in=decision.valid_call_in(),
                )
            )
    return followed


def followed_event(item: Followed, *, url: str, at: datetime) -> Event:
    """The public feed's event at the deadline, saying what the call-in has done since."""
    event = call_in_event(item.decision, url=url)
    event.uid = f"decision-{item.decision.pk}-followed@councilgov"
    event.summary = item.summary
    event.description = "\n".join([*item.what_happened(), event.description])
    # The status moves on by the clock too (the window closes, the decision takes effect).
    changed = decision_last_modified(item.decision, at).astimezone(UTC)
    event.stamp = event.last_modified = changed
    return event


@login_required
@require_safe
def personal_calendar_page(request: HttpRequest) -> HttpResponse:
    """/officers/calendar/: the address of the user's feed, how to add it, what it holds.

    Models: Subscription, Authority
    Template: officers/calendar.html
    Context: address, followed, councils, crumbs
    """
    now = timezone.now()
    address = request.build_absolute_uri(
        reverse("officers:calendar-feed", args=[calendar_token(request.user)])
    )
    councils = Authority.objects.filter(
        subscriptions__user=request.user, subscriptions__decision__isnull=True
    ).order_by("name")
    return render(
        request,
        "officers/calendar.html",
        {
            "address": address,
            "followed": followed_decisions(request.user, now),
            "councils": councils,
            "crumbs": workspace_crumbs(),
        },
    )


@require_safe
@cache_control(private=True)
def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """/officers/calendar/<token>.ics: no sign-in; a token that does not check out is a 404."""
    user = user_from_token(token)
    now = timezone.now()
    calendar = Calendar.new(
        name=_("Call-in deadlines you follow"),
        prodid="-//councilgov//Followed call-in deadlines//EN",
        uid=f"followed-call-in-deadlines-{user.pk}@councilgov",
        url=request.build_absolute_uri(reverse("officers:calendar")),
        source=request.build_absolute_uri(),
    )
    days: list[date] = []
    for item in followed_decisions(user, now):
        url = request.build_absolute_uri(item.decision.get_absolute_url())
        calendar.add_component(followed_event(item, url=url, at=now))
        days.append(item.decision.call_in_deadline)
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=1), last_date=max(days) + timedelta(days=1)
        )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    # The address is a secret: keep it out of search engines and other sites' logs.
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
