"""Rules beyond the types. Each rule is a function that yields `Hit`s for one plan;
the runner gives them the rule's code and severity and the position in the file."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ..catalogue import BY_CODE, Entry
from ..findings import FileFindings, Finding, KeyPath, Severity, format_key_path
from ..model import KINDS
from ..workspace import LoadedPlan, Workspace


class Hit(NamedTuple):
    path: KeyPath
    message: str
    hint: str | None = None


RuleFunc = Callable[..., Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    entry: Entry
    """The rule's catalogue entry: its code, severity, name and texts."""
    kinds: tuple[str, ...]
    func: RuleFunc

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def severity(self) -> Severity:
        return self.entry.severity

    @property
    def name(self) -> str:
        return self.entry.name


RULES: list[Rule] = []


def rule(code: str, kinds: str | tuple[str, ...]):
    """Register a rule for the catalogue entry `code` and plans of `kinds` (such as
    "dialogue_project"); the function takes (plan, workspace)."""
    if code not in BY_CODE:
        raise ValueError(f"{code} has no entry in dialogkit/catalogue.py.")
    entry = BY_CODE[code]
    kinds = (kinds,) if isinstance(kinds, str) else kinds

    def register(func: RuleFunc) -> RuleFunc:
        RULES.append(Rule(entry, kinds, func))
        return func

    return register


def run_rules(loaded: LoadedPlan, workspace: Workspace) -> FileFindings:
    """The plan's findings from every rule for its kind: the first `MAX_PER_FILE` made,
    the rest only counted."""
    _load_rule_modules([loaded.plan.kind])
    findings = FileFindings()
    for registered in RULES:
        if loaded.plan.kind not in registered.kinds:
            continue
        for hit in registered.func(loaded.plan, workspace):
            if not findings.wants(registered.severity):
                findings.omit(registered.severity)
                continue
            line, col = loaded.source.position(hit.path)
            where = format_key_path(hit.path, loaded.source.data)
            findings.add(
                Finding(
                    registered.code,
                    registered.severity,
                    hit.message,
                    loaded.path,
                    line,
                    col,
                    hit.path,
                    hit.hint,
                    where,
                )
            )
    return findings


RULE_MODULES = {  # besides `common`; importing a module registers its rules
    "dialogue_project": "project",
    "communication_plan": "communication",
    "local_plan": "localplan",
}


def _load_rule_modules(kinds: Iterable[str] = KINDS) -> None:
    """Import the rules for `kinds`, and with them only those kinds' models."""
    from . import common, personal_data  # noqa: F401

    for kind in kinds:
        if kind in RULE_MODULES:
            importlib.import_module(f".{RULE_MODULES[kind]}", __name__)
