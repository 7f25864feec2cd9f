from datetime import date, datetime

from django import template
from django.utils.translation import gettext_lazy as _

from decisions.printing import render as pdf
from decisions.reports import richtext
from decisions.rules import call_in as call_in_rules
from decisions.web import formatting, options

register = template.Library()


register.filter("money", formatting.money)
register.filter("paragraphs", formatting.page_paragraphs)
register.simple_tag(options.council_options, name="council_options")


@register.filter
def long_date(day: date | datetime | None) -> str:
    """9 November 2023."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.astimezone(call_in_rules.LONDON).date()
    return call_in_rules.format_date(day)


@register.filter
def call_in_status_at(decision: object, at: datetime) -> call_in_rules.CallInStatus:
    return decision.call_in_status(at)


@register.filter
def report_html(html: str) -> str:
    """A drafted report section's stored HTML, cleaned again and with GOV.UK classes."""
    return richtext.for_page(html)


@register.filter
def forward_plan_summary(entry: object) -> str:
    """A forward plan entry's summary on the page: the HTML its PDF prints, tables and lists
    included, dressed in GOV.UK classes."""
    return richtext.for_page(pdf.forward_plan_summary(entry))


@register.filter
def call_in_rule_words(decision: object) -> str:
    """The call-in rule governing `decision`, in plain English; empty for a decision that cannot
    be called in or whose council has no rule in force for it."""
    if not decision.is_subject_to_call_in:
        return ""
    version = decision.call_in_rule()
    return call_in_rules.rule_in_words(version.as_rule()) if version else ""


# What the decision page and its record PDF both print where the record gives nothing: one
# phrase, from here, so that the two never say it differently.
NOT_RECORDED = _("Not recorded")


@register.simple_tag
def not_recorded() -> str:
    return str(NOT_RECORDED)


@register.filter
def closing_words(deadline: call_in_rules.Deadline | None) -> str:
    """ "4pm on 17 November 2023", or "the end of 17 November 2023": after "closes at"."""
    return call_in_rules.closing_words(deadline) if deadline else ""
