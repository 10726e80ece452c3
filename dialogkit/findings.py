"""Findings are data: every check yields them and a `Report` collects them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

PathPart = str | int
KeyPath = tuple[PathPart, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in one file, at a 1-based line and column."""

    code: str
    severity: Severity
    message: str
    file: Path
    line: int = 1
    col: int = 1
    path: KeyPath = ()
    hint: str | None = None
    where: str = ""
    """The key path in words, naming list items by their id: `dialogues[sala].venue`."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "file": str(self.file),
            "line": self.line,
            "col": self.col,
            "path": self.where or format_key_path(self.path),
            "hint": self.hint,
        }


def format_key_path(path: KeyPath, data: object = None) -> str:
    """`('dialogues', 3, 'venue')` -> `dialogues[3].venue`, or `dialogues[sala].venue`
    when `data` is given and the item has an id."""
    text = ""
    for part in path:
        if isinstance(part, int):
            item = data[part] if isinstance(data, list) and part < len(data) else None
            label = item.get("id") if isinstance(item, dict) else None
            text += f"[{label}]" if isinstance(label, str | int) and label != "" else f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
        data = (
            data.get(part)
            if isinstance(data, dict)
            else (
                data[part]
                if isinstance(data, list) and isinstance(part, int) and part < len(data)
                else None
            )
        )
    return text


@dataclass
class Report:
    """All findings of one check run, in file and line order."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (str(f.file), f.line, f.col, f.code))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def exit_code(self, *, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0
