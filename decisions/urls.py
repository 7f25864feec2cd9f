from django.urls import path

from decisions import feeds
from decisions.views import brand, pdf, public

urlpatterns = [
    path("", public.home, name="home"),
    path("decisions/", public.decision_list, name="decision-list"),
    path("decisions/download.csv", public.decision_csv, name="decision-csv"),
    path("decisions/<slug:authority>/<str:key>/", public.decision_detail, name="decision-detail"),
    path(
        "decisions/<slug:authority>/<str:key>/record.pdf",
        pdf.decision_record,
        name="decision-pdf",
    ),
    path(
        "decisions/<slug:authority>/<str:key>/report.pdf",
        pdf.decision_report,
        name="decision-report-pdf",
    ),
    path("issues/<int:pk>/", public.issue_detail, name="issue-detail"),
    path("forward-plan/", public.forward_plan, name="forward-plan"),
    path("forward-plan/forward-plan.pdf", pdf.forward_plan, name="forward-plan-pdf"),
    path("feeds/decisions.atom", feeds.DecisionsFeed(), name="feed-decisions"),
    path("feeds/call-in.ics", feeds.call_in_calendar, name="feed-call-in"),
    path("councils/<slug:slug>/brand.css", brand.brand_stylesheet, name="authority-brand"),
]
