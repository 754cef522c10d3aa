"""The dashboard's filters: year, agency, form of exploitation and district. Empty means all."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    agency: int | None = None
    form: str = ""  # an ExploitationForm code
    district: str = ""  # an ISO 3166-2 code

    def as_query(self) -> str:
        from urllib.parse import urlencode

        pairs = {"year": self.year, "agency": self.agency, "form": self.form, "district": self.district}
        return urlencode({k: v for k, v in pairs.items() if v not in (None, "")})

    def describe(self) -> dict[str, str | int | None]:
        return {"year": self.year, "agency": self.agency, "form": self.form, "district": self.district}
