"""The language segment of public URLs: /en/..., /acf/..., /es/... and nothing else."""

from __future__ import annotations

from .sections import PUBLIC_LANGUAGES


class LanguageConverter:
    regex = "|".join(PUBLIC_LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
