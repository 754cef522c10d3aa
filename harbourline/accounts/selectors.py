from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from .models import Agency, ChangeStatus, PendingAccountChange, RoleAssignment, User


def agency_list() -> QuerySet[Agency]:
    return Agency.objects.select_related("district").annotate(user_count=Count("users")).order_by("name")


def agency_get(agency_id: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise Http404("No such agency.")
    return agency


def user_list(*, agency_id: int | None = None, role: str = "", query: str = "") -> QuerySet[User]:
    qs = (
        User.objects.select_related("agency")
        .prefetch_related(Prefetch("role_assignments", queryset=RoleAssignment.objects.order_by("role")))
        .order_by("username")
    )
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if role:
        qs = qs.filter(role_assignments__role=role)
    if query:
        qs = qs.filter(username__icontains=query) | qs.filter(last_name__icontains=query)
    return qs


def user_get(user_id: int) -> User:
    user = User.objects.select_related("agency").filter(pk=user_id).first()
    if user is None:
        raise Http404("No such user.")
    return user


def pending_change_list() -> QuerySet[PendingAccountChange]:
    return PendingAccountChange.objects.filter(status=ChangeStatus.PENDING).select_related(
        "user", "user__agency", "requested_by"
    )


def decided_change_list(limit: int = 20) -> list[PendingAccountChange]:
    return list(
        PendingAccountChange.objects.exclude(status=ChangeStatus.PENDING)
        .select_related("user", "requested_by", "decided_by")
        .order_by("-decided_at", "-pk")[:limit]
    )


def pending_change_get(change_id: int) -> PendingAccountChange:
    change = PendingAccountChange.objects.select_related("user", "requested_by").filter(pk=change_id).first()
    if change is None:
        raise Http404("No such change.")
    return change
