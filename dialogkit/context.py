"""The values a template sees for one dialogue, so every template (invitation,
calendar, report) is written against the same names."""

from __future__ import annotations

from typing import Any

from .model.project import Dialogue, DialogueProject


def dialogue_context(project: DialogueProject, dialogue: Dialogue) -> dict[str, Any]:
    members = {m.id: m for m in project.members}
    venue = dialogue.venue if dialogue.format != "digital" else None
    digital = dialogue.digital if dialogue.format != "in_person" else None
    return {
        "project": project,
        "dialogue": dialogue,
        "question": dialogue.focus_question or project.questions[0],
        "members": [members[m] for m in dialogue.members if m in members],
        "venue": venue,
        "accessible": bool(venue and venue.accessible),
        "hearing_loop": bool(venue and venue.hearing_loop),
        "digital": digital,
        "contact": project.contact,
        "web_page": project.web_page,
    }
