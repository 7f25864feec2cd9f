"""The Doncaster key decision report at each stage, written once for every report test.

The report is Doncaster's "Commissioning Specialist Home and Community Support"
(fixtures/doncaster.json), written by Teresa Bainbridge for the Cabinet Member for Adult
Social Care, drafted in July 2015, on the forward plan from 1 August and decided 30 August.
"""

from datetime import date, datetime
from decimal import Decimal

from decisions.choices import FundingKind, Precision
from decisions.forward_plan.services import report_add_to_forward_plan
from decisions.models import (
    Authority,
    Body,
    DraftFundingLine,
    DraftOption,
    DraftRecommendation,
    DraftRisk,
    DraftSection,
    Recommendation,
    Report,
    SignOff,
)
from decisions.reports.services.clearance import report_send_for_clearance, sign_off_give
from decisions.reports.services.deciding import report_send_to_decision_maker
from decisions.reports.services.drafting import (
    report_row_save,
    report_save,
    report_section_save,
    report_start,
)
from decisions.rules.call_in import LONDON

TITLE = "Commissioning Specialist Home and Community Support"
Kind = DraftSection.Kind


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


# The report's days, in 2015.
STARTED = at(2015, 7, 1, 9)
WRITTEN = at(2015, 7, 2, 10)
SENT_FOR_CLEARANCE = at(2015, 7, 6, 9)
CLEARED = at(2015, 7, 8, 15)
PUBLISHED = at(2015, 8, 1, 10)
INTENDED = date(2015, 8, 30)  # 29 days after publication: exactly 28 clear days
SENT = at(2015, 8, 20, 9)

SECTIONS = {
    Kind.EXECUTIVE_SUMMARY: "To establish an Open Framework for specialist home support.",
    Kind.FOR_CITIZENS: "People with complex needs will get support that fits them.",
    Kind.BACKGROUND: "There are currently no arrangements for specialist packages.",
    Kind.REASONS: "The Open Framework gives flexibility in the market.",
    Kind.IMPACT_ON_OUTCOMES: "All people in Doncaster benefit from a thriving economy.",
    Kind.LEGAL: "The council has power under the Care Act 2014.",
    Kind.FINANCIAL: "Around **£765,000** was spent through the historic arrangement.",
    Kind.HUMAN_RESOURCES: "There are no HR implications.",
    Kind.TECHNOLOGY: "The portal is provided by the framework supplier.",
    Kind.EQUALITY: "A due regard statement has been completed.",
    Kind.CONSULTATION: "Market engagement drew around 30 providers.",
    Kind.BACKGROUND_PAPERS: "Provider rates, commercially sensitive.",
}
IMPLICATIONS = [Kind.LEGAL, Kind.FINANCIAL, Kind.HUMAN_RESOURCES, Kind.EQUALITY]


def section(report: Report, kind: str) -> DraftSection:
    return DraftSection.objects.get(report=report, kind=kind)


def write(
    report: Report, kind: str, text: str, *, by: object, at: datetime = WRITTEN, **fields: object
) -> DraftSection:
    current = section(report, kind)
    return report_section_save(
        section=current,
        text=text,
        is_exempt=fields.get("is_exempt", current.is_exempt),
        expected_version=current.version,
        by=by,
        at=at,
    )


def add_row(row: object, *, by: object) -> object:
    return report_row_save(row=row, expected_version=None, by=by, at=WRITTEN)


def drafted_report(authority: Authority, author: object, *, intended: date = INTENDED) -> Report:
    """The Doncaster report as drafted: every section, two recommendations, two options, four
    risks and the £765,000 funding line; the background papers exempt under paragraph 3."""
    report = report_start(authority=authority, title=TITLE, by=author, at=STARTED)
    report.decision_maker = Body.objects.get(authority=authority, name__startswith="Cabinet")
    report.key_decision_reason = "Expenditure above £250,000."
    report.intended_date = intended
    report.affects_all_wards = True
    report.exempt_paragraph = "3"
    report_save(report=report, expected_version=report.version, by=author, at=WRITTEN)
    for kind, text in SECTIONS.items():
        write(report, kind, text, by=author, is_exempt=kind == Kind.BACKGROUND_PAPERS)
    add_row(
        DraftRecommendation(
            report=report,
            label="2",
            text="To establish an Open Framework arrangement to procure Specialist Home and "
            "Community Support.",
            kind=Recommendation.Kind.ESTABLISH,
        ),
        by=author,
    )
    add_row(
        DraftRecommendation(
            report=report,
            label="3",
            text="To delegate the award of call-off contracts to the Director of People.",
            kind=Recommendation.Kind.DELEGATE,
            delegate=Body.objects.get(authority=authority, name="Director of People"),
            in_consultation_with=report.decision_maker,
            within_existing_budget=True,
        ),
        by=author,
    )
    add_row(
        DraftOption(
            report=report,
            label="1",
            title="Establish a Specialist arrangement and use an Open Framework",
            is_recommended=True,
        ),
        by=author,
    )
    add_row(
        DraftOption(
            report=report,
            label="2",
            title="Do nothing",
            description="There are no arrangements in place.",
        ),
        by=author,
    )
    for number in range(1, 5):
        add_row(
            DraftRisk(report=report, description=f"Risk {number}", mitigation="Low", rating=2),
            by=author,
        )
    add_row(
        DraftFundingLine(
            report=report,
            description="Services delivered through the historic framework arrangement.",
            amount=Decimal("765000"),
            precision=Precision.APPROXIMATE,
            kind=FundingKind.SPEND,
            period_start=date(2015, 10, 12),
            period_end=date(2016, 11, 6),
        ),
        by=author,
    )
    return Report.objects.get(pk=report.pk)


def send_for_clearance(report: Report, clearers: dict, author: object) -> list[SignOff]:
    """Ask each clearance officer in `clearers` to sign off their implications section."""
    return report_send_for_clearance(
        report=report, officers=clearers, by=author, at=SENT_FOR_CLEARANCE
    )


def give(sign_off: SignOff, clearers: dict) -> SignOff:
    """The sign-off given by its clearance officer, on the section as it now reads."""
    return sign_off_give(
        sign_off=sign_off,
        seen_version=section(sign_off.report, sign_off.section_kind).version,
        by=clearers[sign_off.area],
        at=CLEARED,
    )


def clear(report: Report, clearers: dict, author: object) -> Report:
    """Sent for clearance, and every implications section signed off."""
    send_for_clearance(report, clearers, author)
    for sign_off in report.sign_offs.all():
        give(sign_off, clearers)
    return Report.objects.get(pk=report.pk)


def send_to_decision_maker(report: Report, author: object) -> Report:
    """On the forward plan with full notice, and sent to the decision maker."""
    report_add_to_forward_plan(report=report, notice="full", by=author, at=PUBLISHED)
    return report_send_to_decision_maker(report=report, by=author, at=SENT)


def with_decision_maker(authority: Authority, author: object, clearers: dict) -> Report:
    """Drafted, cleared, on the forward plan with full notice, and sent to the decision maker."""
    return send_to_decision_maker(
        clear(drafted_report(authority, author), clearers, author), author
    )


def signed_in(client: object, user: object) -> object:
    client.force_login(user)
    return client
