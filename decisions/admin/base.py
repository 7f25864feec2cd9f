from django import forms
from django.http import HttpRequest

from decisions.models import (
    Body,
)


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Body) -> str:
        return obj.choice_label


class BodyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Body) -> str:
        return obj.choice_label


class NamesBodiesByCouncil:
    """Every council has a "Cabinet": a picker of bodies names each one's council.

    The autocomplete's search results are named the same way by the site's autocomplete view
    (councilgov.admin_site); this names the chosen one and the plain drop-downs.
    """

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs: object):
        if db_field.related_model is Body:
            kwargs.setdefault("form_class", BodyChoiceField)
            kwargs.setdefault("queryset", Body.objects.select_related("authority"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs: object):
        if db_field.related_model is Body:
            kwargs.setdefault("form_class", BodyMultipleChoiceField)
            kwargs.setdefault("queryset", Body.objects.select_related("authority"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
