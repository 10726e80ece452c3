"""Rules for a communication plan (seed 003)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import CommunicationPlan
from .registry import Hit, rule

KIND = "communication_plan"
WORDS = {"know": "veta", "feel": "känna", "do": "göra"}


@rule("DK215", KIND)
def target_group_incomplete(plan: CommunicationPlan, _) -> Iterator[Hit]:
    for i, group in enumerate(plan.target_groups):
        missing = [key for key in WORDS if not (getattr(group, key) or "").strip()]
        if missing:
            words = ", ".join(WORDS[key] for key in missing)
            yield Hit(
                ("target_groups", i),
                f"Målgruppen {group.name} saknar {words}.",
                "Lägg till " + ", ".join(f"{key}:" for key in missing) + ".",
            )


@rule("DK206", KIND)
def activity_period_reversed(plan: CommunicationPlan, _) -> Iterator[Hit]:
    for i, activity in enumerate(plan.activities):
        if activity.when.end < activity.when.start:
            yield Hit(
                ("activities", i, "when"), f"Perioden '{activity.when}' slutar innan den börjar."
            )


@rule("DK220", KIND)
def unknown_target_group(plan: CommunicationPlan, _) -> Iterator[Hit]:
    known = {group.id for group in plan.target_groups}
    for i, activity in enumerate(plan.activities):
        for j, group in enumerate(activity.target_groups):
            if group not in known:
                yield Hit(
                    ("activities", i, "target_groups", j),
                    f"Målgruppen '{group}' finns inte.",
                    "Använd ett id från target_groups: " + ", ".join(sorted(known)) + ".",
                )
