"""The check cache: each plan file's own findings and summary, kept from one check to
the next while the file's bytes are the same, the way ruff keeps its cache.

It lives in the workspace, `.dialogkit/cache/check/`, with a `.gitignore` of its own.
An entry is used only when the file's SHA-256 matches, and the whole cache only when
its key matches: dialogkit's version and its installed files (so the rule set), the
day the date rules ask about, the workspace's dialogkit.toml and its Kolada cache.
The rules across plans always run again, on the summaries (summary.py).

The cache is never trusted: a file that is corrupt, truncated, from another version
or another format is ignored and written anew (its checksum is of every byte after
the header line), and an entry that does not decode is a miss. It holds findings
and summaries as JSON: reading it runs no code. It is written whole, to a temporary
file that then replaces it, so two checks at once never leave a broken one: the
last to finish wins.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from .findings import Finding, Severity
from .settings import WORKSPACE_MARKER, workspace_root
from .summary import revive
from .version import __version__, installed_files

FORMAT = "dialogkit-check-cache 1"
FOLDER = Path(".dialogkit", "cache", "check")
FILE_NAME = "results.json"


class FileResult(NamedTuple):
    """One file's check without the rules across plans: its findings (validation and
    rules about the plan alone), those past the cap counted, and its summary (None
    when it does not load into the model)."""

    findings: list[Finding]
    omitted: dict[Severity, int]
    summary: list | None
    by_rules: int = 0
    """How many of the findings the rules made: the rules across plans make at most
    `MAX_PER_FILE` less these."""
    revived: Any = None
    """The summary as `summary.revive` makes it, when the cache already did."""


def cache_folder(root: Path) -> Path:
    return root / FOLDER


class CheckCache:
    """The entries of one workspace's cache, read once and written back once."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.entries: dict[str, dict] = _read(folder / FILE_NAME, key)
        self._hashes: dict[Path, str] = {}
        self._changed = False

    @classmethod
    def for_files(cls, files: Iterable[Path], today: date) -> CheckCache | None:
        """The cache of the workspace all `files` lie in; None when they lie in none,
        or in more than one."""
        roots = {workspace_root(folder) for folder in {path.parent for path in files}}
        if len(roots) != 1 or None in roots:
            return None
        root = roots.pop()
        return cls(cache_folder(root), _key(root, today))

    def get(self, path: Path) -> FileResult | None:
        """The cached result for the file as it is now, if any."""
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
        self._hashes[path] = digest
        entry = self.entries.get(str(path))
        if entry is None or entry.get("sha") != digest:
            return None
        try:
            return _decoded(entry, path)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return None  # not as written: checked anew

    def put(self, path: Path, result: FileResult) -> None:
        digest = self._hashes.get(path)
        if digest is not None:
            self.entries[str(path)] = _encoded(result, digest)
            self._changed = True

    def save(self) -> None:
        """Write the cache if anything new was checked; a cache that cannot be written
        (a read-only workspace) is left out without a word: it only saves time."""
        if not self._changed:
            return
        body = json.dumps(self.entries, ensure_ascii=False, separators=(",", ":"))
        checksum = hashlib.sha256(body.encode()).hexdigest()
        header = json.dumps({"format": FORMAT, "key": self.key, "sha256": checksum})
        with suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# dialogkit's check cache: never committed\n*\n")
            descriptor, temporary = tempfile.mkstemp(prefix=".results-", dir=self.folder)
            try:
                with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                    file.write(header + "\n" + body)
                os.replace(temporary, self.folder / FILE_NAME)
            finally:
                with suppress(OSError):
                    os.unlink(temporary)


def clean(root: Path) -> bool:
    """Remove the workspace's check cache; whether there was one."""
    import shutil

    folder = cache_folder(root)
    if not folder.is_dir():
        return False
    shutil.rmtree(folder)
    return True


def _read(file: Path, key: str) -> dict[str, dict]:
    """The entries, or none when the file is missing, foreign, stale or damaged."""
    try:
        header, _, body = file.read_bytes().partition(b"\n")
        meta = json.loads(header)
        if (
            not isinstance(meta, dict)
            or meta.get("format") != FORMAT
            or meta.get("key") != key
            or meta.get("sha256") != hashlib.sha256(body).hexdigest()
        ):
            return {}
        entries = json.loads(body)
    except (OSError, ValueError, RecursionError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _key(root: Path, today: date) -> str:
    """What every entry's findings depend on besides the file itself: as build's
    fingerprint sees the workspace's dialogkit.toml and Kolada cache."""
    from .fingerprint import file_digest, folder_digest
    from .kolada.cache import CACHE_FOLDER

    parts = [FORMAT, __version__, today.isoformat()]
    parts += [str(file_digest(root / WORKSPACE_MARKER)), str(folder_digest(root / CACHE_FOLDER))]
    parts += [f"{path} {size} {time}" for path, size, time in installed_files()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _encoded(result: FileResult, digest: str) -> dict:
    return {
        "sha": digest,
        "findings": [
            [
                f.code,
                str(f.severity),
                f.message,
                f.line,
                f.col,
                list(f.path),
                f.hint,
                f.where,
                list(f.english) if f.english else None,
                f.language,
            ]
            for f in result.findings
        ],
        "omitted": {str(severity): count for severity, count in result.omitted.items()},
        "summary": result.summary,
        "by_rules": result.by_rules,
    }


def _decoded(entry: dict, path: Path) -> FileResult:
    """The entry back as a result; anything not as written raises ValueError."""
    findings = []
    for row in entry["findings"]:
        code, severity, message, line, col, key_path, hint, where, english, language = row
        if not (isinstance(line, int) and isinstance(col, int) and isinstance(message, str)):
            raise ValueError(row)
        findings.append(
            Finding(
                _text(code),
                Severity(severity),
                message,
                path,
                line,
                col,
                tuple(_key_part(part) for part in key_path),
                _optional_text(hint),
                _text(where),
                (_text(english[0]), _optional_text(english[1])) if english else None,
                _optional_text(language),
            )
        )
    omitted = Counter({Severity(name): _count(count) for name, count in entry["omitted"].items()})
    summary = entry["summary"]
    revived = None if summary is None else revive(summary, read_back=True)
    by_rules = entry["by_rules"]
    if not isinstance(by_rules, int):
        raise ValueError(by_rules)
    return FileResult(findings, omitted, summary, by_rules, revived)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(value)
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _key_part(value: Any) -> str | int:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(value)
    return value
