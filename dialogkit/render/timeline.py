"""A timeline as a terminal chart, Markdown, a Mermaid gantt block or CSV."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby

from ..formatting import LOCALES, format_date
from ..markup import escape_markdown
from ..timeline import Timeline, TimelineItem
from ..words import label, words
from . import print_wide
from .cells import csv_text


def month_name(year: int, month: int, language: str = "sv") -> str:
    """ "april" in Swedish, "April" in English: the stand-alone month name."""
    from babel.dates import get_month_names

    return get_month_names("wide", context="stand-alone", locale=LOCALES[language])[month]


def _status(item: TimelineItem, today: date, language: str) -> str:
    return label("overdue" if item.overdue(today) else item.status, language)


def _by_start_month(items):
    return groupby(items, key=lambda item: (item.start.year, item.start.month))


def _title(item: TimelineItem, language: str) -> str:
    if item.kind in ("dialogue", "test_dialogue"):
        return words(language)[f"timeline.{item.kind}"].format(title=item.title)
    return item.title


def _shorten(text: str, width: int = 46) -> str:
    """The first sentence, cut to `width` characters: the terminal view is an overview."""
    first = text.split(". ")[0].rstrip(".")
    return first if len(first) <= width else first[: width - 1].rstrip() + "…"


def render_terminal(timeline: Timeline, today: date, console) -> None:
    """Rows grouped by start month; one column per month with a bar for the item's span."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    language = timeline.language
    w = words(language)
    months = timeline.months()
    narrow = len(months) > 15
    widths = [
        max([len(_shorten(_title(i, language))) + 2 for i in timeline.items] + [16]),
        max([len(i.when) for i in timeline.items] + [4]),
        max([len(_status(i, today, language)) for i in timeline.items] + [6]),
    ] + [1 if narrow else 4] * len(months)
    table = Table(title=escape(timeline.title), title_justify="left")
    table.add_column(w["timeline.what"], width=widths[0], no_wrap=True)
    table.add_column(w["timeline.when"], width=widths[1], no_wrap=True)
    table.add_column(w["timeline.status"], width=widths[2], no_wrap=True)
    for (year, month), width in zip(months, widths[3:], strict=True):
        name = month_name(year, month, language)
        header = name[:1].upper() if narrow else name[:3]
        if (year, month) == (today.year, today.month):
            header = "▼" if narrow else "▼" + header
        table.add_column(header, justify="center", no_wrap=True, width=width)

    for (year, month), items in _by_start_month(timeline.items):
        heading = f"{month_name(year, month, language).capitalize()} {year}"
        table.add_row(Text(heading, style="bold"), "", "", *[""] * len(months))
        for item in items:
            overdue = item.overdue(today)
            status_style = {"done": "green", "held": "green", "cancelled": "dim"}.get(
                item.status, "yellow"
            )
            bars = []
            for y, m in months:
                inside = (
                    (item.start.year, item.start.month)
                    <= (y, m)
                    <= (
                        item.end.year,
                        item.end.month,
                    )
                )
                mark = ("◆" if item.kind == "milestone" else "●") if item.start == item.end else "█"
                cell = (
                    (mark if narrow else mark * (1 if item.start == item.end else 4))
                    if inside
                    else ""
                )
                style = "red" if overdue else ("dim" if item.status == "cancelled" else "cyan")
                if (y, m) == (today.year, today.month) and not inside:
                    cell, style = "┊", "magenta"
                bars.append(Text(cell, style=style))
            table.add_row(
                Text("  " + _shorten(_title(item, language)), style="bold red" if overdue else ""),
                item.when,
                Text(_status(item, today, language), style="bold red" if overdue else status_style),
                *bars,
            )
    print_wide(console, table, sum(widths) + 3 * len(widths) + 1)  # + padding and borders
    overdue_count = sum(item.overdue(today) for item in timeline.items)
    note = f"{w['timeline.today']}: {format_date(today, language)} (▼)."
    if overdue_count:
        note += " " + w["timeline.overdue_count"].format(count=overdue_count)
    console.print(note, style="dim" if not overdue_count else "red")


def render_markdown(timeline: Timeline, today: date) -> str:
    language = timeline.language
    w = words(language)
    lines = [f"# {w['timeline.heading']}: {escape_markdown(timeline.title)}", ""]
    lines.append(f"{w['timeline.as_of']} {format_date(today, language)}.")
    for (year, month), items in _by_start_month(timeline.items):
        lines += ["", f"## {month_name(year, month, language).capitalize()} {year}", ""]
        for item in items:
            status = _status(item, today, language)
            if item.overdue(today):
                status = f"**{status}**"
            who = f" – {', '.join(item.responsible)}" if item.responsible else ""
            title, when = escape_markdown(_title(item, language)), escape_markdown(item.when)
            lines.append(f"- **{title}** ({when}) – {status}{escape_markdown(who)}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    """Mermaid task names end at ':' and '#' starts a comment."""
    return " ".join(text.replace(":", " –").replace("#", "nr").replace(";", ",").split())[:80]


def render_mermaid(timeline: Timeline, today: date) -> str:
    language = timeline.language
    w = words(language)
    sections = {
        "task": w["timeline.heading"],
        "milestone": w["timeline.heading"],
        "activity": w["timeline.activities"],
        "test_dialogue": w["timeline.test_dialogues"],
        "dialogue": w["timeline.dialogues"],
    }
    lines = [
        "```mermaid",
        "gantt",
        f"    title {_mermaid_text(timeline.title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
        "    todayMarker stroke-width:3px,stroke:#c00,opacity:0.6",
    ]
    ordered = sorted(timeline.items, key=lambda i: list(sections).index(i.kind))
    for section, items in groupby(ordered, key=lambda i: sections[i.kind]):
        lines.append(f"    section {section}")
        for number, item in enumerate(items, start=1):
            tags = []
            if item.status in ("done", "held"):
                tags.append("done")
            elif item.status == "ongoing":
                tags.append("active")
            if item.overdue(today):
                tags.append("crit")
            if item.kind == "milestone":
                tags.append("milestone")
            ident = "".join(ch if ch.isalnum() else "_" for ch in item.id) or f"t{number}"
            if item.kind == "milestone":  # a milestone is due at the end of its period
                fields = [*tags, ident, item.end.isoformat(), "0d"]
            else:
                end = (item.end + timedelta(days=1)).isoformat()  # Mermaid's end is exclusive
                fields = [*tags, ident, item.start.isoformat(), end]
            lines.append(f"    {_mermaid_text(_title(item, language))} :{', '.join(fields)}")
    lines.append("```")
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("type", "id", "what", "start", "end", "status", "responsible", "overdue")


def csv_header(language: str = "sv") -> tuple[str, ...]:
    return tuple(words(language)[f"timeline.csv.{column}"] for column in CSV_COLUMNS)


def render_csv(timeline: Timeline, today: date) -> str:
    """Semicolon-separated, as Swedish Excel expects; dates in ISO form; the header
    and yes/no in the timeline's language, kinds and statuses as the plan's codes."""
    w = words(timeline.language)
    rows = [
        (
            item.kind,
            item.id,
            item.title,
            item.start.isoformat(),
            item.end.isoformat(),
            item.status,
            ", ".join(item.responsible),
            w["yes"] if item.overdue(today) else w["no"],
        )
        for item in timeline.items
    ]
    return csv_text([csv_header(timeline.language), *rows])
