from django.urls import path

from . import triage_views as views

app_name = "triage"

urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("call/", views.record_call_view, name="record_call"),
    path("figures/", views.stats_view, name="stats"),
    path("<int:tip_id>/", views.tip_detail_view, name="tip"),
    path("<int:tip_id>/status/", views.tip_status_view, name="status"),
    path("<int:tip_id>/urgent/", views.tip_urgent_view, name="urgent"),
    path("<int:tip_id>/duplicate/", views.tip_duplicate_view, name="duplicate"),
    path("<int:tip_id>/message/", views.tip_message_view, name="message"),
    path("<int:tip_id>/convert/", views.tip_convert_view, name="convert"),
]
