"""The personal calendar of the call-in deadlines a user follows, in the workspace."""

from django.urls import path

from decisions.notifications import calendar

urlpatterns = [
    path("calendar/", calendar.personal_calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", calendar.personal_calendar, name="calendar-feed"),
]
