from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from decisions.models import (
    Decision,
    Document,
    DraftRecommendation,
    DraftSection,
    ForwardPlanEntry,
    Option,
    Recommendation,
    Report,
    ReportSection,
    Risk,
    SignOff,
)
from decisions.models.history import attributed
from decisions.models.locks import decisions_for_update, reports_for_update
from decisions.reports import richtext
from decisions.reports.services.clearance import sign_off_is_current
from decisions.reports.services.copying import copied
from decisions.reports.services.drafting import london_today
from decisions.rules import notice as notice_rules
from decisions.types import User
from decisions.web.formatting import printed_amount


def report_send_to_decision_maker(*, report: Report, by: User, at: datetime) -> Report:
    """Every implications section signed off as it now reads, and notice given where needed."""
    with transaction.atomic():
        report = reports_for_update().get(pk=report.pk)
        if report.status not in (Report.Status.IN_CLEARANCE, Report.Status.CLEARED):
            raise ValidationError(
                {
                    "status": f"The report is {report.get_status_display().lower()}: send it for "
                    "clearance first."
                }
            )
        errors: dict[str, str] = {}
        sections = {section.kind: section for section in report.sections.all()}
        signed = {sign_off.area: sign_off for sign_off in report.sign_offs.all()}
        for area, kind in SignOff.SECTION_OF_AREA.items():
            sign_off = signed.get(area)
            if sign_off is None or not sign_off_is_current(sign_off, sections[kind]):
                errors[area] = f"The {DraftSection.Kind(kind).label.lower()} are not signed off."
        if report.decision_maker_id is None:
            errors["decision_maker"] = "Choose the decision maker."
        if report.is_key_decision and not report.key_decision_reason.strip():
            errors["key_decision_reason"] = "Say why it is a key decision."
        if not report.recommendations.exists():
            errors["recommendations"] = "Add at least one recommendation."
        if report.is_key_decision and report.forward_plan_entry_id is None:
            errors["forward_plan"] = "A key decision must be on the forward plan first."
        if errors:
            raise ValidationError(errors)
        report.status = Report.Status.WITH_DECISION_MAKER
        report.sent_to_decision_maker_at = at
        report.updated_at = at
        attributed(report, by)
        report.save(update_fields=["status", "sent_to_decision_maker_at", "updated_at"])
    return report


@dataclass(frozen=True)
class RecommendationOutcome:
    recommendation: DraftRecommendation
    outcome: str
    amended_text: str = ""


def decision_status(outcomes: list[str]) -> str:
    """The decision's status from its recommendations' outcomes, as ModernGov prints it."""
    Outcome, Status = Recommendation.Outcome, Decision.Status
    kinds = set(outcomes)
    single: dict[str, str] = {
        Outcome.APPROVED: Status.APPROVED,
        Outcome.REJECTED: Status.REJECTED,
        Outcome.NOTED: Status.NOTED,
        Outcome.DEFERRED: Status.DEFERRED,
    }
    if len(kinds) == 1 and outcomes[0] in single:
        return single[outcomes[0]]
    if Outcome.AMENDED in kinds:
        return Status.APPROVED_WITH_AMENDMENTS
    return Status.RECOMMENDATIONS_APPROVED


def _earliest_decision_date(entry: ForwardPlanEntry) -> date | None:
    """The first day the decision may be taken given the notice published (regs 9 and 10)."""
    clear_days_of: dict[str, int] = {
        ForwardPlanEntry.Notice.FULL: notice_rules.FULL_NOTICE_CLEAR_DAYS,
        ForwardPlanEntry.Notice.GENERAL_EXCEPTION: notice_rules.GENERAL_EXCEPTION_CLEAR_DAYS,
    }
    clear_days = clear_days_of.get(entry.notice)
    if clear_days is None or entry.first_published is None:
        return None
    return notice_rules.first_day_for_decision(entry.first_published, clear_days)


def report_record_decision(
    *,
    report: Report,
    outcomes: list[RecommendationOutcome],
    decided_on: date,
    by: User,
    at: datetime,
) -> Decision:
    """What democratic services record the decision maker decided: the Decision, from the report.

    Its recommendations, delegations, funding lines, options, risks and public sections are
    the report's own rows; the report is linked as its document. The decision is left
    unpublished, for democratic services to publish and run the call-in window.
    """
    from commissioning.models import FundingLine

    Outcome = Recommendation.Outcome
    with transaction.atomic():
        # Only the report's row: PostgreSQL cannot lock the nullable side of an outer join.
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("authority", "decision_maker", "forward_plan_entry")
            .get(pk=report.pk)
        )
        if report.status != Report.Status.WITH_DECISION_MAKER:
            raise ValidationError(
                {
                    "status": f"The report is {report.get_status_display().lower()}, not with the "
                    "decision maker."
                }
            )
        errors: dict[str, str] = {}
        if decided_on > london_today(at):
            errors["date_of_decision"] = "The date of decision cannot be in the future."
        entry = report.forward_plan_entry
        earliest = _earliest_decision_date(entry) if entry else None
        if entry is not None and earliest is not None and decided_on < earliest:
            errors["date_of_decision"] = (
                f"Notice was published on {entry.first_published:%d/%m/%Y}: the decision can be "
                f"taken from {earliest:%d/%m/%Y}."
            )
        drafted = list(report.recommendations.select_related("delegate", "in_consultation_with"))
        given = {item.recommendation.pk: item for item in outcomes}
        for asked in drafted:
            item = given.get(asked.pk)
            name = f"outcome_{asked.pk}"
            if item is None or item.outcome not in Outcome.values or not item.outcome:
                errors[name] = f"Choose the outcome of recommendation {asked.label}."
            elif item.outcome == Outcome.AMENDED and not item.amended_text.strip():
                errors[f"amended_text_{asked.pk}"] = (
                    f"Enter recommendation {asked.label} as amended."
                )
        if errors:
            raise ValidationError(errors)

        sections = {section.kind: section for section in report.sections.all()}

        def public_text(kind: str) -> str:
            section = sections[kind]
            return "" if section.is_exempt else richtext.plain_text(section.html)

        options = list(report.options.all())
        urgency = ""
        urgency_note = ""
        if entry and entry.notice == ForwardPlanEntry.Notice.GENERAL_EXCEPTION:
            urgency = Decision.Urgency.GENERAL_EXCEPTION
            urgency_note = (
                f"Scrutiny chair given notice on {entry.chair_notified_on:%d/%m/%Y}; notice "
                f"published {entry.first_published:%d/%m/%Y}."
            )
        elif entry and entry.notice == ForwardPlanEntry.Notice.SPECIAL_URGENCY:
            urgency = Decision.Urgency.SPECIAL_URGENCY
            urgency_note = (
                f"Scrutiny chair agreed on {entry.chair_agreed_on:%d/%m/%Y}: "
                f"{entry.chair_agreement}"
            )
        if _fills_its_record(report):
            decision = _record_the_record(
                report=report, drafted=drafted, given=given, decided_on=decided_on, by=by, at=at
            )
            return _decided(report, decision, entry, by=by, at=at)
        decision = Decision(
            authority=report.authority,
            title=report.title,
            decision_maker=report.decision_maker,
            status=decision_status([given[r.pk].outcome for r in drafted]),
            is_key_decision=report.is_key_decision,
            key_decision_reason=report.key_decision_reason,
            urgency=urgency,
            urgency_note=urgency_note,
            purpose=public_text(DraftSection.Kind.EXECUTIVE_SUMMARY),
            reasons=public_text(DraftSection.Kind.REASONS),
            alternative_options="\n\n".join(
                f"{option}: {option.description}".strip(": ")
                for option in options
                if not option.is_recommended
            ),
            report_author=report.author,
            affects_all_wards=report.affects_all_wards,
            date_of_decision=decided_on,
            issue=None,
            created_at=at,
            updated_at=at,
        )
        decision.full_clean()
        attributed(decision, by, "Recorded from the key decision report")
        decision.save()
        decision.report_contributors.set(report.contributors.all())
        decision.relevant_members.set(report.relevant_members.all())
        decision.wards.set(report.wards.all())

        for order, drafted_recommendation in enumerate(drafted, start=1):
            item = given[drafted_recommendation.pk]
            recommendation = copied(
                drafted_recommendation,
                Recommendation,
                "recommendation",
                decision=decision,
                outcome=item.outcome,
                amended_text=item.amended_text.strip() if item.outcome == Outcome.AMENDED else "",
                order=order,
            )
            recommendation.full_clean()
            attributed(recommendation, by)
            recommendation.save()
            gives_power = item.outcome in (Outcome.APPROVED, Outcome.AMENDED)
            if drafted_recommendation.delegate_id and gives_power:
                delegation = drafted_recommendation.delegation(
                    decision=decision,
                    recommendation=recommendation,
                    scope=recommendation.amended_text or recommendation.text,
                )
                delegation.full_clean()
                attributed(delegation, by)
                delegation.save()

        for line in report.funding_lines.all():
            funding = copied(
                line,
                FundingLine,
                "funding",
                decision=decision,
                amount_as_printed=printed_amount(
                    line.amount, precision=line.precision, recurrence=line.recurrence
                ),
            )
            funding.full_clean()
            attributed(funding, by)
            funding.save()

        for order, option in enumerate(options, start=1):
            copied(option, Option, "option", decision=decision, order=order).save()
        for order, risk in enumerate(report.risks.all(), start=1):
            copied(risk, Risk, "risk", decision=decision, order=order).save()
        for order, kind in enumerate(DraftSection.Kind.values, start=1):
            section = sections[kind]
            if section.is_exempt or not section.text.strip():
                continue
            ReportSection.objects.create(
                decision=decision,
                kind=kind,
                heading=section.get_kind_display(),
                text=section.text,
                html=section.html,
                order=order,
            )
        document = Document(
            decision=decision,
            report=report,
            title=f"Report to the {report.decision_maker}: {report.title}",
            kind=Document.Kind.REPORT,
        )
        document.full_clean()
        attributed(document, by)
        document.save()
        return _decided(report, decision, entry, by=by, at=at)


def _decided(
    report: Report, decision: Decision, entry: ForwardPlanEntry | None, *, by: User, at: datetime
) -> Decision:
    """The report and its forward plan entry point at the decision recorded from it."""
    if entry is not None:
        entry.decision = decision
        attributed(entry, by)
        entry.save(update_fields=["decision"])
    report.decision = decision
    report.status = Report.Status.DECIDED
    report.updated_at = at
    attributed(report, by)
    report.save(update_fields=["decision", "status", "updated_at"])
    return decision


def _fills_its_record(report: Report) -> bool:
    """A report made from a record awaiting determination (report_from_record) is decided
    on that record, while it is still unpublished: the register then holds one record of the
    matter, at the address it always had, not the seed's beside a second."""
    record = report.made_from
    return (
        record is not None
        and record.publication_date is None
        and record.status == Decision.Status.FOR_DETERMINATION
    )


def _record_the_record(
    *,
    report: Report,
    drafted: list[DraftRecommendation],
    given: dict[int, RecommendationOutcome],
    decided_on: date,
    by: User,
    at: datetime,
) -> Decision:
    """The outcomes and date written onto the record the report was made from.

    Its rows are the report's own (the report was made from them and, being with the decision
    maker, could not be changed), so only what was decided is added: each recommendation's
    outcome, matched by its place, and the report as a document. Powers in recommendations
    rejected or deferred are not given, so their delegations go.
    """
    Outcome = Recommendation.Outcome
    decision = decisions_for_update().get(pk=report.made_from_id)
    recommendations = {item.order: item for item in decision.recommendations.all()}
    for drafted_recommendation in drafted:
        item = given[drafted_recommendation.pk]
        recommendation = recommendations.get(drafted_recommendation.order)
        if recommendation is None:
            raise ValidationError(
                {
                    f"outcome_{drafted_recommendation.pk}": "The record has no recommendation "
                    f"{drafted_recommendation.label}: record the decision in the admin."
                }
            )
        recommendation.outcome = item.outcome
        recommendation.amended_text = (
            item.amended_text.strip() if item.outcome == Outcome.AMENDED else ""
        )
        recommendation.full_clean()
        attributed(recommendation, by)
        recommendation.save()
        if item.outcome not in (Outcome.APPROVED, Outcome.AMENDED):
            decision.delegations.filter(recommendation=recommendation).delete()
    decision.status = decision_status([given[r.pk].outcome for r in drafted])
    decision.date_of_decision = decided_on
    decision.updated_at = at
    decision.full_clean()
    attributed(decision, by, "Decided on the key decision report made from this record")
    decision.save()
    document = Document(
        decision=decision,
        report=report,
        title=f"Report to the {report.decision_maker}: {report.title}",
        kind=Document.Kind.REPORT,
    )
    document.full_clean()
    attributed(document, by)
    document.save()
    return decision
