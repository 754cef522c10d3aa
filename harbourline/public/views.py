"""Public pages: no login, in English, Kwéyòl and Spanish, all working without JavaScript."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from harbourline.accounts.decorators import public
from harbourline.referrals.selectors import public_services

from . import selectors
from .language import in_url_language, mark_cacheable, visitor_language
from .markup import render_markup
from .models import Feature, Language
from .sections import Section
from .templatetags.public_tags import in_language


@public
@require_GET
def root_view(request: HttpRequest) -> HttpResponse:
    """/site/: the public home in the visitor's language."""
    return HttpResponseRedirect(reverse("public:home", kwargs={"lang": visitor_language(request)}))


@public
@require_GET
def in_my_language_view(request: HttpRequest, rest: str) -> HttpResponse:
    """/site/<page>/: the same page in the visitor's language (where the language switcher returns).

    Pages of other public apps with the language inside their address use "~" for it: /site/report/~/status/.
    """
    target = in_language(rest, visitor_language(request))
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = reverse("public:root")
    return HttpResponseRedirect(target)


@public
@require_GET
@in_url_language
def home_view(request: HttpRequest, lang: str) -> HttpResponse:
    return render(request, "public/home.html", {"sections": list(Section)})


@public
@require_GET
@in_url_language
def page_view(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    live = selectors.live_page_get(slug=slug, language=lang)
    context = {
        "live": live,
        "body": render_markup(live.version.body),
        "language_name": Language(lang).label,
        "more": selectors.section_pages(section=live.page.section, language=lang, exclude=live.page),
    }
    if live.page.feature == Feature.AGENCIES:
        context["districts"] = selectors.agencies_by_district()
        context["services"] = public_services()
    if live.page.feature == Feature.MATERIALS:
        context["materials"] = selectors.published_materials()
    return render(request, "public/page.html", context)


@public
@require_GET
def material_download_view(request: HttpRequest, material_id: int) -> HttpResponseBase:
    material = selectors.material_get_published(material_id)
    name = material.file.name.rsplit("/", 1)[-1]
    response = FileResponse(material.file.open("rb"), as_attachment=True, filename=name)
    return mark_cacheable(request, response)
