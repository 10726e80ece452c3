"""Findings are data: every check yields them and a `Report` collects them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

PathPart = str | int
KeyPath = tuple[PathPart, ...]

MAX_PER_FILE = 100
"""Findings made per file; past it they are only counted (see `FileFindings`)."""


class Text(NamedTuple):
    """Words in Swedish and English: a finding's message or hint, a catalogue text."""

    sv: str
    en: str

    def get(self, language: str) -> str:
        """The text in `language` ("sv" or "en"); Swedish for any other."""
        return getattr(self, language) if language in self._fields else self.sv


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"
    """Something left out on purpose, such as a file that was not read; never fails a check."""


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
    english: tuple[str, str | None] | None = None
    """The message and hint in English; `message` and `hint` are the Swedish ones."""
    language: str | None = None
    """The language of the plan the finding is about, and so the one it is shown in
    unless `--lang` asks for another (None: the check's)."""

    def text(self, language: str) -> tuple[str, str | None]:
        """The message and hint in `language` ("sv" or "en")."""
        texts = {"sv": (self.message, self.hint), "en": self.english or (self.message, self.hint)}
        return texts.get(language, texts["sv"])

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    def to_dict(self, language: str = "sv") -> dict:
        """The finding as JSON data, its message and hint in `language`."""
        message, hint = self.text(language)
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": message,
            "file": str(self.file),
            "line": self.line,
            "col": self.col,
            "path": self.where or format_key_path(self.path),
            "hint": hint,
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


class FileFindings(list[Finding]):
    """The findings of one file, at most `limit` of them. Past the cap a finding is
    counted by severity but never made, so that a file with 400 000 unknown keys
    costs no more time and memory than one with a hundred."""

    def __init__(self, *, limit: int = MAX_PER_FILE) -> None:
        super().__init__()
        self.limit = limit
        self.omitted: Counter[Severity] = Counter()
        self.error_count = 0
        """Errors kept."""

    @property
    def full(self) -> bool:
        return len(self) >= self.limit

    def wants(self, severity: Severity) -> bool:
        """Would `add` keep a finding of this severity? Past the cap an error still
        takes the place of a warning, so warnings never hide an error."""
        return not self.full or (severity is Severity.ERROR and self.error_count < len(self))

    def add(self, finding: Finding) -> None:
        if self.full:
            if not self.wants(finding.severity):
                self.omit(finding.severity)
                return
            last_warning = next(i for i in range(len(self) - 1, -1, -1) if not self[i].is_error)
            self.omit(self.pop(last_warning).severity)
        self.append(finding)
        self.error_count += finding.is_error

    def omit(self, severity: Severity, count: int = 1) -> None:
        """Count findings that are not made, because the file already has `limit`."""
        if count > 0:
            self.omitted[severity] += count


@dataclass
class Report:
    """All findings of one check run, in file and line order."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    omitted: dict[Path, Counter[Severity]] = field(default_factory=dict)
    """Per file, the findings past the cap: counted by severity, not made."""

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: list[Finding]) -> None:
        """Add findings; a `FileFindings` brings the count of those it left out."""
        self.findings.extend(findings)
        if isinstance(findings, FileFindings) and findings.omitted:
            self.omitted.setdefault(findings[0].file, Counter()).update(findings.omitted)

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (str(f.file), f.line, f.col, f.code))

    @property
    def errors(self) -> list[Finding]:
        """The errors made (at most `MAX_PER_FILE` a file); `error_count` counts all."""
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_warning]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.NOTE]

    @property
    def error_count(self) -> int:
        return len(self.errors) + self._omitted(Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + self._omitted(Severity.WARNING)

    def _omitted(self, severity: Severity) -> int:
        return sum(counts[severity] for counts in self.omitted.values())

    def exit_code(self, *, strict: bool = False) -> int:
        """1 for errors (or warnings when strict), and when every file asked about was
        skipped: a check that read nothing it was given has not passed."""
        if self.error_count or (strict and self.warning_count):
            return 1
        if self.files_checked == 0 and self.notes:
            return 1
        return 0
