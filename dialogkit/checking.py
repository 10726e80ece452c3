"""`check`: load the plans below some paths, validate them and run every rule."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .findings import Report
from .rules import run_rules
from .workspace import Workspace, load_workspace


def check(paths: Iterable[Path]) -> Report:
    """Check every plan below `paths`; raise `UsageError` if a path does not exist."""
    return check_workspace(load_workspace(paths))


def check_workspace(workspace: Workspace) -> Report:
    report = Report(findings=list(workspace.findings), files_checked=len(workspace.files))
    for loaded in workspace.plans:
        report.findings.extend(run_rules(loaded, workspace))
    return report
