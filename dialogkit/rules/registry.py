"""The rule registry: each rule module registers its rules here, against their
catalogue entries, when it is imported (rules/__init__ imports the modules a plan
kind needs)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ..catalogue import BY_CODE, Entry
from ..findings import KeyPath, Severity, Text


class Hit(NamedTuple):
    """What a rule found, where: its message and hint in Swedish and English."""

    path: KeyPath
    message: Text
    hint: Text | None = None
    on_key: bool = False
    """The path ends with a mapping's key and the finding is about the key, not its value."""


RuleFunc = Callable[..., Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    entry: Entry
    """The rule's catalogue entry: its code, severity, name and texts."""
    kinds: tuple[str, ...]
    func: RuleFunc
    across: bool = False
    """The rule compares the plan with other plans: a check runs it after every file,
    on what each plan shows the others (summary.py), never on a file alone."""

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


def rule(code: str, kinds: str | tuple[str, ...], *, across: bool = False):
    """Register a rule for the catalogue entry `code` and plans of `kinds` (such as
    "dialogue_project"); the function takes (plan, workspace). A rule `across` plans
    reads only the fields summary.py keeps, of the plan and of the others."""
    if code not in BY_CODE:
        raise ValueError(f"{code} has no entry in dialogkit/catalogue.py.")
    entry = BY_CODE[code]
    kinds = (kinds,) if isinstance(kinds, str) else kinds

    def register(func: RuleFunc) -> RuleFunc:
        RULES.append(Rule(entry, kinds, func, across))
        return func

    return register
