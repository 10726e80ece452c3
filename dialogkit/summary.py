"""What a plan shows the other plans: the few fields the rules across plans read.

A check runs every rule that looks at one plan alone while the file is parsed (in a
worker process, or from the check cache), and keeps only this summary of the plan.
The rules across plans (a local plan's strategy, an implementation plan's projects, a
member booked twice) then run on the summaries, so a check never holds 10,000 plans
in memory, and a re-check reads only the files that changed. A summary answers to the
model's attribute names, so those rules read it as they would read the plan.

As data a summary is a list of plain values in the order of its kind's fields (JSON
for the check cache, cheap to pickle from a worker); `revive` makes it named tuples.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any, NamedTuple


class Computed(NamedTuple):
    """A field made from the plan when it is summarised (plain data), and the test
    that data read back from the cache has that shape."""

    make: Callable[[Any], Any]
    valid: Callable[[Any], bool]


class Converted(NamedTuple):
    """A field kept as text and made a value again: a date or a time."""

    back: Callable[[str], Any]


DATE, TIME = Converted(date.fromisoformat), Converted(time.fromisoformat)
Spec = dict[str, "Spec | Computed | Converted | None"]


def sub_goal_refs(plan) -> list[tuple[tuple, str]]:
    """(path, sub-goal number) for every place a local plan names a sub-goal."""
    refs = []
    for i, activity in enumerate(plan.activities):
        for j, goal in enumerate(activity.sub_goals):
            refs.append((("activities", i, "sub_goals", j), goal))
    for i, figure in enumerate(plan.key_figures):
        refs.append((("key_figures", i, "sub_goal"), figure.sub_goal))
    for i, statement in enumerate(plan.self_assessment):
        refs.append((("self_assessment", i, "sub_goal"), statement.sub_goal))
    for i, follow_up in enumerate(plan.follow_ups):
        for j, assessment in enumerate(follow_up.assessments):
            refs.append((("follow_ups", i, "assessments", j, "sub_goal"), assessment.sub_goal))
    return refs


def _refs_valid(refs: Any) -> bool:
    """`sub_goal_refs` as JSON gives them back: [[path, sub-goal], ...]."""
    return isinstance(refs, list) and all(
        isinstance(ref, list)
        and len(ref) == 2
        and isinstance(ref[0], list)
        and all(_is_scalar(part) for part in ref[0])
        and _is_scalar(ref[1])
        for ref in refs
    )


COMMON: Spec = {"kind": None, "id": None, "language": None}
ACROSS_FIELDS: dict[str, Spec] = {
    "strategy": {"sub_goals": {"id": None}},
    "local_plan": {"strategy": None, "sub_goal_refs": Computed(sub_goal_refs, _refs_valid)},
    "dialogue_project": {
        "implementation_plan": None,
        "participation_rung": None,
        "method": None,
        "deviation_reason": None,
        "members": {"id": None, "name": None},
        "dialogues": {
            "id": None,
            "date": DATE,
            "start": TIME,
            "end": TIME,
            "municipality": None,
            "status": None,
            "test": None,
            "members": None,
        },
    },
    "implementation_plan": {"areas": {"id": None, "projects": None, "rung": None, "method": None}},
    "communication_plan": {},
}
"""Per plan kind, the fields a rule `across` plans reads (rules/: `across=True`)."""
SPECS = {kind: COMMON | fields for kind, fields in ACROSS_FIELDS.items()}


def summarize(plan: Any) -> list:
    """The plan's summary as plain data: its kind first, then its fields' values."""
    return _pick(plan, SPECS[plan.kind])


def _pick(value: Any, spec: Spec) -> list:
    picked = []
    for name, inner in spec.items():
        if isinstance(inner, Computed):
            picked.append(inner.make(value))
            continue
        field = getattr(value, name)
        if isinstance(inner, dict):
            picked.append([_pick(item, inner) for item in field])
        elif isinstance(inner, Converted):
            picked.append(field.isoformat())
        else:
            picked.append(field if isinstance(field, list) else _plain(field))
    return picked


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, str | int | float) else str(value)


def revive(data: list, *, read_back: bool = False) -> Any:
    """A summary as named tuples with the model's attribute names. `read_back`: the
    data comes from the check cache, and anything `summarize` does not write raises
    ValueError (or another error of the data)."""
    if read_back and not isinstance(data[1], str):  # the plan's id
        raise ValueError(data)
    return _revived(data, SPECS[data[0]], read_back)


_TYPES: dict[int, type] = {}


def _revived(data: list, spec: Spec, read_back: bool) -> Any:
    if read_back and not isinstance(data, list):
        raise ValueError(data)
    kind = _TYPES.get(id(spec))
    if kind is None:
        kind = _TYPES[id(spec)] = NamedTuple("Summary", [(name, Any) for name in spec])
    values = []
    for name, value, inner in zip(spec, data, spec.values(), strict=True):
        if isinstance(inner, dict):
            value = [_revived(item, inner, read_back) for item in value]
        elif isinstance(inner, Converted):
            value = inner.back(value)
        elif read_back and not _fits(name, value, inner):
            raise ValueError(value)  # from a cache not written by `summarize`
        values.append(value)
    return kind(*values)


TEXT = frozenset({"kind", "language", "name", "municipality", "strategy"})
"""Fields the rules treat as text; a summary read back must have text there."""


def _fits(name: str, value: Any, inner: Any) -> bool:
    """Whether a value read back has the shape `summarize` gives that field: text
    where the rules want text, a list of ids where there is one, else one value that
    a set can hold."""
    if isinstance(inner, Computed):
        return inner.valid(value)
    if name in TEXT:
        return isinstance(value, str | None)
    if name in LISTS:
        return isinstance(value, list) and all(map(_is_scalar, value))
    return _is_scalar(value)


LISTS = frozenset({"members", "projects"})
"""Plain fields that are lists: a dialogue's members, an area's projects."""


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float)
