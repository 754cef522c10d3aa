"""Where the encryption keys come from: a key file or the environment, never the database.

A key file is JSON::

    {"active": "k2026a", "field_keys": {"k2026a": "<base64 32 bytes>", ...}, "blind_index_key": "<base64>",
     "audit_key": "<base64>"}

In the environment, HARBOURLINE_FIELD_KEYS holds ``kid:base64,kid:base64`` (the first is active unless
HARBOURLINE_FIELD_KEY_ACTIVE names another), HARBOURLINE_BLIND_INDEX_KEY the blind-index key and
HARBOURLINE_AUDIT_KEY the key that seals the audit trail (HMAC) and signs its checkpoints.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


@dataclass(frozen=True)
class Keyring:
    active_id: str
    field_keys: dict[str, bytes]
    blind_index_key: bytes
    audit_key: bytes | None = None

    @property
    def active_key(self) -> bytes:
        return self.field_keys[self.active_id]


def _decode_key(kid: str, encoded: str) -> bytes:
    if not KEY_ID_PATTERN.match(kid):
        raise ImproperlyConfigured(f"Key id {kid!r} must be 1-32 letters, digits, '-' or '_'.")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Key {kid!r} is not valid base64.") from exc
    if len(raw) != 32:
        raise ImproperlyConfigured(f"Key {kid!r} must be 32 bytes (AES-256); it is {len(raw)}.")
    return raw


def _from_file(path: Path) -> Keyring:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(f"Cannot read the key file {path}: {exc}") from exc
    keys = {kid: _decode_key(kid, value) for kid, value in data.get("field_keys", {}).items()}
    active = data.get("active", "")
    if active not in keys:
        raise ImproperlyConfigured(f"The key file {path} names no usable active key.")
    audit = data.get("audit_key")
    return Keyring(
        active,
        keys,
        _decode_key("blind", data.get("blind_index_key", "")),
        _decode_key("audit", audit) if audit else None,
    )


def _from_settings() -> Keyring:
    spec = os.environ.get("HARBOURLINE_FIELD_KEYS") or getattr(settings, "HARBOURLINE_FIELD_KEYS", "")
    blind = os.environ.get("HARBOURLINE_BLIND_INDEX_KEY") or getattr(
        settings, "HARBOURLINE_BLIND_INDEX_KEY", ""
    )
    if not spec or not blind:
        raise ImproperlyConfigured(
            "No encryption keys: set HARBOURLINE_KEY_FILE, or HARBOURLINE_FIELD_KEYS and "
            "HARBOURLINE_BLIND_INDEX_KEY (see docs/operations.md)."
        )
    keys: dict[str, bytes] = {}
    for item in spec.split(","):
        kid, _, encoded = item.strip().partition(":")
        keys[kid] = _decode_key(kid, encoded)
    active = os.environ.get("HARBOURLINE_FIELD_KEY_ACTIVE") or next(iter(keys))
    if active not in keys:
        raise ImproperlyConfigured(
            f"HARBOURLINE_FIELD_KEY_ACTIVE names {active!r}, which is not a known key."
        )
    audit = os.environ.get("HARBOURLINE_AUDIT_KEY") or getattr(settings, "HARBOURLINE_AUDIT_KEY", "")
    return Keyring(active, keys, _decode_key("blind", blind), _decode_key("audit", audit) if audit else None)


@lru_cache(maxsize=1)
def get_keyring() -> Keyring:
    key_file = os.environ.get("HARBOURLINE_KEY_FILE") or getattr(settings, "HARBOURLINE_KEY_FILE", "")
    if key_file:
        return _from_file(Path(key_file))
    return _from_settings()


def get_audit_key() -> bytes:
    """The key that seals the audit trail and signs its checkpoints. It never goes into the database."""
    key = get_keyring().audit_key
    if key is None:
        raise ImproperlyConfigured(
            "No audit key: add one to the key file with `manage.py generate_keys --out FILE --add-audit-key`, "
            "or set HARBOURLINE_AUDIT_KEY (see docs/operations.md)."
        )
    return key


def reset_keyring_cache() -> None:
    """Forget the loaded keys (after a rotation, or in tests that swap keys)."""
    get_keyring.cache_clear()


def new_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def write_key_file(path: Path, *, add_field_key: bool = False, add_audit_key: bool = False) -> str:
    """Create a key file (field, blind-index and audit keys), add a fresh active field key to an existing one,
    or give an existing file the audit key it lacks. Returns the active field key id."""
    from django.utils import timezone

    kid = "k" + timezone.now().strftime("%Y%m%d%H%M%S")
    if path.exists():
        if not (add_field_key or add_audit_key):
            raise FileExistsError(f"{path} exists; use --add to add a new field key.")
        data = json.loads(path.read_text(encoding="utf-8"))
        if add_audit_key and data.get("audit_key"):
            raise FileExistsError(
                f"{path} has an audit key already; replacing it would break the audit trail's seal."
            )
        if kid in data["field_keys"]:
            kid += secrets.token_hex(2)
    else:
        data = {"field_keys": {}, "blind_index_key": new_key(), "audit_key": new_key()}
        add_field_key = True
    if add_audit_key:
        data["audit_key"] = new_key()
    if add_field_key:
        data["field_keys"][kid] = new_key()
        data["active"] = kid
    else:
        kid = data["active"]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
    tmp.replace(path)
    return kid
