import re
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal

import weasyprint
from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commissioning.models import ContractExtension, FundingLine
from decisions.choices import Precision
from decisions.models import (
    Authority,
    Decision,
    DeclaredInterest,
    Delegation,
    Document,
    DraftRecommendation,
    DraftSection,
    ForwardPlanEntry,
    Person,
    Report,
)
from decisions.register import selectors
from decisions.reports import richtext
from decisions.rules import call_in as call_in_rules
from decisions.web.formatting import money, paragraphs, printed_amount

DEFAULT_BRAND_COLOUR = "#1d70b8"

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# What a decision's call-in status needs (as DecisionQuerySet.with_call_in_context fetches).
CALL_IN_RELATIONS = ("authority__call_in_rules", "authority__closure_days", "call_ins__signatures")


def record_queryset(at: datetime) -> QuerySet[Decision]:
    """Public decisions with everything their record prints, in a fixed number of queries
    however many recommendations, funding lines or documents they have."""
    public_documents = Document.objects.filter(is_exempt=False)
    return (
        Decision.objects.public(at)
        .select_related(
            "authority",
            "decision_maker",
            "report_author",
            "meeting__body",
            "agenda_item__meeting__body",
            "issue",
            "signed_by",
        )
        .prefetch_related(
            *CALL_IN_RELATIONS,
            "report_contributors",
            "relevant_members",
            "wards",
            "recommendations",
            "options",
            "funding_lines",
            "service_volumes",
            "contracts__suppliers",
            # A contract's status counts only the extension options that are public.
            Prefetch("contracts__extensions", queryset=ContractExtension.objects.public(at)),
            Prefetch("interests", queryset=DeclaredInterest.objects.select_related("person")),
            Prefetch(
                "delegations",
                queryset=Delegation.objects.select_related(
                    "delegate", "in_consultation_with", "recommendation"
                ),
            ),
            # Linked by selectors.link_cited_decisions, only to decisions that are public.
            "citations",
            # Only public documents are ever loaded, so an exempt one cannot be printed.
            Prefetch("documents", queryset=public_documents),
            Prefetch(
                "agenda_item__documents", queryset=public_documents, to_attr="public_documents"
            ),
        )
    )


class LocalOnlyURLFetcher(weasyprint.URLFetcher):
    """Refuses every address but data: URLs: a print record never reaches out to the network."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)


def write_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """A4 pages for `html`. `base_url` only makes relative links absolute; nothing is fetched."""
    document = weasyprint.HTML(
        string=html,
        base_url=base_url or settings.BASE_DIR.as_uri() + "/",
        url_fetcher=LocalOnlyURLFetcher(),
    )
    return document.write_pdf()


def format_generated(at: datetime) -> str:
    """24 November 2026 at 14:05, in Europe/London."""
    local = at.astimezone(call_in_rules.LONDON)
    return f"{call_in_rules.format_date(local.date())} at {local:%H:%M}"


def forward_plan_summary(entry: ForwardPlanEntry) -> SafeString:
    """An entry's summary as printed: the report's formatted summary, tables and all, when it
    was drafted here; otherwise the plain summary's paragraphs. The page prints the same HTML
    (templatetags.register.forward_plan_summary)."""
    if entry.summary_html:
        return mark_safe(richtext.sanitise(entry.summary_html))  # sanitised
    return paragraphs(entry.summary)


def brand_colour(authority: Authority | None) -> str:
    colour = authority.brand_colour if authority else ""
    return colour if HEX_COLOUR.match(colour or "") else DEFAULT_BRAND_COLOUR


def funding_period(line: FundingLine) -> str:
    if line.financial_year:
        return line.financial_year
    if line.period_start and line.period_end:
        return _("%(start)s to %(end)s") % {
            "start": call_in_rules.format_date(line.period_start),
            "end": call_in_rules.format_date(line.period_end),
        }
    if line.period_start:
        return _("From %(start)s") % {"start": call_in_rules.format_date(line.period_start)}
    if line.period_end:
        return _("Until %(end)s") % {"end": call_in_rules.format_date(line.period_end)}
    return ""


def delegation_limits(delegation: Delegation) -> list[str]:
    """The limits on a delegated power, one line each, as the record states them."""
    limits = []
    if delegation.is_continuation:
        limits.append(str(_("Continues an earlier delegation")))
    if delegation.money_limit is not None:
        limits.append(str(_("Up to %(amount)s")) % {"amount": money(delegation.money_limit)})
    if delegation.within_existing_budget:
        limits.append(str(_("Within existing budgetary provision")))
    if delegation.duration_months:
        duration = ngettext("%(months)s month", "%(months)s months", delegation.duration_months)
        duration = duration % {"months": delegation.duration_months}
        if delegation.duration_precision != Precision.EXACT:
            duration += f" ({delegation.get_duration_precision_display().lower()})"
        limits.append(duration)
    if delegation.starts:
        limits.append(
            str(_("From %(day)s")) % {"day": call_in_rules.format_date(delegation.starts)}
        )
    if delegation.ends:
        limits.append(str(_("Until %(day)s")) % {"day": call_in_rules.format_date(delegation.ends)})
    if delegation.limits.strip():
        limits.append(delegation.limits.strip())
    return limits


def funding_rows(lines: list, *, printed: Callable[[object], str]) -> dict[str, object]:
    """The funding table of a record or a report (pdf/includes/funding_lines.html)."""
    return {
        "funding_lines": [
            {
                "line": line,
                "printed": printed(line),
                "amount": money(line.amount),
                "period": funding_period(line),
            }
            for line in lines
        ],
        "funding_total": money(sum((line.amount for line in lines), Decimal(0))),
    }


def record_context(decision: Decision, *, at: datetime) -> dict:
    """What the record of decision prints. Read afresh from the public register: a decision
    that is not public raises Decision.DoesNotExist rather than being printed."""
    decision = record_queryset(at).get(pk=decision.pk)
    funding_lines = list(decision.funding_lines.all())
    item = decision.agenda_item
    if item is not None and item.is_exempt:
        item = None
    documents = list(decision.documents.all()) + (item.public_documents if item else [])
    deadline = decision.deadline
    # The status and what is said about it, as the decision's page says them.
    account = decision.call_in_account(at)
    effective = account.effective
    return {
        "decision": decision,
        "authority": decision.authority,
        "brand_colour": brand_colour(decision.authority),
        "generated": format_generated(at),
        "call_in_status": account.label,
        "call_in_sentences": account.sentences,
        "notice": selectors.decision_notice(decision, at),
        "call_in_deadline": call_in_rules.format_deadline(deadline) if deadline else "",
        "effective_from": call_in_rules.format_date(effective) if effective else "",
        "agenda_item": item,
        "text": {
            "purpose": paragraphs(decision.purpose),
            "reasons": paragraphs(decision.reasons),
            "alternative_options": paragraphs(decision.alternative_options),
            "urgency_note": paragraphs(decision.urgency_note),
            "key_decision_reason": paragraphs(decision.key_decision_reason),
        },
        "recommendations": list(decision.recommendations.all()),
        **funding_rows(funding_lines, printed=lambda line: line.amount_as_printed),
        "delegations": [
            {"delegation": delegation, "limits": delegation_limits(delegation)}
            for delegation in decision.delegations.all()
        ],
        "citations": selectors.link_cited_decisions(decision, at),
        "documents": documents,
    }


def render_decision_record(
    decision: Decision, *, at: datetime, base_url: str | None = None
) -> bytes:
    html = render_to_string("pdf/decision_record.html", record_context(decision, at=at))
    return write_pdf(html, base_url=base_url)


def forward_plan_context(
    entries: Iterable[ForwardPlanEntry],
    *,
    at: datetime,
    authority: Authority | None = None,
    left_out: int = 0,
    page_url: str = "",
) -> dict:
    """`left_out` entries to come are not printed (the PDF holds the soonest); the forward plan
    page at `page_url` lists them all."""
    return {
        "authority": authority,
        "left_out": left_out,
        "page_url": page_url,
        "heading_name": authority.name if authority else settings.REGISTER_NAME,
        "brand_colour": brand_colour(authority),
        "generated": format_generated(at),
        "entries": [
            {
                "entry": entry,
                "summary": forward_plan_summary(entry),
                "documents": paragraphs(entry.documents),
                "representations": paragraphs(entry.representations),
                "private_reason": paragraphs(entry.private_reason),
                "chair_agreement": paragraphs(entry.chair_agreement),
            }
            for entry in entries
        ],
    }


def render_forward_plan(
    entries: Iterable[ForwardPlanEntry],
    *,
    at: datetime,
    authority: Authority | None = None,
    base_url: str | None = None,
    left_out: int = 0,
    page_url: str = "",
) -> bytes:
    context = forward_plan_context(
        entries, at=at, authority=authority, left_out=left_out, page_url=page_url
    )
    return write_pdf(render_to_string("pdf/forward_plan.html", context), base_url=base_url)


def _person(person: Person | None) -> dict | None:
    if person is None:
        return None
    return {
        "name": person.name,
        "roles": [role.title for role in person.roles.all()],
        "email": person.email,
        "telephone": person.telephone,
    }


def report_context(report: Report, *, public: bool, at: datetime) -> dict:
    """What the report prints. `public` leaves out every exempt section's text, saying under
    which paragraph of Schedule 12A it is withheld; the workspace preview prints it, marked."""
    report = (
        Report.objects.select_related("authority", "decision_maker")
        .prefetch_related(
            "wards",
            "relevant_members",
            Prefetch("author", queryset=Person.objects.prefetch_related("roles")),
            Prefetch("contributors", queryset=Person.objects.prefetch_related("roles")),
            "sections",
            Prefetch(
                "recommendations",
                queryset=DraftRecommendation.objects.select_related(
                    "delegate", "in_consultation_with"
                ),
            ),
            "options",
            "risks",
            "funding_lines",
        )
        .get(pk=report.pk)
    )
    sections = []
    for section in sorted(report.sections.all(), key=lambda section: section.order):
        withheld = public and section.is_exempt
        sections.append(
            {
                "kind": section.kind,
                "heading": section.get_kind_display(),
                # Only sanitised HTML is printed; an exempt section's text is never read here
                # for the public copy.
                "html": "" if withheld else mark_safe(richtext.sanitise(section.html)),
                "is_exempt": section.is_exempt,
                "withheld": withheld,
                "exemption": section.exemption_statement,
            }
        )
    by_kind = {section["kind"]: section for section in sections}
    Kind = DraftSection.Kind
    funding_lines = list(report.funding_lines.all())
    return {
        "report": report,
        "authority": report.authority,
        "brand_colour": brand_colour(report.authority),
        "generated": format_generated(at),
        "public": public,
        "key_decision_reason": paragraphs(report.key_decision_reason),
        "executive_summary": by_kind[Kind.EXECUTIVE_SUMMARY],
        "sections": [
            section
            for section in sections
            if section["kind"] not in (Kind.EXECUTIVE_SUMMARY, Kind.BACKGROUND_PAPERS)
        ],
        "background_papers": by_kind[Kind.BACKGROUND_PAPERS],
        "recommendations": [
            {
                "recommendation": recommendation,
                "limits": delegation_limits(recommendation.delegation()),
            }
            for recommendation in report.recommendations.all()
        ],
        "options": list(report.options.all()),
        "risks": list(report.risks.all()),
        **funding_rows(
            funding_lines,
            printed=lambda line: printed_amount(
                line.amount, precision=line.precision, recurrence=line.recurrence
            ),
        ),
        "author": _person(report.author),
        "contributors": [_person(person) for person in report.contributors.all()],
    }


def render_report(
    report: Report, *, public: bool, at: datetime, base_url: str | None = None
) -> bytes:
    html = render_to_string("pdf/report.html", report_context(report, public=public, at=at))
    return write_pdf(html, base_url=base_url)
