"""Database constraints whose refusal is a sentence on the field it is about.

Model.validate_constraints (run by full_clean and by every ModelForm) checks each constraint
before the database is asked, but Django's refusal names the constraint ("Constraint
“draft_funding_amount_not_negative” is violated.") and is put on no field, so an error summary
shows it against whichever field comes first. These say what is wrong in the register's words
(`violation_error_message`) and put it on `field`.

They deconstruct as Django's own constraints: `field` is only where the message is shown, not
part of the database's constraint, so migrations need not know of it.
"""

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.utils.translation import gettext_lazy as _


class _MessageOnField:
    """Puts a refusal on `field`, and deconstructs as the Django constraint named `django_path`."""

    django_path: str

    def __init__(self, *args: object, field: str | None = None, **kwargs: object) -> None:
        self.field = field
        super().__init__(*args, **kwargs)

    def validate(
        self,
        model: type[models.Model],
        instance: models.Model,
        exclude: object = None,
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            if self.field is None:
                raise
            raise ValidationError({self.field: error.error_list}) from None

    def deconstruct(self) -> tuple[str, tuple, dict]:
        _path, args, kwargs = super().deconstruct()
        return self.django_path, args, kwargs

    def clone(self) -> "_MessageOnField":
        # Django clones every constraint of a model class (Options._format_names); the clone
        # is made from deconstruct(), which leaves `field` out.
        cloned = super().clone()
        cloned.field = self.field
        return cloned


class CheckConstraint(_MessageOnField, models.CheckConstraint):
    django_path = "django.db.models.CheckConstraint"


class UniqueConstraint(_MessageOnField, models.UniqueConstraint):
    django_path = "django.db.models.UniqueConstraint"


def funding_line_constraints(*, amount: str, period: str) -> list[CheckConstraint]:
    """A funding line's rules, for a decision's lines and a draft report's alike: the amount is
    £0 or more unless the line is a saving, and the period does not end before it starts.

    `amount` and `period` are the names the constraints have in the database.
    """
    return [
        CheckConstraint(
            condition=models.Q(amount__gte=0) | models.Q(kind="saving"),
            name=amount,
            field="amount",
            violation_error_message=_(
                "The amount must be £0 or more, unless the line is a saving."
            ),
        ),
        CheckConstraint(
            condition=models.Q(period_start__isnull=True)
            | models.Q(period_end__isnull=True)
            | models.Q(period_end__gte=models.F("period_start")),
            name=period,
            field="period_end",
            violation_error_message=_("The end of the period must not be before its start."),
        ),
    ]
