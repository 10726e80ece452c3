"""The calendar product: one ICS file with every dialogue of a project (public)."""

from __future__ import annotations

from .base import File, Made, Product, Request
from .formats import FORMATS


def make_calendar(loaded, request: Request) -> Made:
    from ..invitations import dialogue_calendar
    from ..words import words

    name = f"{words(loaded.plan.language)['file.calendar']}.ics"
    calendar = dialogue_calendar(loaded, templates=request.templates, draft=request.draft)
    return Made([File(name, calendar, public=True)])


PRODUCT = Product("calendar", FORMATS["calendar"], make_calendar, built=lambda plan: [Request()])
