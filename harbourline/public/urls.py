from django.urls import path, register_converter

from . import manage_views as manage
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
    path("public-site/manage/", manage.page_list_view, name="manage_pages"),
    path("public-site/manage/pages/new/", manage.page_create_view, name="manage_page_create"),
    path("public-site/manage/pages/<int:page_id>/", manage.page_detail_view, name="manage_page"),
    path(
        "public-site/manage/pages/<int:page_id>/edit/<str:language>/",
        manage.version_edit_view,
        name="manage_edit",
    ),
    path("public-site/manage/versions/<int:version_id>/", manage.version_detail_view, name="manage_version"),
    path(
        "public-site/manage/versions/<int:version_id>/publish/",
        manage.version_publish_view,
        name="manage_publish",
    ),
    path(
        "public-site/manage/versions/<int:version_id>/approve/",
        manage.version_approve_view,
        name="manage_approve",
    ),
    path(
        "public-site/manage/versions/<int:version_id>/restore/",
        manage.version_restore_view,
        name="manage_restore",
    ),
    path("public-site/manage/review/", manage.review_view, name="manage_review"),
    path("public-site/manage/materials/", manage.material_list_view, name="manage_materials"),
    path(
        "public-site/manage/materials/<int:material_id>/file/",
        manage.material_file_view,
        name="manage_material_file",
    ),
    path(
        "public-site/manage/materials/<int:material_id>/publish/",
        manage.material_publish_view,
        name="manage_material_publish",
    ),
]
