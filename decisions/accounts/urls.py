from django.contrib.auth import views as auth
from django.urls import path
from django.views.generic import TemplateView

from decisions.accounts import views

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path(
        "signed-out/",
        TemplateView.as_view(template_name="registration/logged_out.html"),
        name="signed-out",
    ),
    path("password_reset/", views.PasswordResetRequestView.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        auth.PasswordResetDoneView.as_view(extra_context={"reset_limit": views.RESET_LIMIT}),
        name="password_reset_done",
    ),
    path("reset/<uidb64>/<token>/", views.NewPasswordView.as_view(), name="password_reset_confirm"),
    path("reset/done/", auth.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
