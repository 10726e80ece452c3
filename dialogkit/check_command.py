"""`dialogkit plan check`'s work, shared by the quick entry point (entry.py) and the
full command line (cli.py): check, print the findings, return the exit code."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

CHECK_FORMATS = ("text", "json", "github")


def run_check(
    paths: Iterable[Path],
    output: str,
    strict: bool,
    language: str | None = None,
    today: date | None = None,
    *,
    cache: bool = True,
) -> int:
    """Check the plans, and the plans that refer to the files among them (what a change
    to those would break: dependents.py; pre-commit names only the changed files),
    print the findings and return the exit code. Everything is in `language` (`--lang`)
    if given; else each finding is in its plan's language and the rest in the
    workspace's (settings.workspace_language). The rules about dates ask about `today`
    (`--today`), the real date if None. `cache`: use the check cache (check_cache.py)."""
    from .checking import check
    from .dependents import with_dependents
    from .render.findings import present

    paths = with_dependents(list(paths))
    report = check(paths, today, cache=cache)
    chosen = language
    if language is None:
        from .settings import workspace_language

        language = workspace_language(paths[0])
    present(report, output, language=language, chosen=chosen)
    return report.exit_code(strict=strict)
