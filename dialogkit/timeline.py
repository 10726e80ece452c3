"""The timeline of any plan: tasks, milestones, dialogues and activities on one axis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import CommunicationPlan, DialogueProject, LocalPlan, Plan
from .periods import Period

FINISHED = {"done", "held", "cancelled"}


@dataclass(frozen=True)
class TimelineItem:
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


def build_timeline(plan: Plan) -> Timeline:
    if isinstance(plan, DialogueProject):
        items = [
            TimelineItem(
                "milestone" if task.milestone else "task",
                task.id or f"uppgift-{number}",
                task.task,
                task.when.start,
                task.when.end,
                task.status,
                tuple(task.responsible),
                task.when.text,
            )
            for number, task in enumerate(plan.timeline, start=1)
        ]
        names = {m.id: m.name for m in plan.members}
        items += [
            TimelineItem(
                "test_dialogue" if d.test else "dialogue",
                d.id,
                d.municipality,
                d.date,
                d.date,
                d.status,
                tuple(names[m] for m in d.members if m in names),
                f"{d.date} {d.start:%H.%M}–{d.end:%H.%M}",
            )
            for d in plan.dialogues
        ]
        title, language = plan.title, plan.language
    elif isinstance(plan, CommunicationPlan | LocalPlan):
        items = [
            TimelineItem(
                "activity",
                a.id,
                a.what,
                a.when.start,
                a.when.end,
                a.status,
                tuple(a.responsible if isinstance(plan, CommunicationPlan) else a.by_whom),
                a.when.text,
            )
            for a in plan.activities
        ]
        language = plan.language
        sv = language == "sv"
        if isinstance(plan, CommunicationPlan):
            title = f"{'Kommunikationsplan' if sv else 'Communication plan'}: {plan.project}"
        else:
            title = f"{'Lokal plan' if sv else 'Local plan'}: {plan.municipality}"
    else:
        raise TypeError(f"no timeline for {type(plan).__name__}")
    items.sort(key=lambda item: (item.start, item.end, item.kind != "milestone"))
    return Timeline(title, language, tuple(items))
