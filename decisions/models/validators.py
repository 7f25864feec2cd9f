import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


def validate_financial_year(value: str) -> None:
    """A UK financial year as councils write it: "2024/25" is 1 April 2024 to 31 March 2025."""
    match = FINANCIAL_YEAR.match(value)
    if not match:
        raise ValidationError(
            _("Enter a financial year like 2024/25, not “%(value)s”."),
            code="financial_year_format",
            params={"value": value},
        )
    start, end = int(match.group(1)), int(match.group(2))
    if (start + 1) % 100 != end:
        raise ValidationError(
            _("“%(value)s” is not a financial year: after %(start)s comes %(next)02d."),
            code="financial_year_sequence",
            params={"value": value, "start": start, "next": (start + 1) % 100},
        )
