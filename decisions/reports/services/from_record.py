from datetime import datetime

from django.db import transaction

from decisions.models import (
    Decision,
    DraftFundingLine,
    DraftOption,
    DraftRecommendation,
    DraftRisk,
    DraftSection,
    Report,
)
from decisions.models.history import attributed
from decisions.models.locks import decisions_for_update
from decisions.models.report import Versioned
from decisions.reports import richtext
from decisions.reports.services.copying import copied
from decisions.types import User


def report_from_record(*, decision: Decision, by: User, at: datetime) -> Report:
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
        decision = decisions_for_update().get(pk=decision.pk)
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
        attributed(report, by, "Made from the seed report, as it went to the decision maker")
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
            attributed(section, by)
            section.save()
        rows: list[Versioned] = [
            copied(item, DraftRecommendation, "recommendation", report=report, order=item.order)
            for item in decision.recommendations.all()
        ]
        rows += [
            copied(item, DraftOption, "option", report=report, order=item.order)
            for item in decision.options.all()
        ]
        rows += [
            # A record's risk may lack a rating; the draft's full_clean below refuses it.
            copied(item, DraftRisk, "risk", report=report, order=item.order)
            for item in decision.risks.all()
        ]
        rows += [
            copied(line, DraftFundingLine, "funding", report=report, order=order)
            for order, line in enumerate(decision.funding_lines.all(), start=1)
        ]
        for row in rows:
            row.full_clean(exclude=["report", "version"])
            attributed(row, by)
            row.save()
    return report
