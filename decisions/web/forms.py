from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATE_PARTS = ("day", "month", "year")


class DatePartsWidget(forms.MultiWidget):
    """Three text boxes named <name>_day, <name>_month and <name>_year.

    Rendered by templates/components/date_input.html (a fieldset with a label per box), not by
    Django, so that each box has its label and the GOV.UK classes.
    """

    def __init__(self) -> None:
        super().__init__({part: forms.TextInput() for part in DATE_PARTS})

    def decompress(self, value: date | None) -> list[str | None]:
        if value is None:
            return [None, None, None]
        return [str(value.day), str(value.month), str(value.year)]


class DatePartsBoundField(forms.BoundField):
    @property
    def parts(self) -> list[dict[str, str]]:
        """Each box's name, id, label, width and value (what was typed, or the initial date)."""
        value = self.value()
        if not isinstance(value, list | tuple):
            value = self.field.widget.decompress(value)
        widths = {"day": 2, "month": 2, "year": 4}
        # The day box takes the field's own id, so that the error summary's link lands on it.
        ids = {
            "day": self.auto_id,
            "month": f"{self.auto_id}_month",
            "year": f"{self.auto_id}_year",
        }
        return [
            {
                "name": f"{self.html_name}_{part}",
                "id": ids[part],
                "label": part.capitalize(),
                "width": str(widths[part]),
                "value": "" if typed is None else str(typed),
            }
            for part, typed in zip(DATE_PARTS, value, strict=True)
        ]


class DatePartsField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK Design System's error messages."""

    widget = DatePartsWidget

    def __init__(self, **kwargs: object) -> None:
        fields = tuple(forms.CharField(required=False) for _part in DATE_PARTS)
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def get_bound_field(self, form: forms.Form, field_name: str) -> DatePartsBoundField:
        return DatePartsBoundField(form, self, field_name)

    def compress(self, data_list: list[str]) -> date | None:
        if not data_list or not any(part.strip() for part in data_list):
            return None
        name = str(self.label)
        missing = [part for part, typed in zip(DATE_PARTS, data_list, strict=True) if not typed]
        if missing:
            raise ValidationError(
                _("%(name)s must include a %(part)s") % {"name": name, "part": missing[0]},
                code="incomplete",
            )
        try:
            day, month, year = (int(part.strip()) for part in data_list)
            if year < 1000:
                raise ValueError("The year must have four digits.")
            return date(year, month, day)
        except ValueError:
            raise ValidationError(
                _("%(name)s must be a real date") % {"name": name}, code="invalid"
            ) from None


class ServiceForm(forms.Form):
    """A form whose writes are refused or accepted by a service function."""

    # Problems the error summary links to the first field the user can see.
    LINKED_TO_FIRST_FIELD: tuple[str, ...] = (forms.forms.NON_FIELD_ERRORS,)

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's refusal on the field it names, or on the whole form."""
        for name, messages in error.message_dict.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)

    def error_list(self) -> list[tuple[str, str, str]]:
        """(anchor name, label, message) per problem, for components/error_summary.html.

        A problem with the whole form links to the first field the user can see.
        """
        first = next(field.name for field in self.visible_fields())
        found = []
        for name, messages in self.errors.items():
            target = first if name in self.LINKED_TO_FIRST_FIELD else name
            label = self.fields[target].label
            found.extend((target, str(label), str(message)) for message in messages)
        return found


def govuk_widgets(form: forms.Form) -> forms.Form:
    """Give each widget the GOV.UK Frontend class for its kind, and mark fields in error.

    A class the form set already (a width, such as govuk-input--width-4) is kept after it.
    """
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.Select):
            css = "govuk-select"
        elif isinstance(widget, forms.CheckboxInput):
            css = "govuk-checkboxes__input"
        elif isinstance(widget, forms.Textarea):
            css = "govuk-textarea"
        elif isinstance(widget, forms.DateInput):
            css = "govuk-input govuk-input--width-10"
        else:
            css = "govuk-input"
        if form.is_bound and name in form.errors:
            css += f" {css.split()[0]}--error"
            widget.attrs["aria-describedby"] = f"{name}-error"
        elif field.help_text:
            widget.attrs["aria-describedby"] = f"{name}-hint"
        extra = [name for name in widget.attrs.get("class", "").split() if name not in css]
        widget.attrs["class"] = " ".join([css, *extra])
    return form
