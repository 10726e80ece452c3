"""Texts and calendar files for the dialogues of a project."""

from __future__ import annotations

from pathlib import Path

from .context import dialogue_context
from .ics import calendar_bytes
from .model.project import Dialogue, DialogueProject
from .templating import environment, render, template_dirs
from .workspace import LoadedPlan


def workspace_root(plan_file: Path) -> Path | None:
    """The folder whose `templates/` overrides the built-in ones: the nearest folder
    above the plan that has `templates/`, looking no further than the git root."""
    for folder in plan_file.resolve().parents:
        if (folder / "templates").is_dir():
            return folder
        if (folder / ".git").exists():
            return None
    return None


def template_environment(loaded: LoadedPlan, extra: Path | None = None):
    language = loaded.plan.language
    return environment(template_dirs(workspace_root(loaded.path), extra), language)


def dialogue_calendar(
    loaded: LoadedPlan,
    dialogues: list[Dialogue] | None = None,
    *,
    templates: Path | None = None,
) -> bytes:
    """The ICS file for a project's dialogues, each described by the calendar template."""
    project: DialogueProject = loaded.plan
    env = template_environment(loaded, templates)
    name = f"{project.language}/calendar.txt.j2"

    def describe(dialogue: Dialogue) -> str:
        return render(env, name, **dialogue_context(project, dialogue)).strip()

    return calendar_bytes(project, dialogues or project.dialogues, describe)
