from django.urls import path

from . import auth_views, manage_views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.login_view, name="login"),
    path("login/verify/", auth_views.verify_view, name="verify"),
    path("login/setup/", auth_views.setup_view, name="setup"),
    path("login/new-password/", auth_views.first_password_view, name="first_password"),
    path("logout/", auth_views.logout_view, name="logout"),
    path("recovery-codes/", auth_views.recovery_codes_view, name="recovery_codes"),
    path("password/", auth_views.password_change_view, name="password_change"),
    path("password/reset/", auth_views.password_reset_view, name="password_reset"),
    path("password/reset/sent/", auth_views.password_reset_done_view, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.password_reset_confirm_view,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", auth_views.password_reset_complete_view, name="password_reset_complete"),
    path("agencies/", manage_views.agency_list_view, name="agency_list"),
    path("agencies/new/", manage_views.agency_create_view, name="agency_create"),
    path("agencies/<int:agency_id>/", manage_views.agency_edit_view, name="agency_edit"),
    path("users/", manage_views.user_list_view, name="user_list"),
    path("users/new/", manage_views.user_create_view, name="user_create"),
    path("users/<int:user_id>/", manage_views.user_edit_view, name="user_edit"),
    path(
        "users/<int:user_id>/reset-second-factor/",
        manage_views.user_reset_second_factor_view,
        name="user_reset_2fa",
    ),
    path("users/<int:user_id>/unlock/", manage_views.user_unlock_view, name="user_unlock"),
    path(
        "users/<int:user_id>/temporary-password/",
        manage_views.user_temporary_password_view,
        name="user_temporary_password",
    ),
    path("users/approvals/", manage_views.pending_changes_view, name="pending_changes"),
    path(
        "users/approvals/<int:change_id>/approve/", manage_views.pending_approve_view, name="pending_approve"
    ),
    path("users/approvals/<int:change_id>/reject/", manage_views.pending_reject_view, name="pending_reject"),
]
