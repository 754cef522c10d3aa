from django.urls import path

from harbourline.referrals import api as referrals

from . import v1, views

app_name = "api"


def _mark(view):  # type: ignore[no-untyped-def]
    view.harbourline_access = "api"  # answers 403 (never a login redirect) when not signed in
    return view


urlpatterns = [
    path("schema/", _mark(views.SchemaView.as_view()), name="schema"),
    path("me/", _mark(views.MeView.as_view()), name="me"),
    path("agencies/", _mark(views.AgencyListView.as_view()), name="agencies"),
    path("districts/", _mark(views.DistrictListView.as_view()), name="districts"),
    path("referrals/", _mark(referrals.ReferralListView.as_view()), name="referrals"),
    path("referrals/<int:referral_id>/", _mark(referrals.ReferralDetailView.as_view()), name="referral"),
    path(
        "referrals/<int:referral_id>/accept/",
        _mark(referrals.ReferralAcceptView.as_view()),
        name="referral_accept",
    ),
    path(
        "referrals/<int:referral_id>/decline/",
        _mark(referrals.ReferralDeclineView.as_view()),
        name="referral_decline",
    ),
    path(
        "referrals/<int:referral_id>/complete/",
        _mark(referrals.ReferralCompleteView.as_view()),
        name="referral_complete",
    ),
    path("cases/", _mark(v1.CaseListView.as_view()), name="cases"),
    path("cases/<int:case_id>/", _mark(v1.CaseDetailView.as_view()), name="case"),
    path("cases/<int:case_id>/screenings/", _mark(v1.ScreeningListView.as_view()), name="case-screenings"),
    path("persons/<int:person_id>/", _mark(v1.PersonDetailView.as_view()), name="person"),
    path("tips/", _mark(v1.TipListView.as_view()), name="tips"),
    path("workshops/", _mark(v1.WorkshopListView.as_view()), name="workshops"),
    path(
        "workshops/<int:workshop_id>/participants/",
        _mark(v1.ParticipantListView.as_view()),
        name="workshop-participants",
    ),
    path("reference/", _mark(v1.ReferenceDatasetListView.as_view()), name="reference-datasets"),
    path(
        "reference/<slug:name>/figures/", _mark(v1.ReferenceFiguresView.as_view()), name="reference-figures"
    ),
]
