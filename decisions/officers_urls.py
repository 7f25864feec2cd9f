"""The officer workspace at /officers/: signed-in staff and councillors only."""

from django.urls import path, re_path

from decisions.views import calendars, clerks, members, report_workflow, reports

# The rows of a report, each a list of its own: recommendations, options, risks, funding lines.
ROWS = r"(?P<rows>recommendations|options|risks|funding)"

app_name = "officers"

urlpatterns = [
    path("", clerks.home, name="home"),
    # Democratic services: publishing and the call-in window.
    path("call-in/", clerks.call_in_dashboard, name="call-in-dashboard"),
    path("decisions/<int:pk>/publish/", clerks.publish_decision, name="publish-decision"),
    path("decisions/<int:pk>/follow/", clerks.follow_decision, name="follow-decision"),
    path("call-ins/<int:pk>/", clerks.call_in_detail, name="call-in-detail"),
    # Councillors: asking for a call-in, and co-signing one.
    path("decisions/<int:pk>/call-in/", members.request_call_in, name="request-call-in"),
    path("call-ins/<int:pk>/sign/", members.sign_call_in, name="sign-call-in"),
    path("my-call-ins/", members.my_call_ins, name="my-call-ins"),
    # Personal calendar of the deadlines a user follows.
    path("calendar/", calendars.personal_calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", calendars.personal_calendar, name="calendar-feed"),
    # Key decision reports: drafting (views/reports.py).
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.report_new, name="report-new"),
    path("reports/<int:pk>/", reports.report_overview, name="report"),
    path("reports/<int:pk>/details/", reports.report_details, name="report-details"),
    path("reports/<int:pk>/preview.pdf", reports.report_preview_pdf, name="report-preview-pdf"),
    path("reports/<int:pk>/sections/<slug:kind>/", reports.report_section, name="report-section"),
    path(
        "reports/<int:pk>/sections/<slug:kind>/autosave/",
        reports.report_section_autosave,
        name="report-section-autosave",
    ),
    re_path(rf"^reports/(?P<pk>\d+)/{ROWS}/$", reports.report_rows, name="report-rows"),
    re_path(rf"^reports/(?P<pk>\d+)/{ROWS}/add/$", reports.report_row, name="report-row-add"),
    re_path(rf"^reports/(?P<pk>\d+)/{ROWS}/(?P<row>\d+)/$", reports.report_row, name="report-row"),
    re_path(
        rf"^reports/(?P<pk>\d+)/{ROWS}/(?P<row>\d+)/delete/$",
        reports.report_row_delete,
        name="report-row-delete",
    ),
    # Key decision reports: clearance, forward plan and decision (views/report_workflow.py).
    path(
        "reports/<int:pk>/clearance/", report_workflow.send_for_clearance, name="report-clearance"
    ),
    path(
        "reports/<int:pk>/sign-off/<slug:area>/", report_workflow.sign_off, name="report-sign-off"
    ),
    path(
        "reports/<int:pk>/forward-plan/",
        report_workflow.forward_plan,
        name="report-forward-plan",
    ),
    path("reports/<int:pk>/send/", report_workflow.send_to_decision_maker, name="report-send"),
    path("reports/<int:pk>/decision/", report_workflow.record_decision, name="report-decision"),
]
