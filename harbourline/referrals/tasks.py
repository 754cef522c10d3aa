"""Background work of the referral mechanism: overdue flags, expiry and reminders (run by the worker; the
``referrals_sweep`` command enqueues it, for a scheduler to call every hour)."""

from __future__ import annotations

from django_tasks import task

from .services import referrals_sweep


@task()
def referrals_sweep_task() -> dict[str, int]:
    return referrals_sweep()
