"""Writes of the key decision report workflow: drafting, clearance, forward plan, decision.

As in decisions.services, each function runs in one transaction, records who did it in the
history, and refuses a step from the wrong state with a ValidationError naming the field.
Saves of drafted text are optimistic: the caller names the version it started from, and a
save over someone else's newer save raises EditConflict instead of overwriting it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from decisions import forward_plan, richtext
from decisions.groups import CLEARANCE_GROUPS
from decisions.models import (
    Decision,
    Document,
    DraftFundingLine,
    DraftOption,
    DraftRecommendation,
    DraftRisk,
    DraftSection,
    ForwardPlanEntry,
    Notification,
    Option,
    Person,
    Recommendation,
    Report,
    ReportSection,
    Risk,
    SignOff,
)
from decisions.models.drafting import Versioned
from decisions.pdf import printed_amount


class EditConflict(Exception):
    """Someone else saved the same thing first; `current` is it as they left it."""

    def __init__(self, current: models.Model) -> None:
        self.current = current
        who = getattr(current, "updated_by", None)
        by = f" by {who.get_full_name() or who.get_username()}" if who else ""
        self.changed = f"This was changed{by} after you opened it."
        super().__init__(
            f"{self.changed} Your text has not been saved: it is kept below, beside what is "
            "saved now, so that you can combine the two and save again."
        )


def _london_today(at: datetime) -> date:
    return timezone.localdate(at)


def _refuse_unless_editable(report: Report) -> None:
    if not report.is_editable:
        raise ValidationError(
            {
                "status": f"The report is {report.get_status_display().lower()}: its text can no "
                "longer be changed."
            }
        )


def _touch(report: Report, at: datetime) -> None:
    Report.objects.filter(pk=report.pk).update(updated_at=at)


def _claim_version(instance: Versioned, expected_version: int) -> None:
    """Move the stored row from `expected_version` to the next, or raise EditConflict.

    The conditional UPDATE is the lock: of two saves from the same version, the database lets
    one through and the other finds the version moved on, on SQLite as on PostgreSQL.
    """
    model = type(instance)
    claimed = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(model.objects.get(pk=instance.pk))
    instance.version = expected_version + 1


# Drafting -------------------------------------------------------------------------------------


def report_start(*, authority: object, title: str, by: object, at: datetime) -> Report:
    """A new draft with every section of the template, written by the signed-in officer."""
    author = Person.objects.filter(user=by, authority=authority).first()
    with transaction.atomic():
        report = Report(
            authority=authority,
            title=title.strip(),
            created_by=by,
            author=author,
            directorate=author.directorate if author else None,
            created_at=at,
            updated_at=at,
        )
        report.full_clean()
        report._history_user = by
        report.save()
        for kind in DraftSection.Kind.values:
            section = DraftSection(report=report, kind=kind, updated_at=at)
            section._history_user = by
            section.save()
    return report


def report_save(
    *,
    report: Report,
    expected_version: int,
    by: object,
    at: datetime,
    many: dict[str, Iterable] | None = None,
) -> Report:
    """Save the report's own details (title, decision maker, wards …) as the form set them."""
    with transaction.atomic():
        _refuse_unless_editable(Report.objects.get(pk=report.pk))
        report.full_clean(exclude=["version"])
        _claim_version(report, expected_version)
        report.updated_at = at
        report._history_user = by
        report.save()
        for name, values in (many or {}).items():
            getattr(report, name).set(values)
    return report


def report_section_save(
    *,
    section: DraftSection,
    text: str,
    is_exempt: bool,
    expected_version: int,
    by: object,
    at: datetime,
) -> DraftSection:
    """Save a section's text, rendered and sanitised; a changed signed-off text withdraws the
    sign-off and tells the officer who gave it."""
    with transaction.atomic():
        report = Report.objects.get(pk=section.report_id)
        _refuse_unless_editable(report)
        if is_exempt and not report.exempt_paragraph:
            raise ValidationError(
                {
                    "is_exempt": "Choose the report's Schedule 12A paragraph in its details "
                    "before marking a section exempt."
                }
            )
        _claim_version(section, expected_version)
        changed = text != DraftSection.objects.values_list("text", flat=True).get(pk=section.pk)
        section.text = text
        section.html = richtext.render(text)
        section.is_exempt = is_exempt
        section.updated_at = at
        section.updated_by = by
        section._history_user = by
        section.save()
        if changed:
            _withdraw_sign_offs(section, by=by, at=at)
        _touch(report, at)
    return section


def _withdraw_sign_offs(section: DraftSection, *, by: object, at: datetime) -> None:
    areas = [area for area, kind in SignOff.SECTION_OF_AREA.items() if kind == section.kind]
    for sign_off in SignOff.objects.select_for_update().filter(
        report=section.report_id, area__in=areas, status=SignOff.Status.SIGNED_OFF
    ):
        sign_off.status = SignOff.Status.WITHDRAWN
        sign_off.responded_at = at
        sign_off._history_user = by
        sign_off._change_reason = f"Section changed to version {section.version}"
        sign_off.save()
        _notify(
            kind=Notification.Kind.SIGN_OFF_WITHDRAWN,
            sign_off=sign_off,
            users=[sign_off.officer],
            event=f"{sign_off.area}:v{section.version}",
        )
    report = Report.objects.get(pk=section.report_id)
    if areas and report.status == Report.Status.CLEARED:
        report.status = Report.Status.IN_CLEARANCE
        report._history_user = by
        report.save(update_fields=["status"])


def report_row_save(
    *, row: Versioned, expected_version: int | None, by: object, at: datetime
) -> Versioned:
    """Add (expected_version None) or change a recommendation, option, risk or funding line."""
    with transaction.atomic():
        report = Report.objects.get(pk=row.report_id)
        _refuse_unless_editable(report)
        row.full_clean(exclude=["report", "version"])
        if row.pk is None:
            row.order = type(row).objects.filter(report=report).count() + 1
        else:
            _claim_version(row, expected_version or 0)
        row._history_user = by
        row.save()
        _touch(report, at)
    return row


def report_row_delete(*, row: Versioned, expected_version: int, by: object, at: datetime) -> None:
    with transaction.atomic():
        report = Report.objects.get(pk=row.report_id)
        _refuse_unless_editable(report)
        _claim_version(row, expected_version)
        row._history_user = by
        row.delete()
        _touch(report, at)


# Clearance ------------------------------------------------------------------------------------


def clearance_officers(area: str) -> models.QuerySet:
    """Who may sign off `area`: active members of its clearance group."""
    group = Group.objects.filter(name=CLEARANCE_GROUPS[area]).first()
    users = group.user_set.filter(is_active=True) if group else Group.objects.none()
    return users.order_by("first_name", "last_name", "username")


def report_send_for_clearance(
    *, report: Report, officers: dict[str, object], by: object, at: datetime
) -> list[SignOff]:
    """Ask each clearance officer to sign off their section; a current sign-off is kept."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _refuse_unless_editable(report)
        sections = {section.kind: section for section in report.sections.all()}
        errors = {}
        for area, kind in SignOff.SECTION_OF_AREA.items():
            if not sections[kind].text.strip():
                errors[kind] = (
                    f"Write the {DraftSection.Kind(kind).label.lower()} before sending the "
                    "report for clearance."
                )
            officer = officers.get(area)
            if officer is None:
                errors[area] = f"Choose the {SignOff.Area(area).label.lower()} clearance officer."
            elif not clearance_officers(area).filter(pk=officer.pk).exists():
                errors[area] = (
                    f"{officer.get_username()} is not a {SignOff.Area(area).label.lower()} "
                    "clearance officer."
                )
        if errors:
            raise ValidationError(errors)
        asked = []
        for area in SignOff.Area.values:
            sign_off = SignOff.objects.filter(report=report, area=area).first()
            current = (
                sign_off is not None
                and sign_off.status == SignOff.Status.SIGNED_OFF
                and sign_off.officer_id == officers[area].pk
            )
            if current:
                continue
            sign_off = sign_off or SignOff(report=report, area=area)
            sign_off.officer = officers[area]
            sign_off.status = SignOff.Status.REQUESTED
            sign_off.requested_at = at
            sign_off.responded_at = None
            sign_off.approved_version = None
            sign_off.approved_text = ""
            sign_off._history_user = by
            sign_off.save()
            asked.append(sign_off)
            _notify(
                kind=Notification.Kind.SIGN_OFF_REQUESTED,
                sign_off=sign_off,
                users=[sign_off.officer],
                event=f"{area}:{at.timestamp():.0f}",
            )
        report.status = Report.Status.IN_CLEARANCE if asked else _status_after_clearance(report)
        report.updated_at = at
        report._history_user = by
        report.save(update_fields=["status", "updated_at"])
    return asked


def _status_after_clearance(report: Report) -> str:
    signed = SignOff.objects.filter(report=report, status=SignOff.Status.SIGNED_OFF).count()
    return (
        Report.Status.CLEARED if signed == len(SignOff.Area.values) else Report.Status.IN_CLEARANCE
    )


def _open_sign_off(sign_off: SignOff, by: object) -> SignOff:
    sign_off = SignOff.objects.select_for_update().select_related("report").get(pk=sign_off.pk)
    if sign_off.officer_id != getattr(by, "pk", None):
        raise ValidationError({"officer": "Only the clearance officer asked can answer this."})
    if sign_off.status != SignOff.Status.REQUESTED:
        raise ValidationError(
            {
                "status": f"This sign-off is {sign_off.get_status_display().lower()}: not awaiting "
                "an answer."
            }
        )
    _refuse_unless_editable(sign_off.report)
    return sign_off


def sign_off_give(*, sign_off: SignOff, seen_version: int, by: object, at: datetime) -> SignOff:
    """Sign off the section as the officer read it (version `seen_version`), and only that."""
    with transaction.atomic():
        sign_off = _open_sign_off(sign_off, by)
        section = DraftSection.objects.get(report=sign_off.report, kind=sign_off.section_kind)
        if section.version != seen_version:
            raise ValidationError(
                {
                    "seen_version": "The section was changed while you were reading it. Read "
                    "it again as it is now before signing it off."
                }
            )
        sign_off.status = SignOff.Status.SIGNED_OFF
        sign_off.responded_at = at
        sign_off.approved_version = section.version
        sign_off.approved_text = section.text
        sign_off.comment = ""
        sign_off._history_user = by
        sign_off.save()
        report = sign_off.report
        report.status = _status_after_clearance(report)
        report._history_user = by
        report.save(update_fields=["status"])
        _notify(
            kind=Notification.Kind.SIGN_OFF_GIVEN,
            sign_off=sign_off,
            users=[report.created_by],
            event=f"{sign_off.area}:v{section.version}",
        )
    return sign_off


def sign_off_return(*, sign_off: SignOff, comment: str, by: object, at: datetime) -> SignOff:
    """Return the section to the author with what needs to change."""
    if not comment.strip():
        raise ValidationError({"comment": "Say what needs to change before returning it."})
    with transaction.atomic():
        sign_off = _open_sign_off(sign_off, by)
        sign_off.status = SignOff.Status.RETURNED
        sign_off.responded_at = at
        sign_off.comment = comment.strip()
        sign_off._history_user = by
        sign_off.save()
        _notify(
            kind=Notification.Kind.SIGN_OFF_RETURNED,
            sign_off=sign_off,
            users=[sign_off.report.created_by],
            event=f"{sign_off.area}:{at.timestamp():.0f}",
        )
    return sign_off


def sign_off_is_current(sign_off: SignOff, section: DraftSection) -> bool:
    return (
        sign_off.status == SignOff.Status.SIGNED_OFF
        and sign_off.approved_version == section.version
    )


# Forward plan ---------------------------------------------------------------------------------


def report_add_to_forward_plan(
    *,
    report: Report,
    notice: str,
    by: object,
    at: datetime,
    chair_notified_on: date | None = None,
    chair_agreed_on: date | None = None,
    chair_agreement: str = "",
) -> ForwardPlanEntry:
    """Publish the report's notice on the forward plan today (reg 9), or under reg 10 or 11."""
    today = _london_today(at)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.forward_plan_entry_id is not None:
            raise ValidationError({"notice": "The report is already on the forward plan."})
        errors = {}
        if not report.is_key_decision:
            errors["notice"] = "Only a key decision needs notice on the forward plan."
        if report.decision_maker_id is None:
            errors["decision_maker"] = "Choose the decision maker in the report's details first."
        if report.intended_date is None:
            errors["intended_date"] = "Enter the intended date of decision in the details first."
        elif report.intended_date <= today:
            errors["intended_date"] = "The intended date of decision must be in the future."
        if errors:
            raise ValidationError(errors)
        clear_days = forward_plan.clear_days_between(today, report.intended_date)
        Notice = ForwardPlanEntry.Notice
        if notice == Notice.FULL and clear_days < forward_plan.FULL_NOTICE_CLEAR_DAYS:
            raise ValidationError(
                {
                    "notice": f"Published today, the notice gives {clear_days} clear days before "
                    f"{report.intended_date:%d/%m/%Y}, not 28. Choose general exception or "
                    "special urgency, or move the intended date."
                }
            )
        if notice == Notice.GENERAL_EXCEPTION:
            if clear_days < forward_plan.GENERAL_EXCEPTION_CLEAR_DAYS:
                raise ValidationError(
                    {
                        "notice": f"General exception needs 5 clear days' notice; published "
                        f"today it gives {clear_days}. Only special urgency is left."
                    }
                )
            latest = forward_plan.latest_general_exception_notice(report.intended_date)
            if chair_notified_on is None:
                raise ValidationError(
                    {"chair_notified_on": "Enter the day the scrutiny chair was given notice."}
                )
            if chair_notified_on > min(today, latest):
                raise ValidationError(
                    {
                        "chair_notified_on": "The scrutiny chair must have been given notice by "
                        f"{min(today, latest):%d/%m/%Y}, at least 5 clear days before the "
                        "decision and not after today."
                    }
                )
        exempt = report.has_exempt_parts
        entry = ForwardPlanEntry(
            authority=report.authority,
            title=report.title,
            summary=_plain(report, DraftSection.Kind.EXECUTIVE_SUMMARY),
            summary_html=_public_html(report, DraftSection.Kind.EXECUTIVE_SUMMARY),
            decision_maker=report.decision_maker,
            is_key_decision=True,
            intended_date=report.intended_date,
            first_published=today,
            documents=f"Report: {report.title}",
            is_private=exempt,
            exempt_paragraph=report.exempt_paragraph if exempt else "",
            private_reason="Part of the report is exempt under Schedule 12A." if exempt else "",
            lead_officer=report.author,
            affects_all_wards=report.affects_all_wards,
            notice=notice,
            chair_notified_on=chair_notified_on if notice == Notice.GENERAL_EXCEPTION else None,
            chair_agreed_on=chair_agreed_on if notice == Notice.SPECIAL_URGENCY else None,
            chair_agreement=chair_agreement.strip() if notice == Notice.SPECIAL_URGENCY else "",
        )
        entry.full_clean()
        entry._history_user = by
        entry.save()
        entry.wards.set(report.wards.all())
        report.forward_plan_entry = entry
        report.updated_at = at
        report._history_user = by
        report.save(update_fields=["forward_plan_entry", "updated_at"])
    return entry


def _public_html(report: Report, kind: str) -> str:
    """The section's sanitised HTML, or "" when it is exempt or missing."""
    section = report.sections.filter(kind=kind, is_exempt=False).first()
    return richtext.sanitise(section.html) if section else ""


def _plain(report: Report, kind: str) -> str:
    return richtext.plain_text(_public_html(report, kind))


# To the decision maker, and the decision ------------------------------------------------------


def report_send_to_decision_maker(*, report: Report, by: object, at: datetime) -> Report:
    """Every implications section signed off as it now reads, and notice given where needed."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status not in (Report.Status.IN_CLEARANCE, Report.Status.CLEARED):
            raise ValidationError(
                {
                    "status": f"The report is {report.get_status_display().lower()}: send it for "
                    "clearance first."
                }
            )
        errors = {}
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
        report._history_user = by
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
    single = {
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
    clear_days = {
        ForwardPlanEntry.Notice.FULL: forward_plan.FULL_NOTICE_CLEAR_DAYS,
        ForwardPlanEntry.Notice.GENERAL_EXCEPTION: forward_plan.GENERAL_EXCEPTION_CLEAR_DAYS,
    }.get(entry.notice)
    if clear_days is None:
        return None
    return forward_plan.first_day_for_decision(entry.first_published, clear_days)


def report_record_decision(
    *,
    report: Report,
    outcomes: list[RecommendationOutcome],
    decided_on: date,
    by: object,
    at: datetime,
) -> Decision:
    """The clerk's record of what the decision maker decided: the Decision, from the report.

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
        if decided_on > _london_today(at):
            errors["date_of_decision"] = "The date of decision cannot be in the future."
        entry = report.forward_plan_entry
        earliest = _earliest_decision_date(entry) if entry else None
        if earliest is not None and decided_on < earliest:
            errors["date_of_decision"] = (
                f"Notice was published on {entry.first_published:%d/%m/%Y}: the decision can be "
                f"taken from {earliest:%d/%m/%Y}."
            )
        drafted = list(report.recommendations.select_related("delegate", "in_consultation_with"))
        given = {item.recommendation.pk: item for item in outcomes}
        for recommendation in drafted:
            item = given.get(recommendation.pk)
            name = f"outcome_{recommendation.pk}"
            if item is None or item.outcome not in Outcome.values or not item.outcome:
                errors[name] = f"Choose the outcome of recommendation {recommendation.label}."
            elif item.outcome == Outcome.AMENDED and not item.amended_text.strip():
                errors[f"amended_text_{recommendation.pk}"] = (
                    f"Enter recommendation {recommendation.label} as amended."
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
        decision._history_user = by
        decision._change_reason = "Recorded from the key decision report"
        decision.save()
        decision.report_contributors.set(report.contributors.all())
        decision.relevant_members.set(report.relevant_members.all())
        decision.wards.set(report.wards.all())

        for order, drafted_recommendation in enumerate(drafted, start=1):
            item = given[drafted_recommendation.pk]
            recommendation = Recommendation(
                decision=decision,
                label=drafted_recommendation.label,
                heading=drafted_recommendation.heading,
                text=drafted_recommendation.text,
                kind=drafted_recommendation.kind,
                outcome=item.outcome,
                amended_text=item.amended_text.strip() if item.outcome == Outcome.AMENDED else "",
                order=order,
            )
            recommendation.full_clean()
            recommendation._history_user = by
            recommendation.save()
            gives_power = item.outcome in (Outcome.APPROVED, Outcome.AMENDED)
            if drafted_recommendation.delegate_id and gives_power:
                delegation = drafted_recommendation.delegation(
                    decision=decision,
                    recommendation=recommendation,
                    scope=recommendation.amended_text or recommendation.text,
                )
                delegation.full_clean()
                delegation._history_user = by
                delegation.save()

        for line in report.funding_lines.all():
            funding = FundingLine(
                decision=decision,
                description=line.description,
                amount=line.amount,
                amount_as_printed=printed_amount(
                    line.amount, precision=line.precision, recurrence=line.recurrence
                ),
                precision=line.precision,
                kind=line.kind,
                recurrence=line.recurrence,
                financial_year=line.financial_year,
                period_start=line.period_start,
                period_end=line.period_end,
                source=line.source,
            )
            funding.full_clean()
            funding._history_user = by
            funding.save()

        for order, option in enumerate(options, start=1):
            Option.objects.create(
                decision=decision,
                label=option.label,
                title=option.title,
                description=option.description,
                is_recommended=option.is_recommended,
                order=order,
            )
        for order, risk in enumerate(report.risks.all(), start=1):
            Risk.objects.create(
                decision=decision,
                description=risk.description,
                mitigation=risk.mitigation,
                rating=risk.rating,
                order=order,
            )
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
        document._history_user = by
        document.save()
        return _decided(report, decision, entry, by=by, at=at)


def _decided(
    report: Report, decision: Decision, entry: ForwardPlanEntry | None, *, by: object, at: datetime
) -> Decision:
    """The report and its forward plan entry point at the decision recorded from it."""
    if entry is not None:
        entry.decision = decision
        entry._history_user = by
        entry.save(update_fields=["decision"])
    report.decision = decision
    report.status = Report.Status.DECIDED
    report.updated_at = at
    report._history_user = by
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
    by: object,
    at: datetime,
) -> Decision:
    """The outcomes and date written onto the record the report was made from.

    Its rows are the report's own (the report was made from them and, being with the decision
    maker, could not be changed), so only what was decided is added: each recommendation's
    outcome, matched by its place, and the report as a document. Powers in recommendations
    rejected or deferred are not given, so their delegations go.
    """
    Outcome = Recommendation.Outcome
    decision = Decision.objects.select_for_update().get(pk=report.made_from_id)
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
        recommendation._history_user = by
        recommendation.save()
        if item.outcome not in (Outcome.APPROVED, Outcome.AMENDED):
            decision.delegations.filter(recommendation=recommendation).delete()
    decision.status = decision_status([given[r.pk].outcome for r in drafted])
    decision.date_of_decision = decided_on
    decision.updated_at = at
    decision.full_clean()
    decision._history_user = by
    decision._change_reason = "Decided on the key decision report made from this record"
    decision.save()
    document = Document(
        decision=decision,
        report=report,
        title=f"Report to the {report.decision_maker}: {report.title}",
        kind=Document.Kind.REPORT,
    )
    document.full_clean()
    document._history_user = by
    document.save()
    return decision


# Notifications --------------------------------------------------------------------------------


def _notify(*, kind: str, sign_off: SignOff, users: list, event: str) -> None:
    from decisions.notifications import notify_report

    notify_report(kind=kind, report=sign_off.report, sign_off=sign_off, users=users, event=event)


# A seed report in the workspace ---------------------------------------------------------------


def report_from_record(*, decision: Decision, by: object, at: datetime) -> Report:
    """The workspace's report for a seed decision still awaiting determination.

    A seed such as Doncaster's is the report as it went to the decision maker, loaded as a
    decision record "for determination": its author looks for it in the workspace, not in the
    admin. The report is made from the record's own rows (sections, recommendations, options,
    risks, funding lines), with the decision maker, as the seed document stands. Made once:
    a second call returns the report already made.
    """
    with transaction.atomic():
        # The record's row is the lock: of two runs at once, the second waits, then finds
        # the report the first made.
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        existing = Report.objects.filter(made_from=decision).first()
        if existing is not None:
            return existing
        author = decision.report_author
        report = Report(
            authority=decision.authority,
            title=decision.title,
            status=Report.Status.WITH_DECISION_MAKER,
            decision_maker=decision.decision_maker,
            is_key_decision=decision.is_key_decision,
            key_decision_reason=decision.key_decision_reason,
            affects_all_wards=decision.affects_all_wards,
            author=author,
            directorate=author.directorate if author else None,
            created_by=by,
            created_at=at,
            updated_at=at,
            sent_to_decision_maker_at=at,
            made_from=decision,
        )
        report.full_clean()
        report._history_user = by
        report._change_reason = "Made from the seed report, as it went to the decision maker"
        report.save()
        report.wards.set(decision.wards.all())
        report.relevant_members.set(decision.relevant_members.all())
        report.contributors.set(decision.report_contributors.all())
        printed = {section.kind: section.text for section in decision.sections.all()}
        for kind in DraftSection.Kind.values:
            text = printed.get(kind, "")
            section = DraftSection(
                report=report, kind=kind, text=text, html=richtext.render(text), updated_at=at
            )
            section._history_user = by
            section.save()
        rows: list[Versioned] = [
            DraftRecommendation(
                report=report,
                label=item.label,
                heading=item.heading,
                text=item.text,
                kind=item.kind,
                order=item.order,
            )
            for item in decision.recommendations.all()
        ]
        rows += [
            DraftOption(
                report=report,
                label=item.label,
                title=item.title,
                description=item.description,
                is_recommended=item.is_recommended,
                order=item.order,
            )
            for item in decision.options.all()
        ]
        rows += [
            DraftRisk(
                report=report,
                description=item.description,
                mitigation=item.mitigation,
                rating=item.rating,
                order=item.order,
            )
            for item in decision.risks.all()
        ]
        rows += [
            DraftFundingLine(
                report=report,
                description=line.description,
                amount=line.amount,
                precision=line.precision,
                kind=line.kind,
                recurrence=line.recurrence,
                financial_year=line.financial_year,
                period_start=line.period_start,
                period_end=line.period_end,
                source=line.source,
                order=order,
            )
            for order, line in enumerate(decision.funding_lines.all(), start=1)
        ]
        for row in rows:
            row.full_clean(exclude=["report", "version"])
            row._history_user = by
            row.save()
    return report
