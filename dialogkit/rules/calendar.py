"""Rules about the calendar: a member in two dialogues at once (DK236) or in two
municipalities on the same day (DK237), and a dialogue inside one of the workspace's
blackout periods (DK238).

Members are compared within a project by id, and across the projects checked
together (`workspace.plans`) by name: neighbour files are never read for it, so that
checking one plan stays as quick as before. The bookings are indexed once per
workspace, not once per plan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from ..findings import Text
from ..model import DialogueProject
from ..model.project import Dialogue
from ..settings import folder_blackouts
from ..workspace import Workspace
from .registry import Hit, rule

KIND = "dialogue_project"


class Booking(NamedTuple):
    """One member entry of one dialogue."""

    order: tuple
    """Which of two bookings is the later: date, times, then place in the workspace."""
    plan: DialogueProject
    path: Path
    index: int
    """The dialogue's place in the plan's list."""
    slot: int
    """The member's place in the dialogue's list."""
    dialogue: Dialogue
    member: str
    """The id, as the dialogue lists it."""
    name: str | None
    """The member's name, compared across plans: None for an id the plan lacks."""


class Calendar(NamedTuple):
    """A workspace's bookings by day and member, each plan's own, and where each plan
    lies."""

    by_member: dict[tuple, list[Booking]]
    """(date, the member's name, or the plan and id when it has no name) -> bookings."""
    own: dict[int, list[Booking]]
    paths: dict[int, Path]


_cached: tuple[Workspace, Calendar] | None = None


def calendar(workspace: Workspace) -> Calendar:
    """The workspace's calendar, made on the first rule that asks."""
    global _cached
    if _cached is None or _cached[0] is not workspace:
        _cached = (workspace, _calendar(workspace))
    return _cached[1]


def _calendar(workspace: Workspace) -> Calendar:
    by_member: dict[tuple, list[Booking]] = defaultdict(list)
    own: dict[int, list[Booking]] = defaultdict(list)
    paths = {}
    for place, loaded in enumerate(workspace.plans):
        plan = loaded.plan
        paths[id(plan)] = loaded.path
        if plan.kind != KIND:
            continue
        names = {member.id: _name_key(member.name) for member in plan.members}
        for index, d in enumerate(plan.dialogues):
            if d.status == "cancelled":
                continue
            order = (d.date, d.start, d.end, place, index)
            for slot, member in enumerate(d.members):
                name = names.get(member)
                booking = Booking(order, plan, loaded.path, index, slot, d, member, name)
                by_member[(d.date, name or (id(plan), member))].append(booking)
                own[id(plan)].append(booking)
    return Calendar(by_member, own, paths)


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _same_member(a: Booking, b: Booking) -> bool:
    if a.plan is b.plan:
        return a.member == b.member
    return a.name is not None and a.name == b.name


def _clashes(plan: DialogueProject, workspace: Workspace) -> Iterator[tuple[Booking, Booking]]:
    """(later, earlier) for each member of `plan` booked the same day as in an
    earlier dialogue: reported on the later one."""
    booked = calendar(workspace)
    for later in booked.own.get(id(plan), []):
        key = (later.dialogue.date, later.name or (id(plan), later.member))
        for earlier in booked.by_member[key]:
            same_dialogue = earlier.plan is plan and earlier.index == later.index
            if not same_dialogue and earlier.order < later.order and _same_member(earlier, later):
                yield later, earlier


def _overlap(a: Dialogue, b: Dialogue) -> bool:
    return a.start < b.end and b.start < a.end


def _told(booking: Booking, beside: Booking) -> Text:
    """ "'sala' i Sala 2021-04-13 18:00–20:00", and the file when it is another plan."""
    d = booking.dialogue
    when = f"{d.date.isoformat()} {d.start:%H:%M}–{d.end:%H:%M}"
    elsewhere = booking.plan is not beside.plan
    return Text(
        f"'{d.id}' i {d.municipality} {when}" + (f" (i {booking.path})" if elsewhere else ""),
        f"'{d.id}' in {d.municipality} {when}" + (f" (in {booking.path})" if elsewhere else ""),
    )


def _who(booking: Booking) -> str:
    named = {m.id: m.name for m in booking.plan.members}.get(booking.member)
    return f"{named} ({booking.member})" if named else booking.member


def _where(booking: Booking) -> tuple:
    return ("dialogues", booking.index, "members", booking.slot)


@rule("DK236", KIND, across=True)
def member_double_booked(plan: DialogueProject, workspace) -> Iterator[Hit]:
    for later, earlier in _clashes(plan, workspace):
        if _overlap(later.dialogue, earlier.dialogue):
            this, other = _told(later, later), _told(earlier, later)
            yield Hit(
                _where(later),
                Text(
                    f"Ledamoten {_who(later)} är med i två dialoger samtidigt: {this.sv} "
                    f"och {other.sv}.",
                    f"The member {_who(later)} is in two dialogues at the same time: "
                    f"{this.en} and {other.en}.",
                ),
                Text(
                    "Byt ledamot i den ena dialogen, eller flytta den till en annan tid.",
                    "Put another member in one of the dialogues, or move it to another time.",
                ),
            )


@rule("DK237", KIND, across=True)
def member_same_evening(plan: DialogueProject, workspace) -> Iterator[Hit]:
    for later, earlier in _clashes(plan, workspace):
        apart = (
            later.dialogue.municipality.strip().casefold()
            != earlier.dialogue.municipality.strip().casefold()
        )
        if apart and not _overlap(later.dialogue, earlier.dialogue):
            this, other = _told(later, later), _told(earlier, later)
            yield Hit(
                _where(later),
                Text(
                    f"Ledamoten {_who(later)} är med i dialoger i två kommuner samma dag: "
                    f"{this.sv} och {other.sv}.",
                    f"The member {_who(later)} is in dialogues in two municipalities on the "
                    f"same day: {this.en} and {other.en}.",
                ),
                Text(
                    "Lägg dialogerna på olika dagar, eller låt en annan ledamot ta den ena.",
                    "Put the dialogues on different days, or let another member take one of them.",
                ),
            )


@rule("DK238", KIND)
def dialogue_in_blackout(plan: DialogueProject, workspace) -> Iterator[Hit]:
    path = calendar(workspace).paths.get(id(plan))
    periods = folder_blackouts(path.parent) if path is not None else ()
    if not periods:
        return
    for index, d in enumerate(plan.dialogues):
        if d.test or d.status == "cancelled":
            continue
        for period in periods:
            if period.start <= d.date <= period.end:
                dates = f"{period.start.isoformat()} – {period.end.isoformat()}"
                yield Hit(
                    ("dialogues", index, "date"),
                    Text(
                        f"Dialogen '{d.id}' {d.date.isoformat()} ligger inom {period.name} "
                        f"({dates}).",
                        f"The dialogue '{d.id}' on {d.date.isoformat()} falls within "
                        f"{period.name} ({dates}).",
                    ),
                    Text(
                        "Flytta dialogen utanför perioden, eller behåll dagen om det är ett "
                        "medvetet val (perioderna står i arbetsytans dialogkit.toml).",
                        "Move the dialogue out of the period, or keep the day if it is a "
                        "deliberate choice (the periods are in the workspace's dialogkit.toml).",
                    ),
                )
