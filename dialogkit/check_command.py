"""`dialogkit plan check`'s work, shared by the quick entry point (entry.py) and the
full command line (cli.py): check, print the findings, return the exit code."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

CHECK_FORMATS = ("text", "json", "github")


def run_check(paths: Iterable[Path], output: str, strict: bool) -> int:
    """Check the plans, print the findings and return the exit code."""
    from .checking import check
    from .render.findings import present

    report = check(paths)
    present(report, output)
    return report.exit_code(strict=strict)
