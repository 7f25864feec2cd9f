"""What a draft report's rows and a decision record's rows have in common.

A record is made from a report when the decision is taken (deciding), and a report from a
record awaiting determination (from_record). Both copy the same fields of each kind of row;
they are listed here once.
"""

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)

SHARED_FIELDS = {
    "recommendation": ("label", "heading", "text", "kind"),
    "option": ("label", "title", "description", "is_recommended"),
    "risk": ("description", "mitigation", "rating"),
    "funding": (
        "description",
        "amount",
        "precision",
        "kind",
        "recurrence",
        "financial_year",
        "period_start",
        "period_end",
        "source",
    ),
}


def copied(row: models.Model, model: type[M], kind: str, **more: object) -> M:
    """A new, unsaved `model` with the fields of `kind` that `row` has, and `more` besides."""
    return model(**{name: getattr(row, name) for name in SHARED_FIELDS[kind]}, **more)
