from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from decisions.models import (
    Authority,
    DraftSection,
    Notification,
    Person,
    Report,
    SignOff,
)
from decisions.models.drafts import ReportRow
from decisions.models.history import attributed
from decisions.models.report import Versioned
from decisions.reports import richtext
from decisions.types import User


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


def london_today(at: datetime) -> date:
    return timezone.localdate(at)


def refuse_unless_editable(report: Report) -> None:
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
    claimed = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(model._default_manager.get(pk=instance.pk))
    instance.version = expected_version + 1


def report_start(*, authority: Authority, title: str, by: User, at: datetime) -> Report:
    """A new draft with every section of the template, written by the signed-in report author."""
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
        attributed(report, by)
        report.save()
        for kind in DraftSection.Kind.values:
            section = DraftSection(report=report, kind=kind, updated_at=at)
            attributed(section, by)
            section.save()
    return report


def report_save(
    *,
    report: Report,
    expected_version: int,
    by: User,
    at: datetime,
    many: dict[str, Iterable] | None = None,
) -> Report:
    """Save the report's own details (title, decision maker, wards …) as the form set them."""
    with transaction.atomic():
        refuse_unless_editable(Report.objects.get(pk=report.pk))
        report.full_clean(exclude=["version"])
        _claim_version(report, expected_version)
        report.updated_at = at
        attributed(report, by)
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
    by: User,
    at: datetime,
) -> DraftSection:
    """Save a section's text, rendered and sanitised; a changed signed-off text withdraws the
    sign-off and tells the officer who gave it."""
    with transaction.atomic():
        report = Report.objects.get(pk=section.report_id)
        refuse_unless_editable(report)
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
        attributed(section, by)
        section.save()
        if changed:
            _withdraw_sign_offs(section, by=by, at=at)
        _touch(report, at)
    return section


def _withdraw_sign_offs(section: DraftSection, *, by: User, at: datetime) -> None:
    areas = [area for area, kind in SignOff.SECTION_OF_AREA.items() if kind == section.kind]
    for sign_off in SignOff.objects.select_for_update().filter(
        report=section.report_id, area__in=areas, status=SignOff.Status.SIGNED_OFF
    ):
        sign_off.status = SignOff.Status.WITHDRAWN
        sign_off.responded_at = at
        attributed(sign_off, by, f"Section changed to version {section.version}")
        sign_off.save()
        notify_sign_off(
            kind=Notification.Kind.SIGN_OFF_WITHDRAWN,
            sign_off=sign_off,
            users=[sign_off.officer],
            event=f"{sign_off.area}:v{section.version}",
        )
    report = Report.objects.get(pk=section.report_id)
    if areas and report.status == Report.Status.CLEARED:
        report.status = Report.Status.IN_CLEARANCE
        attributed(report, by)
        report.save(update_fields=["status"])


def report_row_save(
    *, row: ReportRow, expected_version: int | None, by: User, at: datetime
) -> ReportRow:
    """Add (expected_version None) or change a recommendation, option, risk or funding line."""
    with transaction.atomic():
        report = Report.objects.get(pk=row.report_id)
        refuse_unless_editable(report)
        row.full_clean(exclude=["report", "version"])
        if row.pk is None:
            row.order = type(row)._default_manager.filter(report=report).count() + 1
        else:
            _claim_version(row, expected_version or 0)
        attributed(row, by)
        row.save()
        _touch(report, at)
    return row


def report_row_delete(*, row: ReportRow, expected_version: int, by: User, at: datetime) -> None:
    with transaction.atomic():
        report = Report.objects.get(pk=row.report_id)
        refuse_unless_editable(report)
        _claim_version(row, expected_version)
        attributed(row, by)
        row.delete()
        _touch(report, at)


def notify_sign_off(*, kind: str, sign_off: SignOff, users: list, event: str) -> None:
    from decisions.notifications.services import notify_report

    notify_report(kind=kind, report=sign_off.report, sign_off=sign_off, users=users, event=event)
