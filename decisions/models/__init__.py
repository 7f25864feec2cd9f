"""The schema of the register: one set of models and migrations, with each model's queryset
beside it (querysets.py). Imports rules, never views, forms or services."""

from decisions.models.authority import Authority, CallInRuleVersion, ClosureDay
from decisions.models.decision import Decision
from decisions.models.decision_parts import (
    DeclaredInterest,
    Document,
    Option,
    Recommendation,
    RelatedDecision,
    ReportSection,
    Risk,
)
from decisions.models.delegation import Delegation, OfficerDecision
from decisions.models.drafts import (
    DraftFundingLine,
    DraftOption,
    DraftRecommendation,
    DraftRisk,
    DraftSection,
    SignOff,
)
from decisions.models.forward_plan import ForwardPlanEntry
from decisions.models.meetings import AgendaItem, Attendance, Issue, Meeting
from decisions.models.notifications import Notification, Subscription
from decisions.models.people import Body, Directorate, Person, Role, Ward
from decisions.models.report import Report
from decisions.models.scrutiny import CallIn, CallInSignature

__all__ = [
    "SignOff",
    "Report",
    "DraftSection",
    "DraftRisk",
    "DraftRecommendation",
    "DraftOption",
    "DraftFundingLine",
    "Directorate",
    "AgendaItem",
    "Attendance",
    "Authority",
    "Body",
    "CallIn",
    "CallInRuleVersion",
    "CallInSignature",
    "ClosureDay",
    "Decision",
    "DeclaredInterest",
    "Delegation",
    "Document",
    "ForwardPlanEntry",
    "Issue",
    "Meeting",
    "Notification",
    "OfficerDecision",
    "Option",
    "Person",
    "Recommendation",
    "ReportSection",
    "RelatedDecision",
    "Risk",
    "Role",
    "Subscription",
    "Ward",
]
