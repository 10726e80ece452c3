"""Rules for a communication plan (seed 003)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Text
from ..model import CommunicationPlan
from .common import reversed_period
from .registry import Hit, rule

KIND = "communication_plan"
WORDS = {
    "know": Text("veta", "know"),
    "feel": Text("känna", "feel"),
    "do": Text("göra", "do"),
}


@rule("DK215", KIND)
def target_group_incomplete(plan: CommunicationPlan, _) -> Iterator[Hit]:
    for i, group in enumerate(plan.target_groups):
        missing = [key for key in WORDS if not (getattr(group, key) or "").strip()]
        if missing:
            lacks = Text(*(", ".join(WORDS[key][n] for key in missing) for n in (0, 1)))
            keys = ", ".join(f"{key}:" for key in missing)
            yield Hit(
                ("target_groups", i),
                Text(
                    f"Målgruppen {group.name} saknar {lacks.sv}.",
                    f"The target group {group.name} does not say what it should {lacks.en}.",
                ),
                Text(f"Lägg till {keys}.", f"Add {keys}."),
            )


@rule("DK206", KIND)
def activity_period_reversed(plan: CommunicationPlan, _) -> Iterator[Hit]:
    for i, activity in enumerate(plan.activities):
        if activity.when.end < activity.when.start:
            yield Hit(("activities", i, "when"), reversed_period(activity.when))


@rule("DK220", KIND)
def unknown_target_group(plan: CommunicationPlan, _) -> Iterator[Hit]:
    known = {group.id for group in plan.target_groups}
    for i, activity in enumerate(plan.activities):
        for j, group in enumerate(activity.target_groups):
            if group not in known:
                yield Hit(
                    ("activities", i, "target_groups", j),
                    Text(
                        f"Målgruppen '{group}' finns inte.",
                        f"There is no target group '{group}'.",
                    ),
                    Text(
                        f"Använd ett id från target_groups: {', '.join(sorted(known))}.",
                        f"Use an id from target_groups: {', '.join(sorted(known))}.",
                    ),
                )
