"""Notice of key decisions: pure functions, no database.

Regulation 9 of the Local Authorities (Executive Arrangements) (Meetings and Access to
Information) (England) Regulations 2012: a key decision may be taken only once notice of it has
been on the forward plan for at least 28 clear days. "Clear days" leave out both the day the
notice is published and the day of the decision. When that is impracticable, regulation 10
(general exception: notice to the scrutiny chair and the public, 5 clear days before) or
regulation 11 (special urgency: the scrutiny chair's agreement that the decision cannot wait)
applies.
"""

from datetime import date, timedelta

FULL_NOTICE_CLEAR_DAYS = 28
GENERAL_EXCEPTION_CLEAR_DAYS = 5


def clear_days_between(published: date, decided: date) -> int:
    """Whole days between the two, counting neither (negative when published after)."""
    return (decided - published).days - 1


def latest_publication_for_full_notice(intended: date) -> date:
    """The last day notice can be published and still give 28 clear days before `intended`."""
    return intended - timedelta(days=FULL_NOTICE_CLEAR_DAYS + 1)


def first_day_for_decision(published: date, clear_days: int) -> date:
    """The first day a decision may be taken after `clear_days` clear days' notice from
    `published` (28 under reg 9, 5 under reg 10)."""
    return published + timedelta(days=clear_days + 1)


def has_full_notice(published: date, intended: date) -> bool:
    return clear_days_between(published, intended) >= FULL_NOTICE_CLEAR_DAYS


def latest_general_exception_notice(intended: date) -> date:
    """The last day for the reg 10 notice: 5 clear days before the decision."""
    return intended - timedelta(days=GENERAL_EXCEPTION_CLEAR_DAYS + 1)


def notice_words(clear_days: int) -> str:
    """The notice a publication gives, in words: "3 clear days' notice", "1 clear day's
    notice", "no clear days' notice", never a negative count of days (the intended date of
    decision is then today, or has passed)."""
    if clear_days == 1:
        return "1 clear day's notice"
    if clear_days > 1:
        return f"{clear_days} clear days' notice"
    if clear_days == 0:
        return "no clear days' notice"
    if clear_days == -1:
        return "no clear days' notice: the intended date of decision is today"
    return "no notice: the intended date of decision has passed"
