from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

PROFILE_DIR = Path(__file__).resolve().parent / "profiles"


def profile_path(name: str) -> Path:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"Not a profile name: {name!r}")
    return PROFILE_DIR / f"{name}.json"


@lru_cache(maxsize=4)
def load_profile(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(profile_path(name).read_text(encoding="utf-8"))
    return data


def active_profile() -> dict[str, Any]:
    """The country profile this deployment runs (settings.HARBOURLINE_COUNTRY), read from its file."""
    return load_profile(settings.HARBOURLINE_COUNTRY)


def district_choices() -> list[tuple[str, str]]:
    return [(d["code"], d["name"]) for d in sorted(active_profile()["districts"], key=lambda d: d["name"])]


def district_name(code: str) -> str:
    return dict(district_choices()).get(code, code)


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English short name."""
    data = json.loads((Path(__file__).resolve().parent / "iso3166.json").read_text(encoding="utf-8"))
    return dict(data["countries"])


def country_choices(blank: str = "") -> list[tuple[str, str]]:
    ordered = sorted(countries().items(), key=lambda item: item[1])
    return ([("", blank)] if blank else []) + ordered


def country_name(code: str) -> str:
    return countries().get(code, code)
