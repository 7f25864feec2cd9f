"""The call-in addresses of the workspace: its home page, democratic services' publishing and
call-in window, and councillors' requests and signatures."""

from django.urls import path

from decisions.call_in.views import call_ins, dashboard, members, publishing

urlpatterns = [
    path("", dashboard.home, name="home"),
    # Democratic services: publishing and the call-in window.
    path("call-in/", dashboard.call_in_dashboard, name="call-in-dashboard"),
    path("decisions/<int:pk>/publish/", publishing.publish_decision, name="publish-decision"),
    path("decisions/<int:pk>/follow/", publishing.follow_decision, name="follow-decision"),
    path("call-ins/<int:pk>/", call_ins.call_in_detail, name="call-in-detail"),
    # Councillors: asking for a call-in, and co-signing one.
    path("decisions/<int:pk>/call-in/", members.request_call_in, name="request-call-in"),
    path("call-ins/<int:pk>/sign/", members.sign_call_in, name="sign-call-in"),
    path("my-call-ins/", members.my_call_ins, name="my-call-ins"),
]
