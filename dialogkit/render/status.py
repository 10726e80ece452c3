"""`dialogkit status` as text for an 80-column terminal, as Markdown and as JSON."""

from __future__ import annotations

import json
from datetime import date

from ..markup import table_cell
from ..status import Due, DueItem
from ..words import words

SECTIONS = ("overdue", "lead_time", "due", "next")
INDENT = 14
"""Where an item's text starts: after the date and two spaces, under the first line."""


def what(item: DueItem, language: str) -> str:
    """The item in words: "Inbjudan, tidningsannons", "Uppgift: Webbsida"."""
    w = words(language)
    title = (
        w.get(f"status.channel.{item.title}", item.title)
        if item.kind == "invitation"
        else item.title
    )
    dialogue_day = item.dialogue_day and item.dialogue_day.isoformat()
    return w[f"status.{item.kind}"].format(title=title, dialogue_day=dialogue_day)


def days_text(item: DueItem, today: date, language: str) -> str:
    """ "idag", "om 3 dagar", "2 dagar sent"."""
    w, days = words(language), item.days(today)
    if days == 0:
        return w["status.today"]
    key = "status.left" if days > 0 else "status.late"
    return w[f"{key}.{'one' if abs(days) == 1 else 'many'}"].format(n=abs(days))


def where(item: DueItem) -> str:
    """The plan, the dialogue and who is responsible, on one line."""
    return " · ".join(filter(None, (item.plan, item.dialogue, ", ".join(item.responsible))))


def window(due: Due, language: str) -> str:
    """ "14 dagar", "1 dag": how far ahead the list looks."""
    w = words(language)
    return w["status.days.one" if due.days == 1 else "status.days.many"].format(n=due.days)


def title(due: Due, language: str) -> str:
    """ "Att göra 2021-04-20 (14 dagar framåt)"."""
    return words(language)["status.title"].format(
        today=due.today.isoformat(), days=window(due, language)
    )


def _headings(due: Due, language: str) -> dict[str, str]:
    w = words(language)
    return {
        "overdue": w["status.overdue"],
        "lead_time": w["status.lead_time"],
        "due": w["status.due"].format(days=window(due, language)),
        "next": w["status.next"],
    }


def render_text(due: Due, language: str, width: int = 80) -> str:
    """Two lines an item, none wider than `width`: the date, the days left or late
    and what; under it the plan, the dialogue and who is responsible."""
    from rich.cells import cell_len, set_cell_size

    def fit(line: str) -> str:
        if cell_len(line) <= width:
            return line
        return set_cell_size(line, width - 1) + "…"

    w = words(language)
    lines = [fit(title(due, language))]
    for section, heading in _headings(due, language).items():
        items = getattr(due, section)
        if not items:
            continue
        lines += ["", heading]
        for item in items:
            first = f"  {item.day.isoformat()}  {days_text(item, due.today, language):<15} "
            lines.append(fit(first + what(item, language)))
            lines.append(fit(" " * INDENT + where(item)))
    if not any(getattr(due, section) for section in SECTIONS):
        lines += ["", w["status.nothing"]]
    if due.unread:  # paths to copy: whole, one a line
        lines += ["", w["status.unread"].format(files="").rstrip(), *map(str, due.unread)]
    return "\n".join(lines) + "\n"


def render_markdown(due: Due, language: str) -> str:
    """A heading, then a table per section."""
    w = words(language)
    columns = ("date", "days", "what", "plan", "dialogue", "responsible")
    lines = [f"# {title(due, language)}"]
    for section, heading in _headings(due, language).items():
        items = getattr(due, section)
        if not items:
            continue
        lines += ["", f"## {heading}", ""]
        lines.append("| " + " | ".join(w[f"status.column.{c}"] for c in columns) + " |")
        lines.append("|" + "---|" * len(columns))
        for item in items:
            cells = (
                item.day.isoformat(),
                days_text(item, due.today, language),
                what(item, language),
                item.plan,
                item.dialogue or "",
                ", ".join(item.responsible),
            )
            lines.append("| " + " | ".join(table_cell(c) for c in cells) + " |")
    if not any(getattr(due, section) for section in SECTIONS):
        lines += ["", w["status.nothing"]]
    if due.unread:
        lines += ["", w["status.unread"].format(files=", ".join(map(str, due.unread)))]
    return "\n".join(lines) + "\n"


def render_json(due: Due, language: str) -> str:
    """For scripts: every item with its kind, date, days left (negative when late),
    plan, file, dialogue, title and those responsible, and the text in `language`; a
    lead-time item also its dialogue's date."""

    def item_data(item: DueItem) -> dict:
        lead = {"dialogue_date": item.dialogue_day.isoformat()} if item.dialogue_day else {}
        return {
            "kind": item.kind,
            "what": what(item, language),
            "date": item.day.isoformat(),
            "days": item.days(due.today),
            "plan": item.plan,
            "file": str(item.path),
            "dialogue": item.dialogue,
            "title": item.title,
            "responsible": list(item.responsible),
        } | lead

    data = {
        "today": due.today.isoformat(),
        "window_days": due.days,
        **{section: [item_data(i) for i in getattr(due, section)] for section in SECTIONS},
        "unread": [str(path) for path in due.unread],
        "participation": due.participation,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
