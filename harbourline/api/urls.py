from django.urls import path

from harbourline.referrals import api as referrals

from . import views

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
]
