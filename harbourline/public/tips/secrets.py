"""Receipt codes and passphrases."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid

from harbourline.crypto.keys import get_keyring

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
WORDS = [
    "anchor",
    "basket",
    "breeze",
    "candle",
    "cocoa",
    "coral",
    "drum",
    "ferry",
    "garden",
    "guava",
    "harbour",
    "island",
    "lantern",
    "mango",
    "market",
    "morning",
    "ocean",
    "palm",
    "pepper",
    "piton",
    "rain",
    "reef",
    "river",
    "sail",
    "shell",
    "spice",
    "star",
    "sugar",
    "sunset",
    "valley",
    "village",
    "wave",
]


def new_reference() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_reference(value: str) -> str:
    raw = "".join(ch for ch in value.upper() if ch in CODE_ALPHABET)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else ""


def passphrase_for(idempotency_key: uuid.UUID) -> str:
    """Four words and two digits (about 35 bits from words, 7 from digits, never stored), derived from the
    form's key under a server secret, so a repeated submission shows the same passphrase again."""
    digest = hmac.new(
        get_keyring().blind_index_key, b"tip-passphrase\x00" + idempotency_key.bytes, hashlib.sha256
    ).digest()
    words = [WORDS[digest[i] % len(WORDS)] for i in range(4)]
    return "-".join(words) + f"-{int.from_bytes(digest[4:6], 'big') % 100:02d}"


def hash_passphrase(passphrase: str, reference: str) -> str:
    key = get_keyring().blind_index_key
    return hmac.new(
        key, f"tip\x00{reference}\x00{passphrase.strip().lower()}".encode(), hashlib.sha256
    ).hexdigest()


def passphrase_matches(stored: str, passphrase: str, reference: str) -> bool:
    return hmac.compare_digest(stored, hash_passphrase(passphrase, reference))
