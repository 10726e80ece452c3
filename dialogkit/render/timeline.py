"""A timeline as a terminal chart, Markdown, a Mermaid gantt block or CSV."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import groupby

from ..formatting import LOCALES, format_date, plural
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


TITLE_WIDTH = 46
"""The widest a title is shown in the full table: the terminal view is an overview."""
MIN_TITLE_WIDTH = 20
"""A compact table drops its month strip rather than show titles narrower than this."""


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".")


def _words_within(text: str, width: int) -> str:
    """The whole words at the start of `text` that fit in `width` ("" if none does)."""
    if len(text) <= width:
        return text
    if width > 0 and text[width] == " ":
        return text[:width].rstrip()
    return text[:width].rpartition(" ")[0].rstrip()


def cut_words(text: str, width: int) -> str:
    """`text`, or as many of its words as fit in `width` with "…" after them; only a
    single word longer than `width` is cut inside."""
    if len(text) <= width:
        return text
    head = _words_within(text, width - 1).rstrip(" ,;:–-") or text[: width - 1]
    return head + "…"


def _common_prefix(a: str, b: str) -> int:
    pairs = enumerate(zip(a, b, strict=False))
    return next((n for n, (x, y) in pairs if x != y), min(len(a), len(b)))


def _differs_at(text: str, others: list[str]) -> int:
    """Where the word begins in which `text` first differs from every one of `others`
    (a word ends at a space or a "/")."""
    differs = max(_common_prefix(text, other) for other in others)
    return max(text.rfind(" ", 0, differs), text.rfind("/", 0, differs)) + 1


def _clashes(texts: list[str], shown: list[str]) -> list[list[int]]:
    """The groups of rows that are shown alike although their texts differ."""
    rows_by_shown: dict[str, list[int]] = {}
    for row, text in enumerate(shown):
        rows_by_shown.setdefault(text, []).append(row)
    return [rows for rows in rows_by_shown.values() if len({texts[r] for r in rows}) > 1]


def _from_difference(texts: list[str], width: int) -> list[str]:
    """`texts` cut to `width` so that each shows where it differs from the others:
    the first words they share, "…", then each text from the word where it differs.
    A text that fits is shown whole."""
    starts = [_differs_at(t, [o for o in texts if o != t]) for t in texts]
    longest = max(len(t[s:].split(" ")[0]) for t, s in zip(texts, starts, strict=True))
    room = width - longest - 3  # " …" before the word, "…" after it
    shown = []
    for text, start in zip(texts, starts, strict=True):
        if len(text) <= width or start == 0:
            shown.append(cut_words(text, width))
            continue
        head = _words_within(text[:start].rstrip(" /"), room) if room > 0 else ""
        shown.append(cut_words(f"{head} …{text[start:]}".lstrip(), width))
    return shown


def shorten_titles(titles: list[str], ids: list[str], width: int) -> list[str]:
    """Each title's first sentence cut to `width`; titles that differ stay different
    (four "Processledare informerar Kommunstyrelseförvaltningen/…" rows show which
    department each is about). The id tells apart rows that still read the same."""
    titles = [" ".join(title.split()) for title in titles]  # one line each
    shown = [cut_words(_first_sentence(title), width) for title in titles]
    for rows in _clashes(titles, shown):
        for row, text in zip(rows, _from_difference([titles[r] for r in rows], width), strict=True):
            shown[row] = text
    for rows in _clashes(titles, shown):
        for row in rows:
            text = _first_sentence(titles[row])
            shown[row] = f"{cut_words(text, width - len(ids[row]) - 3)} ({ids[row]})"
    return shown


def _table_width(widths: list[int], *, framed: bool = True) -> int:
    """The width of a table with columns `widths`: a space either side of each, a line
    between them and, when `framed`, a frame around them (see `_table`)."""
    return sum(widths) + 3 * len(widths) + (1 if framed else -3)


def _table(title: str, framed: bool):
    """The full table is framed; a compact one saves the frame's four columns."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    if framed:
        return Table(title=escape(title), title_justify="left")
    return Table(
        title=escape(title),
        title_justify="left",
        box=box.MINIMAL_HEAVY_HEAD,
        show_edge=False,
        pad_edge=False,
    )


def _chart_widths(layout: str, months: int) -> list[int]:
    """The widths of the chart's columns: one per month, one strip, or none."""
    if layout == "bars":
        return [1 if months > 15 else 4] * months
    return [months] if layout == "strip" else []


def _layout(timeline: Timeline, today: date, width: int) -> tuple[str, int]:
    """("bars", title width) for the full table with a column per month when it fits
    in `width`; else "strip", one character per month in one column, or "none"."""
    language = timeline.language
    titles = [_first_sentence(_title(item, language)) for item in timeline.items]
    title = max([min(len(t), TITLE_WIDTH) + 2 for t in titles] + [16])
    fixed = _fixed_widths(timeline, today)
    months = len(timeline.months())
    if _table_width([title, *fixed, *_chart_widths("bars", months)]) <= width:
        return "bars", title
    room = width - _table_width([0, *fixed, *_chart_widths("strip", months)], framed=False)
    if room >= MIN_TITLE_WIDTH:
        return "strip", min(room, title)
    room = width - _table_width([0, *fixed], framed=False)
    return "none", min(title, max(MIN_TITLE_WIDTH, room))


def _fixed_widths(timeline: Timeline, today: date) -> list[int]:
    """The widths of "När" and "Status"."""
    w = words(timeline.language)
    return [
        max([len(i.when) for i in timeline.items] + [len(w["timeline.when"])]),
        max(
            [len(_status(i, today, timeline.language)) for i in timeline.items]
            + [len(w["timeline.status"])]
        ),
    ]


def _mark(item: TimelineItem, year: int, month: int, today: date) -> tuple[str, str]:
    """The character and style of `item` in one month: a bar, a dot or nothing."""
    inside = (item.start.year, item.start.month) <= (year, month) <= (item.end.year, item.end.month)
    if not inside:
        if (year, month) == (today.year, today.month):
            return "┊", "magenta"
        return "", ""
    dot = "◆" if item.kind == "milestone" else "●"
    mark = dot if item.start == item.end else "█"
    style = "red" if item.overdue(today) else ("dim" if item.status == "cancelled" else "cyan")
    return mark, style


def render_terminal(timeline: Timeline, today: date, console) -> None:
    """Rows grouped by start month, with a bar for each item's span: one column per
    month when the console is wide enough, else one character per month in a single
    column, and below that no chart at all. Titles are cut to the room left."""
    from rich.text import Text

    language = timeline.language
    w = words(language)
    items = timeline.items
    months = timeline.months()
    layout, title_width = _layout(timeline, today, console.width)
    fixed = _fixed_widths(timeline, today)
    chart_widths = _chart_widths(layout, len(months))
    letters = layout == "strip" or len(months) > 15
    titles = shorten_titles(
        [_title(i, language) for i in items], [i.id for i in items], title_width - 2
    )

    table = _table(timeline.title, framed=layout == "bars")
    table.add_column(w["timeline.what"], width=title_width, no_wrap=True)
    table.add_column(w["timeline.when"], width=fixed[0], no_wrap=True)
    table.add_column(w["timeline.status"], width=fixed[1], no_wrap=True)
    headers = []
    for year, month in months:
        name = month_name(year, month, language)
        header = name[:1].upper() if letters else name[:3]
        if (year, month) == (today.year, today.month):
            header = "▼" if letters else "▼" + header
        headers.append(header)
    if layout == "strip":
        headers = ["".join(headers)]
    for header, width in zip(headers, chart_widths, strict=False):
        table.add_column(header, justify="center", no_wrap=True, width=width)

    rows = iter(titles)
    for (year, month), group in _by_start_month(items):
        heading = f"{month_name(year, month, language).capitalize()} {year}"
        table.add_row(Text(heading, style="bold"), "", "", *[""] * len(chart_widths))
        for item in group:
            overdue = item.overdue(today)
            status_style = {"done": "green", "held": "green", "cancelled": "dim"}.get(
                item.status, "yellow"
            )
            marks = [_mark(item, y, m, today) for y, m in months]
            if layout == "strip":
                chart = [Text.assemble(*[(mark or "·", style or "dim") for mark, style in marks])]
            else:
                chart = [
                    Text(mark * (width if mark == "█" else 1), style=style)
                    for (mark, style), width in zip(marks, chart_widths, strict=False)
                ]
            table.add_row(
                Text("  " + next(rows), style="bold red" if overdue else ""),
                item.when,
                Text(_status(item, today, language), style="bold red" if overdue else status_style),
                *chart,
            )
    widths = [title_width, *fixed, *chart_widths]
    print_wide(console, table, _table_width(widths, framed=layout == "bars"))
    overdue_count = sum(item.overdue(today) for item in items)
    note = f"{w['timeline.today']}: {format_date(today, language)} (▼)."
    if overdue_count:
        note += f" {plural(overdue_count, w['timeline.overdue.one'], w['timeline.overdue.many'])}."
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


MERMAID_WIDTH = 80
"""The longest task name in a gantt chart; the chart has the whole title beside it."""


_MERMAID_CODED = re.compile(r'[#;:%&<>"]')
"""What Mermaid would read as syntax or markup in a gantt label: `:` ends a task name,
`#`, `;` and `%%` end the line's text, `%%{…}%%` is a directive, `<`, `>`, `&` and `"`
are HTML in the rendered chart. Each is written as Mermaid's entity code (`#60;` for
`<`), which Mermaid shows as the character itself: plan text is data. An apostrophe
means nothing to a gantt chart and stays, so that "Office's" reads as written."""
_MERMAID_KEYWORDS = re.compile(
    r"(?:title|section|dateformat|axisformat|tickinterval|todaymarker|excludes|includes"
    r"|inclusiveenddates|topaxis|weekday|weekend|click|acctitle|accdescr|displaymode"
    r"|gantt)",
    re.IGNORECASE,
)
"""Words that make a gantt line a statement when they start it (Mermaid ignores case)."""


def _mermaid_text(text: str) -> str:
    """`text` on one line as a gantt label shows it as written: a long one cut after
    a whole word, then every character Mermaid would interpret written as its entity
    code, and the first one too when the label starts with a gantt keyword."""
    shown = cut_words(" ".join(text.split()), MERMAID_WIDTH)
    coded = _MERMAID_CODED.sub(lambda found: f"#{ord(found.group())};", shown)
    if _MERMAID_KEYWORDS.match(coded):
        coded = f"#{ord(coded[0])};{coded[1:]}"
    return coded


def render_mermaid(timeline: Timeline, today: date, *, draft: str | None = None) -> str:
    """A gantt chart in a Markdown code block; a draft's mark heads the file, opens
    the block as a comment and leads the chart's title."""
    language = timeline.language
    w = words(language)
    sections = {
        "task": w["timeline.heading"],
        "milestone": w["timeline.heading"],
        "activity": w["timeline.activities"],
        "test_dialogue": w["timeline.test_dialogues"],
        "dialogue": w["timeline.dialogues"],
    }
    title = f"{draft} – {timeline.title}" if draft else timeline.title
    lines = [
        *([f"**{draft}**", ""] if draft else []),
        "```mermaid",
        "gantt",
        *([f"    %% {draft}"] if draft else []),
        f"    title {_mermaid_text(title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
        "    todayMarker stroke-width:3px,stroke:#c00,opacity:0.6",
    ]
    ordered = sorted(timeline.items, key=lambda i: list(sections).index(i.kind))
    for section, items in groupby(ordered, key=lambda i: sections[i.kind]):
        lines.append(f"    section {_mermaid_text(section)}")
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


def render_csv(timeline: Timeline, today: date, *, draft: str | None = None) -> str:
    """Semicolon-separated, as Swedish Excel expects; dates in ISO form; the header,
    kinds, statuses and yes/no in the timeline's language ("uppgift", "genomförd");
    a draft's mark in the first column (cells.csv_text)."""
    language = timeline.language
    w = words(language)
    rows = [
        (
            label(item.kind, language),
            item.id,
            item.title,
            item.start.isoformat(),
            item.end.isoformat(),
            label(item.status, language),
            ", ".join(item.responsible),
            w["yes"] if item.overdue(today) else w["no"],
        )
        for item in timeline.items
    ]
    return csv_text([csv_header(timeline.language), *rows], draft=draft)
