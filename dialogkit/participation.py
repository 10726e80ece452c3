"""Participation figures without personal data: counts of participants, by age group
and gender as a plan records them, and participants per 1,000 inhabitants.

In a public output every count under 5, 0 included, is shown as "färre än 5", so
that no small group can be singled out: a "0" beside "färre än 5" would tell a reader
which groups are empty and narrow the others down.

Hiding a small count is not enough when a sum is published beside it: a reader who
subtracts, or who knows that a hidden count is at most 4, could work it out. So
`suppress` follows what a reader can infer from every published sum (each hidden
count's least and greatest possible value) and hides more counts, the smallest first,
until no small count can be pinned down (secondary suppression); such a count is shown
as "visas inte", and a figure per 1,000 inhabitants is hidden with its count.

That inference is exact only when the sums form a tree. So a public output publishes
each dialogue's participants and their sum, and each breakdown (age groups, genders)
only summed over the dialogues, with its own sum: a table of municipalities by age
group, whose rows and columns both add up, is for internal outputs. Every public output
of a project takes its counts from `figures`, and the year's follow-up treats what the
project's public report shows or hides as given (yearly.py), so that no output shows
what another hides.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

from .formatting import LOCALES, format_number
from .words import words

if TYPE_CHECKING:
    from .model.project import Dialogue, DialogueProject
    from .workspace import LoadedPlan

SMALL = 5
"""Counts under this are not published."""

TOTAL = "*"
"""The key of a sum over the dialogues."""


class Shown(NamedTuple):
    """A count as an output shows it: the number, or None when it is hidden or not
    recorded; `small` when it is hidden for being under SMALL."""

    value: int | None
    text: str
    small: bool = False


class Rate(NamedTuple):
    """Participants per 1,000 inhabitants as shown ("–" when unknown or hidden)."""

    value: float | None
    text: str


class DialogueFigures(NamedTuple):
    id: str
    municipality: str
    participants: Shown
    per_thousand: Rate


class Breakdown(NamedTuple):
    """Participants by age group or by gender, summed over the dialogues that record
    them: each group's count, the participants they cover (`base`) and in how many
    dialogues. `rows` gives each dialogue's own counts, in an internal output only: in
    a public one a count for one municipality would single out too small a group."""

    groups: list[tuple[str, Shown]]
    base: Shown
    dialogues: int
    rows: list[tuple[str, list[tuple[str, Shown]]]]


class Figures(NamedTuple):
    """A project's participation figures for one audience."""

    dialogues: list[DialogueFigures]
    total: Shown
    per_thousand: Rate
    ages: Breakdown
    genders: Breakdown
    hidden: bool
    """Whether any count is hidden (the report then says why)."""


BREAKDOWNS = {"age": "age_groups", "gender": "genders"}
"""Each breakdown's key in a table, and its field in an outcome."""


def shown_count(count: int | None, language: str, public: bool) -> Shown:
    """A count on its own: "färre än 5" in a public output when it is under 5, "–" when
    the plan does not record it. Use `figures` when a total is shown beside it."""
    if count is None:
        return Shown(None, "–")
    if public and count < SMALL:
        return Shown(None, words(language)["participation.fewer_than"].format(n=SMALL), True)
    return Shown(count, format_number(count, language))


def per_thousand(participants: int | None, population: int | None) -> float | None:
    """Participants per 1,000 inhabitants; None without both figures (or without
    inhabitants)."""
    if participants is None or not population:
        return None
    return participants * 1000 / population


def rate(value: float | None, language: str) -> Rate:
    """Per 1,000 inhabitants with two decimals ("0,52")."""
    if value is None:
        return Rate(None, "–")
    from babel.numbers import format_decimal

    return Rate(round(value, 2), format_decimal(value, "#,##0.00", locale=LOCALES[language]))


def counted(project: DialogueProject) -> list[Dialogue]:
    """The dialogues whose figures a project reports: the real ones documented."""
    return [d for d in project.dialogues if not d.test and d.outcome is not None]


def population_of(project: DialogueProject, municipality: str) -> int | None:
    """The project's figure for the municipality's inhabitants, whatever the case."""
    wanted = municipality.strip().casefold()
    return next((n for m, n in project.population.items() if m.strip().casefold() == wanted), None)


def population_covered(held: list[tuple[DialogueProject, Dialogue]]) -> int | None:
    """The inhabitants of the municipalities of the (project, dialogue) pairs that count
    participants, each municipality once; None unless every one is known (a rate over
    part of them would give a sum that no table shows)."""
    places: dict[str, int | None] = {}
    for project, d in held:
        if d.outcome.participants is not None:
            place = d.municipality.strip().casefold()
            places.setdefault(place, population_of(project, d.municipality))
    if not places or None in places.values():
        return None
    return sum(places.values())


Key = tuple
Line = tuple[Key, tuple[Key, ...], bool]
"""A published sum: its total, its parts, and whether the parts add up to it exactly."""


class Table(NamedTuple):
    """Every count a public output publishes, and the sums that tie them together."""

    counts: dict[Key, int]
    lines: list[Line]

    def add_sum(self, total: Key, parts: list[Key]) -> None:
        """`total` as the sum of those of `parts` that are counted, a line between them."""
        parts = [part for part in parts if part in self.counts]
        if parts:
            self.counts[total] = sum(self.counts[part] for part in parts)
            self.lines.append((total, tuple(parts), True))


def project_table(project: DialogueProject) -> Table:
    """A project's published counts: each dialogue's participants and their sum
    (`("p", id)`, `("p", TOTAL)`), and each breakdown's groups summed over the
    dialogues and their sum (`("age", group)`, `("age", TOTAL)`), which is at most the
    participants'. The sums form a tree, so that what a reader can work out is exactly
    what `suppress` finds."""
    table = Table({}, [])
    held = counted(project)
    for d in held:
        if d.outcome.participants is not None:
            table.counts[("p", d.id)] = d.outcome.participants
    table.add_sum(("p", TOTAL), [("p", d.id) for d in held])
    for key, field in BREAKDOWNS.items():
        summed: dict[str, int] = {}
        for d in held:
            for group, count in getattr(d.outcome, field).items():
                summed[group] = summed.get(group, 0) + count
        table.counts.update(((key, group), count) for group, count in summed.items())
        table.add_sum((key, TOTAL), [(key, group) for group in summed])
    recorded = {
        key: frozenset(d.id for d in held if getattr(d.outcome, field))
        for key, field in BREAKDOWNS.items()
    }
    tie_breakdowns(table, ("p", TOTAL), {key: (key, TOTAL) for key in BREAKDOWNS}, recorded)
    return table


def tie_breakdowns(table: Table, total: Key, bases: dict[str, Key], recorded: dict) -> None:
    """What a reader knows of the breakdowns' sums (`bases`) beside the participants'
    `total`: none counts more than took part (rule DK239), and two that count as many in
    the same dialogues (`recorded`) are taken to count the same people. Each sum is tied
    once, so that the sums stay a tree."""
    present = [key for key in bases if bases[key] in table.counts]
    if not present or total not in table.counts:
        return
    first = bases[present[0]]
    table.lines.append((total, (first,), False))
    for key in present[1:]:
        same = recorded[key] == recorded[present[0]]
        if same and table.counts[bases[key]] == table.counts[first]:
            table.lines.append((first, (bases[key],), True))
        else:
            table.lines.append((total, (bases[key],), False))


def figures(project: DialogueProject, public: bool) -> Figures:
    """The participants of every documented dialogue, by age group and gender, per
    1,000 inhabitants and in total, as an output for `public` or not shows them."""
    language = project.language
    held = counted(project)
    table = project_table(project)
    small, hidden = suppress(table.counts, table.lines) if public else (set(), set())
    show = Shower(table.counts, small, hidden, language)
    rows = [
        DialogueFigures(
            d.id,
            d.municipality,
            show.count(("p", d.id)),
            show.rate(("p", d.id), population_of(project, d.municipality)),
        )
        for d in held
    ]

    def breakdown(key: str) -> Breakdown:
        field = BREAKDOWNS[key]
        recorded = [d for d in held if getattr(d.outcome, field)]
        groups = [k[1] for k in table.counts if k[0] == key and k[1] != TOTAL]
        per_dialogue = [] if public else recorded
        return Breakdown(
            [(group, show.count((key, group))) for group in groups],
            show.count((key, TOTAL)),
            len(recorded),
            [
                (d.municipality, [(g, shown_count(n, language, False)) for g, n in cells.items()])
                for d in per_dialogue
                for cells in [getattr(d.outcome, field)]
            ],
        )

    return Figures(
        rows,
        show.count(("p", TOTAL)),
        show.rate(("p", TOTAL), population_covered([(project, d) for d in held])),
        breakdown("age"),
        breakdown("gender"),
        bool(hidden),
    )


class Shower(NamedTuple):
    """Counts as an output shows them, once `suppress` has chosen what to hide."""

    counts: dict[Key, int]
    small: set[Key]
    hidden: set[Key]
    language: str

    def count(self, key: Key) -> Shown:
        if key not in self.counts:
            return Shown(None, "–")
        if key in self.small:
            return Shown(
                None, words(self.language)["participation.fewer_than"].format(n=SMALL), True
            )
        if key in self.hidden:
            return Shown(None, words(self.language)["participation.hidden"])
        return Shown(self.counts[key], format_number(self.counts[key], self.language))

    def rate(self, key: Key, population: int | None) -> Rate:
        """Hidden with its count: a published population would give the count away."""
        if key in self.hidden or key not in self.counts:
            return rate(None, self.language)
        return rate(per_thousand(self.counts[key], population), self.language)


def suppress(
    counts: dict[Key, int],
    lines: list[Line],
    hidden: set[Key] | frozenset = frozenset(),
    published: set[Key] | frozenset = frozenset(),
) -> tuple[set[Key], set[Key]]:
    """The small counts, and every count to hide: the small ones, those `hidden`
    already (by another output), and as few more as it takes (sums first, then the
    smallest; never one another output has `published`) that no small count can be
    worked out from the sums. A reader's inference is followed as bounds on each hidden
    count; where the sums form a tree (as `project_table` makes them) that is exactly
    what can be known."""
    small = {key for key, count in counts.items() if count < SMALL}
    hidden = small | set(hidden)
    sums = {total for total, _, _ in lines}

    def order(key: Key) -> tuple:
        """A sum first (a dialogue's own count says more, and its feedback text tells
        it), then the smallest."""
        return (key not in sums, counts[key], str(key))

    while leaks := _pinned(counts, lines, small, hidden):
        pinned = _pinned(counts, lines, small, hidden, every=True)
        near = {k for total, parts, _ in lines if pinned & {total, *parts} for k in (total, *parts)}
        free = [k for k in counts if k not in hidden and k not in published]
        spare = sorted((k for k in free if k in near), key=order)
        spare = spare or sorted(free, key=order)
        if not spare:
            break
        better = (k for k in spare if len(_pinned(counts, lines, small, hidden | {k})) < len(leaks))
        hidden.add(next(better, spare[0]))
    # a count a reader works out anyway is shown: hiding it protects nothing
    return small, hidden - (_pinned(counts, lines, small, hidden, every=True) - small)


def leaks(counts: dict[Key, int], lines: list[Line], small: set[Key], hidden: set[Key]) -> bool:
    """Whether a small count can still be worked out (when `suppress` was not free to
    hide what it needed: what another output publishes)."""
    return bool(_pinned(counts, lines, small, hidden))


def _pinned(counts, lines, small, hidden, every=False) -> set[Key]:
    """The hidden counts a reader can work out from the published sums (only the small
    ones unless `every`): each hidden count starts between 0 and 4 (small) or from 5,
    and every sum narrows that range until nothing changes."""
    bounds = {k: (0, SMALL - 1) if k in small else (SMALL, math.inf) for k in hidden}

    def low(k):
        return bounds[k][0] if k in bounds else counts[k]

    def high(k):
        return bounds[k][1] if k in bounds else counts[k]

    for _ in range(4 * len(lines) + 4):  # enough rounds to settle; the data may contradict
        changed = False
        for total, parts, exact in lines:
            for key in (total, *parts):
                if key not in bounds:
                    continue
                if key == total:
                    least = sum(low(p) for p in parts)
                    most = sum(high(p) for p in parts) if exact else math.inf
                else:
                    others = [p for p in parts if p != key]
                    most = high(total) - sum(low(p) for p in others)
                    least = low(total) - sum(high(p) for p in others) if exact else 0
                new = (max(bounds[key][0], least), min(bounds[key][1], most))
                if new != bounds[key]:
                    bounds[key], changed = new, True
        if not changed:
            break
    return {k for k, (lo, hi) in bounds.items() if lo >= hi and (every or k in small)}


def status_rows(loaded: LoadedPlan) -> list[dict]:
    """For `status --format json` (internal, so exact): each documented dialogue's
    participants, age groups, genders and participants per 1,000 inhabitants."""
    project = loaded.plan
    if project.kind != "dialogue_project":
        return []
    rows = []
    for d in counted(project):
        rate_value = per_thousand(d.outcome.participants, population_of(project, d.municipality))
        rows.append(
            {
                "plan": project.id,
                "file": str(loaded.path),
                "dialogue": d.id,
                "municipality": d.municipality,
                "participants": d.outcome.participants,
                "age_groups": dict(d.outcome.age_groups),
                "genders": dict(d.outcome.genders),
                "per_thousand": None if rate_value is None else round(rate_value, 2),
            }
        )
    return rows
