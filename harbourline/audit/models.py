"""The audit trail: append-only. Rows are written only by audit.services.audit_record(), without any lock, and
sealed into an HMAC chain (AuditSeal) by the background worker a few seconds later (audit.sealing)."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models

GENESIS = "0" * 64


class Outcome(models.TextChoices):
    ALLOWED = "allowed", "Allowed"
    DENIED = "denied", "Denied"


class AuditEvent(models.Model):
    seq = models.BigAutoField(
        primary_key=True,
        help_text="Order of writing, from a database sequence (no lock); a rolled-back action leaves a gap.",
    )
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

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["actor", "-seq"]), models.Index(fields=["agency", "-seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id} {self.outcome}"

    def canonical(self, *, position: int, prev_mac: str) -> bytes:
        payload: list[Any] = [
            position,
            self.seq,
            prev_mac,
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
        ]
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")

    def compute_mac(self, key: bytes, *, position: int, prev_mac: str) -> str:
        """HMAC-SHA256 under the audit key (key file only): without the key nobody can recompute the chain."""
        return hmac.new(key, self.canonical(position=position, prev_mac=prev_mac), hashlib.sha256).hexdigest()


class AuditSeal(models.Model):
    """One link of the chain: the event at this position, and the HMAC over it and the link before it.
    Append-only like the events; the event is referenced without a database constraint, so a removed event
    leaves its seal behind as evidence."""

    position = models.BigIntegerField(
        primary_key=True, help_text="Position in the chain, from 1 without gaps."
    )
    event = models.OneToOneField(
        AuditEvent,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="seal",
        db_column="event_seq",
    )
    mac = models.CharField(max_length=64)
    sealed_at = models.DateTimeField()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"seal #{self.position} of event #{self.event_id}"


class AuditSealState(models.Model):
    """One row, touched only by the sealer (never on the request path): its row lock keeps two sealers from
    forking the chain, and ``floor_seq`` lets it skip the events it has settled."""

    floor_seq = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"audit sealer above #{self.floor_seq}"
