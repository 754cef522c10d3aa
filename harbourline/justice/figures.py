"""Annual justice figures for the TIP report and the UNODC (GLOTIP) questionnaire.

``justice_figures(year)`` is the hook for the statistics app: plain counts, no identities, no small-cell
suppression (the caller suppresses when publishing). It reads every agency's data and checks no user: the
statistics app calls it behind its own permission (``Perm.STATS_VIEW``), as the national coordinator's and the
analyst's figures.

- ``investigations``: opened in the year, and ongoing at its end;
- ``prosecutions``: prosecutions filed in the year; ``persons_prosecuted``: distinct defendants with a charge
  filed in the year;
- ``persons_convicted``: distinct defendants with a conviction or guilty plea dated in the year;
- ``sentences``: of the convicted charges in the year, by custody band, with fines and suspensions;
- ``offenders``: persons prosecuted and convicted, by sex, by age band and by citizenship (national / foreign
  / unknown, against the country profile's code).
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from harbourline.country.selectors import active_profile

from .codes import CONVICTIONS
from .models import Charge, Investigation, Prosecution, Suspect

CUSTODY_BANDS = [
    (0, "no custody"),
    (11, "under 1 year"),
    (59, "1 to under 5 years"),
    (119, "5 to under 10 years"),
]


def custody_band(months: int | None) -> str:
    if not months:
        return "no custody"
    for upper, label in CUSTODY_BANDS:
        if months <= upper:
            return label
    return "10 years or more"


def citizenship(code: str) -> str:
    if not code:
        return "unknown"
    return "national" if code == active_profile()["code"] else "foreign"


def _breakdown(suspects: list[Suspect]) -> dict[str, dict[str, int]]:
    return {
        "sex": dict(Counter(s.sex for s in suspects)),
        "age_band": dict(Counter(s.age_band for s in suspects)),
        "citizenship": dict(Counter(citizenship(s.nationality) for s in suspects)),
    }


def justice_figures(year: int) -> dict[str, Any]:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    opened = Investigation.objects.filter(opened_on__range=(start, end))
    ongoing = Investigation.objects.filter(opened_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    )
    filed_charges = Charge.objects.filter(filed_on__range=(start, end))
    convicted_charges = Charge.objects.filter(outcome__in=CONVICTIONS, outcome_on__range=(start, end))
    prosecuted = list(
        Suspect.objects.filter(pk__in=filed_charges.values("defendant_id")).only(
            "sex", "age_band", "nationality"
        )
    )
    convicted = list(
        Suspect.objects.filter(pk__in=convicted_charges.values("defendant_id")).only(
            "sex", "age_band", "nationality"
        )
    )
    sentences = list(convicted_charges.values("custody_months", "fine", "suspended"))
    money = convicted_charges.aggregate(
        restitution_ordered=Sum("restitution_ordered"),
        restitution_paid=Sum("restitution_paid"),
        compensation_ordered=Sum("compensation_ordered"),
        compensation_paid=Sum("compensation_paid"),
    )
    return {
        "year": year,
        "investigations": {
            "opened": opened.count(),
            "ongoing_at_year_end": ongoing.count(),
            "by_offence": dict(
                Counter(o for offences in opened.values_list("offences", flat=True) for o in offences)
            ),
        },
        "prosecutions": Prosecution.objects.filter(filed_on__range=(start, end)).count(),
        "persons_prosecuted": len(prosecuted),
        "persons_convicted": len(convicted),
        "convictions_by_offence": dict(Counter(convicted_charges.values_list("offence", flat=True))),
        "sentences": {
            "by_custody": dict(Counter(custody_band(s["custody_months"]) for s in sentences)),
            "suspended": sum(1 for s in sentences if s["suspended"]),
            "with_fine": sum(1 for s in sentences if s["fine"]),
        },
        "restitution": {k: (v or Decimal("0")) for k, v in money.items()},
        "offenders": {"prosecuted": _breakdown(prosecuted), "convicted": _breakdown(convicted)},
    }
