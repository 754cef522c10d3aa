from __future__ import annotations

import base64
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from harbourline.crypto.fields import EncryptedTextField, SealedRowModel

from .permissions import Perm, Role, permissions_for_roles


class AgencyType(models.TextChoices):
    MINISTRY = "ministry", "Ministry or department"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    NGO = "ngo", "Non-governmental organisation"
    INTERNATIONAL = "international", "International organisation"
    DIPLOMATIC = "diplomatic", "Diplomatic mission"
    OTHER = "other", "Other"


class Agency(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    agency_type = models.CharField(max_length=20, choices=AgencyType.choices)
    district = models.ForeignKey(
        "country.District", null=True, blank=True, on_delete=models.PROTECT, related_name="agencies"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.CharField(max_length=300, blank=True)
    services = models.CharField(
        max_length=300, blank=True, help_text="What the agency offers, in a few words."
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class RoleAssignment(models.Model):
    """One role held by one user. Roles are the codes of permissions.Role."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=40, choices=[(r.value, r.label) for r in Role])
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_assignment_per_role")]
        ordering = ["role"]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}"


class User(AbstractUser):  # type: ignore[django-manager-missing]
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    job_title = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    security_stamp = models.UUIDField(
        default=uuid.uuid4, help_text="Changes on logout, password or role change: ends the other sessions."
    )
    must_change_password = models.BooleanField(default=False)
    temporary_password_set_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When an administrator set the temporary password; it works for 72 hours, once.",
    )
    is_demo = models.BooleanField(default=False, help_text="Created by seed_demo; never in production.")

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_session_auth_hash(self) -> str:
        key_salt = "harbourline.accounts.User.get_session_auth_hash"
        return salted_hmac(key_salt, f"{self.password}:{self.security_stamp}", algorithm="sha256").hexdigest()

    def role_codes(self) -> list[str]:
        cached: list[str] | None = getattr(self, "_role_codes", None)
        if cached is None:
            cached = sorted(self.role_assignments.values_list("role", flat=True)) if self.pk else []
            self._role_codes = cached
        return cached

    def role_labels(self) -> list[str]:
        return [Role(code).label for code in self.role_codes()]

    def permissions(self) -> frozenset[Perm]:
        if not self.is_active:
            return frozenset()
        return permissions_for_roles(self.role_codes())

    def has_hl_perm(self, perm: Perm) -> bool:
        return perm in self.permissions()

    def forget_cached_roles(self) -> None:
        self.__dict__.pop("_role_codes", None)

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        self.forget_cached_roles()
        super().refresh_from_db(*args, **kwargs)


class ChangeKind(models.TextChoices):
    ROLES = "roles", "Roles that need a second approval"
    EMAIL = "email", "Email address"
    SECOND_FACTOR = "second_factor", "Authenticator reset"
    TEMPORARY_PASSWORD = "temporary_password", "Temporary password"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class PendingAccountChange(models.Model):
    """A change to someone's account that applies only when a second administrator approves it.

    ``payload`` holds what to apply: ``{"add": [role codes]}``, ``{"email": address}`` or
    ``{"password_hash": hash}`` (never a password in clear); empty for an authenticator reset.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="pending_changes")
    kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    requested_by = models.ForeignKey(
        User, null=True, on_delete=models.PROTECT, related_name="requested_account_changes"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="decided_account_changes"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was rejected.")

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "requested_at"], name="pending_change_queue")]

    def __str__(self) -> str:
        return f"{self.kind} for user {self.user_id} ({self.status})"

    def describe(self) -> str:
        """What the change does, in plain words (no address, no password)."""
        if self.kind == ChangeKind.ROLES:
            labels = [
                Role(code).label for code in self.payload.get("add", []) if code in Role._value2member_map_
            ]
            return "Add the role" + ("s " if len(labels) > 1 else " ") + ", ".join(labels)
        if self.kind == ChangeKind.EMAIL:
            return "Change the email address"
        if self.kind == ChangeKind.SECOND_FACTOR:
            return "Remove the authenticator and recovery codes (they set up a new one at next login)"
        return "Set a temporary password (they choose their own at next login)"


class AuthenticatorDevice(SealedRowModel, TimestampMixin, ThrottlingMixin, Device):  # type: ignore[django-manager-missing]
    """A TOTP authenticator. As django-otp's TOTPDevice, but the seed is encrypted with the field keys (bound
    to its row), so neither the database nor a backup holds it in clear."""

    key = EncryptedTextField(default=default_key, help_text="The TOTP seed (hex), encrypted at rest. Secret.")
    step = models.PositiveSmallIntegerField(default=30, help_text="The time step in seconds.")
    t0 = models.BigIntegerField(default=0, help_text="The Unix time at which to begin counting steps.")
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(
        default=1, help_text="The number of time steps in the past or future to allow."
    )
    drift = models.SmallIntegerField(
        default=0, help_text="The number of time steps the prover is known to deviate from our clock."
    )
    last_t = models.BigIntegerField(
        default=-1, help_text="The time step of the last verified token; the next must be later."
    )

    # The behaviour is django-otp's own (verification, throttling, the otpauth:// address).
    bin_key = TOTPDevice.bin_key
    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings

    class Meta(Device.Meta):
        verbose_name = "authenticator device"


def recovery_code_digest(user_id: int, code: str) -> str:
    """Keyed digest (HMAC-SHA256 with the blind-index key, never stored in the database) of a recovery code;
    case and spaces do not matter."""
    from harbourline.crypto.blind import blind_index

    return blind_index("recovery_code", f"{user_id}:{''.join(code.split()).lower()}")


def new_recovery_code() -> str:
    """Eight characters of base32 (40 random bits), lower case, as django-otp's static tokens."""
    return base64.b32encode(secrets.token_bytes(5)).decode("ascii").lower()


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A user's recovery codes. Each works once; only their keyed digests are stored."""

    class Meta(Device.Meta):
        verbose_name = "recovery codes"

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1))

    def verify_token(self, token: Any) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed or not isinstance(token, str):
            return False
        match = self.codes.filter(digest=recovery_code_digest(self.user_id, token)).first()
        if match is None:
            self.throttle_increment()
            return False
        match.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(
        max_length=64, db_index=True, help_text="Keyed digest of the code, never the code."
    )

    def __str__(self) -> str:
        return f"recovery code {self.pk}"
