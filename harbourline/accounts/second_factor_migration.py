"""Move django-otp's plain devices to the sealed ones (data migration accounts 0002, and its test).

TOTP seeds are copied into AuthenticatorDevice (encrypted on save, bound to the new row); recovery codes are
stored as keyed digests in RecoveryCode. The plain rows are deleted, so no seed or code stays in clear.
"""

from __future__ import annotations

from typing import Any

THROTTLE_AND_TIMES = (
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "created_at",
    "last_used_at",
)


def move_plain_devices(apps: Any, using: str = "default") -> int:
    """Returns the number of devices moved."""
    from .models import recovery_code_digest

    totp = apps.get_model("otp_totp", "TOTPDevice")
    static = apps.get_model("otp_static", "StaticDevice")
    token = apps.get_model("otp_static", "StaticToken")
    sealed = apps.get_model("accounts", "AuthenticatorDevice")
    codes_device = apps.get_model("accounts", "RecoveryCodeDevice")
    code = apps.get_model("accounts", "RecoveryCode")
    moved = 0
    for old in totp.objects.using(using).all():
        sealed.objects.using(using).create(
            user_id=old.user_id,
            name=old.name,
            confirmed=old.confirmed,
            key=old.key,
            step=old.step,
            t0=old.t0,
            digits=old.digits,
            tolerance=old.tolerance,
            drift=old.drift,
            last_t=old.last_t,
            **{f: getattr(old, f) for f in THROTTLE_AND_TIMES},
        )
        moved += 1
    for old in static.objects.using(using).all():
        new = codes_device.objects.using(using).create(
            user_id=old.user_id,
            name=old.name,
            confirmed=old.confirmed,
            **{f: getattr(old, f) for f in THROTTLE_AND_TIMES},
        )
        code.objects.using(using).bulk_create(
            [
                code(device=new, digest=recovery_code_digest(old.user_id, t.token))
                for t in token.objects.using(using).filter(device_id=old.pk)
            ]
        )
        moved += 1
    token.objects.using(using).all().delete()
    static.objects.using(using).all().delete()
    totp.objects.using(using).all().delete()
    return moved
