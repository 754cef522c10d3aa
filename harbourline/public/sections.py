"""The sections of the public site, in the order of its menu. Each section has a main page of the same slug."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    ABOUT = "what-is-trafficking", _("What is trafficking")
    SIGNS = "signs", _("Signs to look for")
    RIGHTS = "rights", _("Rights of victims")
    HELP = "get-help", _("Where to get help")
    REPORT = "how-to-report", _("How to report")
    MATERIALS = "materials", _("Materials")


PUBLIC_LANGUAGES = ("en", "acf", "es")
DEFAULT_EXIT_URL = "https://www.google.com/search?q=weather"
