from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy

from klimatkontrakt.web.account_views import my_data, token_create, token_revoke

urlpatterns = [
    path("mina-uppgifter/", my_data, name="my_data"),
    path("mina-uppgifter/nycklar/", token_create, name="token_create"),
    path("mina-uppgifter/nycklar/<int:pk>/aterkalla/", token_revoke, name="token_revoke"),
    path("logga-in/", auth.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logga-ut/", auth.LogoutView.as_view(), name="logout"),
    path("losenord/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("losenord/klart/", auth.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("aterstall/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("aterstall/skickat/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "aterstall/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path(
        "aterstall/klart/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
