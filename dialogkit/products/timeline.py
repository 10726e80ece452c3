"""The timeline product: month by month, as a terminal chart, Markdown, a Mermaid
gantt chart or CSV; `ics` gives the dialogues' calendar (the calendar product)."""

from __future__ import annotations

from datetime import date

from .base import Drawing, File, Made, Product, Request
from .calendar import make_calendar
from .draft import marked_drawing, marked_text
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
    draft = request.draft
    if request.format == "terminal":
        draw = lambda console: render.render_terminal(timeline, today, console)  # noqa: E731
        return Made([marked_drawing(Drawing(f"{stem}.txt", draw), draft)])
    if request.format == "mermaid":
        mermaid = words(timeline.language)["file.timeline_mermaid"]
        return Made([File(f"{mermaid}.md", render.render_mermaid(timeline, today, draft=draft))])
    if request.format == "csv":
        return Made([File(f"{stem}.csv", render.render_csv(timeline, today, draft=draft))])
    markdown = render.render_markdown(timeline, today)
    return Made([File(f"{stem}.md", marked_text(markdown, draft, markdown=True))])


PRODUCT = Product(
    "timeline",
    FORMATS["timeline"],
    make_timeline,
    built=lambda plan: [Request(format=f) for f in ("markdown", "mermaid", "csv")],
    borrowed={"ics": "calendar"},
)
