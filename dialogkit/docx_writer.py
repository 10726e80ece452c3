"""Markdown (from a report template) to a Word document styled by a reference .docx.

The Markdown is parsed by markdown-it-py. Headings become Word's heading styles (so
the navigation pane works), lists use the list styles, tables are built row by row
with the header row repeated on every page. Conventions beyond Markdown, kept small:

- a paragraph `[[TOC]]` becomes a table-of-contents field;
- a table cell holding only `■` is shaded (the month grid of a timeline);
- a thematic break (`---`) starts a new page.

Plan text reaches this Markdown escaped (dialogkit.markup), so only the template's
own Markdown is structure. Even so, raw HTML is never read as HTML (it shows as
text, nothing is dropped), and no hyperlink is made: a link shows its text and its
address, and only an http, https or mailto address (or one without a scheme) is
read as a link at all.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import clock
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


def _too_large(what: str) -> DialogkitError:
    return DialogkitError(
        f"Rapporten blir för stor för Word: {what}.",
        hint="Se efter om mallen skriver för mycket, eller dela upp planen.",
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
CELL_PADDING = 150_000  # EMU: the cell's left and right margins
SHORT_COLUMN = 12  # characters: a column this narrow is never squeezed further
SHADE = "■"
SHADE_FILL = "2F5597"
TOC_MARKER = "[[TOC]]"
LINK_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")


class ReferenceDocxError(DialogkitError):
    """The reference .docx cannot be used."""


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str = ""
    language: str = "sv"
    created: datetime | None = None


def markdown_to_docx(markdown: str, reference: Path, info: DocumentInfo) -> bytes:
    from docx import Document

    try:
        document = Document(str(reference))
    except Exception as error:  # python-docx raises several types for a bad package
        raise ReferenceDocxError(
            f"{reference}: kan inte öppnas som Word-dokument ({error})."
        ) from None
    _require_styles(document, reference)
    _clear_body(document)
    _Writer(document, info.language).write(markdown)
    _add_page_numbers(document, info.language)
    _set_properties(document, info)
    out = io.BytesIO()
    document.save(out)
    return clock.stamp_zip(out.getvalue())


def _require_styles(document, reference: Path) -> None:
    names = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise ReferenceDocxError(
            f"{reference}: formatmallen saknar stilen {', '.join(missing)}.",
            hint="Öppna mallen i Word, använd stilen en gång (så sparas den i filen) och spara.",
        )


def _clear_body(document) -> None:
    """Keep the reference's page setup, headers and footers; drop its example text."""
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


class _Writer:
    def __init__(self, document, language: str) -> None:
        self.document = document
        self.language = language
        self.lists: list[str] = []  # "bullet" or "ordered", innermost last
        self.started = False  # has anything been written yet?
        self.styles: dict[str, str] = {}

    def paragraph(self, style: str):
        """A new paragraph. Its style id is looked up by name once and set directly:
        python-docx's `add_paragraph(style=…)` searches every style of the document
        for each paragraph (two thirds of the time of a 300-dialogue report)."""
        if style not in self.styles:
            self.styles[style] = self.document.styles[style].style_id
        self.started = True
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.styles[style]
        return paragraph

    def write(self, markdown: str) -> None:
        for count, limit, what in (
            (markdown.count("\n"), MAX_LINES, "rader"),
            (markdown.count("|"), MAX_CELLS, "tabellceller"),
        ):
            if count > limit:
                raise _too_large(f"{format_number(count)} {what}, högst {format_number(limit)}")
        from markdown_it import MarkdownIt

        parser = MarkdownIt("commonmark", {"html": False}).enable("table")
        parser.validateLink = _allowed_link
        tokens = parser.parse(markdown)
        index = 0
        while index < len(tokens):
            index = self._block(tokens, index)

    def _block(self, tokens, index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            style = "Title" if level == 1 and not self.started else f"Heading {min(level, 3)}"
            paragraph = self.paragraph(style)
            self._inline(paragraph, tokens[index + 1])
            return index + 3
        if kind == "paragraph_open":
            inline = tokens[index + 1]
            if inline.content.strip() == TOC_MARKER:
                self._toc()
            else:
                style = self._paragraph_style()
                self._inline(self.paragraph(style), inline, split=None if self.lists else style)
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
            return index + 1
        if kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").splitlines():
                self.document.add_paragraph(line)
            return index + 1
        return index + 1  # list items and blockquote markers are structure only

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
            raise _too_large(f"en tabell med {len(alignments)} kolumner, högst {MAX_COLUMNS}")
        self._build_table(rows, alignments)
        return index + 1

    def _build_table(self, rows, alignments) -> None:
        """Write the table as one piece of WordprocessingML: python-docx's per-cell
        calls cost half a millisecond each, too slow for a 300-dialogue report."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        columns = max(len(cells) for _, cells in rows)
        widths = self._column_widths(rows, columns)
        styles = self.document.styles
        size = styles["Table Grid"].font.size or styles["Normal"].font.size
        run_props = f'<w:sz w:val="{round(size.pt * 2)}"/>' if size else ""
        parts = [
            f"<w:tbl {nsdecls('w')}><w:tblPr>"
            f'<w:tblStyle w:val="{styles["Table Grid"].style_id}"/>'
            f'<w:tblW w:w="{sum(_twips(w) for w in widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" '
            'w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            "</w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{_twips(w)}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        for is_header, inlines in rows:
            parts.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if is_header else "<w:tr>")
            for column in range(columns):
                inline = inlines[column] if column < len(inlines) else None
                shaded = inline is not None and inline.content.strip() == SHADE
                align = alignments[column] if column < len(alignments) else None
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{_twips(widths[column])}" w:type="dxa"/>')
                if shaded:
                    parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE_FILL}"/>')
                parts.append("</w:tcPr><w:p>")
                if align in ("right", "center"):
                    parts.append(f'<w:pPr><w:jc w:val="{align}"/></w:pPr>')
                if inline is not None and not shaded:
                    parts.append(_runs_xml(inline, run_props, bold=is_header))
                parts.append("</w:p></w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        table = parse_xml("".join(parts))
        body = self.document.element.body
        if body.sectPr is not None:
            body.sectPr.addprevious(table)
        else:
            body.append(table)
        self.document.add_paragraph()  # Word needs a paragraph between adjacent tables

    def _column_widths(self, rows, columns: int) -> list[int]:
        """Every column first gets room for its longest word, so nothing breaks
        mid-word where it can be helped; what is left goes to the columns that
        hold the most text. When even that does not fit, short columns (dates,
        months, yes/no) keep their room and the long ones share the rest."""
        section = self.document.sections[-1]
        usable = section.page_width - section.left_margin - section.right_margin
        char = self._char_width()
        minimum, wanted = [], []
        for column in range(columns):
            texts = [cells[column].content for _, cells in rows if column < len(cells)]
            longest_word = max((len(w) for t in texts for w in t.split()), default=1)
            minimum.append(longest_word * char + CELL_PADDING)
            wanted.append(sum(len(t) for t in texts) / max(len(texts), 1))
        if sum(minimum) >= usable:
            short = [m <= SHORT_COLUMN * char + CELL_PADDING for m in minimum]
            room = usable - sum(m for m, s in zip(minimum, short, strict=True) if s)
            long_total = sum(m for m, s in zip(minimum, short, strict=True) if not s)
            if room <= 0 or long_total == 0:
                return [int(usable * m / sum(minimum)) for m in minimum]
            return [
                int(m if s else m * room / long_total) for m, s in zip(minimum, short, strict=True)
            ]
        spare = usable - sum(minimum)
        total = sum(wanted) or 1
        return [int(m + spare * w / total) for m, w in zip(minimum, wanted, strict=True)]

    def _char_width(self) -> int:
        """An average character's width in the table style's font size."""
        styles = self.document.styles
        size = styles["Table Grid"].font.size or styles["Normal"].font.size or 11 * 12700
        return int(size * 0.56)

    def _toc(self) -> None:
        text = words(self.language)["docx.toc"]
        paragraph = self.document.add_paragraph()
        _field(paragraph, 'TOC \\o "1-3" \\h \\z \\u', text)
        _update_fields_on_open(self.document)


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


# The elements that CT_Settings places after w:updateFields.
SETTINGS_AFTER_UPDATE_FIELDS = tuple(
    f"w:{name}"
    for name in [
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "attachedSchema",
        "themeFontLang",
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


def _update_fields_on_open(document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        element = OxmlElement("w:updateFields")
        element.set(qn("w:val"), "true")
        settings.insert_element_before(element, *SETTINGS_AFTER_UPDATE_FIELDS)


def _add_page_numbers(document, language: str) -> None:
    """'Sida 3 av 12' in every footer that has no page number of its own."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    w = words(language)
    for section in document.sections:
        footer = section.footer
        if "PAGE" in footer._element.xml:
            continue
        paragraph = footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{w['docx.page']} ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(f" {w['docx.of']} ")
        _field(paragraph, "NUMPAGES", "1")


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
    properties.language = LOCALES[info.language].replace("_", "-")  # sv-SE, en-GB
    for name in ("comments", "keywords", "category", "content_status", "identifier", "version"):
        setattr(properties, name, "")
