"""Rules about the participation figures a dialogue's outcome records."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Text
from ..model import DialogueProject
from .registry import Hit, rule

KIND = "dialogue_project"

BREAKDOWNS = {"age_groups": ("åldersgrupperna", "age groups"), "genders": ("könen", "genders")}


@rule("DK239", KIND)
def breakdown_exceeds_participants(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, dialogue in enumerate(plan.dialogues):
        outcome = dialogue.outcome
        if outcome is None or outcome.participants is None:
            continue
        for field, (sv, en) in BREAKDOWNS.items():
            counted = sum(getattr(outcome, field).values())
            if counted > outcome.participants:
                yield Hit(
                    ("dialogues", i, "outcome", field),
                    Text(
                        f"I dialogen '{dialogue.id}' blir {sv} sammanlagt {counted}, fler än "
                        f"dess {outcome.participants} deltagare.",
                        f"In the dialogue '{dialogue.id}' the {en} add up to {counted}, more "
                        f"than its {outcome.participants} participants.",
                    ),
                    Text(
                        f"Rätta antalen under {field} (högst {outcome.participants} "
                        "sammanlagt), eller outcome.participants.",
                        f"Correct the counts under {field} (at most {outcome.participants} "
                        "in all), or outcome.participants.",
                    ),
                )
