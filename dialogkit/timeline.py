"""The timeline of any plan: tasks, milestones, dialogues and activities on one axis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import UsageError
from .formatting import format_period
from .model.facts import ScheduleItem
from .periods import Period

FINISHED = {"done", "held", "cancelled"}
DIALOGUES = ("dialogue", "test_dialogue")


class TimelineItem(ScheduleItem):
    """A scheduled item, as the timeline shows it."""

    __slots__ = ()

    def overdue(self, today: date) -> bool:
        return self.end < today and self.status not in FINISHED


@dataclass(frozen=True)
class Timeline:
    title: str
    language: str
    items: tuple[TimelineItem, ...]

    def months(self) -> list[tuple[int, int]]:
        """Every month from the first item's start to the last item's end."""
        if not self.items:
            return []
        start = min(item.start for item in self.items)
        end = max(item.end for item in self.items)
        return Period(start, end, "").months()


def build_timeline(plan) -> Timeline:
    """The plan's schedule (model.facts), in date order, milestones first on a day.
    Every period is told in words ("hösten 2023", "mars 2023 – december 2024"); a
    dialogue's `when` already is (its day and hours)."""
    if not hasattr(plan, "schedule"):
        raise UsageError(
            f"{plan.display_title} har ingen tidsaxel.",
            english=(f"{plan.display_title} has no timeline.", None),
        )
    items = [_in_words(TimelineItem(*item), plan.language) for item in plan.schedule()]
    items.sort(key=lambda item: (item.start, item.end, item.kind != "milestone"))
    return Timeline(plan.display_title, plan.language, tuple(items))


def _in_words(item: TimelineItem, language: str) -> TimelineItem:
    if item.kind in DIALOGUES:
        return item
    return item._replace(when=format_period(Period(item.start, item.end, item.when), language))
