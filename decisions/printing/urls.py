"""The PDFs of the public register: a decision's record, and the report it was taken on."""

from django.urls import path

from decisions.printing import views

urlpatterns = [
    path(
        "decisions/<slug:authority>/<str:key>/record.pdf",
        views.decision_record,
        name="decision-pdf",
    ),
    path(
        "decisions/<slug:authority>/<str:key>/report.pdf",
        views.decision_report,
        name="decision-report-pdf",
    ),
]
