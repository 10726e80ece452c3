"""The timeline product: month by month, as a terminal chart, Markdown, a Mermaid
gantt chart or CSV; `ics` gives the dialogues' calendar (the calendar product)."""

from __future__ import annotations

from datetime import date

from .base import Drawing, File, Made, Product, Request
from .calendar import make_calendar
from .formats import FORMATS


def make_timeline(loaded, request: Request) -> Made:
    if request.format == "ics":
        return make_calendar(loaded, request)
    from ..render import timeline as render
    from ..timeline import build_timeline
    from ..words import words

    timeline = build_timeline(loaded.plan)
    today = request.today or date.today()
    stem = words(timeline.language)["file.timeline"]
    if request.format == "terminal":
        draw = lambda console: render.render_terminal(timeline, today, console)  # noqa: E731
        return Made([Drawing(f"{stem}.txt", draw)])
    if request.format == "mermaid":
        mermaid = words(timeline.language)["file.timeline_mermaid"]
        return Made([File(f"{mermaid}.md", render.render_mermaid(timeline, today))])
    if request.format == "csv":
        return Made([File(f"{stem}.csv", render.render_csv(timeline, today))])
    return Made([File(f"{stem}.md", render.render_markdown(timeline, today))])


PRODUCT = Product(
    "timeline",
    FORMATS["timeline"],
    make_timeline,
    built=lambda plan: [Request(format=f) for f in ("markdown", "mermaid", "csv")],
    borrowed={"ics": "calendar"},
)
