from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from decisions.models import (
    DraftSection,
    ForwardPlanEntry,
    Report,
)
from decisions.models.history import attributed
from decisions.models.locks import reports_for_update
from decisions.reports import richtext
from decisions.reports.services.drafting import london_today
from decisions.rules import notice as notice_rules
from decisions.types import User


def report_add_to_forward_plan(
    *,
    report: Report,
    notice: str,
    by: User,
    at: datetime,
    chair_notified_on: date | None = None,
    chair_agreed_on: date | None = None,
    chair_agreement: str = "",
) -> ForwardPlanEntry:
    """Publish the report's notice on the forward plan today (reg 9), or under reg 10 or 11."""
    today = london_today(at)
    with transaction.atomic():
        report = reports_for_update().get(pk=report.pk)
        if report.forward_plan_entry_id is not None:
            raise ValidationError({"notice": "The report is already on the forward plan."})
        errors: dict[str, str] = {}
        if not report.is_key_decision:
            errors["notice"] = "Only a key decision needs notice on the forward plan."
        if report.decision_maker_id is None:
            errors["decision_maker"] = "Choose the decision maker in the report's details first."
        intended = report.intended_date
        if intended is None:
            errors["intended_date"] = "Enter the intended date of decision in the details first."
        elif intended <= today:
            errors["intended_date"] = "The intended date of decision must be in the future."
        if errors or intended is None:
            raise ValidationError(errors)
        clear_days = notice_rules.clear_days_between(today, intended)
        Notice = ForwardPlanEntry.Notice
        if notice == Notice.FULL and clear_days < notice_rules.FULL_NOTICE_CLEAR_DAYS:
            raise ValidationError(
                {
                    "notice": f"Published today, the notice gives {clear_days} clear days before "
                    f"{report.intended_date:%d/%m/%Y}, not 28. Choose general exception or "
                    "special urgency, or move the intended date."
                }
            )
        if notice == Notice.GENERAL_EXCEPTION:
            if clear_days < notice_rules.GENERAL_EXCEPTION_CLEAR_DAYS:
                raise ValidationError(
                    {
                        "notice": f"General exception needs 5 clear days' notice; published "
                        f"today it gives {clear_days}. Only special urgency is left."
                    }
                )
            latest = notice_rules.latest_general_exception_notice(intended)
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
        attributed(entry, by)
        entry.save()
        entry.wards.set(report.wards.all())
        report.forward_plan_entry = entry
        report.updated_at = at
        attributed(report, by)
        report.save(update_fields=["forward_plan_entry", "updated_at"])
    return entry


def _public_html(report: Report, kind: str) -> str:
    """The section's sanitised HTML, or "" when it is exempt or missing."""
    section = report.sections.filter(kind=kind, is_exempt=False).first()
    return richtext.sanitise(section.html) if section else ""


def _plain(report: Report, kind: str) -> str:
    return richtext.plain_text(_public_html(report, kind))
