"""Rules about what comes after a dialogue, as seen on the workspace's day
(`plan check --today`): documentation and feedback owed, a status that contradicts
the date, a registration closed while the dialogue is only planned, and themes
without a response once the report is due. What is owed comes from status.py, which
`dialogkit status` lists: the two say the same."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Text
from ..formatting import plural
from ..heard import theme_key
from ..model import DialogueProject
from ..status import dialogue_items
from ..words import label
from .registry import Hit, rule

KIND = "dialogue_project"


def _overdue(plan: DialogueProject, workspace, kinds: tuple[str, ...]):
    """(item, days late) for each of the project's overdue items of `kinds`."""
    today = workspace.today
    for item in dialogue_items(plan, None, today):  # the rules need no tasks nor report
        if item.kind in kinds and item.can_be_late and item.day < today:
            yield item, (today - item.day).days


def _since(days: int) -> Text:
    return Text(plural(days, "dag", "dagar"), plural(days, "day", "days"))


@rule("DK226", KIND)
def documentation_overdue(plan: DialogueProject, workspace) -> Iterator[Hit]:
    after = plan.deadlines.documentation_days
    for item, late in _overdue(plan, workspace, ("documentation",)):
        since = _since(after + late)
        yield Hit(
            item.key_path,
            Text(
                f"Dialogen '{item.dialogue}' hölls för {since.sv} sedan men saknar "
                f"dokumentation (gränsen är {after} dagar).",
                f"The dialogue '{item.dialogue}' was held {since.en} ago but has no "
                f"documentation (the limit is {after} days).",
            ),
            Text(
                "Skriv outcome.public_notes och outcome.follow_up, t.ex. med dialogkit record.",
                "Write outcome.public_notes and outcome.follow_up, e.g. with dialogkit record.",
            ),
        )


@rule("DK227", KIND)
def feedback_overdue(plan: DialogueProject, workspace) -> Iterator[Hit]:
    after = plan.deadlines.feedback_days
    for item, late in _overdue(plan, workspace, ("feedback",)):
        since = _since(after + late)
        yield Hit(
            item.key_path,
            Text(
                f"Deltagarna i dialogen '{item.dialogue}' har inte fått återkoppling, "
                f"{since.sv} efter dialogen (gränsen är {after} dagar).",
                f"The participants of the dialogue '{item.dialogue}' have had no feedback, "
                f"{since.en} after the dialogue (the limit is {after} days).",
            ),
            Text(
                "Ge återkoppling (dialogkit feedback) och skriv in den under outcome.feedback "
                "med audience: participants.",
                "Give feedback (dialogkit feedback) and enter it under outcome.feedback with "
                "audience: participants.",
            ),
        )


@rule("DK228", KIND)
def theme_without_response(plan: DialogueProject, workspace) -> Iterator[Hit]:
    if plan.reporting is None or workspace.today < plan.reporting.due:
        return
    answered = {theme_key(r.theme) for r in plan.responses}
    seen = set()
    for i, d in enumerate(plan.dialogues):
        if d.outcome is None or d.status == "cancelled":
            continue
        for j, theme in enumerate(d.outcome.themes):
            key = theme_key(theme)
            if key in answered or key in seen:
                continue
            seen.add(key)
            due = plan.reporting.due
            yield Hit(
                ("dialogues", i, "outcome", "themes", j),
                Text(
                    f"Temat '{theme}' saknar svar under responses; rapporten skulle vara "
                    f"klar {due}.",
                    f"The theme '{theme}' has no response under responses; the report was "
                    f"due {due}.",
                ),
                Text(
                    f"Lägg till ett svar med theme: {theme}, response, decided_by, due och state.",
                    f"Add a response with theme: {theme}, response, decided_by, due and state.",
                ),
            )


@rule("DK229", KIND)
def status_contradicts_date(plan: DialogueProject, workspace) -> Iterator[Hit]:
    today = workspace.today
    for i, d in enumerate(plan.dialogues):
        if d.status == "held" and d.date > today:
            yield Hit(
                ("dialogues", i, "status"),
                Text(
                    f"Dialogen '{d.id}' är markerad som genomförd men datumet {d.date} har "
                    "inte kommit.",
                    f"The dialogue '{d.id}' is marked held but its date {d.date} has not come yet.",
                ),
                Text(
                    "Rätta datumet, eller skriv status: planned eller booked.",
                    "Correct the date, or write status: planned or booked.",
                ),
            )
    for item, late in _overdue(plan, workspace, ("dialogue", "test_dialogue")):
        since = _since(late)
        status = plan.dialogues[item.key_path[1]].status
        sv, en = label(status, "sv"), label(status, "en")
        yield Hit(
            item.key_path,
            Text(
                f"Dialogen '{item.dialogue}' har status {sv} men datumet {item.day} "
                f"passerade för {since.sv} sedan.",
                f"The dialogue '{item.dialogue}' has the status {en} but its date "
                f"{item.day} passed {since.en} ago.",
            ),
            Text(
                "Skriv status: held om den hölls (dialogkit record) eller cancelled om den "
                "ställdes in.",
                "Write status: held if it took place (dialogkit record) or cancelled if it "
                "was called off.",
            ),
        )


@rule("DK230", KIND)
def registration_closed_while_planned(plan: DialogueProject, workspace) -> Iterator[Hit]:
    for item, _ in _overdue(plan, workspace, ("registration",)):
        yield Hit(
            item.key_path,
            Text(
                f"Sista anmälningsdag {item.day} har passerat men dialogen '{item.dialogue}' "
                "har fortfarande status planerad (planned).",
                f"The registration deadline {item.day} has passed but the dialogue "
                f"'{item.dialogue}' still has the status planned.",
            ),
            Text(
                "Skriv status: bokad (booked) när lokal, tid och länk är bokade.",
                "Write status: booked once the venue, time and link are booked.",
            ),
        )
