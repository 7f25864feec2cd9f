"""The JSON API, included at /api/ under the "api" namespace (reverse("api:decision-list"))."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from commissioning.api import ContractViewSet, FundingLineViewSet
from decisions.api.views import DecisionViewSet, IssueViewSet, MeetingViewSet, RegisterApiRoot

app_name = "api"


class RegisterRouter(DefaultRouter):
    APIRootView = RegisterApiRoot


router = RegisterRouter()
router.register("decisions", DecisionViewSet, basename="decision")
router.register("contracts", ContractViewSet, basename="contract")
router.register("funding-lines", FundingLineViewSet, basename="funding-line")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("issues", IssueViewSet, basename="issue")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI and ReDoc load their scripts from a CDN; the browsable API needs nothing more
    # than the register serves, so the documentation is the API root itself, with the schema.
    path("docs/", router.get_api_root_view(), name="docs"),
    *router.urls,
]
