from django.contrib import admin
from django.urls import include, path

from councilgov import health

admin.site.site_header = "councilgov administration"
admin.site.site_title = "councilgov"
admin.site.index_title = "Decision records"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("councilgov.api_urls")),
    path("accounts/", include("decisions.accounts.urls")),
    path("officers/", include("decisions.workspace_urls")),
    path("", include("commissioning.urls")),
    path("", include("decisions.urls")),
]

# GOV.UK-styled error pages (councilgov/errors.py); 405 and 503 come from its middleware.
handler400 = "councilgov.errors.bad_request"
handler403 = "councilgov.errors.permission_denied"
handler404 = "councilgov.errors.page_not_found"
handler500 = "councilgov.errors.server_error"
