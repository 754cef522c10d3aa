from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm
from harbourline.core.params import int_param

from .actions import PlatformAction
from .forms import AuditFilterForm
from .sealing import latest_checkpoint
from .selectors import AuditFilter, audit_event_list
from .services import audit_record, request_actor

PAGE_SIZE = 50


@require_perm(Perm.AUDIT_VIEW)
def audit_list_view(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters = AuditFilter(
            user_id=data["user"].pk if data["user"] else None,
            agency_id=data["agency"].pk if data["agency"] else None,
            action=data["action"],
            object_type=data["object_type"].strip(),
            object_id=data["object_id"].strip(),
            date_from=data["date_from"],
            date_to=data["date_to"],
            outcome=data["outcome"],
        )
    events = audit_event_list(filters=filters, before_seq=int_param(request, "before"), limit=PAGE_SIZE + 1)
    has_more = len(events) > PAGE_SIZE
    events = events[:PAGE_SIZE]
    audit_record(
        actor=request_actor(request),
        action=PlatformAction.AUDIT_VIEWED,
        object_type="audit",
        details={"rows": len(events)},
    )
    query = request.GET.copy()
    query.pop("before", None)
    context = {
        "form": form,
        "events": events,
        "next_before": events[-1].seq if has_more and events else None,
        "query": query.urlencode(),
        "checkpoint": latest_checkpoint(),
    }
    return render(request, "audit/audit_list.html", context)


@require_perm(Perm.AUDIT_VIEW)
def audit_checkpoint_download(request: HttpRequest) -> HttpResponse:
    """The latest signed checkpoint, to keep away from the server: with it, removing the newest audit rows
    shows even if every checkpoint on the server is deleted too."""
    checkpoint = latest_checkpoint()
    if checkpoint is None:
        raise Http404("No checkpoint yet")
    audit_record(
        actor=request_actor(request),
        action=PlatformAction.AUDIT_CHECKPOINT_DOWNLOADED,
        object_type="audit",
        details={"count": checkpoint.count, "sequence": checkpoint.sequence},
    )
    response = HttpResponse(checkpoint.path.read_bytes(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{checkpoint.path.name}"'
    response["Cache-Control"] = "no-store"
    return response
