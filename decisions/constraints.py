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


def _on_field(field: str | None, error: ValidationError) -> ValidationError:
    if field is None:
        return error
    return ValidationError({field: error.error_list})


class CheckConstraint(models.CheckConstraint):
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
            raise _on_field(self.field, error) from None

    def deconstruct(self) -> tuple[str, tuple, dict]:
        _path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs

    def clone(self) -> "CheckConstraint":
        # Django clones every constraint of a model class (Options._format_names); the clone
        # is made from deconstruct(), which leaves `field` out.
        cloned = super().clone()
        cloned.field = self.field
        return cloned


class UniqueConstraint(models.UniqueConstraint):
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
            raise _on_field(self.field, error) from None

    def deconstruct(self) -> tuple[str, tuple, dict]:
        _path, args, kwargs = super().deconstruct()
        return "django.db.models.UniqueConstraint", args, kwargs

    def clone(self) -> "UniqueConstraint":
        # Django clones every constraint of a model class (Options._format_names); the clone
        # is made from deconstruct(), which leaves `field` out.
        cloned = super().clone()
        cloned.field = self.field
        return cloned
