from django.urls import path

from . import views

app_name = "justice"

urlpatterns = [
    path("", views.workspace_view, name="workspace"),
    path("cases/<int:case_id>/open/", views.investigation_open_view, name="open"),
    path("<int:pk>/", views.investigation_detail_view, name="investigation"),
    path("<int:pk>/print/", views.investigation_print_view, name="print"),
    path("<int:pk>/suspects/add/", views.suspect_add_view, name="suspect_add"),
    path("<int:pk>/send/", views.refer_view, name="refer"),
    path("<int:pk>/close/", views.close_view, name="close"),
    path("<int:pk>/prosecutions/add/", views.prosecution_add_view, name="prosecution_add"),
    path("prosecutions/<int:pk>/", views.prosecution_detail_view, name="prosecution"),
    path("prosecutions/<int:pk>/witnesses/", views.witness_view, name="witness"),
    path("charges/<int:pk>/outcome/", views.charge_outcome_view, name="outcome"),
]
