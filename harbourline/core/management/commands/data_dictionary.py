from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models

from harbourline.crypto.fields import BlindIndexField, EncryptedTextField

HEADER = """# Data dictionary

Generated from the models by `manage.py data_dictionary --out docs/data-dictionary.md`; do not edit by hand.
"Protection" says how a value is kept: **encrypted** (AES-256-GCM, application-side, unreadable in the
database and its backups), **blind index** (keyed HMAC of a normalised value, for exact-match search only),
or plain (non-identifying, used for statistics and workflow).
"""


def _kind(field: models.Field[Any, Any]) -> str:
    if isinstance(field, models.ForeignKey):
        return f"link to {field.related_model._meta.verbose_name}"  # type: ignore[union-attr]
    if isinstance(field, BlindIndexField):
        return "blind index"
    return field.get_internal_type().replace("Field", "").lower() or "text"


def _protection(field: models.Field[Any, Any]) -> str:
    if isinstance(field, EncryptedTextField):
        return "**encrypted**"
    if isinstance(field, BlindIndexField):
        return f"blind index of `{field.source}`"
    return ""


def _meaning(field: models.Field[Any, Any]) -> str:
    text = str(field.help_text or "")
    choices = getattr(field, "choices", None)
    if choices and len(choices) <= 14:
        values = "; ".join(f"`{value}` {label}" for value, label in choices)
        text = f"{text} Values: {values}." if text else f"Values: {values}."
    return text.replace("|", "/").replace("\n", " ")


class Command(BaseCommand):
    help = "Write the data dictionary (every Harbourline table and field, with its protection) as Markdown."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", default="", help="File to write; standard output when omitted.")

    def handle(self, *args: Any, out: str, **options: Any) -> None:
        lines = [HEADER]
        for config in sorted(apps.get_app_configs(), key=lambda c: c.name):
            if not config.name.startswith("harbourline."):
                continue
            for model in sorted(config.get_models(), key=lambda m: m._meta.model_name or ""):
                meta = model._meta
                lines.append(f"\n## {config.verbose_name}: {meta.verbose_name} (`{meta.db_table}`)\n")
                doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
                if doc and not doc.startswith(model.__name__ + "("):
                    lines.append(f"{doc}\n")
                lines.append("| field | type | protection | meaning |\n|---|---|---|---|")
                for field in meta.concrete_fields:
                    label = str(field.verbose_name)
                    lines.append(
                        f"| `{field.name}` ({label}) | {_kind(field)} | {_protection(field)} | {_meaning(field)} |"
                    )
        text = "\n".join(lines) + "\n"
        if out:
            Path(out).write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {out}."))
        else:
            self.stdout.write(text)
