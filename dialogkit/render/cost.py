"""Cost estimates and workloads as a terminal table, Markdown, CSV, JSON or xlsx."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from fractions import Fraction

from .. import clock
from ..costs import Estimate
from ..formatting import format_money, format_number
from ..markup import Markdown, escape_markdown, table_cell
from ..model.project import COST_ITEMS
from ..words import label, words
from ..workload import Workload
from . import print_wide
from .cells import Formula, append_row, csv_text
from .timeline import month_name

# --- estimates -------------------------------------------------------------------------


def _dialogue_header(language: str) -> list[str]:
    """Dialogue, date, format, one column per cost item, sum."""
    w = words(language)
    return [
        w["cost.dialogue"],
        w["cost.date"],
        w["cost.format"],
        *[label(item, language) for item in COST_ITEMS],
        w["cost.sum"],
    ]


def _total_row(plan: Estimate, language: str) -> list[str]:
    return [
        words(language)["cost.dialogues_in_all"],
        "",
        "",
        *[_money(plan.item_total(item), language) for item in COST_ITEMS],
        _money(plan.dialogues_total, language),
    ]


def _comparison(estimates: list[Estimate], language: str) -> list[tuple[str, list[int | None]]]:
    """The plan beside its scenarios: one row per figure, one value per estimate."""
    w = words(language)
    return [
        (w[key], [getattr(e, field) for e in estimates])
        for key, field in (
            ("cost.dialogues", "dialogues_total"),
            ("cost.one_off", "one_off_total"),
            ("cost.total", "total"),
            ("cost.budget", "budget"),
            ("cost.remaining", "remaining"),
        )
    ]


def _money(amount: int | None, language: str) -> str:
    return "–" if amount is None else format_money(amount, language)


def _dialogue_name(dialogue, language: str) -> str:
    """ "Sala", or "Sala (test)" for a test dialogue."""
    test = f" ({words(language)['cost.test']})" if dialogue.test else ""
    return dialogue.municipality + test


def _dialogue_rows(
    estimate: Estimate, language: str, *, skip_free_tests: bool = False
) -> list[list[str]]:
    rows = []
    for cost in estimate.dialogues:
        d = cost.dialogue
        if skip_free_tests and d.test and cost.total == 0:
            continue
        rows.append(
            [
                _dialogue_name(d, language),
                d.date.isoformat(),
                label(cost.format, language),
                *[_money(cost.items[item], language) for item in COST_ITEMS],
                _money(cost.total, language),
            ]
        )
    return rows


def render_estimate_table(estimates: list[Estimate], console, language: str = "sv") -> None:
    from rich.table import Table

    w = words(language)
    plan = estimates[0]
    table = Table(title=w["cost.per_dialogue"], title_justify="left")
    for index, header in enumerate(_dialogue_header(language)):
        table.add_column(header, justify="left" if index < 3 else "right")
    for row in _dialogue_rows(plan, language, skip_free_tests=True):
        table.add_row(*row)
    table.add_section()
    table.add_row(*_total_row(plan, language), style="bold")
    print_wide(console, table)
    if plan.one_off:
        one_off = Table(title=w["cost.one_off"], title_justify="left")
        one_off.add_column(w["cost.item"])
        one_off.add_column(w["cost.amount"], justify="right")
        for item, amount in plan.one_off:
            one_off.add_row(item, _money(amount, language))
        print_wide(console, one_off)
    summary = Table(title=w["cost.summary"], title_justify="left", show_header=True)
    summary.add_column("")
    for estimate in estimates:
        summary.add_column(estimate.title, justify="right")
    for index, (name, values) in enumerate(_comparison(estimates, language)):
        style = "bold" if index == 2 else ""
        if index == 4:
            cells = [
                f"[red]{_money(v, language)}[/]" if v is not None and v < 0 else _money(v, language)
                for v in values
            ]
        else:
            cells = [_money(v, language) for v in values]
        summary.add_row(name, *cells, style=style)
    print_wide(console, summary)


def _markdown_table(header: list[str], rows: list[list[str]], right_from: int) -> list[str]:
    """A Markdown table; every cell is plan text, shown literally, unless it is `Markdown`."""
    align = ["---" if i < right_from else "---:" for i in range(len(header))]

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(table_cell(cell) for cell in cells) + " |"

    return [row(header), "| " + " | ".join(align) + " |", *map(row, rows)]


def render_estimate_markdown(estimates: list[Estimate], title: str, language: str = "sv") -> str:
    w = words(language)
    plan = estimates[0]
    lines = [f"# {w['cost.heading']}: {escape_markdown(title)}", ""]
    total = _total_row(plan, language)
    total[0], total[-1] = Markdown(f"**{total[0]}**"), Markdown(f"**{total[-1]}**")
    rows = [*_dialogue_rows(plan, language, skip_free_tests=True), total]
    lines += _markdown_table(_dialogue_header(language), rows, 3)
    if plan.one_off:
        lines += ["", f"## {w['cost.one_off']}", ""]
        lines += _markdown_table(
            [w["cost.item"], w["cost.amount"]],
            [[item, _money(amount, language)] for item, amount in plan.one_off],
            1,
        )
    lines += ["", f"## {w['cost.summary']}", ""]
    summary = [
        [name, *[_money(value, language) for value in values]]
        for name, values in _comparison(estimates, language)
    ]
    lines += _markdown_table(["", *[e.title for e in estimates]], summary, 1)
    return "\n".join(lines) + "\n"


ESTIMATE_CSV_COLUMNS = (
    "scenario",
    "type",
    "id",
    "municipality",
    "date",
    "format",
    *COST_ITEMS,
    "sum",
)


def estimate_csv_header(language: str = "sv") -> list[str]:
    return [words(language)[f"cost.csv.{column}"] for column in ESTIMATE_CSV_COLUMNS]


def render_estimate_csv(estimates: list[Estimate], language: str = "sv") -> str:
    """One row per dialogue and one-off cost, per scenario; amounts in whole kronor;
    the header and row types in `language`, formats as the plan's codes."""
    w = words(language)
    rows: list[list[object]] = [estimate_csv_header(language)]
    for estimate in estimates:
        for cost in estimate.dialogues:
            d = cost.dialogue
            rows.append(
                [
                    estimate.title,
                    w["cost.csv.test_dialogue"] if d.test else w["cost.csv.dialogue"],
                    d.id,
                    d.municipality,
                    d.date.isoformat(),
                    cost.format,
                    *[cost.items[item] for item in COST_ITEMS],
                    cost.total,
                ]
            )
        for item, amount in estimate.one_off:
            rows.append(
                [estimate.title, w["cost.csv.one_off"], "", item, "", "", "", "", "", "", amount]
            )
    return csv_text(rows)


def estimate_data(estimate: Estimate) -> dict:
    return {
        "title": estimate.title,
        "dialogues": [
            {
                "id": c.dialogue.id,
                "municipality": c.dialogue.municipality,
                "date": c.dialogue.date.isoformat(),
                "test": c.dialogue.test,
                "format": c.format,
                "items": c.items,
                "total": c.total,
            }
            for c in estimate.dialogues
        ],
        "one_off": [{"item": item, "amount": amount} for item, amount in estimate.one_off],
        "dialogues_total": estimate.dialogues_total,
        "one_off_total": estimate.one_off_total,
        "total": estimate.total,
        "budget": estimate.budget,
        "remaining": estimate.remaining,
    }


def render_estimate_json(estimates: list[Estimate], plan_id: str) -> str:
    return json.dumps(
        {"plan": plan_id, "currency": "SEK", "estimates": [estimate_data(e) for e in estimates]},
        ensure_ascii=False,
        indent=2,
    )


def money_format(language: str = "sv") -> str:
    """The number format of an amount cell: '#,##0 "kr";-#,##0 "kr"' in Swedish."""
    unit = words(language)["money.unit"]
    return f'#,##0 "{unit}";-#,##0 "{unit}"'


MONEY_FORMAT = money_format("sv")


def render_estimate_xlsx(estimates: list[Estimate], title: str, language: str = "sv") -> bytes:
    """A workbook the finance office can keep working in: number cells, SUM formulas,
    one sheet per estimate and a comparison sheet that refers to them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname

    w = words(language)
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    totals: list[tuple[str, dict[str, str]]] = []
    used_names: set[str] = set()
    for estimate in estimates:
        name = _sheet_name(estimate.title, used_names, w["cost.sheet"])
        sheet = book.create_sheet(name)
        append_row(sheet, [f"{title}: {estimate.title}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
        header = _dialogue_header(language)
        append_row(sheet, header)
        for cell in sheet[3]:
            cell.font = bold
        first = 4
        sum_col = get_column_letter(len(header))
        item_cols = [get_column_letter(4 + i) for i in range(len(COST_ITEMS))]
        for cost in estimate.dialogues:
            row = sheet.max_row + 1
            d = cost.dialogue
            append_row(
                sheet,
                [
                    _dialogue_name(d, language),
                    d.date,
                    label(cost.format, language),
                    *[cost.items[item] for item in COST_ITEMS],
                    Formula(f"=SUM({item_cols[0]}{row}:{item_cols[-1]}{row})"),
                ],
            )
            sheet.cell(row, 2).number_format = "yyyy-mm-dd"
        last = sheet.max_row
        total_row = last + 1
        append_row(
            sheet,
            [
                w["cost.dialogues_in_all"],
                None,
                None,
                *[Formula(f"=SUM({c}{first}:{c}{last})") for c in [*item_cols, sum_col]],
            ],
        )
        for cell in sheet[total_row]:
            cell.font = bold
        sheet.append([])
        append_row(sheet, [w["cost.one_off"]])
        sheet.cell(sheet.max_row, 1).font = bold
        one_off_first = sheet.max_row + 1
        for item, amount in estimate.one_off:
            append_row(sheet, [item, None, None, None, None, None, None, amount])
        one_off_last = sheet.max_row
        sheet.append([])
        refs = {}
        rows = [
            (w["cost.dialogues"], Formula(f"={sum_col}{total_row}")),
            (
                w["cost.one_off"],
                Formula(f"=SUM({sum_col}{one_off_first}:{sum_col}{one_off_last})")
                if estimate.one_off
                else 0,
            ),
        ]
        for key, (text, formula) in zip(("dialogues", "one_off"), rows, strict=True):
            append_row(sheet, [text, None, None, None, None, None, None, formula])
            refs[key] = f"{sum_col}{sheet.max_row}"
        append_row(
            sheet,
            [
                w["cost.total"],
                *[None] * 6,
                Formula(f"={refs['dialogues']}+{refs['one_off']}"),
            ],
        )
        refs["total"] = f"{sum_col}{sheet.max_row}"
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.cell(sheet.max_row, len(header)).font = bold
        append_row(sheet, [w["cost.budget"], *[None] * 6, estimate.budget])
        refs["budget"] = f"{sum_col}{sheet.max_row}"
        remaining = (
            Formula(f"={refs['budget']}-{refs['total']}") if estimate.budget is not None else None
        )
        append_row(sheet, [w["cost.remaining"], *[None] * 6, remaining])
        refs["remaining"] = f"{sum_col}{sheet.max_row}"
        for row in sheet.iter_rows(min_row=first, min_col=4, max_col=len(header)):
            for cell in row:
                cell.number_format = money_format(language)
        sheet.column_dimensions["A"].width = 34
        for col in ["B", "C", *item_cols, sum_col]:
            sheet.column_dimensions[col].width = 14
        totals.append((name, refs))

    compare = book.create_sheet(_sheet_name(w["cost.comparison"], used_names), 0)
    append_row(compare, ["", *[e.title for e in estimates]])
    for cell in compare[1]:
        cell.font = bold
    for key in ("dialogues", "one_off", "total", "budget", "remaining"):
        append_row(
            compare,
            [
                w[f"cost.{key}"],
                *[Formula(f"={quote_sheetname(name)}!{refs[key]}") for name, refs in totals],
            ],
        )
        for cell in compare[compare.max_row][1:]:
            cell.number_format = money_format(language)
    compare.column_dimensions["A"].width = 22
    for index in range(len(estimates)):
        compare.column_dimensions[get_column_letter(index + 2)].width = 26
    return _workbook_bytes(book)


def _sheet_name(title: str, used: set[str], fallback: str = "Blad") -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\ or control characters,
    not starting or ending with an apostrophe, not Excel's reserved "History", unique."""
    clean = "".join(" " if ch in "[]:*?/\\" or ch < " " else ch for ch in title)
    clean = clean.strip().strip("'").strip()[:31].strip() or fallback
    if clean.lower() == "history":
        clean = "History 2"
    name, number = clean, 2
    while name.lower() in used:
        suffix = f" {number}"
        name, number = clean[: 31 - len(suffix)] + suffix, number + 1
    used.add(name.lower())
    return name


def _workbook_bytes(book) -> bytes:
    """The workbook as made now (clock.now), not as saved: `save` stamps its own time."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = book.properties.modified = clock.now().replace(tzinfo=None)
    out = io.BytesIO()
    ExcelWriter(book, ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True)).save()
    return clock.stamp_zip(out.getvalue())


# --- workload ----------------------------------------------------------------------------


def _hours(value: Fraction, language: str = "sv") -> str:
    return format_number(round(float(value), 1), language) if value else "–"


def _month_label(month: tuple[int, int], language: str = "sv") -> str:
    return f"{month_name(*month, language)[:3]} {month[0]}"


def _workload_header(load: Workload, language: str) -> list[str]:
    """Responsible, one column per month, hours."""
    w = words(language)
    months = [_month_label(m, language) for m in load.months]
    return [w["workload.responsible"], *months, w["workload.hours"]]


def render_workload_table(load: Workload, console, language: str = "sv") -> None:
    from rich.table import Table

    w = words(language)
    table = Table(title=load.title, title_justify="left")
    table.add_column(w["workload.responsible"])
    for month in load.months:
        table.add_column(_month_label(month, language), justify="right")
    table.add_column(w["workload.hours"], justify="right")
    for person in load.people:
        table.add_row(
            person,
            *[_hours(load.cell(person, m), language) for m in load.months],
            _hours(load.person_total(person), language),
        )
    table.add_section()
    table.add_row(
        w["workload.total"],
        *[_hours(load.month_total(m), language) for m in load.months],
        _hours(load.total, language),
        style="bold",
    )
    print_wide(console, table)
    if load.without_hours:
        console.print(
            f"{w['workload.without_hours']}: " + ", ".join(load.without_hours),
            style="yellow",
        )


def render_workload_markdown(load: Workload, language: str = "sv") -> str:
    header = _workload_header(load, language)
    rows = [
        [
            person,
            *[_hours(load.cell(person, m), language) for m in load.months],
            _hours(load.person_total(person), language),
        ]
        for person in load.people
    ]
    rows.append(
        [
            Markdown(f"**{words(language)['workload.total']}**"),
            *[_hours(load.month_total(m), language) for m in load.months],
            Markdown(f"**{_hours(load.total, language)}**"),
        ]
    )
    lines = [f"# {escape_markdown(load.title)}", "", *_markdown_table(header, rows, 1)]
    if load.without_hours:
        lines += [
            "",
            f"{words(language)['workload.without_hours']}: "
            + escape_markdown(", ".join(load.without_hours)),
        ]
    return "\n".join(lines) + "\n"


def render_workload_csv(load: Workload, language: str = "sv") -> str:
    """One row per person and month; hours with two decimals; the header in `language`."""
    w = words(language)
    header = (w["workload.csv.responsible"], w["workload.csv.month"], w["workload.csv.hours"])
    rows: list[tuple[object, ...]] = [header]
    for person in load.people:
        for month in load.months:
            if hours := load.cell(person, month):
                rows.append((person, f"{month[0]}-{month[1]:02d}", _two_decimals(hours)))
    return csv_text(rows)


def _two_decimals(value: Fraction) -> Decimal:
    """A number, not text, in the CSV: written as 1.50."""
    return Decimal(f"{float(value):.2f}")


def render_workload_json(load: Workload, plan_id: str) -> str:
    return json.dumps(
        {
            "plan": plan_id,
            "unit": "hours",
            "people": {
                person: {
                    f"{y}-{m:02d}": round(float(load.cell(person, (y, m))), 4)
                    for y, m in load.months
                    if load.cell(person, (y, m))
                }
                for person in load.people
            },
            "totals": {p: round(float(load.person_total(p)), 4) for p in load.people},
            "total": round(float(load.total), 4),
            "activities_without_hours": load.without_hours,
        },
        ensure_ascii=False,
        indent=2,
    )


def render_workload_xlsx(load: Workload, language: str = "sv") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = words(language)["workload.title"]
    append_row(sheet, _workload_header(load, language))
    last_month_col = get_column_letter(len(load.months) + 1)
    for person in load.people:
        row = sheet.max_row + 1
        append_row(
            sheet,
            [
                person,
                *[float(load.cell(person, m)) for m in load.months],
                Formula(f"=SUM(B{row}:{last_month_col}{row})"),
            ],
        )
    last = sheet.max_row
    append_row(
        sheet,
        [
            words(language)["workload.total"],
            *[
                Formula(f"=SUM({get_column_letter(c)}2:{get_column_letter(c)}{last})")
                for c in range(2, len(load.months) + 3)
            ],
        ],
    )
    for cell in (*sheet[1], *sheet[sheet.max_row]):
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = "0.0"
    sheet.column_dimensions["A"].width = 24
    return _workbook_bytes(book)
