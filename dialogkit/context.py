"""The values a template sees for one dialogue, so every template (invitation,
calendar, report) is written against the same names. They are plain data
(template_data), never the plan's model objects."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from . import clock
from .model.project import Dialogue, DialogueProject
from .template_data import PlanData, plan_data

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def dialogue_context(project: DialogueProject, dialogue: Dialogue) -> dict[str, Any]:
    """What every template of a dialogue gets. A block the dialogue's format does not
    use (a venue on a digital dialogue, `digital:` on an in-person one) is left out
    here, so no text mentions it; `plan check` says so (DK223)."""
    data = plan_data(project)
    record = _dialogues_by_id(data)[dialogue.id]
    members = _members_by_id(data)
    venue = record.venue if record.format != "digital" else None
    digital = record.digital if record.format != "in_person" else None
    press = data.press
    return {
        "project": data,
        "dialogue": record,
        "question": record.focus_question or data.questions[0],
        "dialogue_count": _real_dialogues(data),
        "members": [members[m] for m in record.members if m in members],
        "venue": venue,
        "street": _street(venue.address) if venue and venue.address else None,
        "accessible": bool(venue and venue.accessible),
        "hearing_loop": bool(venue and venue.hearing_loop),
        "venue_registration": record.registration if venue else None,
        "refreshments": record.refreshments if venue else None,
        "support": record.support,
        "digital": digital,
        "contact": data.contact,
        "web_page": data.web_page,
        "quote": _without_full_stop(press.quote) if press and press.quote else None,
        "quoted": press.quoted if press else None,
        "press_contact": (press and press.contact) or data.contact,
        "dateline": (press and press.place) or record.municipality,
        "today": today(),
    }


def today() -> date:
    """The day the text is made, in Sweden (SOURCE_DATE_EPOCH makes it reproducible)."""
    return clock.now().astimezone(STOCKHOLM).date()


def _street(address: str) -> str:
    """The street of "Barnhemsgatan 2, Köping": an ad names the town already."""
    return address.split(",")[0].strip()


def _without_full_stop(quote: str) -> str:
    """A quote is followed by ", säger …" / ", says …": its own full stop goes."""
    quote = quote.strip()
    return quote[:-1] if quote.endswith(".") and not quote.endswith("..") else quote


@functools.lru_cache(maxsize=8)
def _dialogues_by_id(project: PlanData) -> dict[str, PlanData]:
    return {d.id: d for d in reversed(project.dialogues)}


@functools.lru_cache(maxsize=8)
def _real_dialogues(project: PlanData) -> int:
    """How many dialogues residents are invited to: not the test ones, not cancelled."""
    return sum(1 for d in project.dialogues if not d.test and d.status != "cancelled")


@functools.lru_cache(maxsize=8)
def _members_by_id(project: PlanData) -> dict[str, PlanData]:
    return {m.id: m for m in project.members}
