from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from utblick.accounts import account_views
from utblick.accounts.forms import LoginForm, PasswordForm
from utblick.accounts.views import api_tokens, invitation_accept

app_name = "accounts"
urlpatterns = [
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "losenord/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            form_class=PasswordForm,
            success_url=reverse_lazy("accounts:password_changed"),
        ),
        name="password_change",
    ),
    path("", account_views.account, name="account"),
    path("e-post/<str:token>/", account_views.email_confirm, name="email_confirm"),
    path("glomt-losenord/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("glomt-losenord/skickat/", account_views.password_reset_done, name="password_reset_done"),
    path(
        "aterstall/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("aterstall/klart/", account_views.password_reset_complete, name="password_reset_complete"),
    path("api-nycklar/", api_tokens, name="tokens"),
    path("inbjudan/<str:token>/", invitation_accept, name="invitation_accept"),
    path(
        "losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_changed.html"),
        name="password_changed",
    ),
]
