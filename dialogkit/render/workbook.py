"""An xlsx workbook that can be handed out as it is: one named font, styled tables,
a print setup (landscape, one page wide, repeated header rows, a header and footer
with title, date and page number), document properties and reproducible bytes.

The cost and workload workbooks (render/cost.py) are written with XlsxWriter, which
stores each formula's value beside it; cells.write_row keeps plan text as text.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from xml.sax.saxutils import escape

from .. import clock
from ..formatting import LOCALES, format_date
from ..words import words
from .cells import write_cell, write_row

FONT = {"font_name": "Arial", "font_size": 10}
"""Arial prints the same everywhere: LibreOffice has a metric twin (Liberation Sans)."""

HEADER_FILL = "#DDE6F0"
HOURS_FORMAT = "0.0;-0.0;"
"""Hours with one decimal; a zero shows as an empty cell, not "0,0"."""

SHEET_NAME_LENGTH = 31
HEADER_FOOTER_LENGTH = 255
"""Excel's limits for a sheet name and for each of a sheet's header and footer."""


def money_format(language: str = "sv") -> str:
    """The number format of an amount: '#\\ ###\\ ##0\\ "kr"' in Swedish. The spaces are
    literal, so "110 000 kr" shows in every locale, as Swedish writes it; an English
    plan has '#,##0 "SEK"', grouped the reader's way."""
    w = words(language)
    amount = f'{w["xlsx.money_digits"]}\\ "{w["money.unit"]}"'
    return f"{amount};-{amount}"


def new_workbook():
    """An in-memory XlsxWriter workbook whose default font is FONT, and its buffer."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "default_format_properties": dict(FONT)})
    return book, buffer


class Styles:
    """The cell formats of a table: a title, a header row, body cells and a bold
    totals row, each with thin borders; `money`, `date` and `hours` number formats.
    `draft` is the draft mark of a plan with errors (products/draft.py): every sheet
    shows it under its title and in its page header and footer."""

    def __init__(self, book, language: str, draft: str | None = None):
        self.draft = draft

        def style(**properties):
            return book.add_format({**FONT, **properties})

        cell = {"border": 1, "border_color": "#808080", "valign": "top"}
        money, hours = money_format(language), HOURS_FORMAT
        self.title = style(bold=True, font_size=14, text_wrap=True, valign="top")
        self.heading = style(bold=True, font_size=11)
        self.note = style(italic=True)
        self.draft_mark = style(bold=True, font_size=12, font_color="#C00000")
        self.header = style(**cell, bold=True, bg_color=HEADER_FILL, text_wrap=True)
        self.header_right = style(
            **cell, bold=True, bg_color=HEADER_FILL, text_wrap=True, align="right"
        )
        self.text = style(**cell, text_wrap=True)
        self.date = style(**cell, num_format="yyyy-mm-dd", align="left")
        self.money = style(**cell, num_format=money)
        self.hours = style(**cell, num_format=hours)
        self.strong_text = style(**cell, bold=True)
        self.strong_money = style(**cell, bold=True, num_format=money)
        # a totals row: bold, under a thicker line
        self.total_text = style(**cell, bold=True, top=2)
        self.total_money = style(**cell, bold=True, num_format=money, top=2)
        self.total_hours = style(**cell, bold=True, num_format=hours, top=2)


def start_sheet(sheet, styles: Styles, *, title: str, header, widths, right_from: int) -> None:
    """Column widths, `title` in row 1 across the table and the header in row 3 (its
    columns from `right_from` aligned right, over numbers), each row as high as its
    wrapped text needs: LibreOffice and Excel do not grow them on opening."""
    widths = [
        max(width, _BOLD * max(map(len, text.split()), default=0) + 2)  # no word is split
        for text, width in zip(header, widths, strict=True)
    ]
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    last = len(widths) - 1
    if last:
        sheet.merge_range(0, 0, 0, last, "", styles.title)
    write_cell(sheet, 0, 0, title, styles.title)
    sheet.set_row(0, 19 * _lines(title, sum(widths), 1.5))
    if styles.draft:  # the row between the title and the header
        if last:
            sheet.merge_range(1, 0, 1, last, "", styles.draft_mark)
        write_cell(sheet, 1, 0, styles.draft, styles.draft_mark)
    header_styles = [styles.header] * right_from + [styles.header_right] * len(header)
    write_row(sheet, 2, header, header_styles[: len(header)])
    sheet.set_row(2, 12.75 * max(_lines(t, w) for t, w in zip(header, widths, strict=True)) + 2)


def label_row(sheet, row: int, text: str, value, last: int, text_style, value_style) -> None:
    """A row of a small table under the main one: `text` across every column but the
    `last`, which holds `value`."""
    if last > 1:
        sheet.merge_range(row, 0, row, last - 1, "", text_style)
    write_cell(sheet, row, 0, text, text_style)
    write_cell(sheet, row, last, value, value_style)


_BOLD = 1.1
"""How much wider a bold character is than the column's unit, about."""


def _lines(text: str, width: float, size: float = _BOLD) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide, its
    characters `size` times as wide as the column's unit (a digit of FONT)."""
    return max(1, math.ceil(len(text) * size / max(width - 1, 1)))


def set_up_page(
    sheet, *, title: str, header_row: int, language: str, draft: str | None = None
) -> None:
    """Landscape A4, one page wide, the header row (0-based) repeated on every page,
    the title and the date the file was made in the page header, the sheet's name and
    "Sida 1 av 2" in the footer; a draft's mark in the middle of both."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_margins(left=0.5, right=0.5, top=0.8, bottom=0.8)
    made = format_date(clock.now().date(), language, weekday=False)
    right = "&R" + _header_text(made)
    centre = "&C&B" + _header_text(draft) + "&B" if draft else ""
    room = HEADER_FOOTER_LENGTH - len(right) - len(centre) - len("&L")  # halved: "&" doubles
    sheet.set_header("&L" + _header_text(_shorten(title, room // 2)) + centre + right)
    sheet.set_footer("&L&A" + centre + "&R" + words(language)["xlsx.page_of"])


def _header_text(text: str) -> str:
    """Text shown literally in a page header: "&" starts a header code in Excel."""
    return text.replace("&", "&&")


def _shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word boundary, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut[limit // 2 :]:  # a word is cut: drop it
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" -–,.;:(") + "…"


def sheet_name(title: str, used: set[str], fallback: str) -> str:
    """A name Excel accepts for a sheet titled `title`: at most 31 characters, cut at
    a word boundary with "…" and never ending in a space, none of []:*?/\\ or control
    characters, no apostrophe first or last, not the reserved "History", and unlike
    every name in `used` (compared as Excel does, ignoring case). Adds it to `used`."""
    clean = "".join(" " if ch in "[]:*?/\\" or ch < " " else ch for ch in title)
    clean = " ".join(clean.split()).strip("' ") or fallback
    if clean.casefold() == "history":
        clean = f"{clean} 2"
    name, number = _shorten(clean, SHEET_NAME_LENGTH).rstrip("'"), 2
    while name.casefold() in used:
        suffix = f" {number}"
        name = _shorten(clean, SHEET_NAME_LENGTH - len(suffix)).rstrip("'") + suffix
        number += 1
    used.add(name.casefold())
    return name


def column_letter(index: int) -> str:
    """The letters of the column at 0-based `index`: 0 -> "A", 27 -> "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_ref(name: str, cell: str) -> str:
    """A reference to `cell` on the sheet `name`: 'Alla digitala'!H21."""
    return "'" + name.replace("'", "''") + "'!" + cell


def workbook_bytes(book, buffer, *, title: str, author: str, language: str) -> bytes:
    """The workbook's file, with its title, author, language and the time it was made
    (clock.now); with SOURCE_DATE_EPOCH the same workbook gives the same bytes."""
    book.set_properties(
        {
            "title": title,
            "author": author,
            "created": clock.now().replace(tzinfo=None),
        }
    )
    book.close()
    return clock.stamp_zip(_with_language(buffer.getvalue(), language))


def _with_language(data: bytes, language: str) -> bytes:
    """The file with `<dc:language>sv-SE</dc:language>` in its core properties, which
    XlsxWriter does not write."""
    tag = f"<dc:language>{escape(LOCALES[language].replace('_', '-'))}</dc:language>"
    result = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                text = re.sub(
                    r"</cp:coreProperties>\s*$",
                    tag + "</cp:coreProperties>",
                    content.decode("utf-8"),
                )
                content = text.encode("utf-8")
            target.writestr(entry, content)
    return result.getvalue()
