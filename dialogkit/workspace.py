"""Find plan files, read them and validate them: the workspace a check or a
command works on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .findings import Finding, Severity
from .model import Plan, Strategy
from .validation import validate_source
from .yamlsource import Source, SourceError, read_source

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadedPlan:
    source: Source
    plan: Plan

    @property
    def path(self) -> Path:
        return self.source.path


@dataclass
class Workspace:
    """The plans asked about, plus their neighbours for cross-file references."""

    plans: list[LoadedPlan] = field(default_factory=list)
    context: list[LoadedPlan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def strategy(self, strategy_id: str) -> Strategy | None:
        for loaded in (*self.plans, *self.context):
            if isinstance(loaded.plan, Strategy) and loaded.plan.id == strategy_id:
                return loaded.plan
        return None


def plan_files(paths: Iterable[Path]) -> list[Path]:
    """Every YAML file named or found below the given paths; hidden entries are skipped."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: finns inte.", hint="Ange en plan eller en mapp med planer.")
        if path.is_file():
            files.append(path)
            continue
        for found in sorted(path.rglob("*")):
            relative = found.relative_to(path).parts
            if (
                found.suffix in YAML_SUFFIXES
                and found.is_file()
                and not any(part.startswith(".") for part in relative)
            ):
                files.append(found)
    return list(dict.fromkeys(files))


def load_file(path: Path) -> tuple[LoadedPlan | None, list[Finding]]:
    try:
        source = read_source(path)
    except SourceError as error:
        return None, [
            Finding(
                error.code,
                Severity.ERROR,
                error.message,
                path,
                error.line,
                error.col,
                hint=error.hint,
            )
        ]
    plan, findings = validate_source(source)
    return (LoadedPlan(source, plan) if plan is not None else None), findings


def load_workspace(paths: Iterable[Path]) -> Workspace:
    """Load the plans below `paths`; plans beside a named file are loaded as context."""
    paths = list(paths)
    workspace = Workspace(files=plan_files(paths))
    for path in workspace.files:
        loaded, findings = load_file(path)
        workspace.findings.extend(findings)
        if loaded:
            workspace.plans.append(loaded)
    asked = set(workspace.files)
    neighbours = plan_files({p.parent for p in paths if p.is_file()})
    for path in neighbours:
        if path not in asked:
            loaded, _ = load_file(path)
            if loaded:
                workspace.context.append(loaded)
    return workspace
