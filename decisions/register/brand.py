"""A council's own colour for its header, as a stylesheet.

The Content-Security-Policy allows styles only from the register's files, never a style=""
attribute, so the colour an administrator gives an authority reaches the header through this
small stylesheet, linked from base.html on that council's pages.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from decisions.models import Authority
from decisions.printing.render import brand_colour

# base.html puts the colour in the stylesheet's address, so a new colour is a new address and
# a copy held by a browser or CDN can be kept for a day.
ONE_DAY = 24 * 60 * 60


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def brand_stylesheet(request: HttpRequest, slug: str) -> HttpResponse:
    """GOV.UK Frontend's brand colour property, set to the authority's colour, for its header.

    Only a colour the model's validator accepts (#rrggbb) is written out: anything else gives
    GOV.UK blue, so nothing stored can become CSS of its own.
    """
    authority = get_object_or_404(Authority, slug=slug)
    return HttpResponse(
        f".govuk-header {{ --govuk-brand-colour: {brand_colour(authority)}; }}\n",
        content_type="text/css; charset=utf-8",
    )
