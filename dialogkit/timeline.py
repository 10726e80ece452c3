"""The timeline of any plan: tasks, milestones, dialogues and activities on one axis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import UsageError
from .model.facts import ScheduleItem
from .periods import Period

FINISHED = {"done", "held", "cancelled"}


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
    """The plan's schedule (model.facts), in date order, milestones first on a day."""
    if not hasattr(plan, "schedule"):
        raise UsageError(f"{plan.display_title} har ingen tidsaxel.")
    items = [TimelineItem(*item) for item in plan.schedule()]
    items.sort(key=lambda item: (item.start, item.end, item.kind != "milestone"))
    return Timeline(plan.display_title, plan.language, tuple(items))
