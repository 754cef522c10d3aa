from django.urls import path

from .views import tip_view

urlpatterns = [path("report/en/", tip_view)]
