"""Rules every plan kind shares: unique ids and someone responsible."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..findings import KeyPath
from ..model import KINDS
from .registry import Hit, rule

# The lists in each plan kind whose items must have unique ids, and the id key.
ID_LISTS = {
    "dialogue_project": (
        ("members", "id"),
        ("dialogues", "id"),
        ("timeline", "id"),
        ("costs.scenarios", "id"),
    ),
    "communication_plan": (("target_groups", "id"), ("activities", "id")),
    "strategy": (("sub_goals", "id"),),
    "local_plan": (
        ("activities", "id"),
        ("key_figures", "kolada_id"),
        ("self_assessment", "id"),
        ("follow_ups", "year"),
    ),
}


def _items(plan, dotted: str) -> tuple[KeyPath, list]:
    value, path = plan, ()
    for part in dotted.split("."):
        value, path = getattr(value, part), (*path, part)
    return path, value


def duplicates(values: Iterable) -> Iterator[tuple[int, object, object]]:
    """(index, value, earlier value) for every value that appeared earlier in `values`.
    Text is compared regardless of letter case: ids become file and folder names, and
    Windows and macOS take `Sala` and `sala` for the same name."""
    seen: dict = {}
    for index, value in enumerate(values):
        key = value.casefold() if isinstance(value, str) else value
        if value is not None and key in seen:
            yield index, value, seen[key]
        else:
            seen[key] = value


def _as_written(value, earlier) -> str:
    return "" if value == earlier else f" (som '{earlier}')"


@rule("DK217", tuple(KINDS))
def duplicate_ids(plan, workspace) -> Iterator[Hit]:
    for dotted, key in ID_LISTS[plan.kind]:
        path, items = _items(plan, dotted)
        for index, value, earlier in duplicates(getattr(item, key) for item in items):
            yield Hit(
                (*path, index, key),
                f"Id '{value}' används redan i {dotted}{_as_written(value, earlier)}.",
                "Ge varje post ett eget id; stora och små bokstäver räknas som samma.",
            )
    first = workspace.first_with_id(plan.id)
    if first.plan is not plan:
        written = _as_written(plan.id, first.plan.id)
        yield Hit(
            ("id",),
            f"Plan-id '{plan.id}' används redan i {first.path}{written}.",
            "Ge varje plan ett eget id; stora och små bokstäver räknas som samma.",
        )


# Where each plan kind lists its tasks or activities, who is responsible for one,
# and how a message names it.
RESPONSIBLE = {
    "dialogue_project": ("timeline", "responsible", lambda task: f"Uppgiften '{task.task}'"),
    "communication_plan": ("activities", "responsible", lambda item: f"Aktiviteten '{item.id}'"),
    "local_plan": ("activities", "by_whom", lambda item: f"Aktiviteten '{item.id}'"),
}


@rule("DK214", tuple(RESPONSIBLE))
def no_responsible(plan, _) -> Iterator[Hit]:
    items, who, name = RESPONSIBLE[plan.kind]
    for index, item in enumerate(getattr(plan, items)):
        if item.status != "cancelled" and not any(n.strip() for n in getattr(item, who)):
            yield Hit((items, index), f"{name(item)} saknar ansvarig.", f"Lägg till {who}.")
