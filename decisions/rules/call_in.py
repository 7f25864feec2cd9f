"""The call-in rule, deadline, effective date and call-in status: pure functions, no database.

Under the Local Government Act 2000 (s9F) and each council's constitution, an executive decision
may be "called in" by non-executive members for scrutiny before it is implemented. Councils
differ in how long the window is, what it counts from, when in the day it closes and when the
decision then takes effect; `CallInRule` says which, and the functions here apply it.

    >>> rule = CallInRule(days=5)
    >>> call_in_deadline(rule, nation="england", published=date(2023, 11, 10),
    ...                  decided=date(2023, 11, 9), closure_days=())
    datetime.date(2023, 11, 17)
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from decisions.rules import working_days

LONDON = ZoneInfo("Europe/London")

DAY_KINDS = ("working", "calendar")
ANCHORS = ("publication", "decision")
EFFECTIVE_CONVENTIONS = ("day_after", "deadline_day", "next_working_day")

Deadline = date | datetime


@dataclass(frozen=True)
class CallInRule:
    """How an authority's constitution sets the call-in window.

    - `days`: how long the window is, in `day_kind` days ("working" or "calendar"), clear of
      the day it counts from.
    - `anchor`: what it counts from, the "publication" of the decision or the "decision" itself.
    - `effective`: when an uncalled decision takes effect: the "day_after" the deadline, on the
      "deadline_day" itself, or on the "next_working_day" after it.
    - `deadline_time`: the time of day the window closes (4pm, midday); None for end of day.
    - `signatories_required`: how many members must sign a call-in for it to be valid.
    """

    days: int
    day_kind: str = "working"
    anchor: str = "publication"
    effective: str = "day_after"
    deadline_time: time | None = None
    signatories_required: int = 1

    def __post_init__(self) -> None:
        if isinstance(self.days, bool) or not isinstance(self.days, int) or self.days < 1:
            raise ValueError(f"The call-in period must be at least one day, not {self.days!r}.")
        for name, value, allowed in (
            ("day_kind", self.day_kind, DAY_KINDS),
            ("anchor", self.anchor, ANCHORS),
            ("effective", self.effective, EFFECTIVE_CONVENTIONS),
        ):
            if value not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}.")
        if self.deadline_time is not None and not isinstance(self.deadline_time, time):
            raise ValueError("deadline_time must be a time of day, or None for end of day.")
        if self.signatories_required < 1:
            raise ValueError("At least one member must sign a call-in.")


def _anchor_day(rule: CallInRule, published: date | None, decided: date | None) -> date:
    day = published if rule.anchor == "publication" else decided
    if day is None:
        what = "publication date" if rule.anchor == "publication" else "date of decision"
        raise ValueError(f"The rule counts from the {what}, which is not given.")
    return day


def call_in_deadline(
    rule: CallInRule,
    *,
    nation: str,
    published: date | None,
    decided: date | None,
    closure_days: Collection[date] = (),
) -> Deadline:
    """The last moment members may call the decision in.

    A date (the window closes at the end of that day) when the rule has no deadline time;
    otherwise an aware Europe/London datetime, right on both sides of a clock change.
    """
    start = _anchor_day(rule, published, decided)
    if rule.day_kind == "working":
        day = working_days.add_working_days(
            start, rule.days, nation=nation, closure_days=closure_days
        )
    else:
        day = start + timedelta(days=rule.days)
    if rule.deadline_time is None:
        return day
    return datetime.combine(day, rule.deadline_time, tzinfo=LONDON)


def deadline_day(deadline: Deadline) -> date:
    if isinstance(deadline, datetime):
        return deadline.astimezone(LONDON).date()
    return deadline


def effective_from(
    rule: CallInRule,
    *,
    nation: str,
    published: date | None,
    decided: date | None,
    closure_days: Collection[date] = (),
    subject_to_call_in: bool = True,
) -> date:
    """The day the decision takes effect if no valid call-in is made.

    A decision not subject to call-in (taken under urgency) is effective on publication, or on
    the date of decision when that is later.
    """
    if not subject_to_call_in:
        known = [day for day in (published, decided) if day is not None]
        if not known:
            raise ValueError("Neither the publication date nor the date of decision is given.")
        return max(known)
    last_day = deadline_day(
        call_in_deadline(
            rule, nation=nation, published=published, decided=decided, closure_days=closure_days
        )
    )
    if rule.effective == "deadline_day":
        return last_day
    if rule.effective == "next_working_day":
        return working_days.next_working_day(last_day, nation=nation, closure_days=closure_days)
    return last_day + timedelta(days=1)


def window_closes_at(deadline: Deadline) -> datetime:
    """The instant the window closes: the deadline time, or midnight at the end of the day."""
    if isinstance(deadline, datetime):
        return deadline
    return datetime.combine(deadline + timedelta(days=1), time(0), tzinfo=LONDON)


def deadline_passed(deadline: Deadline, at: datetime) -> bool:
    """Whether the window had closed by the instant `at` (an aware datetime)."""
    return at >= window_closes_at(deadline)


def next_moment(at: datetime, closing_times: Collection[time]) -> datetime:
    """The first instant after `at` at which the register's words can change with the clock alone.

    Every status, "to come" and "in force" the register prints turns on a day (publication,
    effective date, the end of a deadline day, a forward plan's intended date), and so changes
    at midnight in London; a window with a deadline time closes at that time of its last day.
    `closing_times` are the times of day at which some window closes today.

    >>> next_moment(datetime(2024, 3, 4, 15, 0, tzinfo=LONDON), [time(16, 0), time(12, 0)])
    datetime.datetime(2024, 3, 4, 16, 0, tzinfo=datetime.timezone.utc)
    """
    local = at.astimezone(LONDON)
    candidates = [datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=LONDON)]
    candidates += [datetime.combine(local.date(), when, tzinfo=LONDON) for when in closing_times]
    return min(moment.astimezone(UTC) for moment in candidates if moment > at)


class CallInStatus(StrEnum):
    """Where a decision stands in its call-in window, derived from dates and requests."""

    NOT_SUBJECT = "not_subject"
    AWAITING_PUBLICATION = "awaiting_publication"
    OPEN = "open"
    CALLED_IN = "called_in"
    CLOSED = "closed"
    EFFECTIVE = "effective"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    CallInStatus.NOT_SUBJECT: _("Not subject to call-in"),
    CallInStatus.AWAITING_PUBLICATION: _("Awaiting publication"),
    CallInStatus.OPEN: _("Open for call-in"),
    CallInStatus.CALLED_IN: _("Called in"),
    CallInStatus.CLOSED: _("Call-in period closed"),
    CallInStatus.EFFECTIVE: _("Effective"),
}


def call_in_status(
    *,
    subject_to_call_in: bool,
    published: date | None,
    deadline: Deadline | None,
    effective: date | None,
    called_in: bool,
    at: datetime,
    call_in_made: bool = False,
) -> CallInStatus:
    """The call-in status at the instant `at`; nothing here is stored or needs flipping.

    - awaiting publication: not yet published (and no official effective date recorded);
    - not subject to call-in: published under an urgency route;
    - called in: a valid call-in awaits its outcome (the decision is suspended);
    - effective: the effective date has come;
    - open: published, the deadline has not passed and no valid call-in has been made;
    - closed: the window is over (the deadline has passed, or a valid call-in was made and
      scrutiny has finished with it) but the decision is not yet effective.
    """
    today = at.astimezone(LONDON).date()
    if (published is None and effective is None) or (published is not None and published > today):
        return CallInStatus.AWAITING_PUBLICATION
    if not subject_to_call_in:
        return CallInStatus.NOT_SUBJECT
    if called_in:
        return CallInStatus.CALLED_IN
    if effective is not None and effective <= today:
        return CallInStatus.EFFECTIVE
    # Once a valid call-in has been made and dealt with, the window does not open again.
    if not call_in_made and deadline is not None and not deadline_passed(deadline, at):
        return CallInStatus.OPEN
    return CallInStatus.CLOSED


@dataclass(frozen=True)
class CallInMade:
    """The valid call-in of a decision, as the public record tells it (labels, not codes)."""

    received: date
    outcome: str = ""
    outcome_date: date | None = None
    final_outcome: str = ""
    final_outcome_date: date | None = None
    # Referred back or to full Council, and not yet reconsidered.
    awaiting_reconsideration: bool = False


@dataclass(frozen=True)
class CallInAccount:
    """A decision's call-in status and every sentence the register prints about it.

    The decision page, its record PDF and the officer pages print these and nothing of their
    own, so that what they say cannot contradict the status or each other.
    """

    status: CallInStatus
    sentences: tuple[str, ...]
    effective: date | None
    call_in: CallInMade | None = None

    @property
    def label(self) -> str:
        return self.status.label


def time_left(deadline: Deadline, at: datetime) -> str:
    """ "3 days left", "5 hours left", "less than an hour left": until the window closes."""
    remaining = window_closes_at(deadline) - at
    days, seconds = remaining.days, remaining.seconds
    if days >= 1:
        return f"{days} day{'s' if days != 1 else ''} left"
    hours = seconds // 3600
    if hours >= 1:
        return f"{hours} hour{'s' if hours != 1 else ''} left"
    return "less than an hour left"


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def _call_in_sentences(made: CallInMade) -> list[str]:
    """That a call-in was made, when, and what scrutiny (then the decision maker) decided."""
    said = [f"This decision was called in for scrutiny on {format_date(made.received)}."]
    if made.outcome_date is None:
        said.append("It does not take effect until scrutiny has decided.")
        return said
    said.append(
        f"On {format_date(made.outcome_date)}, scrutiny decided: {_lower_first(made.outcome)}."
    )
    if made.final_outcome_date is not None:
        said.append(
            f"On {format_date(made.final_outcome_date)}, the final outcome: "
            f"{_lower_first(made.final_outcome)}."
        )
    elif made.awaiting_reconsideration:
        said.append("It does not take effect until it has been reconsidered.")
    return said


def call_in_account(
    *,
    subject_to_call_in: bool,
    published: date | None,
    deadline: Deadline | None,
    effective: date | None,
    call_in: CallInMade | None,
    called_in: bool,
    at: datetime,
) -> CallInAccount:
    """The status at `at` (`call_in_status`) and what to say about it, from the same facts.

    `effective` is the date the decision takes effect after any call-in; `called_in` whether a
    valid call-in awaits its outcome.
    """
    status = call_in_status(
        subject_to_call_in=subject_to_call_in,
        published=published,
        deadline=deadline,
        effective=effective,
        called_in=called_in,
        at=at,
        call_in_made=call_in is not None,
    )
    said: list[str] = []
    if status == CallInStatus.NOT_SUBJECT:
        said.append("This decision was taken under urgency and cannot be called in.")
    elif status == CallInStatus.OPEN and deadline is not None:  # open: there is a deadline
        said.append(
            "Councillors can ask for this decision to be called in for scrutiny until "
            f"{format_deadline(deadline)} ({time_left(deadline, at)})."
        )
        said.append(
            "A councillor who did not take part in the decision can ask for it to be called "
            "in, with their reasons, before the deadline."
        )
    elif call_in is not None:
        said.extend(_call_in_sentences(call_in))
    elif deadline is not None and deadline_passed(deadline, at):
        said.append(f"The call-in period closed at {closing_words(deadline)}.")
    if status == CallInStatus.EFFECTIVE and effective is not None:
        said.append(f"The decision took effect on {format_date(effective)}.")
    elif status == CallInStatus.CLOSED and effective is not None:
        said.append(f"The decision takes effect on {format_date(effective)}.")
    return CallInAccount(status=status, sentences=tuple(said), effective=effective, call_in=call_in)


def format_date(day: date) -> str:
    """As councils print it: 17 November 2023."""
    return f"{day.day} {day:%B %Y}"


def format_deadline(deadline: Deadline) -> str:
    """17 November 2023, or 4pm on 17 November 2023, or 12:30pm on …"""
    if not isinstance(deadline, datetime):
        return format_date(deadline)
    local = deadline.astimezone(LONDON)
    return f"{format_time_of_day(local.time())} on {format_date(local.date())}"


def format_time_of_day(moment: time) -> str:
    """4pm, 12:30pm or midday."""
    if moment == time(12, 0):
        return "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def closing_words(deadline: Deadline) -> str:
    """ "4pm on 17 November 2023", or "the end of 17 November 2023"."""
    if isinstance(deadline, datetime):
        return format_deadline(deadline)
    return f"the end of {format_deadline(deadline)}"


def describe_difference(
    *, recorded: date | None, computed: date | None, reason_if_not_computable: str = ""
) -> str | None:
    """Why a recorded official effective date differs from the rule's, or None if it agrees.

    The recorded date is the official one and is kept; this only says how it differs.
    """
    if recorded is None:
        return None
    if computed is None:
        if not reason_if_not_computable:
            return None
        return (
            f"The recorded effective date, {format_date(recorded)}, cannot be checked against "
            f"the rule: {reason_if_not_computable}"
        )
    if recorded == computed:
        return None
    days = abs((recorded - computed).days)
    direction = "later" if recorded > computed else "earlier"
    return (
        f"The recorded effective date, {format_date(recorded)}, is {days} "
        f"day{'s' if days != 1 else ''} {direction} than the rule gives ({format_date(computed)})."
    )


def number_in_words(number: int) -> str:
    """As a sentence says it: "two councillors", but "12 councillors"."""
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
    return words.get(number, str(number))


def rule_in_words(rule: CallInRule) -> str:
    """The rule in plain English, as the public decision page states it: "Councillors can call
    in a decision for scrutiny within 5 clear working days after it is published, until the end
    of the last of those days. …"
    """
    kind = "working days" if rule.day_kind == "working" else "days"
    after = "it is published" if rule.anchor == "publication" else "it is made"
    until = (
        f"until {format_time_of_day(rule.deadline_time)} on the last of those days"
        if rule.deadline_time is not None
        else "until the end of the last of those days"
    )
    signatures = (
        "the signature of one councillor"
        if rule.signatories_required == 1
        else f"the signatures of {number_in_words(rule.signatories_required)} councillors"
    )
    takes_effect = {
        "day_after": "the day after the call-in period ends",
        "deadline_day": "on the last day of the call-in period",
        "next_working_day": "on the next working day after the call-in period ends",
    }[rule.effective]
    return (
        f"Councillors can call in a decision for scrutiny within {rule.days} clear {kind} after "
        f"{after}, {until}. A call-in needs {signatures}. If it is not called in, the decision "
        f"takes effect {takes_effect}."
    )


def signatures_words(confirmed: int, required: int) -> str:
    """ "2 signatures confirmed, 1 needed": each count with its own plural."""
    return f"{confirmed} signature{'s' if confirmed != 1 else ''} confirmed, {required} needed"
