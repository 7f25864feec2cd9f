from django import forms


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
