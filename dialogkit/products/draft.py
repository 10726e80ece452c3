"""Drafts: the outputs of a plan that loads but breaks rules (DK2xx errors).

Such a plan still gives every output, so a process leader can show the committee the
timeline while one date is open, but each output says what it is on every page and
in every text: "UTKAST – planen har 2 fel". Each renderer puts the mark where its
reader sees it (a page header, a first line, an e-mail's subject); `registry.make`
refuses any file of a draft that does not carry it.
"""

from __future__ import annotations

from .base import Drawing


def draft_mark(errors: int, language: str, *, inputs: int = 0) -> str | None:
    """ "UTKAST – planen har 2 fel" for a plan with errors, or with `inputs` errors in
    the plans its documents draw on; None for one without."""
    if not errors + inputs:
        return None
    from ..formatting import plural
    from ..words import words

    w = words(language)
    count = plural(errors + inputs, w["draft_plan.errors.one"], w["draft_plan.errors.many"])
    return w["draft_plan.mark_inputs" if inputs else "draft_plan.mark"].format(errors=count)


def marked_text(text: str, mark: str | None, *, markdown: bool = False) -> str:
    """`text` with the mark as its first line (bold in Markdown) and an empty line."""
    if mark is None:
        return text
    return f"**{mark}**\n\n{text}" if markdown else f"{mark}\n\n{text}"


def marked_json(text: str, mark: str | None) -> str:
    """JSON data with the mark as its first key, "draft"."""
    if mark is None:
        return text
    import json

    return json.dumps({"draft": mark, **json.loads(text)}, ensure_ascii=False, indent=2)


def marked_drawing(drawing: Drawing, mark: str | None) -> Drawing:
    """A terminal view with the mark above it, in bold red."""
    if mark is None:
        return drawing

    def draw(console) -> None:
        from rich.markup import escape

        console.print(f"[bold red]{escape(mark)}[/]")
        drawing.draw(console)

    return Drawing(drawing.name, draw)


def carries_mark(name: str, content: str | bytes, mark: str) -> bool:
    """Whether a reader of the file sees the mark: in a .docx or .xlsx any of its
    XML parts, in an .eml its headers or parts, in an .ics its unfolded text."""
    from pathlib import Path

    from ..gate import readable_texts

    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        suffix = ".docx"  # both are zips of XML parts, read alike
    return any(mark in text for text in readable_texts(suffix, content))
