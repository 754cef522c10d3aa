"""Lists every URL pattern of the project with sample arguments, for the access tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter

SAMPLES: dict[type, str] = {
    IntConverter: "999999",
    UUIDConverter: str(uuid.UUID(int=1)),
    SlugConverter: "no-such-slug",
    PathConverter: "no/such/path",
    StringConverter: "nosuchvalue",
}


@dataclass(frozen=True)
class Route:
    name: str
    path: str
    view: Any
    has_args: bool
    arg_names: tuple[str, ...] = ()

    @property
    def access(self) -> str:
        return getattr(self.view, "harbourline_access", "") or getattr(
            getattr(self.view, "view_class", None), "harbourline_access", ""
        )

    @property
    def perms(self) -> tuple[Any, ...]:
        return tuple(getattr(self.view, "harbourline_perms", ()))


def _sample_path(pattern: Any) -> tuple[str, bool]:
    route = str(pattern)
    converters = getattr(pattern, "converters", {})
    if not converters:
        return route.lstrip("^").rstrip("$").replace("\\Z", ""), False
    import re

    def repl(match: re.Match[str]) -> str:
        return SAMPLES.get(type(converters[match.group(2)]), "x")

    return re.sub(r"<(?:(\w+):)?(\w+)>", repl, route), True


def _arg_names(pattern: Any) -> tuple[str, ...]:
    import re

    return tuple(m.group(2) for m in re.finditer(r"<(?:(\w+):)?(\w+)>", str(pattern)))


def iter_routes(
    resolvers: list[Any] | None = None, prefix: str = "", namespace: str = "", names: tuple[str, ...] = ()
) -> list[Route]:
    routes: list[Route] = []
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            part, _ = _sample_path(entry.pattern)
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes.extend(
                iter_routes(entry.url_patterns, prefix + part, ns, names + _arg_names(entry.pattern))
            )
        elif isinstance(entry, URLPattern):
            part, has_args = _sample_path(entry.pattern)
            path = "/" + (prefix + part).lstrip("/")
            has_args = has_args or "999999" in prefix or "nosuchvalue" in prefix
            routes.append(
                Route(
                    f"{namespace}{entry.name or ''}",
                    path,
                    entry.callback,
                    has_args,
                    names + _arg_names(entry.pattern),
                )
            )
    return routes
