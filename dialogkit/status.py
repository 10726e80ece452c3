"""What is due across a workspace (`dialogkit status`), and what the rules about dates
ask: documentation and feedback owed, dialogues whose status contradicts their date.

Only what a plan can record as done becomes overdue: a dialogue (its status), its
documentation (outcome.public_notes or follow_up), feedback to its participants
(outcome.feedback), a task or activity (its status), a local plan's yearly follow-up.
Invitations, reminders, registration deadlines and the report's due date have no
place in a plan to be ticked off: they are shown until their day, then dropped (the
timeline's tasks say whether they were done). A registration deadline passes overdue
only while the dialogue is still planned, not booked.

Lead time: a dialogue still ahead whose newspaper ad should already have gone out,
or whose registration should already have opened, is listed apart (`Due.lead_time`)
until the dialogue is held: an invitation dropped after its day would otherwise pass
unseen. The project's timeline says when the invitations are done (`invitations_done`).

A dialogue project's dialogues are watched until its report is due (reporting.due):
from then on the project is finished, what it says about its dialogues is history,
and what is owed is a response to every theme heard (rule DK228).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .participation import status_rows

if TYPE_CHECKING:
    from pathlib import Path

    from .model import DialogueProject
    from .model.project import Dialogue
    from .workspace import LoadedPlan, Workspace

LEAD_DAYS = {
    "newspaper_ad": 28,
    "web": 21,
    "press_release": 14,
    "facebook": 14,
    "email": 14,
    "reminder": 2,
}
"""Days before a dialogue that its invitation in each channel goes out (a newspaper ad
is booked weeks ahead), and the reminder to those registered; a plan overrides them
in deadlines.lead_days."""

FOLLOW_UP_BY = (3, 31)
"""A local plan's follow-up of a year is due by this (month, day) of the next year,
in time for the region's yearly compilation."""

NEXT = 5
"""How many items after the window `status` shows as coming next."""

OPEN = ("planned", "booked")
"""The statuses of a dialogue that is still to be held."""

INVITATION_TASK = re.compile(r"inbjud|annons|invit|advert", re.IGNORECASE)
"""A timeline task about the invitations or the ads, in Swedish or English."""


@dataclass(frozen=True)
class DueItem:
    """One thing owed: what (`kind`), by when, in which plan and dialogue, and who
    answers for it."""

    kind: str
    """invitation, reminder, registration, dialogue, test_dialogue, documentation,
    feedback, task, milestone, activity, report or follow_up."""
    day: date
    plan: str
    path: Path | None
    dialogue: str | None = None
    title: str | None = None
    """The task's or activity's name, the invitation's channel, the year followed up."""
    responsible: tuple[str, ...] = ()
    can_be_late: bool = True
    """False for what the plan cannot record as done: dropped after its day."""
    key_path: tuple = ()
    """Where in the plan file the item comes from."""
    dialogue_day: date | None = None
    """For a lead-time item (kind lead_ad, lead_registration): the dialogue's date."""

    def days(self, today: date) -> int:
        """Days left until the item's day; negative when overdue."""
        return (self.day - today).days


@dataclass
class Due:
    """A workspace's items, by date: overdue, within the window, and coming next."""

    today: date
    days: int
    overdue: list[DueItem] = field(default_factory=list)
    due: list[DueItem] = field(default_factory=list)
    next: list[DueItem] = field(default_factory=list)
    lead_time: list[DueItem] = field(default_factory=list)
    """Dialogues still ahead whose ad or registration opening should have come
    already (`lead_time_items`)."""
    unread: list[Path] = field(default_factory=list)
    """Plan files that did not load into the model: nothing can be said about them."""
    participation: list[dict] = field(default_factory=list)
    """Each documented dialogue's participation figures (participation.status_rows)."""


def due_items(workspace: Workspace, today: date, days: int = 14) -> Due:
    """Everything the plans in `workspace` owe, as seen on `today` with a window of
    `days` days."""
    loaded = {plan.path for plan in workspace.plans}
    result = Due(today, days, unread=sorted({f.file for f in workspace.findings} - loaded))
    items = sorted(
        (item for plan in workspace.plans for item in plan_items(plan, today)),
        key=lambda item: (item.day, item.plan, item.dialogue or "", item.kind, item.title or ""),
    )
    end = today + timedelta(days=days)
    for item in items:
        if item.day < today:
            result.overdue.append(item)
        elif item.day <= end:
            result.due.append(item)
        elif len(result.next) < NEXT:
            result.next.append(item)
    result.lead_time = sorted(
        (item for plan in workspace.plans for item in lead_time_items(plan, today)),
        key=lambda item: (item.dialogue_day, item.plan, item.dialogue or "", item.kind),
    )
    result.participation = [row for plan in workspace.plans for row in status_rows(plan)]
    return result


def lead_time_items(loaded: LoadedPlan, today: date) -> list[DueItem]:
    """A project's dialogues still ahead whose newspaper ad (its channel's lead time
    before the dialogue) or registration opening (the first invitation's day, for a
    dialogue that takes registrations) has already passed on `today`. Not once the
    timeline's invitation tasks are all done (`invitations_done`), nor for a test
    dialogue, which invites no one."""
    plan = loaded.plan
    if plan.kind != "dialogue_project" or not project_open(plan, today):
        return []
    if invitations_done(plan):
        return []
    lead = LEAD_DAYS | plan.deadlines.lead_days
    channels = [c for c in dict.fromkeys(c.channel for c in plan.invitation_channels)]
    inviting = [c for c in channels if c != "reminder"]
    leader = (plan.process_leader.name,)
    items = []
    for index, d in enumerate(plan.dialogues):
        ahead = d.status in OPEN or (d.status == "held" and d.date > today)
        if d.test or not ahead or d.date <= today or not inviting:
            continue
        passed = {}
        if "newspaper_ad" in inviting:
            passed["lead_ad"] = d.date - timedelta(days=lead["newspaper_ad"])
        if takes_registrations(d):
            opening = d.date - timedelta(days=max(lead[c] for c in inviting))
            if opening != passed.get("lead_ad"):  # the ad's line says it already
                passed["lead_registration"] = opening
        for kind, day in passed.items():
            if day < today:
                where = ("dialogues", index, "date")
                items.append(
                    DueItem(
                        kind, day, plan.id, loaded.path, d.id, None, leader, False, where, d.date
                    )
                )
    return items


def takes_registrations(dialogue: Dialogue) -> bool:
    """Whether residents sign up for the dialogue: online, or at a venue that asks."""
    registration = dialogue.registration
    return dialogue.digital is not None or bool(registration and registration.required)


def invitations_done(plan: DialogueProject) -> bool:
    """Whether the timeline has tasks about the invitations or ads and all are done
    (or cancelled). The timeline is the plan's only record of the invitations going
    out, and its tasks cover rounds of dialogues, not one dialogue ("Inbjudan",
    2021-03): a new round wants a new task, planned until it is done."""
    statuses = [t.status for t in plan.timeline if INVITATION_TASK.search(t.task)]
    return "done" in statuses and all(s in ("done", "cancelled") for s in statuses)


def plan_items(loaded: LoadedPlan, today: date) -> list[DueItem]:
    """What one plan owes that is not done, without what is past and cannot be late."""
    plan = loaded.plan
    if plan.kind == "dialogue_project":
        items = project_items(plan, loaded.path, today)
    elif plan.kind == "communication_plan":
        items = _schedule_items(plan, loaded.path, "activities")
    elif plan.kind == "local_plan":
        items = _schedule_items(plan, loaded.path, "activities")
        items += _follow_up_items(plan, loaded.path)
    else:  # a strategy owes nothing by a date
        items = []
    return [item for item in items if item.can_be_late or item.day >= today]


def project_open(plan: DialogueProject, today: date) -> bool:
    """Whether the project's dialogues are still watched: until its report is due."""
    return plan.reporting is None or today <= plan.reporting.due


def documented(dialogue: Dialogue) -> bool:
    outcome = dialogue.outcome
    return outcome is not None and bool(outcome.public_notes or outcome.follow_up)


def fed_back(dialogue: Dialogue, today: date) -> bool:
    """Whether the participants have had feedback by `today`."""
    outcome = dialogue.outcome
    return outcome is not None and any(
        f.audience == "participants" and f.date <= today for f in outcome.feedback
    )


def project_items(plan: DialogueProject, path: Path | None, today: date) -> list[DueItem]:
    """A dialogue project's tasks and report, and while it is open (`project_open`)
    its dialogues: invitations, reminders, registration, holding them, documentation
    and feedback. The rules about dates (rules/after.py) read the overdue ones."""
    items = _schedule_items(plan, path, "timeline")
    if plan.reporting is not None:
        leader = (plan.process_leader.name,)
        items.append(
            DueItem("report", plan.reporting.due, plan.id, path, None, None, leader, False)
        )
    return items + dialogue_items(plan, path, today)


def dialogue_items(plan: DialogueProject, path: Path | None, today: date) -> list[DueItem]:
    """What the project's dialogues owe, while it is open (`project_open`)."""
    if not project_open(plan, today):
        return []
    return [
        item
        for index, dialogue in enumerate(plan.dialogues)
        for item in _dialogue_items(plan, path, index, dialogue, today)
    ]


def _dialogue_items(
    plan: DialogueProject, path: Path | None, index: int, d: Dialogue, today: date
) -> list[DueItem]:
    """What one dialogue owes. As the plan stood on `today`, as far as its dates tell:
    a dialogue marked held whose date is still to come is to be held, and feedback
    dated later has not been given yet (`status --today` looks back)."""
    leader = (plan.process_leader.name,)

    def item(kind, day, title=None, *, late=True, where=()) -> DueItem:
        return DueItem(
            kind, day, plan.id, path, d.id, title, leader, late, ("dialogues", index, *where)
        )

    items = []
    if d.status in OPEN or (d.status == "held" and d.date > today):
        items.append(item("test_dialogue" if d.test else "dialogue", d.date, where=("status",)))
        for block in ("digital", "registration"):
            deadline = getattr(d, block) and getattr(d, block).registration_deadline
            if deadline:
                late = d.status == "planned"
                where = (block, "registration_deadline")
                items.append(item("registration", deadline, late=late, where=where))
        if not d.test:
            lead = LEAD_DAYS | plan.deadlines.lead_days
            registered = takes_registrations(d)
            for channel in dict.fromkeys(c.channel for c in plan.invitation_channels):
                if channel == "reminder" and not registered:
                    continue  # a reminder goes to those registered
                day = d.date - timedelta(days=lead[channel])
                kind = "reminder" if channel == "reminder" else "invitation"
                items.append(item(kind, day, channel, late=False))
    elif d.status == "held" and not d.test:
        after = plan.deadlines
        if not documented(d):
            day = d.date + timedelta(days=after.documentation_days)
            items.append(item("documentation", day, where=("status",)))
        if not fed_back(d, today):
            day = d.date + timedelta(days=after.feedback_days)
            items.append(item("feedback", day, where=("status",)))
    return items


def _schedule_items(plan, path: Path | None, where: str) -> list[DueItem]:
    """The tasks or activities not done, due at the end of their period."""
    kinds = {"task", "milestone", "activity"}
    return [
        DueItem(s.kind, s.end, plan.id, path, None, s.title, s.responsible, True, (where, index))
        for index, s in enumerate(s for s in plan.schedule() if s.kind in kinds)
        if s.status not in ("done", "cancelled")
    ]


def _follow_up_items(plan, path: Path) -> list[DueItem]:
    """A local plan's yearly follow-ups still missing, for every year of its period."""
    done = {f.year for f in plan.follow_ups}
    month, day = FOLLOW_UP_BY
    return [
        DueItem(
            "follow_up",
            date(year + 1, month, day),
            plan.id,
            path,
            None,
            str(year),
            (plan.municipality,),
            True,
            ("follow_ups",),
        )
        for year in range(plan.period.start, plan.period.end + 1)
        if year not in done
    ]
