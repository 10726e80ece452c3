"""Plan text in spreadsheets (xlsx and CSV) stays text: it never becomes a formula.

A municipality or task named `=HYPERLINK("http://…","Klicka här")` must show as those
characters, not as a live link, in Excel and LibreOffice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a CSV field as a formula (OWASP,
CSV Injection)."""

BOM = "\ufeff"
"""Swedish Excel reads a CSV as UTF-8 only when it starts with a byte order mark."""


class Formula(str):
    """A formula dialogkit writes itself, such as `=SUM(D4:G4)`, with the value it
    gives. `write_row` stores that value beside the formula, so a viewer that does not
    calculate (a preview, a phone) still shows it; every other string is text there,
    so a formula is never made from plan data by mistake."""

    value: float

    def __new__(cls, text: str, value: float) -> Formula:
        formula = super().__new__(cls, text)
        formula.value = value
        return formula


class CsvNumber(Decimal):
    """A number in a CSV with the decimal mark of its language ("1,50" in Swedish).
    It stays a number to the csv module, which writes it unquoted."""

    language: str

    def __new__(cls, value: Decimal, language: str) -> CsvNumber:
        number = super().__new__(cls, value)
        number.language = language
        return number

    def __str__(self) -> str:
        from babel.numbers import get_decimal_symbol

        from ..formatting import LOCALES

        return super().__str__().replace(".", get_decimal_symbol(LOCALES[self.language]))


def csv_value(value: object) -> object:
    """A CSV field: numbers as they are, negative ones included; text that a
    spreadsheet would read as a formula gets a leading apostrophe, as OWASP advises."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[Sequence[object]], *, draft: str | None = None) -> str:
    """Semicolon-separated rows for Swedish Excel, with a BOM. Every text field is
    quoted and numbers are not: a CR or LF in a value stays inside its field (with
    QUOTE_MINIMAL and "\\n" rows Python leaves a bare CR unquoted), and a number stays
    a number. Lines end in "\\n", which Windows turns into CRLF on the terminal.

    A draft (products/draft.py) has the mark as its first column, header and every
    row alike: a comment line above the header would become the header when Excel's
    or Power Query's import takes the first row as column names, while a column keeps
    the table readable by name and stays on every row that is filtered or copied."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    marked = ((draft, *row) for row in rows) if draft is not None else rows
    writer.writerows([csv_value(value) for value in row] for row in marked)
    return out.getvalue()


def write_row(sheet, row: int, values: Sequence[object], formats=None) -> None:
    """`write_cell` for each of `values`, from column A of `row` (0-based), each with
    its format (`formats`: one for all, or a list)."""
    for column, value in enumerate(values):
        style = formats[column] if isinstance(formats, list | tuple) else formats
        write_cell(sheet, row, column, value, style)


def write_cell(sheet, row: int, column: int, value: object, style=None) -> None:
    """Write `value` into a cell of the XlsxWriter `sheet`. A `Formula` becomes a
    formula with its value stored; every other string is a text cell, never a formula
    or an error value (XlsxWriter's `write` would read "=..." as a formula); a date a
    date, None an empty cell."""
    if isinstance(value, Formula):
        sheet.write_formula(row, column, value, style, value.value)
    elif isinstance(value, str):
        sheet.write_string(row, column, value, style)
    elif value is None:
        sheet.write_blank(row, column, None, style)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, datetime.combine(value, time()), style)
    else:
        number = float(value) if isinstance(value, Fraction) else value
        sheet.write_number(row, column, number, style)
