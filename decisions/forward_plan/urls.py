"""The forward plan's addresses: the public plan and its PDF (urlpatterns), and putting a report
on the plan from the workspace (workspace_urlpatterns, under /officers/)."""

from django.urls import path

from decisions.forward_plan import views, workspace_views
from decisions.printing import views as printing_views

urlpatterns = [
    path("forward-plan/", views.forward_plan, name="forward-plan"),
    path("forward-plan/forward-plan.pdf", printing_views.forward_plan, name="forward-plan-pdf"),
]

workspace_urlpatterns = [
    path(
        "reports/<int:pk>/forward-plan/",
        workspace_views.report_to_forward_plan,
        name="report-forward-plan",
    ),
]
