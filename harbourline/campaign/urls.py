from django.urls import path

from . import survey_views, views

app_name = "campaign"

urlpatterns = [
    path("", views.campaigns, name="campaigns"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("template.<str:fmt>", views.import_template, name="import_template"),
    path("donor-report/", views.donor_report, name="donor_report"),
    path("donor-report.<str:fmt>", views.donor_report_download, name="donor_report_download"),
    path("<int:pk>/", views.campaign_detail, name="campaign"),
    path("<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/phases/new/", views.phase_edit, name="phase_create"),
    path("<int:pk>/phases/<int:phase_pk>/", views.phase_edit, name="phase_edit"),
    path("<int:pk>/activities/new/", views.activity_edit, name="activity_create"),
    path("<int:pk>/activities/<int:activity_pk>/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/activities/import/", views.activities_import, name="activities_import"),
    path("<int:pk>/reach/", views.reach, name="reach"),
    path("<int:pk>/surveys/", survey_views.surveys_page, name="surveys"),
    path("<int:pk>/kap/", survey_views.kap, name="kap"),
    path("surveys/new/", survey_views.instrument_create, name="instrument_create"),
    path("surveys/<int:pk>/", survey_views.instrument_detail, name="instrument"),
    path("surveys/<int:pk>/questions/new/", survey_views.question_edit, name="question_create"),
    path("surveys/<int:pk>/questions/<int:question_pk>/", survey_views.question_edit, name="question_edit"),
    path("rounds/<int:pk>/respond/", survey_views.respond, name="respond"),
    path("rounds/<int:pk>/import/", survey_views.responses_import, name="responses_import"),
]
