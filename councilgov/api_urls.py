"""The JSON API, included at /api/ under the "api" namespace (reverse("api:decision-list"))."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from commissioning.api import ContractViewSet, FundingLineViewSet
from decisions.api.views import (
    ApiDocsView,
    DecisionViewSet,
    IssueViewSet,
    MeetingViewSet,
    NoSuchAddress,
    RegisterApiRoot,
    RegisterSchemaView,
)

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
    path("schema/", RegisterSchemaView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(), name="docs"),
    *router.urls,
    # Last: any other address ending in a slash is a JSON 404. One without a slash is first
    # redirected to it (APPEND_SLASH), so /api/decisions still finds /api/decisions/.
    re_path(r"^(?:.*/)?$", NoSuchAddress.as_view(), name="no-such-address"),
]
