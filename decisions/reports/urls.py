"""The key decision report addresses of the workspace: drafting, rows, clearance, sending to
the decision maker and recording the decision."""

from django.urls import path, re_path

from decisions.printing import views as printing_views
from decisions.reports.views import drafting, rows, workflow

# The rows of a report, each a list of its own: recommendations, options, risks, funding lines.
ROWS = r"(?P<rows>recommendations|options|risks|funding)"

urlpatterns = [
    path("reports/", drafting.report_list, name="reports"),
    path("reports/new/", drafting.report_new, name="report-new"),
    path("reports/<int:pk>/", drafting.report_overview, name="report"),
    path("reports/<int:pk>/details/", drafting.report_details, name="report-details"),
    path(
        "reports/<int:pk>/preview.pdf",
        printing_views.report_preview_pdf,
        name="report-preview-pdf",
    ),
    path(
        "reports/<int:pk>/sections/<slug:kind>/",
        drafting.report_section,
        name="report-section",
    ),
    path(
        "reports/<int:pk>/sections/<slug:kind>/autosave/",
        drafting.report_section_autosave,
        name="report-section-autosave",
    ),
    re_path(rf"^reports/(?P<pk>\d+)/{ROWS}/$", rows.report_rows, name="report-rows"),
    re_path(rf"^reports/(?P<pk>\d+)/{ROWS}/add/$", rows.report_row, name="report-row-add"),
    re_path(rf"^reports/(?P<pk>\d+)/{ROWS}/(?P<row>\d+)/$", rows.report_row, name="report-row"),
    re_path(
        rf"^reports/(?P<pk>\d+)/{ROWS}/(?P<row>\d+)/delete/$",
        rows.report_row_delete,
        name="report-row-delete",
    ),
    path("reports/<int:pk>/clearance/", workflow.send_for_clearance, name="report-clearance"),
    path("reports/<int:pk>/sign-off/<slug:area>/", workflow.sign_off, name="report-sign-off"),
    path("reports/<int:pk>/send/", workflow.send_to_decision_maker, name="report-send"),
    path("reports/<int:pk>/decision/", workflow.record_decision, name="report-decision"),
]
