from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("<int:referral_id>/", views.referral_detail_view, name="detail"),
    path("<int:referral_id>/accept/", views.referral_accept_view, name="accept"),
    path("<int:referral_id>/decline/", views.referral_decline_view, name="decline"),
    path("<int:referral_id>/withdraw/", views.referral_withdraw_view, name="withdraw"),
    path("<int:referral_id>/service/", views.referral_service_view, name="service"),
    path("<int:referral_id>/complete/", views.referral_complete_view, name="complete"),
    path("<int:referral_id>/message/", views.referral_message_view, name="message"),
    path("case/<int:case_id>/new/", views.referral_new_view, name="new"),
    path("case/<int:case_id>/transfer/", views.transfer_new_view, name="transfer_new"),
    path("case/<int:case_id>/assign/", views.assign_view, name="assign"),
    path("transfers/<int:transfer_id>/", views.transfer_view, name="transfer"),
    path("reassign/", views.reassign_view, name="reassign"),
    path("directory/", views.directory_view, name="directory"),
    path("directory/new/", views.directory_edit_view, name="directory_new"),
    path("directory/<int:entry_id>/", views.directory_edit_view, name="directory_edit"),
    path("task-force/", views.taskforce_view, name="taskforce"),
    path("notifications/", views.notifications_view, name="notifications"),
    path("notifications/<int:notification_id>/", views.notification_open_view, name="notification_open"),
]
