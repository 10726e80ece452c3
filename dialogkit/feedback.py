"""Feedback texts after a held dialogue ("Ni sa – vi gör"): what was asked and how much
influence was promised, how many took part, the themes heard and what happens with
each (the project's responses), when the next feedback comes and where to read more.

They are public, so they are rendered from the plan's public version (privacy.py),
and they quote no notes: a resident's name in `public_notes` is no pattern the
personal-data gate can find, so only the short themes and the responses go out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .context import dialogue_context, today
from .errors import UsageError
from .heard import theme_key
from .invitations import MARKDOWN_CHANNELS, ChannelText, channel_text, known_channels, only_emails
from .model.project import Dialogue, DialogueProject, Response
from .participation import Shown, figures, shown_count
from .privacy import public_version
from .templating import template_environment
from .words import words
from .workspace import LoadedPlan

FEEDBACK_CHANNELS = ("email", "web", "press_release")
EMAIL_CHANNELS = ("email",)
OPEN_STATES = ("considering",)
"""A response whose due date is still an answer to come (a decided one's is the decision's)."""
"""Responses still to come: their due date is when residents hear more."""


def held_dialogues(
    project: DialogueProject, ids: list[str] | None
) -> tuple[list[Dialogue], list[Dialogue]]:
    """The dialogues to write feedback for, and those chosen but not held yet. By
    default every real dialogue that is not cancelled; asked for by id, a dialogue that
    is not held is refused, since its feedback cannot be written."""
    if ids:
        from .invitations import select_dialogues

        chosen = select_dialogues(project, ids)
        waiting = [d for d in chosen if d.status != "held"]
        if waiting:
            names = ", ".join(d.id for d in waiting)
            raise UsageError(
                f"Dialogen {names} är inte genomförd än; återkoppling skrivs efter dialogen.",
                hint="Sätt status: held och fyll i outcome i planen (eller använd "
                "dialogkit record).",
                english=(
                    f"The dialogue {names} is not held yet; feedback is written after it.",
                    "Set status: held and fill in outcome in the plan (or use dialogkit record).",
                ),
            )
        return chosen, []
    real = [d for d in project.dialogues if not d.test and d.status != "cancelled"]
    return [d for d in real if d.status == "held"], [d for d in real if d.status != "held"]


def feedback_texts(
    loaded: LoadedPlan,
    *,
    dialogue_ids: list[str] | None = None,
    channels: list[str] | None = None,
    templates: Path | None = None,
    markdown: bool = False,
    drafts: bool = False,
) -> tuple[list[ChannelText], list[str]]:
    """The feedback text of every chosen held dialogue and channel, and notes for the
    user (dialogues not held yet, held ones without themes). With `drafts`, only the
    e-mail; Markdown escaping as for the invitations."""
    project: DialogueProject = public_version(loaded.plan)
    plain = template_environment(loaded, templates)
    marked = template_environment(loaded, templates, markdown=True)
    chosen = known_channels(list(channels or ()) or list(FEEDBACK_CHANNELS), FEEDBACK_CHANNELS)
    if drafts:
        chosen = only_emails(list(channels or ()) or list(EMAIL_CHANNELS), EMAIL_CHANNELS)
    held, waiting = held_dialogues(project, dialogue_ids)
    w = words(project.language)
    notes = []
    if waiting:
        notes.append(w["message.not_held"].format(dialogues=", ".join(d.id for d in waiting)))
    result = []
    counts = {f.id: f.participants for f in figures(project, public=True).dialogues}
    for dialogue in held:
        context = feedback_context(project, dialogue, counts.get(dialogue.id))
        if not context["themes"]:
            notes.append(w["message.no_themes"].format(dialogue=dialogue.id))
        for channel in chosen:
            env = marked if markdown or channel in MARKDOWN_CHANNELS else plain
            template = f"{project.language}/feedback/{channel}.txt.j2"
            result.append(channel_text(env, template, dialogue, channel, **context))
    return result, notes


def feedback_context(
    project: DialogueProject, dialogue: Dialogue, took_part: Shown | None = None
) -> dict[str, Any]:
    """What a feedback template gets besides the dialogue's own values: the rung, the
    number who took part as the public report shows it (`took_part`, from
    participation.figures: no count under 5, none a report hides), each theme with its
    response (or none yet), the date of the next feedback and the report's due date
    while it is to come."""
    outcome = dialogue.outcome
    if took_part is None:  # a dialogue the report does not count, such as a test
        took_part = shown_count(outcome and outcome.participants, project.language, True)
    themes = [
        {"theme": theme, "response": response_to(project, theme)}
        for theme in (outcome.themes if outcome else [])
    ]
    day = today()
    report = project.reporting
    return {
        **dialogue_context(project, dialogue),
        "rung": project.participation_rung,
        "participants": took_part.value,
        "participants_small": took_part.small,
        "themes": themes,
        "next_feedback": next_feedback(project, [t["response"] for t in themes], day),
        "report_due": report.due if report and report.due >= day else None,
    }


def response_to(project: DialogueProject, theme: str) -> Response | None:
    """The project's response to a theme: the same words, whatever the case or spaces."""
    key = theme_key(theme)
    return next((r for r in project.responses if theme_key(r.theme) == key), None)


def next_feedback(
    project: DialogueProject, responses: list[Response | None], day: date
) -> date | None:
    """The first date from `day` on when residents hear more: an open response's due
    date, or else the report's due date."""
    dates = [r.due for r in responses if r and r.state in OPEN_STATES and r.due and r.due >= day]
    if not dates and project.reporting and project.reporting.due >= day:
        dates = [project.reporting.due]
    return min(dates, default=None)
