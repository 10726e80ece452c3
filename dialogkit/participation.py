"""Participation figures without personal data: counts of participants, by age group
and gender as a plan records them, and participants per 1,000 inhabitants.

In a public output a count under SMALL is shown as "färre än 5", so that no small
group can be singled out. A breakdown that adds up to a published total would give
a lone hidden count away by subtraction; then the next smallest count is hidden too.
"""

from __future__ import annotations

from typing import NamedTuple

from .words import words

SMALL = 5
"""Counts below this are not published."""


class Shown(NamedTuple):
    """A count as an output shows it: the number, or None when it is hidden."""

    value: int | None
    text: str


def shown_count(count: int | None, language: str, public: bool) -> Shown:
    """A count as shown: "färre än 5" in a public output when it is small, "–" when
    the plan does not record it."""
    if count is None:
        return Shown(None, "–")
    if public and count < SMALL:
        return Shown(None, words(language)["participation.fewer_than"].format(n=SMALL))
    return Shown(count, str(count))


def shown_breakdown(
    counts: dict[str, int], language: str, public: bool, total: int | None = None
) -> list[tuple[str, Shown]]:
    """Each group's count as shown. With a `total` published beside them, a lone
    hidden count could be worked out by subtraction: the smallest shown count is then
    hidden as well (secondary suppression)."""
    shown = {group: shown_count(count, language, public) for group, count in counts.items()}
    hidden = [group for group, s in shown.items() if s.value is None]
    rest = [group for group in counts if group not in hidden]
    if public and total is not None and len(hidden) == 1 and rest:
        smallest = min(rest, key=lambda group: counts[group])
        shown[smallest] = Shown(None, words(language)["participation.hidden"])
    return list(shown.items())


def per_thousand(participants: int | None, population: int | None) -> float | None:
    """Participants per 1,000 inhabitants; None without both figures."""
    if not participants or not population:
        return None
    return participants * 1000 / population
