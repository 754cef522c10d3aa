from django.urls import path, register_converter

from . import views
from .converters import LanguageConverter

register_converter(LanguageConverter, "lang")

app_name = "public"

urlpatterns = [
    path("site/", views.root_view, name="root"),
    path("site/<path:rest>", views.in_my_language_view, name="in_my_language"),
    path("<lang:lang>/", views.home_view, name="home"),
    path("<lang:lang>/<slug:slug>/", views.page_view, name="page"),
    path("materials/<int:material_id>/download/", views.material_download_view, name="material_download"),
]
