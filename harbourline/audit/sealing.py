"""Sealing the audit trail into an HMAC chain, signed checkpoints outside the database, and verification.

- ``audit_seal()`` (the worker, every few seconds) gives each unsealed event the next chain position and an
  HMAC under the audit key over the event and the link before it. Requests never wait for it.
- ``audit_checkpoint()`` (the worker, hourly) writes the chain's head (position, event, HMAC, time), signed with
  the audit key, to a file in HARBOURLINE_AUDIT_CHECKPOINT_DIR. Coordinators can download the latest one.
- ``audit_verify_report()`` walks the chain, compares its end with the latest checkpoint and counts what is not
  sealed yet. Someone with database access but without the key file can neither recompute the chain after
  editing a row nor cut off its newest rows unnoticed.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone

from harbourline.crypto.keys import get_audit_key

from .models import GENESIS, AuditEvent, AuditSeal, AuditSealState

CHECKPOINT_PREFIX = "audit-checkpoint-"


def seal_max_delay() -> int:
    return int(getattr(settings, "HARBOURLINE_AUDIT_SEAL_MAX_DELAY", 300))


def _locked_state() -> AuditSealState:
    try:
        return AuditSealState.objects.select_for_update().get(pk=1)
    except AuditSealState.DoesNotExist:
        try:
            with transaction.atomic():
                AuditSealState.objects.create(pk=1)
        except IntegrityError:
            pass
        return AuditSealState.objects.select_for_update().get(pk=1)


def _seal_batch(key: bytes, batch: int) -> tuple[int, bool]:
    """Seal up to ``batch`` events in one transaction. Returns (how many, whether more may be waiting)."""
    with transaction.atomic():
        state = _locked_state()
        last = AuditSeal.objects.order_by("-position").first()
        position, prev = (last.position, last.mac) if last else (0, GENESIS)
        events = list(
            AuditEvent.objects.filter(seal__isnull=True, seq__gt=state.floor_seq).order_by("seq")[:batch]
        )
        now = timezone.now()
        seals = []
        for event in events:
            position += 1
            prev = event.compute_mac(key, position=position, prev_mac=prev)
            seals.append(AuditSeal(position=position, event=event, mac=prev, sealed_at=now))
        AuditSeal.objects.bulk_create(seals)
        more = len(events) == batch
        if not more:
            # Everything visible is sealed. Events written longer ago than the allowed delay are settled: skip
            # them from now on, but never past an unsealed one (committed since the query above). One that
            # commits later still is reported by audit_verify as never sealed.
            horizon = now - datetime.timedelta(seconds=seal_max_delay())
            above = AuditEvent.objects.filter(seq__gt=state.floor_seq)
            settled = above.filter(occurred_at__lt=horizon).aggregate(top=Max("seq"))["top"]
            waiting = above.filter(seal__isnull=True).aggregate(first=Min("seq"))["first"]
            if settled and waiting is not None:
                settled = min(settled, waiting - 1)
            if settled and settled > state.floor_seq:
                state.floor_seq = settled
                state.save(update_fields=["floor_seq"])
        return len(events), more


def audit_seal(*, batch: int = 1000) -> int:
    """Seal every event written so far into the chain. Returns how many were sealed."""
    key = get_audit_key()
    total, more = 0, True
    while more:
        count, more = _seal_batch(key, batch)
        total += count
    return total


# Checkpoints -------------------------------------------------------------------------------------------------


def checkpoint_dir() -> Path:
    return Path(settings.HARBOURLINE_AUDIT_CHECKPOINT_DIR)


def _signature(key: bytes, body: dict[str, Any]) -> str:
    message = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")
    return hmac.new(key, b"harbourline-audit-checkpoint\x00" + message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    count: int  # sealed rows, which is the head's chain position
    sequence: int  # the event number at the head (0 when nothing is sealed)
    head: str  # the head's HMAC
    time: str  # ISO 8601, UTC
    path: Path

    @property
    def body(self) -> dict[str, Any]:
        return {"count": self.count, "sequence": self.sequence, "head": self.head, "time": self.time}


def audit_checkpoint() -> Checkpoint:
    """Seal what is waiting, then write the chain's head to a new signed file outside the database."""
    key = get_audit_key()
    audit_seal()
    last = AuditSeal.objects.order_by("-position").first()
    now = timezone.now().astimezone(datetime.UTC)
    body: dict[str, Any] = {
        "count": last.position if last else 0,
        "sequence": last.event_id if last else 0,
        "head": last.mac if last else GENESIS,
        "time": now.isoformat(timespec="seconds"),
    }
    folder = checkpoint_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{CHECKPOINT_PREFIX}{now:%Y%m%dT%H%M%S%fZ}-{body['count']}.json"
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({**body, "signature": _signature(key, body)}, handle, indent=2)
        handle.write("\n")
    tmp.replace(path)
    return Checkpoint(path=path, **body)


def read_checkpoint(path: Path, key: bytes) -> Checkpoint | None:
    """The checkpoint in ``path``, or None when it cannot be read or its signature is not the audit key's."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        body: dict[str, Any] = {
            "count": int(data["count"]),
            "sequence": int(data["sequence"]),
            "head": str(data["head"]),
            "time": str(data["time"]),
        }
        signature = str(data["signature"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not hmac.compare_digest(signature, _signature(key, body)):
        return None
    return Checkpoint(path=path, **body)


def checkpoints(key: bytes) -> tuple[list[Checkpoint], list[Path]]:
    """(valid checkpoints, oldest first; files that are not valid checkpoints)."""
    folder = checkpoint_dir()
    if not folder.is_dir():
        return [], []
    valid, bad = [], []
    for path in sorted(folder.glob(f"{CHECKPOINT_PREFIX}*.json")):
        checkpoint = read_checkpoint(path, key)
        if checkpoint is None:
            bad.append(path)
        else:
            valid.append(checkpoint)
    valid.sort(key=lambda c: (c.count, c.time))
    return valid, bad


def latest_checkpoint() -> Checkpoint | None:
    valid, _ = checkpoints(get_audit_key())
    return valid[-1] if valid else None


# Verification ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"row #{self.seq}: {self.problem}"


@dataclass
class VerifyReport:
    checked: int = 0
    problems: list[ChainProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unsealed: int = 0
    oldest_unsealed_seconds: int = 0
    checkpoint: Checkpoint | None = None


def audit_verify_report(*, batch_size: int = 2000) -> VerifyReport:
    key = get_audit_key()
    report = VerifyReport()
    expected, prev, last_seal = 1, GENESIS, None
    while True:
        seals = list(AuditSeal.objects.filter(position__gte=expected).order_by("position")[:batch_size])
        if not seals:
            break
        events = AuditEvent.objects.in_bulk([s.event_id for s in seals])
        for seal in seals:
            if seal.position != expected:
                report.problems.append(
                    ChainProblem(
                        seal.event_id,
                        f"the chain skips positions {expected}-{seal.position - 1}: their seals were removed",
                    )
                )
            event = events.get(seal.event_id)
            if event is None:
                report.problems.append(ChainProblem(seal.event_id, "removed after it was sealed"))
            elif event.compute_mac(key, position=seal.position, prev_mac=prev) != seal.mac:
                report.problems.append(
                    ChainProblem(seal.event_id, "changed after it was sealed (or its seal was forged)")
                )
            prev, expected, last_seal = seal.mac, seal.position + 1, seal
            report.checked += 1

    valid, bad = checkpoints(key)
    for path in bad:
        report.problems.append(
            ChainProblem(0, f"checkpoint {path.name} is not signed with the audit key (forged or damaged)")
        )
    if not valid:
        report.warnings.append(
            f"No checkpoint in {checkpoint_dir()}: removal of the newest rows cannot be checked yet."
        )
    else:
        cp = report.checkpoint = valid[-1]
        end = last_seal.position if last_seal else 0
        if end < cp.count:
            ending = f"ends at #{last_seal.event_id}" if last_seal else "is empty"
            report.problems.append(
                ChainProblem(
                    cp.sequence,
                    f"missing: the chain {ending} ({end} sealed rows) but the checkpoint of {cp.time} "
                    f"records {cp.count} sealed rows ending at #{cp.sequence}; "
                    f"{cp.count - end} or more rows were removed",
                )
            )
        elif cp.count:
            at = AuditSeal.objects.filter(position=cp.count).first()
            if at is None or at.mac != cp.head or at.event_id != cp.sequence:
                report.problems.append(
                    ChainProblem(
                        cp.sequence,
                        f"the chain up to position {cp.count} does not match the checkpoint of {cp.time}: "
                        "it was rewritten",
                    )
                )

    unsealed = AuditEvent.objects.filter(seal__isnull=True).aggregate(
        first=Min("seq"), oldest=Min("occurred_at")
    )
    report.unsealed = AuditEvent.objects.filter(seal__isnull=True).count() if unsealed["first"] else 0
    if unsealed["oldest"] is not None:
        age = int((timezone.now() - unsealed["oldest"]).total_seconds())
        report.oldest_unsealed_seconds = max(age, 0)
        if age > seal_max_delay():
            report.problems.append(
                ChainProblem(
                    unsealed["first"],
                    f"{report.unsealed} row(s) not sealed; the oldest was written {age} s ago, more than the "
                    f"{seal_max_delay()} s allowed (is the worker running?)",
                )
            )
    return report
