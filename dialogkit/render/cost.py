"""Cost estimates and workloads as a terminal table, Markdown, CSV, JSON or xlsx."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

from ..costs import Estimate
from ..formatting import format_money, format_number
from ..markup import Markdown, escape_markdown, table_cell
from ..model.project import COST_ITEMS
from ..words import label, words
from ..workload import Workload
from . import print_wide
from .cells import CsvNumber, Formula, csv_text, write_row
from .timeline import month_name
from .workbook import (
    Styles,
    column_letter,
    label_row,
    money_format,
    new_workbook,
    set_up_page,
    sheet_name,
    sheet_ref,
    start_sheet,
    workbook_bytes,
)

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


SUMMARY = {
    "dialogues": "dialogues_total",
    "one_off": "one_off_total",
    "total": "total",
    "budget": "budget",
    "remaining": "remaining",
}
"""The figures that sum up an estimate: the words key after "cost." -> its field."""


def _comparison(estimates: list[Estimate], language: str) -> list[tuple[str, list[int | None]]]:
    """The plan beside its scenarios: one row per figure, one value per estimate."""
    w = words(language)
    return [
        (w[f"cost.{key}"], [getattr(e, field) for e in estimates]) for key, field in SUMMARY.items()
    ]


def _money(amount: int | None, language: str) -> str:
    return "–" if amount is None else format_money(amount, language)


def _dialogue_name(dialogue, language: str) -> str:
    """ "Sala", or "Sala (test)" for a test dialogue."""
    test = f" ({words(language)['cost.test']})" if dialogue.test else ""
    return dialogue.municipality + test


def _shown(estimate: Estimate) -> list:
    """The dialogues a table shows: all but the test dialogues that cost nothing."""
    return [c for c in estimate.dialogues if not (c.dialogue.test and c.total == 0)]


def _dialogue_rows(
    estimate: Estimate, language: str, *, skip_free_tests: bool = False
) -> list[list[str]]:
    rows = []
    for cost in _shown(estimate) if skip_free_tests else estimate.dialogues:
        d = cost.dialogue
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


def render_estimate_csv(
    estimates: list[Estimate], language: str = "sv", *, draft: str | None = None
) -> str:
    """One row per dialogue and one-off cost, per scenario; amounts in whole kronor;
    the header, row types and formats in `language` ("fysisk", not "in_person")."""
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
                    label(cost.format, language),
                    *[cost.items[item] for item in COST_ITEMS],
                    cost.total,
                ]
            )
        for item, amount in estimate.one_off:
            rows.append(
                [estimate.title, w["cost.csv.one_off"], "", item, "", "", "", "", "", "", amount]
            )
    return csv_text(rows, draft=draft)


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


MONEY_FORMAT = money_format("sv")


def render_estimate_xlsx(
    estimates: list[Estimate],
    title: str,
    language: str = "sv",
    author: str = "",
    *,
    draft: str | None = None,
) -> bytes:
    """A workbook the finance office can keep working in and print as it is: a
    comparison sheet, then one sheet per estimate with number cells and SUM formulas
    (their values stored too). The budget is typed once, on the plan's sheet; every
    other budget cell refers to it."""
    w = words(language)
    book, buffer = new_workbook()
    styles = Styles(book, language, draft)
    heading = f"{w['cost.heading']}: {title}"
    used: set[str] = set()
    compare = book.add_worksheet(sheet_name(w["cost.comparison"], used, w["cost.sheet"]))
    names = [sheet_name(e.title, used, w["cost.sheet"]) for e in estimates]
    summaries, budget_cell = [], None
    for estimate, name in zip(estimates, names, strict=True):
        sheet = book.add_worksheet(name)
        summary = _estimate_sheet(sheet, styles, estimate, title, language, budget_cell)
        set_up_page(sheet, title=heading, header_row=2, language=language, draft=styles.draft)
        budget_cell = budget_cell or sheet_ref(name, summary["budget"][0])
        summaries.append((name, summary))
    _comparison_sheet(compare, styles, estimates, summaries, heading, language)
    return workbook_bytes(book, buffer, title=heading, author=author, language=language)


def _estimate_sheet(sheet, styles: Styles, estimate: Estimate, title, language, budget_cell):
    """One estimate: title, the dialogue table, one-off costs and the summary. Returns
    each summary row's cell and value; the budget is a number on the first sheet and a
    reference to `budget_cell` on the others."""
    w = words(language)
    header = _dialogue_header(language)
    last_col = len(header) - 1
    sum_col = column_letter(last_col)
    items = [column_letter(3 + i) for i in range(len(COST_ITEMS))]
    costs = _shown(estimate)  # as in the terminal and Markdown tables
    labels = [w[f"cost.{key}"] for key in SUMMARY]
    names = [_dialogue_name(c.dialogue, language) for c in costs] + [w["cost.dialogues_in_all"]]
    widths = [
        _width(names + labels, 16, 36),
        11,
        _width([label(c.format, language) for c in costs], 9, 14),
        *[12] * (last_col - 2),
    ]
    start_sheet(
        sheet,
        styles,
        title=f"{title}: {estimate.title}",
        header=header,
        widths=widths,
        right_from=3,
    )
    row = 3
    for cost in costs:
        d = cost.dialogue
        write_row(
            sheet,
            row,
            [
                names[row - 3],
                d.date,
                label(cost.format, language),
                *[cost.items[item] for item in COST_ITEMS],
                Formula(f"=SUM({items[0]}{row + 1}:{items[-1]}{row + 1})", cost.total),
            ],
            [styles.text, styles.date, styles.text] + [styles.money] * (last_col - 2),
        )
        row += 1
    first, last = 4, row  # the dialogue rows, as Excel numbers them

    def column_sum(col: str, value: int) -> Formula | int:
        return Formula(f"=SUM({col}{first}:{col}{last})", value) if costs else 0

    total_row = row + 1
    item_totals = [sum(c.items[item] for c in costs) for item in COST_ITEMS]
    write_row(
        sheet,
        row,
        [
            w["cost.dialogues_in_all"],
            None,
            None,
            *[column_sum(col, v) for col, v in zip(items, item_totals, strict=True)],
            column_sum(sum_col, sum(c.total for c in costs)),
        ],
        [styles.total_text] * 3 + [styles.total_money] * (last_col - 2),
    )
    sheet.autofilter(2, 0, max(row - 1, 2), last_col)
    sheet.freeze_panes(3, 0)
    row += 2
    one_off_rows = []
    if estimate.one_off:
        sheet.write_string(row, 0, w["cost.one_off"], styles.heading)
        row += 1
        for item, amount in estimate.one_off:
            label_row(sheet, row, item, amount, last_col, styles.text, styles.money)
            one_off_rows.append(row + 1)
            row += 1
        row += 1
    one_off = (
        Formula(
            f"=SUM({sum_col}{one_off_rows[0]}:{sum_col}{one_off_rows[-1]})", estimate.one_off_total
        )
        if one_off_rows
        else 0
    )
    cells = {key: f"{sum_col}{row + 1 + index}" for index, key in enumerate(SUMMARY)}
    budget = estimate.budget
    if budget is not None and budget_cell is not None:
        budget = Formula(f"={budget_cell}", budget)
    values = {
        "dialogues": Formula(f"={sum_col}{total_row}", estimate.dialogues_total),
        "one_off": one_off,
        "total": Formula(f"={cells['dialogues']}+{cells['one_off']}", estimate.total),
        "budget": budget,
        "remaining": None
        if estimate.budget is None
        else Formula(f"={cells['budget']}-{cells['total']}", estimate.remaining),
    }
    for text, key in zip(labels, SUMMARY, strict=True):
        strong = key == "total"
        label_row(
            sheet,
            row,
            text,
            values[key],
            last_col,
            styles.strong_text if strong else styles.text,
            styles.strong_money if strong else styles.money,
        )
        row += 1
    return {key: (cells[key], getattr(estimate, field)) for key, field in SUMMARY.items()}


def _comparison_sheet(sheet, styles: Styles, estimates, summaries, heading, language) -> None:
    """The estimates side by side: each figure refers to its cell on the estimate's sheet."""
    w = words(language)
    labels = [w[f"cost.{key}"] for key in SUMMARY]
    start_sheet(
        sheet,
        styles,
        title=heading,
        header=["", *[e.title for e in estimates]],
        widths=[_width(labels, 16, 30), *[20] * len(estimates)],
        right_from=1,
    )
    for row, (text, key) in enumerate(zip(labels, SUMMARY, strict=True), start=3):
        strong = key == "total"
        values = [
            None if value is None else Formula(f"={sheet_ref(name, cell)}", value)
            for name, summary in summaries
            for cell, value in [summary[key]]
        ]
        write_row(
            sheet,
            row,
            [text, *values],
            [styles.strong_text if strong else styles.text]
            + [styles.strong_money if strong else styles.money] * len(values),
        )
    sheet.freeze_panes(3, 1)
    set_up_page(sheet, title=heading, header_row=2, language=language, draft=styles.draft)


def _width(texts: list[str], least: int, most: int) -> int:
    """A column width that fits the longest text, within least..most characters."""
    return max(least, min(most, max((len(t) + 2 for t in texts), default=least)))


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


def render_workload_csv(load: Workload, language: str = "sv", *, draft: str | None = None) -> str:
    """One row per person and month; hours with two decimals; the header in `language`."""
    w = words(language)
    header = (w["workload.csv.responsible"], w["workload.csv.month"], w["workload.csv.hours"])
    rows: list[tuple[object, ...]] = [header]
    for person in load.people:
        for month in load.months:
            if hours := load.cell(person, month):
                rows.append((person, f"{month[0]}-{month[1]:02d}", _hours_csv(hours, language)))
    return csv_text(rows, draft=draft)


def _hours_csv(value: Fraction, language: str) -> Decimal:
    """A number, not text, in the CSV, with two decimals written the plan's way:
    1,50 in Swedish (as Swedish Excel reads a number), 1.50 in English."""
    return CsvNumber(Decimal(f"{float(value):.2f}"), language)


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


def render_workload_xlsx(
    load: Workload, language: str = "sv", author: str = "", *, draft: str | None = None
) -> bytes:
    """Hours per person and month under a title row; a month without hours is an
    empty cell; the sums are formulas with their values stored."""
    w = words(language)
    book, buffer = new_workbook()
    styles = Styles(book, language, draft)
    sheet = book.add_worksheet(sheet_name(w["workload.title"], set(), w["cost.sheet"]))
    header = _workload_header(load, language)
    last_col = len(header) - 1
    widths = [_width([*load.people, w["workload.total"]], 16, 36), *[10] * last_col]
    start_sheet(sheet, styles, title=load.title, header=header, widths=widths, right_from=1)
    months = column_letter(last_col - 1)
    for row, person in enumerate(load.people, start=3):
        write_row(
            sheet,
            row,
            [
                person,
                *[load.cell(person, m) or None for m in load.months],
                Formula(f"=SUM(B{row + 1}:{months}{row + 1})", float(load.person_total(person))),
            ],
            [styles.text] + [styles.hours] * last_col,
        )
    first, last = 4, 3 + len(load.people)
    totals = [float(load.month_total(m)) for m in load.months] + [float(load.total)]
    write_row(
        sheet,
        last,
        [
            w["workload.total"],
            *[
                Formula(f"=SUM({column_letter(col)}{first}:{column_letter(col)}{last})", value)
                if load.people
                else 0
                for col, value in enumerate(totals, start=1)
            ],
        ],
        [styles.total_text] + [styles.total_hours] * last_col,
    )
    if load.without_hours:
        note = f"{w['workload.without_hours']}: " + ", ".join(load.without_hours)
        sheet.write_string(last + 2, 0, note, styles.note)
    sheet.freeze_panes(3, 1)
    set_up_page(sheet, title=load.title, header_row=2, language=language, draft=styles.draft)
    return workbook_bytes(book, buffer, title=load.title, author=author, language=language)
