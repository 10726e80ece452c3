"""Rules beyond the types. Each rule is a function that yields `Hit`s for one plan;
the runner gives them the rule's code and severity and the position in the file."""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from ..findings import MAX_PER_FILE, FileFindings, Finding, format_key_path
from ..model import KINDS
from ..personal_data import mask
from ..workspace import LoadedPlan, Workspace
from .registry import RULES, Hit, Rule, rule

__all__ = ["RULES", "Hit", "Rule", "rule", "run_rules"]


def run_rules(
    loaded: LoadedPlan,
    workspace: Workspace,
    *,
    across: bool | None = None,
    made: int = 0,
) -> FileFindings:
    """The plan's findings from every rule for its kind (only those `across` plans, or
    only the others, when given): the first `MAX_PER_FILE` made, less those `made`
    already by the plan's other rules, the rest counted."""
    _load_rule_modules([loaded.plan.kind])
    findings = FileFindings(limit=max(0, MAX_PER_FILE - made))
    for registered in RULES:
        if loaded.plan.kind not in registered.kinds:
            continue
        if across is not None and registered.across != across:
            continue
        for hit in registered.func(loaded.plan, workspace):
            if not findings.wants(registered.severity):
                findings.omit(registered.severity)
                continue
            line, col = loaded.source.position(hit.path, prefer_key=hit.on_key)
            where = mask(format_key_path(hit.path, loaded.source.data))  # a key may hold it
            findings.add(
                Finding(
                    registered.code,
                    registered.severity,
                    hit.message.sv,
                    loaded.path,
                    line,
                    col,
                    hit.path,
                    hit.hint and hit.hint.sv,
                    where,
                    (hit.message.en, hit.hint and hit.hint.en),
                    loaded.plan.language,
                )
            )
    return findings


RULE_MODULES = {  # besides `common`; importing a module registers its rules
    "dialogue_project": (
        "project",
        "after",
        "implementation",
        "calendar",
        "participation",
        "municipality_codes",
    ),
    "communication_plan": ("communication",),
    "local_plan": ("localplan", "kolada", "municipality_codes"),
    "strategy": ("municipality_codes",),
    "implementation_plan": ("implementation",),
}


def _load_rule_modules(kinds: Iterable[str] = KINDS) -> None:
    """Import the rules for `kinds`, and with them only those kinds' models."""
    from . import common, personal_data  # noqa: F401

    for kind in kinds:
        if kind not in _LOADED:
            for module in RULE_MODULES.get(kind, ()):
                importlib.import_module(f".{module}", __name__)
            _LOADED.add(kind)


_LOADED: set[str] = set()
