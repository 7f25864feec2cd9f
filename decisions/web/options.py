"""<option> elements written out as strings: a national register's drop-downs have hundreds.

Django renders each option of a form's <select> through a template, and a template's for loop
resolves each council's name and compares it with the one chosen: 10 to 40 ms a page for the
400 councils of a national register. These write the same markup in Python.
"""

import html
from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe


def quote(text: object) -> str:
    """Text escaped for HTML as Django's escape does it (html.escape), unless already safe."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


class Options:
    """Writes <option>s, marking the first whose value is one of `chosen` as selected."""

    def __init__(self, chosen: Iterable[str]) -> None:
        self.chosen = set(chosen)
        self.has_selected = False

    def option(self, value: object, label: object) -> str:
        written = "" if value is None else str(value)
        selected = not self.has_selected and written in self.chosen
        self.has_selected |= selected
        marked = " selected" if selected else ""
        return f'<option value="{quote(written)}"{marked}>{quote(label)}</option>'

    def write(self, choices: Iterable[tuple[object, object]]) -> str:
        """Options for (value, label) pairs; a label that is a list of pairs is an <optgroup>."""
        written = []
        for value, label in choices:
            if isinstance(label, (list, tuple)):
                grouped = "".join(self.option(v, sublabel) for v, sublabel in label)
                written.append(f'<optgroup label="{quote(value)}">{grouped}</optgroup>')
            else:
                written.append(self.option(value, label))
        return "".join(written)


def council_choices(councils: Iterable) -> Iterable[tuple[str, str]]:
    """(slug, name) of each council: of a queryset of authorities, read as those two columns
    only; or of the records."""
    if hasattr(councils, "values_list"):
        return councils.values_list("slug", "name")
    return ((council.slug, council.name) for council in councils)


def council_options(councils: Iterable, chosen: object = None) -> SafeString:
    """An <option> for each council (value its slug, label its name), the chosen one selected."""
    slug = getattr(chosen, "slug", chosen)
    # Every value and label is escaped by quote.
    return mark_safe(Options([slug] if slug else []).write(council_choices(councils)))
