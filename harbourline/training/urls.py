from django.urls import path

from .views import certificates, curriculum, participants, people, programme, testing, workshops

app_name = "training"

urlpatterns = [
    path("", workshops.workshop_list, name="workshops"),
    path("workshops/new/", workshops.workshop_create, name="workshop_create"),
    path("workshops/<int:pk>/", workshops.workshop_detail, name="workshop"),
    path("workshops/<int:pk>/edit/", workshops.workshop_edit, name="workshop_edit"),
    path("workshops/<int:pk>/status/", workshops.workshop_status, name="workshop_status"),
    path("workshops/<int:pk>/sessions/new/", workshops.session_add, name="session_add"),
    path("workshops/<int:pk>/participants/new/", people.participant_add, name="participant_add"),
    path("workshops/<int:pk>/participants/bulk/", people.participants_bulk, name="participants_bulk"),
    path("registrations/<int:pk>/person/", people.participant_edit, name="participant_edit"),
    path("registrations/<int:pk>/status/", people.registration_status, name="registration_status"),
    path("sessions/<int:pk>/attendance/", people.attendance, name="attendance"),
    path("sessions/<int:pk>/sign-in-sheet/", people.sign_in_sheet, name="sign_in_sheet"),
    path("workshops/<int:pk>/tests/", testing.tests, name="tests"),
    path("workshops/<int:pk>/tests/open/", testing.open_form, name="open_form"),
    path("workshops/<int:pk>/tests/<str:kind>/paper/", testing.paper_entry, name="paper_entry"),
    path("workshops/<int:pk>/results/", testing.results, name="results"),
    path("workshops/<int:pk>/follow-ups/", testing.follow_ups, name="follow_ups"),
    path("workshops/<int:pk>/certificates/", certificates.certificates, name="certificates"),
    path(
        "workshops/<int:pk>/certificates.zip", certificates.certificates_download_all, name="certificates_zip"
    ),
    path("certificates/<int:pk>/pdf/", certificates.certificate_download, name="certificate_pdf"),
    path("certificates/<int:pk>/reissue/", certificates.certificate_reissue, name="certificate_reissue"),
    path("certificates/<int:pk>/revoke/", certificates.certificate_revoke, name="certificate_revoke"),
    path("verify/<str:code>/", certificates.verify, name="verify"),
    path("take/", participants.take_start, name="take_start"),
    path("take/<str:code>/", participants.take, name="take"),
    path("feedback/<str:code>/", participants.evaluate, name="evaluate"),
    path("follow-up/<str:token>/", participants.follow_up, name="follow_up"),
    path("curriculum/", curriculum.curriculum, name="curriculum"),
    path("curriculum/new/", curriculum.module_edit, name="module_create"),
    path("curriculum/<int:pk>/", curriculum.module_detail, name="module"),
    path("curriculum/<int:pk>/edit/", curriculum.module_edit, name="module_edit"),
    path("curriculum/<int:pk>/materials/new/", curriculum.material_upload, name="material_upload"),
    path("curriculum/<int:pk>/questions/new/", curriculum.question_add, name="question_add"),
    path("materials/<int:pk>/", curriculum.material_download, name="material_download"),
    path("programme/", programme.dashboard, name="dashboard"),
    path("programme/export.<str:fmt>", programme.export, name="export"),
    path("programme/rules/", programme.rules, name="rules"),
    path("trainers/", programme.trainers, name="trainers"),
    path("trainers/<int:pk>/", programme.trainer_status, name="trainer_status"),
]
