import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from decisions.models import Authority, Decision, ForwardPlanEntry, Issue, Report
from decisions.models.querysets import is_public
from decisions.rules import call_in as call_in_rules

REGISTER_ID = re.compile(r"^id-(\d+)$")

# A council's slug, as the URL patterns allow it: anything else names no council, and is never
# sent to the database (PostgreSQL refuses a NUL in text; SQLite would quietly look it up).
SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")


def get_public_decision(
    *, authority: str, key: str, at: datetime | None = None, queryset: QuerySet | None = None
) -> Decision:
    """The public decision at /decisions/<authority>/<key>/, or Http404.

    `key` is the authority's reference, or "id-<number>" for a record without one. Exempt,
    confidential and unpublished records are not found: 404, never 403, so that nothing is
    said about them. `queryset` says what to read with it (the decision page's parts).
    """
    if "\x00" in key or not SLUG.match(authority):
        raise Http404("No such decision in the register.")
    decisions = (
        (queryset if queryset is not None else Decision.objects.all())
        .filter(is_public(at), authority__slug=authority)
        .select_related("authority")
        .defer("search_vector")
    )
    found = decisions.filter(reference=key).first()
    if found is None and (match := REGISTER_ID.match(key)):
        found = decisions.filter(pk=int(match.group(1))).first()
    if found is None:
        raise Http404("No such decision in the register.")
    return found


def link_cited_decisions(decision: Decision, at: datetime | None = None) -> list:
    """The decision's citations, each with `linked`: the public decision it cites, or None.

    A citation names the cited decision by reference ("Ref: E3393"); when no one linked it by
    hand, the council's public decision with that reference is the one meant. An exempt,
    confidential or unpublished decision is never linked, so nothing is said about it.
    """
    citations = list(decision.citations.all())
    public = Decision.objects.public(at).select_related("authority")
    by_pk = public.in_bulk([c.related_id for c in citations if c.related_id])
    by_reference = {
        found.reference: found
        for found in public.filter(
            authority=decision.authority_id,
            reference__in=[c.reference for c in citations if not c.related_id and c.reference],
        ).exclude(pk=decision.pk)
    }
    for citation in citations:
        citation.linked = (  # type: ignore[attr-defined]  # for the page
            by_pk.get(citation.related_id)
            if citation.related_id
            else by_reference.get(citation.reference)
        )
    return citations


def start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=call_in_rules.LONDON)


def decision_last_modified(decision: Decision, at: datetime | None = None) -> datetime:
    """When what the decision's page says last changed.

    The record's own last change, or the latest moment its call-in status moved on by the
    clock (publication, close of the window, effect); while the window is open the days left
    change each midnight.
    """
    at = at or timezone.now()
    moments = [decision.updated_at]
    if decision.publication_date:
        moments.append(start_of(decision.publication_date))
    if decision.deadline is not None:
        moments.append(call_in_rules.window_closes_at(decision.deadline))
    effective = decision.takes_effect_on()
    if effective:
        moments.append(start_of(effective))
    if decision.call_in_status(at) == call_in_rules.CallInStatus.OPEN:
        moments.append(start_of(timezone.localdate(at)))
    return max((moment for moment in moments if moment <= at), default=decision.updated_at)


def get_public_issue(pk: int) -> Issue:
    issue = Issue.objects.public().filter(pk=pk).select_related("authority").first()
    if issue is None:
        raise Http404("No such issue.")
    return issue


class UnknownAuthority(ValueError):
    """?authority= names no council in the register: bad input, answered with 400."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        super().__init__(f"authority: no council in the register has the slug “{slug}”.")

    @property
    def problem(self) -> str:
        return str(self).split(": ", 1)[1]


def authority_from_query(request: HttpRequest) -> Authority | None:
    """The council named by ?authority=<slug>; None when none is named."""
    slug = request.GET.get("authority", "").strip()
    if not slug:
        return None
    found = Authority.objects.filter(slug=slug).first() if SLUG.match(slug) else None
    if found is None:
        raise UnknownAuthority(slug)
    return found


@dataclass(frozen=True)
class NoticeGiven:
    """How the public had notice of a decision: the forward plan route, or the urgency."""

    route: str
    note: str
    first_published: date | None


def decision_notice(decision: Decision, at: datetime | None = None) -> NoticeGiven | None:
    """The notice a decision was taken under, kept on its page once the forward plan entry
    has left the forward plan; None when neither the record nor the forward plan says."""
    entry = (
        ForwardPlanEntry.objects.public(at)
        .filter(decision=decision)
        .order_by("first_published", "pk")
        .first()
    )
    exceptional = (Decision.Urgency.GENERAL_EXCEPTION, Decision.Urgency.SPECIAL_URGENCY)
    if decision.urgency in exceptional:
        route, note = decision.get_urgency_display(), decision.urgency_note.strip()
    elif entry is not None:
        route, note = entry.get_notice_display(), ""
    else:
        return None
    return NoticeGiven(
        route=str(route), note=note, first_published=entry.first_published if entry else None
    )


def withheld_report_sections(decision: Decision) -> list[str]:
    """For each exempt section of the decision's report, the sentence saying it is withheld
    and under which paragraph of Schedule 12A; nothing of its text is read."""
    report = Report.objects.filter(decision=decision).first()
    if report is None:
        return []
    sections = (
        report.sections.filter(is_exempt=True)
        .select_related("report")
        .only("kind", "is_exempt", "report__exempt_paragraph")
    )
    return [section.exemption_statement for section in sorted(sections, key=lambda s: s.order)]
