"""Notices to users, in the app (the bell) and by email. A notice carries a case number, a kind and a link,
never personal data. Emails go out through the background worker after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from harbourline.accounts.models import User
from harbourline.accounts.permissions import ROLE_PERMISSIONS, Perm

from .models import Notification, NotificationSettings

KIND_LABELS = {
    "referral_received": "New referral for your agency",
    "referral_accepted": "Your referral was accepted",
    "referral_declined": "Your referral was declined",
    "referral_completed": "A referral was completed",
    "referral_withdrawn": "A referral was withdrawn",
    "referral_expired": "A referral expired without an answer",
    "referral_overdue": "A referral is overdue for an answer",
    "referral_message": "New message on a referral",
    "transfer_requested": "A case is offered to your agency",
    "transfer_accepted": "Your agency's case transfer was accepted",
    "transfer_declined": "Your agency's case transfer was declined",
    "case_assigned": "A case was assigned to you",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def agency_staff(agency_id: int, *perms: Perm) -> list[User]:
    """Active users of the agency whose roles hold one of ``perms``."""
    roles = [str(role) for role, held in ROLE_PERMISSIONS.items() if held.intersection(perms)]
    users = User.objects.filter(agency_id=agency_id, is_active=True)
    return [u for u in users if set(u.role_codes()) & set(roles)]


def coordinators() -> list[User]:
    return [u for u in User.objects.filter(is_active=True) if u.has_hl_perm(Perm.CASE_VIEW_NATIONAL)]


def notify(users: Iterable[User], kind: str, *, case_number: str, url: str) -> list[Notification]:
    """Create the in-app notices now; send the emails after the surrounding transaction commits."""
    made = [
        Notification.objects.create(user=u, kind=kind, case_number=case_number, url=url)
        for u in {u.pk: u for u in users}.values()
    ]
    ids = [n.pk for n in made]
    if ids:
        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return made


def email_wanted(user: User) -> bool:
    prefs = NotificationSettings.objects.filter(user=user).first()
    return bool(user.email) and (prefs is None or prefs.email)


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """One email per notice, to users who want email: the kind, the case number and the link. Nothing else."""
    sent = 0
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    for notice in Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("user"):
        if not email_wanted(notice.user):
            continue
        label = kind_label(notice.kind)
        body = f"{label}: case {notice.case_number}.\n\nOpen it in Harbourline: {base}{notice.url}\n"
        send_mail(f"Harbourline: {label}", body, None, [notice.user.email])
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])
        sent += 1
    return sent


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user: User, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])


def mark_read(user: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notices (or all) read; returns how many changed."""
    q = Q(user=user, read_at__isnull=True)
    if notification_id is not None:
        q &= Q(pk=notification_id)
    return Notification.objects.filter(q).update(read_at=timezone.now())
