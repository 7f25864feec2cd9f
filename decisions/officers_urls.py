"""The officer workspace at /officers/: signed-in clerks and councillors only."""

from django.urls import path

from decisions.views import calendars, clerks, members

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
]
