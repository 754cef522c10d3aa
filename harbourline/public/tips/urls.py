from django.urls import path, register_converter

from harbourline.public.converters import LanguageConverter

from . import views

register_converter(LanguageConverter, "tiplang")

app_name = "tips"

urlpatterns = [
    path("", views.report_root_view, name="report"),
    path("status/", views.status_root_view, name="status_root"),
    path("<tiplang:lang>/", views.tip_form_view, name="form"),
    path("<tiplang:lang>/status/", views.tip_status_view, name="status"),
    path("<tiplang:lang>/status/reply/", views.tip_reply_view, name="reply"),
]
