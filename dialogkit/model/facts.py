"""What every plan kind declares about itself, beside its fields: the title it is
shown under, who signs its documents, its reports, its products, and what it has on
its calendar. Code outside the model package asks the plan, never its type.
Named tuples, not dataclasses: every `plan check` imports this, and they are made
in a tenth of the time."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class ReportSpec(NamedTuple):
    """A report a plan kind has (`project-plan`, ...) and the audiences it is made for;
    the first audience is the default."""

    kind: str
    audiences: tuple[str, ...] = ("internal",)


class ScheduleItem(NamedTuple):
    """One thing on a plan's calendar: a task, milestone, dialogue or activity."""

    kind: str
    """task, milestone, dialogue, test_dialogue or activity."""
    id: str
    title: str
    start: date
    end: date
    status: str
    responsible: tuple[str, ...] = ()
    when: str = ""
    """The period as the plan wrote it."""


def kind_title(kind: str, language: str) -> str:
    """ "Kommunikationsplan", "Local plan", ...: a plan kind's name in `language`."""
    from ..words import words

    return words(language)[f"kind.{kind}"]


def activity_schedule(activities, who: str) -> list[ScheduleItem]:
    """The activities of a communication or local plan; `who` is the field that names
    those responsible for one (`responsible`, `by_whom`)."""
    return [
        ScheduleItem(
            "activity",
            a.id,
            a.what,
            a.when.start,
            a.when.end,
            a.status,
            tuple(getattr(a, who)),
            a.when.text,
        )
        for a in activities
    ]
