"""`dialogkit plan check`'s work, shared by the quick entry point (entry.py) and the
full command line (cli.py): check, print the findings, return the exit code."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

CHECK_FORMATS = ("text", "json", "github")


def run_check(paths: Iterable[Path], output: str, strict: bool) -> int:
    """Check the plans, print the findings and return the exit code. The codes' titles
    in JSON are in the workspace's language (settings.workspace_language)."""
    from .checking import check
    from .render.findings import present

    paths = list(paths)
    report = check(paths)
    language = "sv"
    if output == "json":
        from .settings import workspace_language

        language = workspace_language(paths[0])
    present(report, output, language=language)
    return report.exit_code(strict=strict)
