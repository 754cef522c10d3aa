from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("download.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("annual/<str:report>/", views.annual, name="annual"),
    path("annual/<str:report>/download.<str:fmt>", views.annual_export, name="annual_export"),
]
