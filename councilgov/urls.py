from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "councilgov administration"
admin.site.site_title = "councilgov"
admin.site.index_title = "Decision records"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("councilgov.api_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("officers/", include("decisions.officers_urls")),
    path("", include("commissioning.urls")),
    path("", include("decisions.urls")),
]
