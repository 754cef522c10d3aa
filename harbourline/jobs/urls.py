from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("<uuid:pk>/", views.job_detail, name="detail"),
    path("<uuid:pk>/file/", views.job_download, name="download"),
]
