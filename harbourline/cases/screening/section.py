from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Screening, ScreeningStatus
from .services import screening_result


def section_context(request: HttpRequest, case: Any) -> dict[str, Any]:
    latest = Screening.objects.filter(case=case).select_related("instrument").order_by("-created_at").first()
    result = screening_result(latest) if latest and latest.status == ScreeningStatus.COMPLETED else None
    return {"latest": latest, "result": result}
