"""Turning library results into text, tables and files."""

from __future__ import annotations


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
