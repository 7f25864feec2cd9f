from datetime import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction

from decisions.groups import CLEARANCE_GROUPS
from decisions.models import (
    DraftSection,
    Notification,
    Report,
    SignOff,
)
from decisions.models.history import attributed
from decisions.models.locks import reports_for_update, sign_offs_for_update
from decisions.reports.services.drafting import notify_sign_off, refuse_unless_editable
from decisions.types import User


def clearance_officers(area: str) -> models.QuerySet:
    """Who may sign off `area`: active members of its clearance group."""
    group = Group.objects.filter(name=CLEARANCE_GROUPS[area]).first()
    users = group.user_set.filter(is_active=True) if group else Group.objects.none()
    return users.order_by("first_name", "last_name", "username")


def report_send_for_clearance(
    *, report: Report, officers: dict[str, User], by: User, at: datetime
) -> list[SignOff]:
    """Ask each clearance officer to sign off their section; a current sign-off is kept."""
    with transaction.atomic():
        report = reports_for_update().get(pk=report.pk)
        refuse_unless_editable(report)
        sections = {section.kind: section for section in report.sections.all()}
        errors: dict[str, str] = {}
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
        for asked_area in SignOff.Area.values:
            sign_off = SignOff.objects.filter(report=report, area=asked_area).first()
            current = (
                sign_off is not None
                and sign_off.status == SignOff.Status.SIGNED_OFF
                and sign_off.officer_id == officers[asked_area].pk
            )
            if current:
                continue
            sign_off = sign_off or SignOff(report=report, area=asked_area)
            sign_off.officer = officers[asked_area]
            sign_off.status = SignOff.Status.REQUESTED
            sign_off.requested_at = at
            sign_off.responded_at = None
            sign_off.approved_version = None
            sign_off.approved_text = ""
            attributed(sign_off, by)
            sign_off.save()
            asked.append(sign_off)
            notify_sign_off(
                kind=Notification.Kind.SIGN_OFF_REQUESTED,
                sign_off=sign_off,
                users=[sign_off.officer],
                event=f"{asked_area}:{at.timestamp():.0f}",
            )
        report.status = Report.Status.IN_CLEARANCE if asked else _status_after_clearance(report)
        report.updated_at = at
        attributed(report, by)
        report.save(update_fields=["status", "updated_at"])
    return asked


def _status_after_clearance(report: Report) -> str:
    signed = SignOff.objects.filter(report=report, status=SignOff.Status.SIGNED_OFF).count()
    return (
        Report.Status.CLEARED if signed == len(SignOff.Area.values) else Report.Status.IN_CLEARANCE
    )


def _open_sign_off(sign_off: SignOff, by: User) -> SignOff:
    sign_off = sign_offs_for_update().get(pk=sign_off.pk)
    if sign_off.officer_id != getattr(by, "pk", None):
        raise ValidationError({"officer": "Only the clearance officer asked can answer this."})
    if sign_off.status != SignOff.Status.REQUESTED:
        raise ValidationError(
            {
                "status": f"This sign-off is {sign_off.get_status_display().lower()}: not awaiting "
                "an answer."
            }
        )
    refuse_unless_editable(sign_off.report)
    return sign_off


def sign_off_give(*, sign_off: SignOff, seen_version: int, by: User, at: datetime) -> SignOff:
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
        attributed(sign_off, by)
        sign_off.save()
        report = sign_off.report
        report.status = _status_after_clearance(report)
        attributed(report, by)
        report.save(update_fields=["status"])
        notify_sign_off(
            kind=Notification.Kind.SIGN_OFF_GIVEN,
            sign_off=sign_off,
            users=[report.created_by],
            event=f"{sign_off.area}:v{section.version}",
        )
    return sign_off


def sign_off_return(*, sign_off: SignOff, comment: str, by: User, at: datetime) -> SignOff:
    """Return the section to the author with what needs to change."""
    if not comment.strip():
        raise ValidationError({"comment": "Say what needs to change before returning it."})
    with transaction.atomic():
        sign_off = _open_sign_off(sign_off, by)
        sign_off.status = SignOff.Status.RETURNED
        sign_off.responded_at = at
        sign_off.comment = comment.strip()
        attributed(sign_off, by)
        sign_off.save()
        notify_sign_off(
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
