"""Which interface strings still need review: a small reader of gettext .po catalogues.

It reads what this project writes (msgctxt, msgid, msgid_plural, msgstr[n], "#," flags, continued strings); it
is not a general .po parser.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

CATALOGUE_LANGUAGES = ("acf", "es")


@dataclass
class Entry:
    msgid: str = ""
    msgstr: str = ""
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return "fuzzy" in self.flags or not self.msgstr

    @property
    def places(self) -> list[str]:
        """The files that use the string (templates or code), without line numbers."""
        return list(
            dict.fromkeys(ref.rsplit(":", 1)[0].removeprefix("templates/public/") for ref in self.references)
        )

    @property
    def status(self) -> str:
        if not self.msgstr:
            return "missing"
        return "draft" if "fuzzy" in self.flags else "approved"


def _unquote(text: str) -> str:
    value = ast.literal_eval(text.strip())
    return value if isinstance(value, str) else ""


def parse_po(text: str) -> list[Entry]:
    entries: list[Entry] = []
    current = Entry()
    target = ""
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        starts_entry = line.startswith("#") or (line.startswith("msgid ") and target != "")
        if line and target == "msgstr" and starts_entry:  # an entry not followed by a blank line
            if current.msgid:
                entries.append(current)
            current, target = Entry(), ""
        if not line:
            if current.msgid:
                entries.append(current)
            current, target = Entry(), ""
        elif line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#:"):
            current.references.extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            target = "plural"
        elif line.startswith("msgid "):
            target, current.msgid = "msgid", _unquote(line[6:])
        elif line.startswith("msgstr"):
            target = "msgstr"
            current.msgstr += _unquote(line.split(" ", 1)[1])
        elif line.startswith('"') and target == "msgid":
            current.msgid += _unquote(line)
        elif line.startswith('"') and target == "msgstr":
            current.msgstr += _unquote(line)
    return entries


def catalogue_paths(language: str) -> list[Path]:
    """The public site's catalogue and those of the apps inside it (the tip line keeps its own)."""
    from django.apps import apps

    roots = [Path(settings.LOCALE_PATHS[0])]
    roots += [
        Path(c.path) / "locale" for c in apps.get_app_configs() if c.name.startswith("harbourline.public.")
    ]
    return [root / language / "LC_MESSAGES" / "django.po" for root in roots]


def strings_needing_review() -> dict[str, list[Entry]]:
    """For each public language, the catalogue entries that are drafts (fuzzy) or not translated."""
    result: dict[str, list[Entry]] = {}
    for language in CATALOGUE_LANGUAGES:
        entries: list[Entry] = []
        for path in catalogue_paths(language):
            if path.exists():
                entries.extend(
                    entry for entry in parse_po(path.read_text(encoding="utf-8")) if entry.needs_review
                )
        result[language] = entries
    return result
