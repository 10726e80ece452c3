"""`check`: load the plans below some paths, validate them and run every rule."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import PlanInvalidError, UsageError
from .findings import Report
from .rules import run_rules
from .templating import and_list
from .words import words
from .workspace import LoadedPlan, Workspace, load_workspace


def check(paths: Iterable[Path]) -> Report:
    """Check every plan below `paths`; raise `UsageError` if a path does not exist."""
    return check_workspace(load_workspace(paths))


def check_workspace(workspace: Workspace) -> Report:
    report = Report(
        findings=list(workspace.findings),
        files_checked=len(workspace.files),
        omitted={path: counts.copy() for path, counts in workspace.omitted.items()},
    )
    for loaded in workspace.plans:
        report.extend(run_rules(loaded, workspace))
    return report


def load_plan(path: Path, kind: str | tuple[str, ...] | None = None) -> LoadedPlan:
    """Load one plan for a command that renders it.

    Refuses, with a message naming the first problem, a path that is not a plan,
    a plan with errors from `check`, or a plan of another kind (such as
    "dialogue_project") than `kind`.
    """
    if not path.is_file():
        raise UsageError(f"{path}: ingen sådan plan.", hint="Ange sökvägen till en .yaml-fil.")
    workspace = load_workspace([path])
    report = check_workspace(workspace)
    if report.errors:
        first = next(f for f in report.sorted() if f.is_error)
        count = report.error_count
        raise PlanInvalidError(
            f"{first.location()}: {first.message}"
            + (f" (och {count - 1} fel till)" if count > 1 else ""),
            hint=f"Kör dialogkit plan check {path} och rätta felen först.",
            report=report,
        )
    if not workspace.plans:  # the file leads out of its folder, and was not read
        note = report.notes[0]
        raise UsageError(f"{path}: {note.message}", hint=note.hint)
    loaded = workspace.plans[0]
    kinds = (kind,) if isinstance(kind, str) else kind
    if kinds is not None and loaded.plan.kind not in kinds:
        sv = words("sv")  # messages are Swedish
        wanted = and_list([sv[f"a_kind.{k}"] for k in kinds], word="eller")
        raise UsageError(
            f"{path} är {sv[f'a_kind.{loaded.plan.kind}']}; kommandot behöver {wanted}."
        )
    return loaded
