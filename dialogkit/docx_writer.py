"""Markdown (from a report template) to a Word document styled by a reference .docx.

The Markdown is parsed by markdown-it-py. Headings become Word's heading styles (so
the navigation pane works), lists use the list styles, tables are built row by row.
Conventions beyond Markdown, kept small:

- the first `#` heading is the document's title (style Title), `##` is Heading 1,
  `###` Heading 2 and so on; a heading that would skip a level is lifted;
- a paragraph `[[TOC]]` becomes a table of contents, written out as links to the
  headings: no field (a viewer that does not update fields would show an
  instruction instead), no page numbers (only Word's layout knows them), and none at
  all in a report shorter than three pages;
- a table cell holding only `■` is shaded (the month grid of a timeline);
- a thematic break (`---`) starts a new page;
- a paragraph that is only an image `![alt](name)` whose name is among the report's
  pictures (the key figures' charts) becomes that picture, with `alt` as its
  alternative text; any other image shows its alt text.

A table's columns are as wide as their longest word (nothing breaks mid-word), the
rest of the width goes to the columns with the most text. A table too wide for a
portrait page gets a landscape section of its own. Rows never split across pages,
the header row repeats, a small table stays on one page with its heading.

The document is the report's own, nothing is left from the reference file: language
(sv-SE or en-GB), core and application properties, no thumbnail, no custom XML, no
field but the page numbers. An internal report says so in every page header.

Plan text reaches this Markdown escaped (dialogkit.markup), so only the template's
own Markdown is structure. Even so, raw HTML is never read as HTML (it shows as
text, nothing is dropped), and no hyperlink is made: a link shows its text and its
address, and only an http, https or mailto address (or one without a scheme) is
read as a link at all.
"""

from __future__ import annotations

import copy
import io
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import clock
from .char_widths import BOLD, REGULAR
from .errors import DialogkitError
from .formatting import LOCALES, format_number
from .words import words

MAX_LINES = 200_000
MAX_CELLS = 1_000_000
"""Lines and table cells (counted as `|`) of Markdown a Word report may have: each
becomes at most one paragraph, row or cell, and python-docx takes about half a
millisecond and a few KB for each. A report of 25 000 dialogues stays well below; a
runaway template does not get to fill the memory or run for hours."""
MAX_COLUMNS = 63
"""Word's own limit on the columns of a table."""


def _too_large(what: str, english: str) -> DialogkitError:
    return DialogkitError(
        f"Rapporten blir för stor för Word: {what}.",
        hint="Se efter om mallen skriver för mycket, eller dela upp planen.",
        english=(
            f"The report is too large for Word: {english}.",
            "See whether the template writes too much, or split the plan.",
        ),
    )


REQUIRED_STYLES = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Bullet 2",
    "List Number",
    "Table Grid",
)
CELL_MARGIN = 100  # twips, a cell's left and right margin (set on every table)
SLACK = 40  # twips per column on top of the measured word, for kerning and rounding
PORTRAIT_COLUMNS = 6  # more text columns than this, and the table turns landscape
FEW_ROWS = 3  # ... unless it has no more rows than this (and fits portrait)
PROSE_COLUMNS = 5  # ... or this many columns of running text
PROSE = 25  # characters: a column whose cells average this much is running text
SMALL_TABLE = 15  # rows: a table this short stays on one page with its heading
LINES_PER_PAGE = 45  # lines of body text on a portrait page, for the page estimate
TOC_PAGES = 3  # a shorter report has no table of contents
TOC_LEVELS = 2  # Heading 1 and Heading 2 are listed, Heading 2 indented
TOC_INDENT = 400  # twips
SHADE = "■"
DRAFT_RED = "C00000"
"""The colour of the draft mark (products/draft.py), as in the xlsx workbooks."""
SHADE_FILL = "2F5597"
TOC_MARKER = "[[TOC]]"
LINK_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")
_BREAK_AFTER_HYPHEN = re.compile(r"(?<=-)(?=[^\W\d_])")
"""Word and LibreOffice may break a line after a hyphen before a letter ('HR-|
avdelningen'), not before a digit ('2023-03')."""
_SPACES = re.compile(r"[ \t\n]+")
APPLICATION = "dialogkit"
DROPPED_RELATIONSHIPS = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
)
"""Leftovers of the file a reference .docx was made from: its thumbnail, custom
properties and XML, Word 2010's copy of the styles (with the old language) and a link
to the template it was made with."""
DROPPED_SETTINGS = ("updateFields", "attachedTemplate", "savePreviewPicture")
"""updateFields makes Word ask about fields that may refer to other files."""


class ReferenceDocxError(DialogkitError):
    """The reference .docx cannot be used."""


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    """The organisation that owns the report."""
    subject: str = ""
    language: str = "sv"
    created: datetime | None = None
    audience: str = "internal"
    """An internal report says so in every page header."""
    draft: str | None = None
    """The draft mark of a plan with errors (products/draft.py): in every page header,
    above the title and as the document's status."""


_made: dict[tuple, bytes] | None = None
"""Within `reuse`: the Word files made, by what they are made from."""


@contextmanager
def reuse() -> Iterator[None]:
    """Within: the same Markdown, reference, properties and pictures give the Word file
    made first, not a new one a few seconds younger (`build` makes a public report for
    its plan's reports and again for its web page: the two are the same file, and its
    PDF is made and read once)."""
    global _made
    outer, _made = _made, {} if _made is None else _made
    try:
        yield
    finally:
        _made = outer


def markdown_to_docx(
    markdown: str, reference: Path, info: DocumentInfo, pictures: dict[str, bytes] | None = None
) -> bytes:
    key = None
    if _made is not None:
        key = (markdown, str(reference), repr(info), tuple(sorted((pictures or {}).items())))
        if key in _made:
            return _made[key]
    made = _make(markdown, reference, info, pictures)
    if key is not None and _made is not None:
        _made[key] = made
    return made


def _make(
    markdown: str, reference: Path, info: DocumentInfo, pictures: dict[str, bytes] | None
) -> bytes:
    document = _reference(reference)
    _clear_body(document)
    _add_page_furniture(document, info)
    _Writer(document, info.language, pictures or {}).write(markdown)
    if info.draft:
        _add_draft_line(document, info.draft)
    set_language(document, info.language)
    clean_package(document)
    _describe_pictures(document, info)
    _set_properties(document, info)
    out = io.BytesIO()
    document.save(out)
    return clock.stamp_zip(out.getvalue())


_parsed: dict[tuple[str, bytes], object] = {}
"""Reference documents read and checked, by path and content: each report gets a copy
(a third faster than reading the file again, and its styles are checked once)."""


def _reference(reference: Path):
    """A fresh python-docx Document of the reference file, its styles checked."""
    from docx import Document

    try:
        content = reference.read_bytes()
    except OSError as error:
        raise _unreadable(reference, error) from None
    key = (str(reference), content)
    if key not in _parsed:
        try:
            document = Document(io.BytesIO(content))
        except Exception as error:  # python-docx raises several types for a bad package
            raise _unreadable(reference, error) from None
        _require_styles(document, reference)
        if len(_parsed) >= 4:
            _parsed.clear()
        _parsed[key] = document
    return copy.deepcopy(_parsed[key])


def _unreadable(reference: Path, error: Exception) -> ReferenceDocxError:
    return ReferenceDocxError(
        f"{reference}: kan inte öppnas som Word-dokument ({error}).",
        english=(f"{reference}: cannot be opened as a Word document ({error}).", None),
    )


def _require_styles(document, reference: Path) -> None:
    names = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise ReferenceDocxError(
            f"{reference}: formatmallen saknar stilen {', '.join(missing)}.",
            hint="Öppna mallen i Word, använd stilen en gång (så sparas den i filen) och spara.",
            english=(
                f"{reference}: the reference document lacks the style {', '.join(missing)}.",
                "Open it in Word, use the style once (so that it is kept in the file) and save.",
            ),
        )


def _clear_body(document) -> None:
    """Keep the reference's page setup, headers and footers; drop its example text."""
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


class _Widths(dict):
    """Character widths; a character without one counts as 1 em."""

    def __missing__(self, char: str) -> int:
        return 1000


_REGULAR, _BOLD = _Widths(REGULAR), _Widths(BOLD)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text` in twips at `size` points, by widths at least as wide as
    Calibri's (see char_widths)."""
    return sum(map((_BOLD if bold else _REGULAR).__getitem__, text)) * size / 50


def unbreakable_parts(text: str) -> list[str]:
    """The pieces of `text` a line may not break inside: words (a no-break space, as
    in "40 000 kr", joins them), split after a hyphen that is followed by a letter."""
    words = _SPACES.split(text)
    return [part for word in words for part in _BREAK_AFTER_HYPHEN.split(word) if part]


@dataclass
class _Cell:
    """A table cell as measured: its plain text, and the width (twips, margins left
    out) of its longest unbreakable part and of each of its lines."""

    text: str
    word: float
    lines: list[float]

    @property
    def line(self) -> float:
        return max(self.lines, default=0.0)


class _Writer:
    def __init__(self, document, language: str, pictures: dict[str, bytes]) -> None:
        self.document = document
        self.language = language
        self.pictures = pictures
        self.lists: list[str] = []  # "bullet" or "ordered", innermost last
        self.started = False  # has anything been written yet?
        self.styles: dict[str, str] = {}
        self.level = 0  # the last heading level written
        self.headings: list[tuple[int, str, str]] = []  # level, text, bookmark
        self.toc_marker = None
        self.lead: list = []  # a heading and the paragraphs after it, before a table
        self.wide: list = []  # the elements of landscape sections, in order
        self.lines = 0.0  # portrait lines so far, for the page estimate
        styles = document.styles
        self.normal_size = _points(styles["Normal"].font.size, 11)
        self.table_size = _points(styles["Table Grid"].font.size, self.normal_size)
        section = document.sections[-1]
        self.page = (_twips(section.page_width), _twips(section.page_height))
        self.margins = _twips(section.left_margin + section.right_margin)
        self.heights = _twips(section.top_margin + section.bottom_margin)

    def usable(self, wide: bool = False) -> int:
        """The text width of a portrait page, or of a landscape one."""
        width, height = self.page
        return (max(width, height) if wide else width) - self.margins

    def paragraph(self, style: str):
        """A new paragraph. Its style id is looked up by name once and set directly:
        python-docx's `add_paragraph(style=…)` searches every style of the document
        for each paragraph (two thirds of the time of a 300-dialogue report)."""
        if style not in self.styles:
            self.styles[style] = self.document.styles[style].style_id
        self.started = True
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.styles[style]
        if self.lead:
            self.lead.append(paragraph._p)
        return paragraph

    def write(self, markdown: str) -> None:
        for count, limit, what, english in (
            (markdown.count("\n"), MAX_LINES, "rader", "lines"),
            (markdown.count("|"), MAX_CELLS, "tabellceller", "table cells"),
        ):
            if count > limit:
                raise _too_large(
                    f"{format_number(count)} {what}, högst {format_number(limit)}",
                    f"{count:,} {english}, at most {limit:,}",
                )
        from markdown_it import MarkdownIt

        parser = MarkdownIt("commonmark", {"html": False}).enable("table")
        parser.validateLink = _allowed_link
        tokens = parser.parse(markdown)
        index = 0
        while index < len(tokens):
            index = self._block(tokens, index)
        self._finish_toc()
        self._orient_sections()

    def _block(self, tokens, index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            self._heading(int(token.tag[1]), tokens[index + 1])
            return index + 3
        if kind == "paragraph_open":
            inline = tokens[index + 1]
            if inline.content.strip() == TOC_MARKER and self.toc_marker is None:
                self.toc_marker = self.document.add_paragraph()._p
            elif (image := self._own_image(inline)) is not None:
                self._picture(*image)
            else:
                style = self._paragraph_style()
                self._inline(self.paragraph(style), inline, split=None if self.lists else style)
                self.lines += self._text_lines(inline.content, self.normal_size) + 0.5
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append("bullet" if kind == "bullet_list_open" else "ordered")
            return index + 1
        if kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
            return index + 1
        if kind == "table_open":
            return self._table(tokens, index)
        if kind == "hr":
            from docx.enum.text import WD_BREAK

            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.lead = []
            self.lines = math.ceil(self.lines / LINES_PER_PAGE) * LINES_PER_PAGE
            return index + 1
        if kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").splitlines():
                self.document.add_paragraph(line)
                self.lines += 1
            return index + 1
        return index + 1  # list items and blockquote markers are structure only

    def _own_image(self, inline) -> tuple[bytes, str] | None:
        """(png, alt text) when the paragraph is only one of the report's pictures."""
        children = [c for c in inline.children or [] if c.type != "text" or c.content.strip()]
        if len(children) != 1 or children[0].type != "image":
            return None
        png = self.pictures.get(children[0].attrGet("src") or "")
        return (png, children[0].content) if png is not None else None

    def _picture(self, png: bytes, alt: str) -> None:
        """The picture as wide as the text, its alternative text in `wp:docPr/@descr`."""
        from docx.shared import Emu

        width = Emu(self.usable() * 635)  # twips to EMU
        run = self.paragraph(self._paragraph_style()).add_run()
        shape = run.add_picture(io.BytesIO(png), width=width)
        shape._inline.docPr.set("descr", alt)
        shape._inline.docPr.set("name", alt[:60])
        self.lines += 14

    def _heading(self, level: int, inline) -> None:
        """The first `#` is the title; below it every heading is one level lower in
        Word, and never more than one level below the heading before it."""
        if level == 1 and not self.started:
            self._inline(self.paragraph("Title"), inline)
            self.lines += 3
            return
        level = min(max(level - 1, 1), self.level + 1, 3)
        self.level = level
        self.lead = []
        paragraph = self.paragraph(f"Heading {level}")
        self._inline(paragraph, inline)
        self.lead = [paragraph._p]
        self.lines += 2.5
        if level <= TOC_LEVELS:
            name = f"_Toc{len(self.headings) + 1:04d}"
            _bookmark(paragraph._p, len(self.headings) + 1, name)
            self.headings.append((level, paragraph.text, name))

    def _paragraph_style(self) -> str:
        if not self.lists:
            return "Normal"
        base = "List Bullet" if self.lists[-1] == "bullet" else "List Number"
        return f"{base} 2" if len(self.lists) > 1 and base == "List Bullet" else base

    def _inline(self, paragraph, inline, split: str | None = None) -> None:
        """The runs of a paragraph. With `split` (a style), an empty line, two line
        breaks in a row, starts a new paragraph in that style: that is how a plan's
        text keeps its paragraphs (see markup.PARAGRAPH_BREAK)."""
        breaks = 0
        for span in _spans(inline):
            if span is None:
                breaks += 1
                continue
            if breaks >= 2 and split:
                paragraph = self.paragraph(split)
            else:
                for _ in range(breaks):
                    paragraph.add_run().add_break()
            breaks = 0
            run = paragraph.add_run(span.text)
            run.bold, run.italic = span.bold or None, span.italic or None
            if span.code:
                run.font.name = "Consolas"

    def _text_lines(self, text: str, size: float, width: float | None = None) -> int:
        width = width or self.usable()
        return sum(max(1, math.ceil(text_width(line, size) / width)) for line in text.split("\n"))

    # --- tables ------------------------------------------------------------------------

    def _table(self, tokens, index: int) -> int:
        """Collect the rows of a Markdown table, then write it."""
        rows: list[tuple[bool, list]] = []
        alignments: list[str | None] = []
        header = False
        current: list = []
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "thead_open":
                header = True
            elif token.type == "tbody_open":
                header = False
            elif token.type == "tr_open":
                current = []
            elif token.type == "tr_close":
                rows.append((header, current))
            elif token.type in ("th_open", "td_open"):
                style = token.attrs.get("style") or ""
                if header:
                    alignments.append(style.split(":")[-1] if style else None)
                current.append(tokens[index + 1])
            index += 1
        if len(alignments) > MAX_COLUMNS:
            raise _too_large(
                f"en tabell med {len(alignments)} kolumner, högst {MAX_COLUMNS}",
                f"a table of {len(alignments)} columns, at most {MAX_COLUMNS}",
            )
        self._build_table(rows, alignments)
        return index + 1

    def _build_table(self, rows, alignments) -> None:
        """Write the table as one piece of WordprocessingML: python-docx's per-cell
        calls cost half a millisecond each, too slow for a 300-dialogue report."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        columns = max(len(cells) for _, cells in rows)
        measured = [
            [
                _measure(cells[c], self.table_size, header) if c < len(cells) else None
                for c in range(columns)
            ]
            for header, cells in rows
        ]
        wide = self._is_wide(measured, rows)
        widths = _column_widths(measured, self.usable(wide))
        styles = self.document.styles
        run_props = f'<w:sz w:val="{round(self.table_size * 2)}"/>'
        margin = f'w:w="{CELL_MARGIN}" w:type="dxa"'
        parts = [
            f"<w:tbl {nsdecls('w')}><w:tblPr>"
            f'<w:tblStyle w:val="{styles["Table Grid"].style_id}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left {margin}/>'
            f"<w:right {margin}/></w:tblCellMar>"
            '<w:tblLook w:val="04A0" w:firstRow="1" '
            'w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            "</w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        lines = self._table_lines(measured, widths)
        small = len(rows) < SMALL_TABLE and lines < self._page_lines(wide) * 0.8
        for number, (is_header, inlines) in enumerate(rows):
            # A small table (short enough for a page) keeps every row with the next;
            # a long one its header, and the row before the last so that a totals
            # row never stands alone.
            keep = number < len(rows) - 1 and (small or is_header or number == len(rows) - 2)
            parts.append("<w:tr><w:trPr><w:cantSplit/>")
            parts.append("<w:tblHeader/></w:trPr>" if is_header else "</w:trPr>")
            for column in range(columns):
                inline = inlines[column] if column < len(inlines) else None
                shaded = inline is not None and inline.content.strip() == SHADE
                align = alignments[column] if column < len(alignments) else None
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[column]}" w:type="dxa"/>')
                if shaded:
                    parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE_FILL}"/>')
                parts.append("</w:tcPr><w:p>")
                if keep or align in ("right", "center"):
                    parts.append("<w:pPr>")
                    parts.append("<w:keepNext/>" if keep else "")
                    parts.append(f'<w:jc w:val="{align}"/>' if align in ("right", "center") else "")
                    parts.append("</w:pPr>")
                if inline is not None and not shaded:
                    parts.append(_runs_xml(inline, run_props, bold=is_header))
                parts.append("</w:p></w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        table = parse_xml("".join(parts))
        body = self.document.element.body
        lead = self.lead if len(self.lead) <= 4 else []
        last = body.sectPr.getprevious() if body.sectPr is not None else body[-1]
        if not lead and last is not None and last.tag == qn("w:p") and "".join(last.itertext()):
            lead = [last]  # a line that introduces the table, after another table
        for element in lead:
            _keep_with_next(element)
        if body.sectPr is not None:
            body.sectPr.addprevious(table)
        else:
            body.append(table)
        spacer = self.document.add_paragraph()._p  # Word needs a paragraph between tables
        if wide:
            self.wide.extend([*lead, table, spacer])
        self.lead = []
        self._count_table(lines, wide)

    def _is_wide(self, measured, rows) -> bool:
        """More than six text columns (unless the table has only a few rows and its
        words fit side by side: a landscape page for one row is mostly empty), five
        of running text, or words that do not fit side by side: a landscape page."""
        if self.page[0] > self.page[1]:
            return False  # the reference is landscape already
        body = [row for (header, _), row in zip(rows, measured, strict=True) if not header]
        columns = len(measured[0])
        texts = [[row[c].text for row in body if row[c] is not None] for c in range(columns)]
        text_columns = [t for t in texts if any(x.strip() not in ("", SHADE) for x in t)]
        prose = [t for t in texts if t and sum(map(len, t)) / len(t) >= PROSE]
        least = sum(_least_width(measured, c) for c in range(columns))
        few_rows = len(body) <= FEW_ROWS
        return (
            (len(text_columns) > PORTRAIT_COLUMNS and not few_rows)
            or len(prose) >= PROSE_COLUMNS
            or least > self.usable()
        )

    def _page_lines(self, wide: bool) -> float:
        """Lines of body text on a page, portrait or landscape."""
        width, height = self.page
        if not wide:
            return LINES_PER_PAGE
        return LINES_PER_PAGE * (width - self.heights) / (height - self.heights)

    def _table_lines(self, measured, widths) -> float:
        """A table's height in lines of body text: each row as tall as its tallest
        cell."""
        scale = self.table_size / self.normal_size
        lines = 0.0
        for row in measured:
            tallest = max(
                (
                    sum(
                        max(1, math.ceil(line / (widths[c] - 2 * CELL_MARGIN)))
                        for line in cell.lines
                    )
                    for c, cell in enumerate(row)
                    if cell is not None
                ),
                default=1,
            )
            lines += tallest * scale + 0.2
        return lines

    def _count_table(self, lines: float, wide: bool) -> None:
        """Add a table to the page estimate; a landscape table has pages of its own."""
        if wide:
            pages = math.ceil(self.lines / LINES_PER_PAGE)
            pages += math.ceil(lines / self._page_lines(wide=True))
            self.lines = pages * LINES_PER_PAGE
        else:
            self.lines += lines + 1

    def _orient_sections(self) -> None:
        """Give each run of landscape elements a section of its own: the section
        properties of a run go on its last paragraph (Word's way of ending a
        section), the body's own on the last run."""
        body = self.document.element.body
        last = body.sectPr
        if not self.wide or last is None:
            return
        wide = {id(element) for element in self.wide}
        runs: list[tuple[bool, list]] = []
        for element in body.iterchildren():
            if element is last:
                continue
            is_wide = id(element) in wide
            if runs and runs[-1][0] == is_wide:
                runs[-1][1].append(element)
            else:
                runs.append((is_wide, [element]))
        for child in last.findall(_w("type")):
            last.remove(child)  # every section starts on a new page
        portrait = copy.deepcopy(last)
        for is_wide, elements in runs[:-1]:
            end = elements[-1]
            if not end.tag.endswith("}p"):
                end = self.document.add_paragraph()._p
                elements[-1].addnext(end)
            properties = copy.deepcopy(portrait)
            if is_wide:
                _turn(properties)
            end.get_or_add_pPr()._insert_sectPr(properties)
        if runs[-1][0]:
            _turn(last)

    # --- table of contents -------------------------------------------------------------

    def _finish_toc(self) -> None:
        """Write the table of contents where `[[TOC]]` stood, now that the headings are
        known, if the report is long enough to need one."""
        marker = self.toc_marker
        if marker is None:
            return
        pages = math.ceil(self.lines / LINES_PER_PAGE)
        if pages >= TOC_PAGES and self.headings:
            from html import escape

            from docx.oxml import parse_xml
            from docx.oxml.ns import nsdecls

            styles = {style.name for style in self.document.styles}
            if "TOC Heading" in styles:
                heading = self.paragraph("TOC Heading")
                heading.add_run(words(self.language)["docx.contents"])
            else:
                heading = self.paragraph("Normal")
                heading.add_run(words(self.language)["docx.contents"]).bold = True
            marker.addprevious(heading._p)
            normal = self.document.styles["Normal"].style_id
            for level, text, name in self.headings:
                indent = (level - 1) * TOC_INDENT
                entry = parse_xml(
                    f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{normal}"/>'
                    f'<w:spacing w:before="0" w:after="60"/><w:ind w:left="{indent}"/></w:pPr>'
                    f'<w:hyperlink w:anchor="{name}" w:history="1"><w:r>'
                    f'<w:t xml:space="preserve">{escape(text, quote=False)}</w:t>'
                    "</w:r></w:hyperlink></w:p>"
                )
                marker.addprevious(entry)
        marker.getparent().remove(marker)


def _measure(inline, size: float, header: bool) -> _Cell:
    """A cell's text, longest unbreakable part and each line's width, each character
    measured bold or not as it is written."""
    spans = [
        ("\n", False) if span is None else (span.text, span.bold)
        for span in _spans(inline, bold=header)
    ]
    text = "".join(piece for piece, _ in spans)
    weights = {bold for piece, bold in spans if piece != "\n"}
    if len(weights) <= 1:  # one weight, the usual case: measure the pieces directly
        bold = weights == {True}
        lines = [text_width(line, size, bold=bold) for line in text.split("\n")]
        parts = unbreakable_parts(text)
        word = max((text_width(part, size, bold=bold) for part in parts), default=0.0)
        return _Cell(text, word, lines)
    offsets = [0.0]  # offsets[i]: the width of text[:i]
    for piece, bold in spans:
        for char in piece:
            offsets.append(offsets[-1] + text_width(char, size, bold=bold))
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append(offsets[start + len(line)] - offsets[start])
        start += len(line) + 1
    word = 0.0
    for match in re.finditer(r"[^ \t\n]+", text):
        start = match.start()
        for part in _BREAK_AFTER_HYPHEN.split(match.group()):
            word = max(word, offsets[start + len(part)] - offsets[start])
            start += len(part)
    return _Cell(text, word, lines)


def _least_width(measured, column: int) -> int:
    return (
        CELL_MARGIN * 2
        + SLACK
        + math.ceil(
            max((row[column].word for row in measured if row[column] is not None), default=0)
        )
    )


def _column_widths(measured, usable: int) -> list[int]:
    """Column widths in twips, as an HTML table's automatic layout: every column
    gets room for its longest word; what is left goes to the columns in proportion to
    how much more they would take to show each cell on one line. Only when even the
    words do not fit are long columns narrowed (short ones, dates and yes/no, keep
    their room) and a word may break."""
    columns = len(measured[0])
    least = [_least_width(measured, c) for c in range(columns)]
    most = [
        max(
            least[c],
            CELL_MARGIN * 2
            + SLACK
            + math.ceil(max((row[c].line for row in measured if row[c] is not None), default=0)),
        )
        for c in range(columns)
    ]
    if sum(least) > usable:
        short = sorted(least)[: columns // 2]
        keep = [w <= (short[-1] if short else 0) for w in least]
        room = usable - sum(w for w, k in zip(least, keep, strict=True) if k)
        long_total = sum(w for w, k in zip(least, keep, strict=True) if not k)
        if room <= 0 or long_total == 0:
            return [usable * w // sum(least) for w in least]
        return [w if k else w * room // long_total for w, k in zip(least, keep, strict=True)]
    if sum(most) <= usable:
        return [w + (usable - sum(most)) * w // sum(most) for w in most]
    extra = [m - w for m, w in zip(most, least, strict=True)]
    return [w + (usable - sum(least)) * e // sum(extra) for w, e in zip(least, extra, strict=True)]


def _turn(properties) -> None:
    """Section properties for a landscape page of the same paper."""
    size = properties.find(_w("pgSz"))
    width, height = size.get(_w("w")), size.get(_w("h"))
    size.set(_w("w"), height)
    size.set(_w("h"), width)
    size.set(_w("orient"), "landscape")


def _keep_with_next(paragraph) -> None:
    from docx.oxml.ns import qn

    properties = paragraph.get_or_add_pPr()
    if properties.find(qn("w:keepNext")) is None:
        properties.keepNext_val = True


def _bookmark(paragraph, number: int, name: str) -> None:
    """A bookmark around the whole paragraph, for the table of contents to link to."""
    from docx.oxml import OxmlElement

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(_w("id"), str(number))
    start.set(_w("name"), name)
    end.set(_w("id"), str(number))
    properties = paragraph.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(end)


def _w(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{name}")


def _points(length, default: float) -> float:
    return length.pt if length is not None else default


def _allowed_link(url: str) -> bool:
    scheme = _SCHEME.match(url)
    return scheme is None or scheme.group(1).lower() in LINK_SCHEMES


def _twips(emu: int) -> int:
    return int(emu / 635)  # 914 400 EMU per inch, 1 440 twips per inch


@dataclass(frozen=True)
class _Span:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


def _spans(inline, *, bold: bool = False) -> Iterator[_Span | None]:
    """The text of Markdown inline tokens as spans of one formatting each; None is a
    line break. A link's address follows its text unless the text is the address;
    a picture shows its alternative text."""
    strong, emphasis = bold, False
    link, link_text = None, ""
    for child in inline.children or []:
        kind = child.type
        if kind in ("text", "code_inline", "image") and child.content:
            link_text += child.content
            yield _Span(child.content, strong, emphasis, kind == "code_inline")
        elif kind == "softbreak":
            yield _Span(" ", strong, emphasis)
        elif kind == "hardbreak":
            yield None
        elif kind in ("strong_open", "strong_close"):
            strong = kind == "strong_open" or bold
        elif kind in ("em_open", "em_close"):
            emphasis = kind == "em_open"
        elif kind == "link_open":
            link, link_text = child.attrs.get("href"), ""
        elif kind == "link_close":
            if link and link not in link_text:
                yield _Span(f" ({link})", strong, emphasis)
            link = None


def _runs_xml(inline, run_props: str, *, bold: bool) -> str:
    """The runs of one table cell as WordprocessingML."""
    from html import escape  # as xml.sax.saxutils's, which loads urllib.request (12 ms)

    out = []
    for span in _spans(inline, bold=bold):
        if span is None:
            out.append("<w:r><w:br/></w:r>")
            continue
        # The schema fixes the order of run properties: rFonts, b, i, ..., sz.
        props = (
            ('<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>' if span.code else "")
            + ("<w:b/>" if span.bold else "")
            + ("<w:i/>" if span.italic else "")
            + run_props
        )
        text = escape(span.text, quote=False)
        out.append(f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>')
    return "".join(out)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field: begin, instruction, separate, shown text, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


# --- the parts around the text ------------------------------------------------------


def _headers_and_footers(document, kind: str) -> list:
    """Every header (or footer) of the sections that Word shows: the default one, and
    the first page's and even pages' when the reference uses them."""
    found = []
    even = document.settings.odd_and_even_pages_header_footer
    for section in document.sections:
        found.append(getattr(section, kind))
        if section.different_first_page_header_footer:
            found.append(getattr(section, f"first_page_{kind}"))
        if even:
            found.append(getattr(section, f"even_page_{kind}"))
    return found


def _add_page_furniture(document, info: DocumentInfo) -> None:
    """'Sida 3 av 12' in every footer that has no page number of its own; for an
    internal report, 'INTERNT – får inte publiceras' in every header. Done before the
    text is written: the landscape sections made later share these parts."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    w = words(info.language)
    for footer in _headers_and_footers(document, "footer"):
        if "PAGE" in footer._element.xml:
            continue
        paragraph = footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{w['docx.page']} ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(f" {w['docx.of']} ")
        _field(paragraph, "NUMPAGES", "1")
    marks = [w["docx.internal"]] if info.audience == "internal" else []
    if info.draft:
        marks.insert(0, info.draft)
    for header in _headers_and_footers(document, "header") if marks else ():
        for mark in marks:
            paragraphs = header.paragraphs
            empty = (
                len(paragraphs) == 1
                and not paragraphs[0].text
                and "drawing" not in (paragraphs[0]._p.xml)
            )
            paragraph = paragraphs[0] if empty else header.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(mark)
            run.bold = True
            if mark == info.draft:
                run.font.color.rgb = RGBColor.from_string(DRAFT_RED)


def _add_draft_line(document, mark: str) -> None:
    """The draft mark in bold red above the title, the first line of the document."""
    from docx.shared import RGBColor

    paragraph = document.add_paragraph()
    run = paragraph.add_run(mark)
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(DRAFT_RED)
    body = document.element.body
    body.insert(0, paragraph._p)


def _language_tag(language: str) -> str:
    return LOCALES[language].replace("_", "-")  # sv-SE, en-GB


def set_language(document, language: str) -> None:
    """The report's language in the document defaults, in every style that names one
    and in the settings, so that spell-checking and screen readers read it right."""
    from docx.oxml import OxmlElement

    tag = _language_tag(language)
    styles = document.styles.element
    defaults = styles.find(_w("docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(_w("rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(_w("rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    if properties.find(_w("lang")) is None:
        properties.append(OxmlElement("w:lang"))  # last in rPr but for a few rare ones
    for lang in styles.iter(_w("lang")):
        lang.set(_w("val"), tag)
        if lang.get(_w("eastAsia")):
            lang.set(_w("eastAsia"), tag)
    settings = document.settings.element
    theme = settings.find(_w("themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        settings.insert_element_before(theme, *SETTINGS_AFTER_THEME_FONT_LANG)
    theme.set(_w("val"), tag)


SETTINGS_AFTER_THEME_FONT_LANG = tuple(
    f"w:{name}"
    for name in [
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
)
"""The elements CT_Settings places after w:themeFontLang."""


def clean_package(document) -> None:
    """Drop what the reference file brings from where it was made (see
    DROPPED_RELATIONSHIPS, DROPPED_SETTINGS) and write dialogkit's own application
    properties."""
    package = document.part.package
    for part in (package, document.part, document.part._settings_part):
        for rid, relationship in list(part.rels.items()):
            if relationship.reltype in DROPPED_RELATIONSHIPS:
                del part.rels[rid]
    settings = document.settings.element
    for name in DROPPED_SETTINGS:
        for element in settings.findall(_w(name)):
            settings.remove(element)
    _write_app_properties(package)


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties">'
    f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><Company></Company><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
"""No template, word count or application version: the reference's would be wrong."""


def _write_app_properties(package) -> None:
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    blob = APP_XML.encode("utf-8")
    for relationship in package.rels.values():
        if relationship.reltype == RELATIONSHIP_TYPE.EXTENDED_PROPERTIES:
            relationship.target_part._blob = blob
            return
    part = Part(PackURI("/docProps/app.xml"), CONTENT_TYPE.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)


def _describe_pictures(document, info: DocumentInfo) -> None:
    """Alternative text on every picture: the reports have none of their own, so a
    picture is the reference's, in a header or footer: the organisation's logo."""
    text = f"{words(info.language)['docx.logo']} {info.author}"
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None or not hasattr(element, "xpath"):
            continue
        for picture in element.xpath(".//wp:docPr"):
            if not (picture.get("descr") or "").strip():
                picture.set("descr", text)


def _set_properties(document, info: DocumentInfo) -> None:
    """Title, author and dates are the report's own, never the reference file's."""
    properties = document.core_properties
    now = info.created or clock.now().replace(tzinfo=None)
    limit = 255  # python-docx refuses longer core properties; a long title is cut
    properties.title = info.title[:limit]
    properties.subject = info.subject[:limit]
    properties.author = info.author[:limit]
    properties.last_modified_by = info.author[:limit]
    properties.created = now
    properties.modified = now
    properties.revision = 1
    properties.language = _language_tag(info.language)
    for name in ("comments", "keywords", "category", "content_status", "identifier", "version"):
        setattr(properties, name, "")
    if info.draft:
        properties.content_status = info.draft[:limit]
