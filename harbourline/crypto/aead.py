"""AES-256-GCM encryption of text and bytes. Each value carries the id of the key that sealed it.

Text tokens look like ``hl2:<key id>:<base64url(nonce || ciphertext || tag)>``. The associated data binds a
value to where it belongs: for fields ``app.model.field|<the row's random key>`` (see ``fields.SealedRowModel``),
so a value copied into another column or another row does not decrypt. ``hl1`` tokens are the older form,
bound to the column only; ``migrate`` and ``rotate_keys`` re-seal them as ``hl2``.
"""

from __future__ import annotations

import base64
import functools
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .keys import get_keyring

TOKEN_PREFIX = "hl1"  # bound to the column only (before row binding)
ROW_TOKEN_PREFIX = "hl2"  # bound to the column and the row
PREFIXES = (TOKEN_PREFIX, ROW_TOKEN_PREFIX)
BLOB_MAGIC = b"HLB1"
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A value could not be decrypted: unknown key, tampered data or wrong context."""


@functools.lru_cache(maxsize=32)
def _cipher(key: bytes) -> AESGCM:
    """One AESGCM object per key, not per value: setting one up costs more than sealing a short name."""
    return AESGCM(key)


def _b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def is_token(value: object) -> bool:
    return isinstance(value, str) and value[:4] in (TOKEN_PREFIX + ":", ROW_TOKEN_PREFIX + ":")


def token_prefix(token: str) -> str:
    return token.split(":", 1)[0]


def token_key_id(token: str) -> str:
    parts = token.split(":", 2)
    if len(parts) != 3 or parts[0] not in PREFIXES:
        raise DecryptionError("Not an encrypted value.")
    return parts[1]


def encrypt_text(plaintext: str, *, context: str, prefix: str = TOKEN_PREFIX) -> str:
    ring = get_keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher(ring.active_key).encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
    return f"{prefix}:{ring.active_id}:{_b64e(nonce + sealed)}"


def decrypt_text(token: str, *, context: str) -> str:
    kid = token_key_id(token)
    key = get_keyring().field_keys.get(kid)
    if key is None:
        raise DecryptionError(f"Unknown key id {kid!r}: is the key file complete?")
    try:
        raw = _b64d(token.split(":", 2)[2])
    except ValueError as exc:
        raise DecryptionError("The value is not valid base64.") from exc
    if len(raw) < NONCE_BYTES + 16:
        raise DecryptionError("The value is too short to be encrypted.")
    try:
        plain = _cipher(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8"))
    except InvalidTag as exc:
        raise DecryptionError("The value was altered or belongs elsewhere.") from exc
    return plain.decode("utf-8")


def encrypt_bytes(data: bytes, *, context: str) -> bytes:
    ring = get_keyring()
    kid = ring.active_id.encode("ascii")
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher(ring.active_key).encrypt(nonce, data, context.encode("utf-8"))
    return BLOB_MAGIC + bytes([len(kid)]) + kid + nonce + sealed


def blob_key_id(blob: bytes) -> str:
    if not blob.startswith(BLOB_MAGIC):
        raise DecryptionError("Not an encrypted file.")
    size = blob[len(BLOB_MAGIC)]
    start = len(BLOB_MAGIC) + 1
    return blob[start : start + size].decode("ascii")


def decrypt_bytes(blob: bytes, *, context: str) -> bytes:
    kid = blob_key_id(blob)
    key = get_keyring().field_keys.get(kid)
    if key is None:
        raise DecryptionError(f"Unknown key id {kid!r}: is the key file complete?")
    start = len(BLOB_MAGIC) + 1 + len(kid)
    nonce, sealed = blob[start : start + NONCE_BYTES], blob[start + NONCE_BYTES :]
    try:
        return _cipher(key).decrypt(nonce, sealed, context.encode("utf-8"))
    except InvalidTag as exc:
        raise DecryptionError("The file was altered or belongs elsewhere.") from exc
