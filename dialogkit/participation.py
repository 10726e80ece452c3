"""Participation figures without personal data: counts of participants, by age group
and gender as a plan records them, and participants per 1,000 inhabitants.

In a public output every count under 5, 0 included, is shown as "färre än 5", so
that no small group can be singled out: a "0" beside "färre än 5" would tell a reader
which groups are empty and narrow the others down.

Hiding a small count is not enough when totals are published beside it: a dialogue's
participants beside its age groups, the sum over the dialogues, each group's sum. A
reader who subtracts, or who knows that a hidden count is at least 1 and at most 4,
could work it out. `figures` therefore follows what a reader can infer from every
published sum (each hidden count's least and greatest possible value) and hides more
counts, the smallest first, until no small count can be pinned down (secondary
suppression). Such a count is shown as "visas inte"; a figure per 1,000 inhabitants
is hidden with its count. Every public output takes its counts from `figures`, so
that no output shows what another hides.
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
    age_groups: list[tuple[str, Shown]]
    genders: list[tuple[str, Shown]]


class Figures(NamedTuple):
    """A project's participation figures for one audience."""

    dialogues: list[DialogueFigures]
    total: Shown
    per_thousand: Rate
    age_groups: list[tuple[str, Shown]]
    """Each age group summed over the dialogues, in the order first recorded."""
    genders: list[tuple[str, Shown]]
    hidden: bool
    """Whether any count is hidden (the report then says why)."""


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


def figures(project: DialogueProject, public: bool) -> Figures:
    """The participants of every documented dialogue, by age group and gender, per
    1,000 inhabitants and in total, as an output for `public` or not shows them."""
    language = project.language
    held = counted(project)
    counts, lines = _table(held)
    small, hidden = suppress(counts, lines) if public else (set(), set())
    w = words(language)

    def shown(key) -> Shown:
        if key not in counts:
            return Shown(None, "–")
        if key in small:
            return Shown(None, w["participation.fewer_than"].format(n=SMALL), True)
        if key in hidden:
            return Shown(None, w["participation.hidden"])
        return Shown(counts[key], format_number(counts[key], language))

    def per_1000(key, population) -> Rate:
        if key in hidden or key not in counts:
            return rate(None, language)
        return rate(per_thousand(counts[key], population), language)

    rows = []
    for d in held:
        population = population_of(project, d.municipality)
        rows.append(
            DialogueFigures(
                d.id,
                d.municipality,
                shown(("p", d.id)),
                per_1000(("p", d.id), population),
                [(g, shown(("age", d.id, g))) for g in d.outcome.age_groups],
                [(g, shown(("gender", d.id, g))) for g in d.outcome.genders],
            )
        )
    return Figures(
        rows,
        shown(("p", TOTAL)),
        per_1000(("p", TOTAL), _total_population(project, held)),
        [(g, shown(("age", TOTAL, g))) for g in _groups(held, "age_groups")],
        [(g, shown(("gender", TOTAL, g))) for g in _groups(held, "genders")],
        bool(hidden),
    )


def _total_population(project: DialogueProject, held: list[Dialogue]) -> int | None:
    """The inhabitants of the municipalities of the dialogues that count participants,
    each once; None unless every one is known (a rate over part of them would give a
    sum that no table shows)."""
    places = {d.municipality.strip().casefold() for d in held if d.outcome.participants is not None}
    figures = [population_of(project, place) for place in places]
    return sum(figures) if figures and None not in figures else None


def _groups(held: list[Dialogue], field: str) -> list[str]:
    return list(dict.fromkeys(g for d in held for g in getattr(d.outcome, field)))


Key = tuple
Line = tuple[Key, tuple[Key, ...], bool]
"""A published sum: its total, its parts, and whether the parts add up to it exactly
(a breakdown may leave some participants uncounted)."""


def _table(held: list[Dialogue]) -> tuple[dict[Key, int], list[Line]]:
    """Every count the outputs publish, and the sums that tie them together."""
    counts: dict[Key, int] = {}
    lines: list[Line] = []

    def line(total: Key, parts: list[Key]) -> None:
        if total in counts and parts:
            exact = sum(counts[p] for p in parts) == counts[total]
            lines.append((total, tuple(parts), exact))

    recorded = [d for d in held if d.outcome.participants is not None]
    for d in recorded:
        counts[("p", d.id)] = d.outcome.participants
    if recorded:
        counts[("p", TOTAL)] = sum(d.outcome.participants for d in recorded)
    line(("p", TOTAL), [("p", d.id) for d in recorded])
    for dimension, field in (("age", "age_groups"), ("gender", "genders")):
        for d in held:
            for group, count in getattr(d.outcome, field).items():
                counts[(dimension, d.id, group)] = count
        groups = _groups(held, field)
        for group in groups:
            parts = [(dimension, d.id, group) for d in held if group in getattr(d.outcome, field)]
            counts[(dimension, TOTAL, group)] = sum(counts[p] for p in parts)
            line((dimension, TOTAL, group), parts)
        for d in held:
            line(("p", d.id), [(dimension, d.id, g) for g in getattr(d.outcome, field)])
        line(("p", TOTAL), [(dimension, TOTAL, g) for g in groups])
    return counts, lines


def suppress(counts: dict[Key, int], lines: list[Line]) -> tuple[set[Key], set[Key]]:
    """The small counts, and every count to hide: the small ones, and as few more as
    it takes (the smallest first) that none of them can be worked out from the sums."""
    small = {key for key, count in counts.items() if count < SMALL}
    hidden = set(small)
    while leaks := _pinned(counts, lines, small, hidden):
        pinned = _pinned(counts, lines, small, hidden, every=True)
        near = {k for total, parts, _ in lines if pinned & {total, *parts} for k in (total, *parts)}
        spare = sorted(
            (k for k in near if k not in hidden), key=lambda k: (counts[k], k)
        ) or sorted((k for k in counts if k not in hidden), key=lambda k: (counts[k], k))
        if not spare:
            break
        better = (k for k in spare if len(_pinned(counts, lines, small, hidden | {k})) < len(leaks))
        hidden.add(next(better, spare[0]))
    return small, hidden


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
