"""Plan text in spreadsheets (xlsx and CSV) stays text: it never becomes a formula.

A municipality or task named `=HYPERLINK("http://…","Klicka här")` must show as those
characters, not as a live link, in Excel and LibreOffice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a CSV field as a formula (OWASP,
CSV Injection)."""

BOM = "\ufeff"
"""Swedish Excel reads a CSV as UTF-8 only when it starts with a byte order mark."""


class Formula(str):
    """A formula dialogkit writes itself, such as `=SUM(D4:G4)`. In `append_row` every
    other string is text, so a formula is never made from plan data by mistake."""


def csv_value(value: object) -> object:
    """A CSV field: numbers as they are, negative ones included; text that a
    spreadsheet would read as a formula gets a leading apostrophe, as OWASP advises."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """Semicolon-separated rows for Swedish Excel, with a BOM. Every text field is
    quoted and numbers are not: a CR or LF in a value stays inside its field (with
    QUOTE_MINIMAL and "\\n" rows Python leaves a bare CR unquoted), and a number stays
    a number. Lines end in "\\n", which Windows turns into CRLF on the terminal."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerows([csv_value(value) for value in row] for row in rows)
    return out.getvalue()


def append_row(sheet, values: Sequence[object]) -> None:
    """`sheet.append(values)`, with every string except a `Formula` stored as a text
    cell. openpyxl would otherwise make a formula of any string that starts with "="
    and an error value of "#REF!"."""
    sheet.append(values)
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and not isinstance(value, Formula):
            sheet.cell(row, column).data_type = "s"
