"""The plans a change to some plan files could break: those that refer to them.

pre-commit names only the files a commit changes. Removing a sub-goal from a strategy
breaks the local plans that use it (DK216) without changing them, and renaming the
strategy breaks every local plan that names it (DK219); a new plan with an id already
taken breaks the pair (DK217). So `plan check FILE...` also checks, in the workspace's
`plans/` (or the file's folder outside a workspace), every plan that

- is a local plan naming a strategy given, or naming no strategy there at all when a
  strategy is given (it may have named the one whose id just changed);
- has the id of a plan given, in any letter case;
- is an implementation plan, when a dialogue project is given (its areas list projects,
  and a project's method, rung or id may have changed: DK231, DK232, DK235);
- is a dialogue project naming an implementation plan given, or naming none there
  when one is given (as for a local plan and its strategy: DK234, DK235).

The plans are only looked at here (their top-level id, kind, strategy and
implementation_plan lines), not parsed: the check that follows does that.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .links import link_out
from .plan_index import entries_below, fields_of
from .settings import PLANS_FOLDER, shown, workspace_root


def with_dependents(paths: list[Path]) -> list[Path]:
    """`paths`, and after them the plans that depend on the files among them. With
    dependents, the files come in path order, as a check of the folder reads them (so
    a duplicate id is reported on the same file)."""
    named = [path for path in paths if path.is_file() and link_out(path) is None]
    if not named:
        return paths
    found = dependents(named)
    if not found:
        return paths
    if len(named) == len(paths):
        return sorted({*paths, *found}, key=lambda path: path.as_posix())
    return [*paths, *found]


def dependents(named: list[Path]) -> list[Path]:
    """The plan files, beside the `named` ones, that refer to them (see the module)."""
    given = {path.resolve(): fields_of(path) for path in named}
    ids = {fields.id.casefold() for fields in given.values() if fields.id}
    strategies = {fields.id for fields in given.values() if fields.kind == "strategy"}
    kinds = {fields.kind for fields in given.values()}
    implementation_plans = {
        fields.id for fields in given.values() if fields.kind == "implementation_plan"
    }
    names = {path.name for path in named}
    others = {
        path: fields_of(path)
        for path in _neighbours(named)
        if not (path.name in names and path.resolve() in given)
    }
    existing = strategies | {f.id for f in others.values() if f.kind == "strategy"}
    existing_plans = implementation_plans | {
        f.id for f in others.values() if f.kind == "implementation_plan"
    }
    found = []
    for path, fields in others.items():
        refers = fields.kind == "local_plan" and (
            fields.strategy in strategies or (bool(strategies) and fields.strategy not in existing)
        )
        lists_projects = fields.kind == "implementation_plan" and "dialogue_project" in kinds
        names_plan = (
            fields.kind == "dialogue_project"
            and fields.implementation_plan
            and (
                fields.implementation_plan in implementation_plans
                or (bool(implementation_plans) and fields.implementation_plan not in existing_plans)
            )
        )
        if refers or lists_projects or names_plan or (fields.id and fields.id.casefold() in ids):
            found.append(path)
    return found


def _neighbours(named: Iterable[Path]) -> list[Path]:
    """Every plan file in the folders the named files are checked against."""
    folders = dict.fromkeys(_scope(path) for path in named)
    return list(
        dict.fromkeys(
            path for folder in folders for path, linked in entries_below(folder) if not linked
        )
    )


def _scope(path: Path) -> Path:
    """The workspace's `plans/` when the file lies in it, else the file's folder."""
    root = workspace_root(path.parent)
    if root is not None:
        plans = root / PLANS_FOLDER
        if path.resolve().is_relative_to(plans.resolve()):
            return shown(plans)
    return path.parent
