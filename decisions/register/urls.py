"""The public register's addresses: the home page, the decisions, an issue, the feeds, and a
council's brand stylesheet."""

from django.urls import path

from decisions.register import brand, csv, feeds, views

urlpatterns = [
    path("", views.home, name="home"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/download.csv", csv.decision_csv, name="decision-csv"),
    path("decisions/<slug:authority>/<str:key>/", views.decision_detail, name="decision-detail"),
    path("issues/<int:pk>/", views.issue_detail, name="issue-detail"),
    path("feeds/decisions.atom", feeds.DecisionsFeed(), name="feed-decisions"),
    path("feeds/call-in.ics", feeds.call_in_calendar, name="feed-call-in"),
    path("councils/<slug:slug>/brand.css", brand.brand_stylesheet, name="authority-brand"),
]
