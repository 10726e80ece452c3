"""Plan text is data, never markup.

Report templates write Markdown, which dialogkit turns into Word; the web invitation
is Markdown for the project's web page. Text from a plan must show as the characters
the user wrote, never as a heading, a list, a table, a page break (`---`), a link,
emphasis or HTML. So a Markdown template's environment escapes every value as it is
printed (`finalize_markdown`, Jinja's `finalize`): no template, a workspace's own
included, can forget it. Text that already is Markdown, a table cell made by the
`cell` filter or what a macro or block of the template wrote, is `Markdown` and is
printed as it is.

Only what Markdown would read as markup is escaped, so ordinary text ("1. Inledning",
"-5 grader", "(se bilaga).") keeps its look in the Markdown and shows no backslash in
Word. A `<` that could open a tag and a `&` that could start a character reference
are written as character references (`&lt;`, `&amp;`): a Markdown renderer shows them
as `<` and `&`, and they stay harmless if the text is pasted into an HTML page.
The line breaks and paragraphs the user wrote are kept, without ending the block
the template put the value in (a list item, say, whose list goes on after it): a
line break becomes a hard break, and an empty line stays an empty line, made of two
hard breaks. docx_writer makes the parts of a paragraph around such an empty line
paragraphs of their own.
"""

from __future__ import annotations

import re
from typing import Any

SHADE = "■"
"""A table cell holding only this is shaded in Word (docx_writer); plan text never is."""

_NEEDS_WORK = re.compile(r"[\\`*_\[\]|~#<&\n\r\v\f\x1c-\x1e\x85\u2028\u2029]|^[\s\d>+=-]")
"""Text without these is printed as it is (most values: names, dates, sums)."""
_SPECIAL = re.compile(r"[\\`*_\[\]|~#<&]")
"""A quick look for the characters `_INLINE` may escape."""
_INLINE = re.compile(r"[\\`*_\[\]|~]|(?<!\S)#|<(?=[A-Za-z/!?])|&(?=#?\w+;)")
"""Emphasis, code, links, tables, strikethrough, headings (`#` that starts a word),
HTML tags and character references."""
_REFERENCES = {"<": "&lt;", "&": "&amp;"}
_LINE_START = re.compile(r"^([ \t]*)(?:([>]|[-+=](?=[\s=+-]|$))|(\d{1,9})(?=[.)](?:\s|$)))")
"""What starts a block at the start of a line: a quote, a list item, a setext
underline or thematic break, a numbered item (`1.`, `1)`)."""


PARAGRAPH_BREAK = "\\\n\\\n"
"""Two hard breaks: an empty line that does not end the template's block."""


class Markdown(str):
    """Text that is already Markdown, printed as it is by a Markdown template."""

    __slots__ = ()


def escape_markdown(text: Any) -> Markdown:
    """`text` as Markdown that shows exactly `text`, its line breaks and paragraphs
    included; `Markdown` is returned as it is."""
    if isinstance(text, Markdown):
        return text
    lines = str(text).splitlines()  # \r\n, \r, form feed, U+2028 … all end a line
    if len(lines) <= 1:
        return Markdown(_escape_line(lines[0], first=True) if lines else "")
    paragraphs: list[list[str]] = [[]]
    for number, line in enumerate(lines):
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        line = line.rstrip() if number == 0 else line.strip()
        paragraphs[-1].append(_escape_line(line, first=number == 0))
    return Markdown(PARAGRAPH_BREAK.join("\\\n".join(lines) for lines in paragraphs if lines))


def table_cell(value: Any) -> Markdown:
    """Text that is safe inside a Markdown table cell: one line, every `|` escaped."""
    if value is None:
        return Markdown("")
    if isinstance(value, Markdown):
        return Markdown(_one_line(value))
    text = _escape_inline(_one_line(str(value)))
    return Markdown("&#9632;" if text == SHADE else text)


_BREAKING_SPACE = re.compile(r"[^\S\xa0\u202f]+")
"""White space that may break a line; the no-break spaces in "110 000 kr" are kept."""


def _one_line(text: str) -> str:
    return _BREAKING_SPACE.sub(" ", text).strip()


def finalize_markdown(value: Any) -> Any:
    """Jinja's `finalize` for a Markdown template: every printed value is escaped,
    except `Markdown`, and undefined values, which must still raise their error."""
    if isinstance(value, Markdown):
        return value
    if isinstance(value, str):
        return escape_markdown(value) if _NEEDS_WORK.search(value) else value
    from jinja2 import Undefined

    return value if isinstance(value, Undefined) else escape_markdown(value)


def markdown_text(markdown: str) -> str:
    """What a reader sees of one line of Markdown (for the Word document's title):
    escapes and character references resolved, emphasis marks gone."""
    from markdown_it import MarkdownIt

    parts = []
    for token in MarkdownIt("commonmark", {"html": False}).parseInline(markdown):
        for child in token.children or []:
            if child.type in ("text", "code_inline", "image"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts).strip()


def _escape_inline(text: str) -> str:
    if not _SPECIAL.search(text):
        return text
    return _INLINE.sub(lambda m: _REFERENCES.get(m.group(), "\\" + m.group()), text)


def _escape_line(line: str, *, first: bool) -> str:
    """One line of plan text. The first line may be printed after other text, so
    it keeps a short indent; four spaces or a tab would start a code block."""
    if first and line[:1] in (" ", "\t"):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent or len(indent) >= 4:
            line = " " + line.lstrip(" \t")
    line = _escape_inline(line)
    start = _LINE_START.match(line)
    if start is None:
        return line
    indent, marker, digits = start.groups()
    escaped = f"{indent}\\{marker}" if marker else f"{indent}{digits}\\"
    return escaped + line[start.end() :]
