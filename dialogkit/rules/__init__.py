"""Rules beyond the types. Each rule is a function that yields `Hit`s for one plan;
the runner gives them the rule's code and severity and the position in the file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ..findings import Finding, KeyPath, Severity, format_key_path
from ..workspace import LoadedPlan, Workspace


class Hit(NamedTuple):
    path: KeyPath
    message: str
    hint: str | None = None


RuleFunc = Callable[..., Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    kind: type
    func: RuleFunc


RULES: list[Rule] = []


def rule(code: str, name: str, severity: Severity, summary: str, kind: type):
    """Register a rule for plans of `kind`; the function takes (plan, workspace)."""

    def register(func: RuleFunc) -> RuleFunc:
        RULES.append(Rule(code, name, severity, summary, kind, func))
        return func

    return register


def run_rules(loaded: LoadedPlan, workspace: Workspace) -> Iterator[Finding]:
    _load_rule_modules()
    for entry in RULES:
        if not isinstance(loaded.plan, entry.kind):
            continue
        for hit in entry.func(loaded.plan, workspace):
            line, col = loaded.source.position(hit.path)
            where = format_key_path(hit.path, loaded.source.data)
            yield Finding(
                entry.code,
                entry.severity,
                hit.message,
                loaded.path,
                line,
                col,
                hit.path,
                hit.hint,
                where,
            )


def _load_rule_modules() -> None:
    from . import common, communication, localplan, project  # noqa: F401  (they register)
