from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from harbourline.accounts.decorators import login_only, public

from .registry import panels_for


@public
def root_view(request: HttpRequest) -> HttpResponse:
    """Staff land on their home page; everyone else on the public awareness site, in their language."""
    if request.user.is_authenticated:
        return redirect("core:home")
    return redirect("public:root")


@login_only
def home_view(request: HttpRequest) -> HttpResponse:
    """Each role's home: panels of what this person must do next, in the order the apps gave."""
    rendered = []
    for panel in panels_for(request.user):  # type: ignore[arg-type]
        context = panel.render(request)
        if context is not None:
            rendered.append(render_to_string(panel.template, context, request=request))
    return render(request, "core/home.html", {"panels": rendered})


@public
def health_view(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "degraded", "database": database}, status=status
    )
