"""``Authorization: Bearer hl_...``: the request acts as the token's service user."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from .services import token_hash

PREFIX = "hl_"


class IntegrationTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        from .models import ApiToken

        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Send one token after 'Bearer'.")
        raw = parts[1].decode("latin-1")
        if not raw.startswith(PREFIX):
            raise AuthenticationFailed("This is not a Harbourline integration token.")
        token = (
            ApiToken.objects.select_related("user", "user__agency").filter(token_hash=token_hash(raw)).first()
        )
        if token is None or not token.is_usable:
            # Revoked, expired and unknown tokens get the same answer.
            raise AuthenticationFailed("The token is not valid (unknown, revoked or expired).")
        # The token stands for the password and the second factor together (pages and templates ask this).
        token.user.is_verified = lambda: True  # type: ignore[attr-defined]
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
