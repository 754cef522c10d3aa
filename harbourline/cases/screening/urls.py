from django.urls import path

from . import views

app_name = "screening"

urlpatterns = [
    path("case/<int:case_id>/", views.case_screening_list_view, name="case_screening_list"),
    path("<int:screening_id>/", views.screening_edit_view, name="edit"),
    path("<int:screening_id>/result/", views.screening_result_view, name="result"),
    path("<int:screening_id>/print/", views.screening_print_view, name="print"),
    path("instruments/", views.instrument_list_view, name="instruments"),
    path("instruments/<int:instrument_id>/", views.instrument_detail_view, name="instrument"),
    path(
        "instruments/<int:instrument_id>/new-version/", views.instrument_draft_view, name="instrument_draft"
    ),
    path(
        "instruments/<int:instrument_id>/activate/",
        views.instrument_activate_view,
        name="instrument_activate",
    ),
]
