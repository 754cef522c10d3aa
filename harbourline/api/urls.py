from django.urls import path

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
]
