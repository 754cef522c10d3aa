"""django-axes keeps attempted usernames as a keyed hash, never in clear.

Someone who reads the lockout table (a backup, a support session) learns nothing about who tried to log in
or what they typed, a mistyped password in the username field included. The key is the blind-index key from
the key file, under its own label, so the hash cannot be recomputed from the database alone."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.http import HttpRequest

from harbourline.crypto.keys import get_keyring

PREFIX = "hmac:"  # usernames cannot contain ':', so a hash is never mistaken for a username


def username_hash(username: str) -> str:
    digest = hmac.new(
        get_keyring().blind_index_key, b"axes-username\x00" + username.encode(), hashlib.sha256
    ).hexdigest()
    return PREFIX + digest


def attempted_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username from the credentials or the login form, as its keyed hash."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    if username is None:
        return None
    return username if str(username).startswith(PREFIX) else username_hash(str(username))


class HashedUsernameHandler(AxesDatabaseHandler):
    """Unlocking by username (``axes.utils.reset(username=...)``, the administrator's unlock) finds the
    hashed rows."""

    def reset_attempts(
        self,
        *,
        ip_address: str | None = None,
        username: str | None = None,
        ip_or_username: bool = False,
    ) -> int:
        if username and not username.startswith(PREFIX):
            username = username_hash(username)
        return super().reset_attempts(ip_address=ip_address, username=username, ip_or_username=ip_or_username)
