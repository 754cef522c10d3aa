"""Integration tokens: one per partner system, acting as a service user of one agency with given roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Scope(models.TextChoices):
    CASES = "cases", "Cases and persons (as the access policy allows)"
    TIPS = "tips", "Tips (triage)"
    TRAINING = "training", "Workshops and participants"
    REFERENCE = "reference", "Reference figures"


class ApiToken(models.Model):
    """The token itself is shown once when it is made; only its SHA-256 is kept. The token acts as ``user``, a
    service account (no password, no login) whose agency and roles the access policy reads as for anyone;
    roles that read case content take effect only once a second administrator approves them."""

    name = models.CharField(max_length=100, help_text="The partner system the token is for.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_token",
        help_text="Service user.",
    )
    scopes = models.JSONField(default=list, help_text="Parts of the API the token may call.")
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to recognise it.")
    expires_at = models.DateTimeField(help_text="The token stops working at this time.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens_created"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_tokens_revoked",
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now() and self.user.is_active
