"""Sends tips to a running server over HTTP, as a browser would: shared by the burst test and bench/tips.py."""

from __future__ import annotations

import http.client
import re
import urllib.parse
import uuid
from dataclasses import dataclass

RECEIPT = re.compile(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}")


@dataclass(frozen=True)
class TipPoster:
    """Holds the CSRF cookie and token of one visit to the form; ``post`` sends one tip with a fresh form key."""

    host: str
    port: int
    cookie: str
    token: str
    source: str = ""  # the local address to connect from (any of 127.0.0.0/8 on loopback)
    forwarded: str = ""  # an X-Forwarded-For header to send, as a proxy in front would

    def _connection(self, timeout: int) -> http.client.HTTPConnection:
        source = (self.source, 0) if self.source else None
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout, source_address=source)

    def _headers(self) -> dict[str, str]:
        return {"X-Forwarded-For": self.forwarded} if self.forwarded else {}

    @classmethod
    def visit(cls, host: str, port: int, *, source: str = "", forwarded: str = "") -> TipPoster:
        blank = cls(host, port, "", "", source, forwarded)
        conn = blank._connection(60)
        conn.request("GET", "/report/en/", headers=blank._headers())
        page = conn.getresponse()
        html = page.read().decode()
        conn.close()
        cookie = next(
            v.split(";")[0] for k, v in page.getheaders() if k.lower() == "set-cookie" and "csrftoken" in v
        )
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, "no CSRF token in the form"
        return cls(host, port, cookie, match.group(1), source, forwarded)

    def post(self, what_happened: str = "Load test tip") -> tuple[int, str]:
        """Send one tip; returns the HTTP status and the receipt code on the answer ("" if none)."""
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "idempotency_key": str(uuid.uuid4()),
                "what_happened": what_happened,
                "danger_now": "no",
                "child_involved": "unknown",
                "contact_choice": "anonymous",
                "district": "LC-02",
            }
        )
        conn = self._connection(120)
        conn.request(
            "POST",
            "/report/en/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": self.cookie,
                "Referer": f"http://{self.host}:{self.port}/",
                **self._headers(),
            },
        )
        response = conn.getresponse()
        text = response.read().decode()
        conn.close()
        receipt = RECEIPT.search(text)
        return response.status, receipt.group(0) if receipt else ""
