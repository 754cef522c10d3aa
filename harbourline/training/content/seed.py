"""Load the starter curriculum into the database (used by the data migration; safe to run twice)."""

from __future__ import annotations

from typing import Any

from .starter import MODULES


def load_starter_curriculum(module_model: Any, question_model: Any) -> int:
    created = 0
    for order, spec in enumerate(MODULES, 1):
        if module_model.objects.filter(code=spec["code"]).exists():
            continue
        module = module_model.objects.create(
            code=spec["code"],
            title=spec["title"],
            summary=spec["summary"],
            objectives=spec["objectives"],
            target_sectors=spec["target_sectors"],
            duration_minutes=spec["duration_minutes"],
            order=order * 10,
        )
        for number, (form, text, choices, correct, explanation) in enumerate(spec["questions"]):
            # The bank lists the right answer first; move it so that it is not always option A.
            shift = (number * 3 + order) % len(choices)
            rotated = choices[-shift:] + choices[:-shift] if shift else list(choices)
            question_model.objects.create(
                module=module,
                form=form,
                text=text,
                choices=rotated,
                correct_index=(correct + shift) % len(choices),
                explanation=explanation,
            )
        created += 1
    return created
