"""Rules every plan kind shares: unique ids and someone responsible."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..findings import KeyPath, Text
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
    "implementation_plan": (("areas", "id"),),
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


def _as_written(value, earlier) -> Text:
    if value == earlier:
        return Text("", "")
    return Text(f" (som '{earlier}')", f" (as '{earlier}')")


_OWN_ID = Text(
    "Ge varje {what} ett eget id; stora och små bokstäver räknas som samma.",
    "Give each {what} an id of its own; capital and small letters count as the same.",
)


@rule("DK217", tuple(KINDS))
def duplicate_ids(plan, _) -> Iterator[Hit]:
    for dotted, key in ID_LISTS[plan.kind]:
        path, items = _items(plan, dotted)
        for index, value, earlier in duplicates(getattr(item, key) for item in items):
            written = _as_written(value, earlier)
            yield Hit(
                (*path, index, key),
                Text(
                    f"Id '{value}' används redan i {dotted}{written.sv}.",
                    f"The id '{value}' is already used in {dotted}{written.en}.",
                ),
                Text(_OWN_ID.sv.format(what="post"), _OWN_ID.en.format(what="item")),
            )


@rule("DK217", tuple(KINDS), across=True)
def duplicate_plan_id(plan, workspace) -> Iterator[Hit]:
    first = workspace.first_with_id(plan.id)
    if first.plan is not plan:
        written = _as_written(plan.id, first.plan.id)
        yield Hit(
            ("id",),
            Text(
                f"Plan-id '{plan.id}' används redan i {first.path}{written.sv}.",
                f"The plan id '{plan.id}' is already used in {first.path}{written.en}.",
            ),
            Text(_OWN_ID.sv.format(what="plan"), _OWN_ID.en.format(what="plan")),
        )


# Where each plan kind lists its tasks or activities, who is responsible for one,
# and how a message names it.
RESPONSIBLE = {
    "dialogue_project": (
        "timeline",
        "responsible",
        lambda task: Text(f"Uppgiften '{task.task}'", f"The task '{task.task}'"),
    ),
    "communication_plan": (
        "activities",
        "responsible",
        lambda item: Text(f"Aktiviteten '{item.id}'", f"The activity '{item.id}'"),
    ),
    "local_plan": (
        "activities",
        "by_whom",
        lambda item: Text(f"Aktiviteten '{item.id}'", f"The activity '{item.id}'"),
    ),
}


@rule("DK214", tuple(RESPONSIBLE))
def no_responsible(plan, _) -> Iterator[Hit]:
    items, who, name = RESPONSIBLE[plan.kind]
    for index, item in enumerate(getattr(plan, items)):
        if item.status != "cancelled" and not any(n.strip() for n in getattr(item, who)):
            named = name(item)
            yield Hit(
                (items, index),
                Text(f"{named.sv} saknar ansvarig.", f"{named.en} has no one responsible."),
                Text(f"Lägg till {who}.", f"Add {who}."),
            )


def reversed_period(when) -> Text:
    """DK206's message for a period written end first."""
    return Text(
        f"Perioden '{when}' slutar innan den börjar.", f"The period '{when}' ends before it begins."
    )
