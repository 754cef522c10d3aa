from django.urls import path

from .views import care, cases, lifecycle, protection, sharing

app_name = "cases"

urlpatterns = [
    path("", cases.case_list_view, name="list"),
    path("new/", cases.case_create_view, name="create"),
    path("<int:case_id>/", cases.case_detail_view, name="detail"),
    path("<int:case_id>/identity/", cases.case_identity_view, name="identity"),
    path("<int:case_id>/identity/edit/", cases.person_edit_view, name="person_edit"),
    path("<int:case_id>/dependants/", cases.dependants_view, name="dependants"),
    path("<int:case_id>/edit/", cases.case_edit_view, name="edit"),
    path("<int:case_id>/print/", cases.case_print_view, name="print"),
    path("<int:case_id>/step/<slug:name>/", lifecycle.case_transition_view, name="transition"),
    path("<int:case_id>/decision/", lifecycle.identification_decision_view, name="decision"),
    path("<int:case_id>/close/", lifecycle.case_close_view, name="close"),
    path("<int:case_id>/consent/", sharing.consent_view, name="consent"),
    path(
        "<int:case_id>/consent/<int:consent_id>/withdraw/",
        sharing.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path("<int:case_id>/shares/", sharing.share_view, name="share"),
    path("<int:case_id>/shares/<int:share_id>/revoke/", sharing.share_revoke_view, name="share_revoke"),
    path("<int:case_id>/risk/", care.risk_view, name="risk"),
    path("<int:case_id>/protection/", care.protection_view, name="protection"),
    path("<int:case_id>/health/", care.health_view, name="health"),
    path("<int:case_id>/plan/", care.plan_view, name="plan"),
    path("<int:case_id>/plan/<int:item_id>/", care.plan_item_view, name="plan_item"),
    path("<int:case_id>/tasks/", care.task_add_view, name="task_add"),
    path("<int:case_id>/tasks/<int:task_id>/done/", care.task_done_view, name="task_done"),
    path("<int:case_id>/notes/", care.notes_view, name="notes"),
    path("<int:case_id>/files/", care.attachments_view, name="attachments"),
    path("<int:case_id>/files/<int:attachment_id>/", care.attachment_download_view, name="attachment"),
]

urlpatterns += [
    path("<int:case_id>/act/", protection.protection_page_view, name="act_protections"),
    path("<int:case_id>/act/record/<slug:kind>/", protection.protection_record_view, name="act_record"),
    path("<int:case_id>/act/charges/<int:charge_id>/", protection.charge_status_view, name="act_charge"),
    path(
        "<int:case_id>/act/decisions/<int:decision_id>/review/",
        protection.identification_review_view,
        name="act_review",
    ),
    path(
        "<int:case_id>/act/decisions/<int:decision_id>/review/<int:review_id>/",
        protection.identification_review_view,
        name="act_review_decide",
    ),
    path(
        "<int:case_id>/act/follow-up/<int:contact_id>/",
        protection.reintegration_contact_view,
        name="act_follow_up",
    ),
]
