"""Confidence intervals for the KAP indicators.

``wilson`` is the Wilson score interval for one proportion; ``newcombe_difference`` is Newcombe's hybrid score
interval for the difference of two independent proportions (method 10 of Newcombe, "Interval estimation for
the difference between independent proportions: comparison of eleven methods", Statistics in Medicine 1998;
17:873-890), built from the two Wilson intervals. Pure Python, no SciPy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def wilson(x: int, n: int, z: float = Z95) -> tuple[float, float]:
    if n <= 0:
        raise ValueError("A proportion needs at least one respondent.")
    if not 0 <= x <= n:
        raise ValueError("The count must be between 0 and the number of respondents.")
    p = x / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


@dataclass(frozen=True)
class Difference:
    estimate: float
    lower: float
    upper: float


def newcombe_difference(x1: int, n1: int, x2: int, n2: int, z: float = Z95) -> Difference:
    """The difference p1 - p2 (p1 = x1/n1, the endline; p2 = x2/n2, the baseline) and its interval."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, z)
    l2, u2 = wilson(x2, n2, z)
    d = p1 - p2
    delta = math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    epsilon = math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Difference(d, d - delta, d + epsilon)
