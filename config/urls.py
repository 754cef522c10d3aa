from django.urls import include, path
from django.views.i18n import set_language

from harbourline.accounts.decorators import public
from harbourline.core.views import root_view

urlpatterns = [
    path("", root_view, name="root"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("accounts/", include("harbourline.accounts.urls")),
    path("audit/", include("harbourline.audit.urls")),
    path("api/v1/", include("harbourline.api.urls")),
    path("cases/", include("harbourline.cases.urls")),
    path("referrals/", include("harbourline.referrals.urls")),
    path("screening/", include("harbourline.cases.screening.urls")),
    path("training/", include("harbourline.training.urls")),
    path("justice/", include("harbourline.justice.urls")),
    path("campaign/", include("harbourline.campaign.urls")),
    path("jobs/", include("harbourline.jobs.urls")),
    path("figures/", include("harbourline.stats.urls")),
    path("report/", include("harbourline.public.tips.urls")),
    path("tips/", include("harbourline.public.tips.triage_urls")),
    path("", include("harbourline.core.urls")),
    path("", include("harbourline.public.urls")),
]

handler403 = "harbourline.core.errors.forbidden"
handler404 = "harbourline.core.errors.not_found"
handler500 = "harbourline.core.errors.server_error"
