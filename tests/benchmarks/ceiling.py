"""The framework's ceiling: a trivial Django view, with no middleware and no database, served
by the same gunicorn as the register in the same run (`gunicorn tests.benchmarks.ceiling`).

Each page's requests per second are printed as a share of this one's, so that figures from a
busy shared machine and a quiet one can be compared.
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="benchmark-ceiling-only",
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("", trivial)]

application = get_wsgi_application()
