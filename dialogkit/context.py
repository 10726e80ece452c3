"""The values a template sees for one dialogue, so every template (invitation,
calendar, report) is written against the same names. They are plain data
(template_data), never the plan's model objects."""

from __future__ import annotations

import functools
from typing import Any

from .model.project import Dialogue, DialogueProject
from .template_data import PlanData, plan_data


def dialogue_context(project: DialogueProject, dialogue: Dialogue) -> dict[str, Any]:
    data = plan_data(project)
    record = _dialogues_by_id(data)[dialogue.id]
    members = _members_by_id(data)
    venue = record.venue if record.format != "digital" else None
    digital = record.digital if record.format != "in_person" else None
    return {
        "project": data,
        "dialogue": record,
        "question": record.focus_question or data.questions[0],
        "members": [members[m] for m in record.members if m in members],
        "venue": venue,
        "accessible": bool(venue and venue.accessible),
        "hearing_loop": bool(venue and venue.hearing_loop),
        "digital": digital,
        "contact": data.contact,
        "web_page": data.web_page,
    }


@functools.lru_cache(maxsize=8)
def _dialogues_by_id(project: PlanData) -> dict[str, PlanData]:
    return {d.id: d for d in reversed(project.dialogues)}


@functools.lru_cache(maxsize=8)
def _members_by_id(project: PlanData) -> dict[str, PlanData]:
    return {m.id: m for m in project.members}
