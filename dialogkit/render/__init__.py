"""Turning library results into text, tables and files."""

from __future__ import annotations

from typing import TextIO


def console(*, stderr: bool = False, file: TextIO | None = None):
    """dialogkit's rich console: no guessing at colours for numbers and paths, and no
    wrapping of long lines (they are paths and messages to copy). rich is loaded here,
    only when something is printed with it."""
    from rich.console import Console

    return Console(stderr=stderr, file=file, highlight=False, soft_wrap=True)


def print_wide(console, table, width: int | None = None) -> None:
    """Print a table at the width it needs even on a narrow or piped console: a
    squeezed chart or money column is unreadable, a wide one can be scrolled."""
    if width is None:
        from rich.measure import Measurement

        width = Measurement.get(console, console.options.update(width=10_000), table).maximum
    original = console.width
    console.width = max(original, width)
    try:
        console.print(table, crop=False)
    finally:
        console.width = original
