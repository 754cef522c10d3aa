"""The audit trail: append-only, hash-chained. Rows are written only by audit.services.audit_record()."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models


class Outcome(models.TextChoices):
    ALLOWED = "allowed", "Allowed"
    DENIED = "denied", "Denied"


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True, help_text="Position in the hash chain, from 1 without gaps.")
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True, help_text="Username at the time, or 'system'.")
    agency = models.ForeignKey(
        "accounts.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    roles = models.CharField(max_length=300, blank=True, help_text="The actor's roles at the time.")
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.ALLOWED)
    details = models.JSONField(
        default=dict, blank=True, help_text="Ids, codes and counts only: no personal data."
    )
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["actor", "-seq"]), models.Index(fields=["agency", "-seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id} {self.outcome}"

    def canonical(self) -> bytes:
        payload: list[Any] = [
            self.seq,
            self.occurred_at.isoformat(timespec="microseconds"),
            self.actor_id,
            self.actor_label,
            self.agency_id,
            self.roles,
            self.action,
            self.object_type,
            self.object_id,
            self.outcome,
            self.details,
            self.prev_hash,
        ]
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


class AuditChainHead(models.Model):
    """One row: the last link of the chain. Locking it serialises writers so the chain has no forks."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head at #{self.last_seq}"
