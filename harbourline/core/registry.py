"""Extension points the platform offers the apps above it, filled in each app's AppConfig.ready():

- navigation items, shown to users holding one of their permissions;
- home-page panels, so each role's home shows what that person must do next;
- demo-data seeders, run in order by ``manage.py seed_demo``;
- error pages, so a page of the public site that is not found, or a form whose security check failed, is
  answered in the public site's own layout and language rather than in the staff layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from harbourline.accounts.models import User
    from harbourline.accounts.permissions import Perm


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perms: tuple[Perm, ...]
    order: int = 50


@dataclass(frozen=True)
class HomePanel:
    """``render(request)`` returns a template context for ``template``, or None to hide the panel."""

    key: str
    template: str
    perms: tuple[Perm, ...]
    render: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 50


@dataclass
class SeedContext:
    """``island``: the country's own scale (seed_demo without --cases); otherwise ``cases`` sets the scale."""

    cases: int
    rng: Any
    progress: Callable[[str, int], Any]
    created: dict[str, int] = field(default_factory=dict)
    island: bool = False


@dataclass(frozen=True)
class Seeder:
    name: str
    run: Callable[[SeedContext], None]
    order: int = 50


@dataclass(frozen=True)
class ErrorPage:
    """``render(request, kind)`` answers an error of ``kind`` ("not_found" or "csrf"), or returns None to
    leave it to the next page or to the platform's own."""

    key: str
    render: Callable[[HttpRequest, str], HttpResponse | None]
    order: int = 50


_NAV: dict[str, NavItem] = {}
_PANELS: dict[str, HomePanel] = {}
_SEEDERS: dict[str, Seeder] = {}
_ERROR_PAGES: dict[str, ErrorPage] = {}


def register_nav(item: NavItem) -> None:
    _NAV[item.url_name] = item


def register_panel(panel: HomePanel) -> None:
    _PANELS[panel.key] = panel


def register_seeder(seeder: Seeder) -> None:
    _SEEDERS[seeder.name] = seeder


def register_error_page(page: ErrorPage) -> None:
    _ERROR_PAGES[page.key] = page


def error_page_for(request: HttpRequest, kind: str) -> HttpResponse | None:
    for page in sorted(_ERROR_PAGES.values(), key=lambda p: (p.order, p.key)):
        response = page.render(request, kind)
        if response is not None:
            return response
    return None


def _allowed(user: User, perms: tuple[Perm, ...]) -> bool:
    return not perms or any(user.has_hl_perm(p) for p in perms)


def nav_for(user: User) -> list[NavItem]:
    return sorted((i for i in _NAV.values() if _allowed(user, i.perms)), key=lambda i: (i.order, i.label))


def panels_for(user: User) -> list[HomePanel]:
    return sorted((p for p in _PANELS.values() if _allowed(user, p.perms)), key=lambda p: (p.order, p.key))


def seeders() -> list[Seeder]:
    return sorted(_SEEDERS.values(), key=lambda s: (s.order, s.name))
