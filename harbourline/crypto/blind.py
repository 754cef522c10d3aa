"""Blind indexes: keyed HMAC-SHA256 digests of normalised values, for exact-match lookups of encrypted data.

The digest key is separate from the encryption keys. ``kind`` separates value families, so the digest of a
name can never be matched against the digest of a document number.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

import jellyfish

from .keys import get_keyring

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(value: str) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive form: 'Jn-Baptiste,  Mérie' -> 'jn baptiste merie'."""
    decomposed = unicodedata.normalize("NFKD", value)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_NON_WORD.sub(" ", ascii_only).split())


def normalise_document(value: str) -> str:
    """Document numbers: letters and digits only, upper case ('ab 12-345' -> 'AB12345')."""
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def name_tokens(name: str) -> list[str]:
    return [token for token in normalise(name).split() if token]


def phonetic_key(token: str) -> str:
    """A sound-alike key of one name token (Metaphone), so 'Jean' and 'Jhean' meet."""
    return jellyfish.metaphone(token) or token


def blind_index(kind: str, value: str) -> str:
    key = get_keyring().blind_index_key
    message = f"{kind}\x00{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def name_terms(name: str) -> set[tuple[str, str]]:
    """Every (kind, digest) a person's name is findable by: each token exactly, and its phonetic key."""
    terms: set[tuple[str, str]] = set()
    for token in name_tokens(name):
        terms.add(("name", blind_index("name", token)))
        terms.add(("name_phonetic", blind_index("name_phonetic", phonetic_key(token))))
    return terms
