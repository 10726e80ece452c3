"""The workspace: where its root is, and what its `dialogkit.toml` says.

One rule for every command, like git and ruff find theirs: the root is the nearest
folder upward that holds `dialogkit.toml` (which `dialogkit init` writes) or a `plans/`
folder, else the git root. Its `plans/` is what a command works on when no plan is
named, its `out/` where `build` writes. Its `language` is the language of every plan
that does not name its own.
"""

from __future__ import annotations

import functools
import os
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import NamedTuple

from .errors import UsageError
from .findings import Text

WORKSPACE_MARKER = "dialogkit.toml"
PLANS_FOLDER = "plans"
OUT_FOLDER = "out"
LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


def workspace_root(place: Path) -> Path | None:
    """The workspace a plan or folder belongs to; None outside any. Only the root's
    `templates/` is used, never a stray `templates/` folder between the plan and the
    root or above it."""
    git_root = None
    for folder in (place.resolve(), *place.resolve().parents):
        if (folder / WORKSPACE_MARKER).is_file() or (folder / PLANS_FOLDER).is_dir():
            return folder
        if git_root is None and (folder / ".git").exists():
            git_root = folder
    return git_root


def current_workspace() -> Path:
    """The workspace of the current folder; a `UsageError` outside any."""
    root = workspace_root(Path.cwd())
    if root is None:
        raise UsageError(
            f"Ingen arbetsyta här: varken {WORKSPACE_MARKER} eller {PLANS_FOLDER}/ finns i "
            f"{Path.cwd()} eller mapparna ovanför.",
            hint="Gå till arbetsytans mapp, ange planerna, eller skapa en arbetsyta med "
            "dialogkit init MAPP.",
            english=(
                f"No workspace here: neither {WORKSPACE_MARKER} nor {PLANS_FOLDER}/ is in "
                f"{Path.cwd()} or the folders above it.",
                "Go to the workspace's folder, name the plans, or create a workspace with "
                "dialogkit init FOLDER.",
            ),
        )
    return root


def default_plans() -> Path:
    """What a command works on when no plan is named: the current workspace's `plans/`."""
    root = current_workspace()
    plans = root / PLANS_FOLDER
    if not plans.is_dir():
        raise UsageError(
            f"Arbetsytan {root} har ingen mapp {PLANS_FOLDER}/.",
            hint="Skapa en plan med dialogkit plan new TYP NAMN, eller ange planerna.",
            english=(
                f"The workspace {root} has no folder {PLANS_FOLDER}/.",
                "Create a plan with dialogkit plan new KIND NAME, or name the plans.",
            ),
        )
    return shown(plans)


def default_out() -> Path:
    """Where `build` writes when no `--out` is given: the workspace's `out/`, or `out/`
    here outside any workspace (when the plans are named)."""
    root = workspace_root(Path.cwd())
    return shown(root / OUT_FOLDER) if root else Path(OUT_FOLDER)


def shown(path: Path) -> Path:
    """`path` as the user would write it: relative to the current folder when it lies
    there or near it, else absolute."""
    try:
        relative = Path(os.path.relpath(path, Path.cwd()))
    except ValueError:  # another drive on Windows
        return path
    return relative if len(relative.parts) <= len(Path(path).parts) else path


def workspace_language(place: Path) -> str:
    """The language of the workspace `place` lies in: `language = "en"` in its
    `dialogkit.toml`, else Swedish."""
    root = workspace_root(place)
    return _language(root / WORKSPACE_MARKER) if root else DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=64)
def folder_language(folder: Path) -> str:
    """`workspace_language` for the plans in one folder, looked up once per folder."""
    return workspace_language(folder)


@functools.lru_cache(maxsize=8)
def _language(marker: Path) -> str:
    try:
        text = marker.read_text(encoding="utf-8")
        if "language" not in text:  # the usual marker: no need to load the TOML parser
            return DEFAULT_LANGUAGE
        import tomllib

        settings = tomllib.loads(text)
    except FileNotFoundError:
        return DEFAULT_LANGUAGE
    except (OSError, UnicodeDecodeError, ValueError) as error:  # TOMLDecodeError is one
        raise UsageError(
            f"{marker}: kan inte läsas ({error}).",
            hint='Filen är TOML, till exempel: language = "sv"',
            english=(
                f"{marker}: cannot be read ({error}).",
                'The file is TOML, for example: language = "en"',
            ),
        ) from None
    language = settings.get("language", DEFAULT_LANGUAGE)
    if language not in LANGUAGES:
        raise UsageError(
            f"{marker}: language = {language!r} finns inte.",
            hint='Skriv language = "sv" eller language = "en".',
            english=(
                f"{marker}: there is no language {language!r}.",
                'Write language = "sv" or language = "en".',
            ),
        )
    return language


class Blackout(NamedTuple):
    """A named period in which the workspace's dialogues get a warning (DK238), such as
    a school holiday, Ramadan or an election campaign: `[[blackout]]` in dialogkit.toml."""

    name: str
    start: date
    end: date


BLACKOUT_KEYS = ("name", "start", "end")
BLACKOUT_EXAMPLE = '[[blackout]]\nname = "Sportlov"\nstart = 2026-02-23\nend = 2026-02-27'


@functools.lru_cache(maxsize=64)
def folder_blackouts(folder: Path) -> tuple[Blackout, ...]:
    """The blackout periods of the workspace `folder` lies in, looked up once per folder;
    none outside a workspace."""
    root = workspace_root(folder)
    return _blackouts(root / WORKSPACE_MARKER) if root else ()


@functools.lru_cache(maxsize=8)
def _blackouts(marker: Path) -> tuple[Blackout, ...]:
    try:
        text = marker.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError) as error:
        raise _settings_error(
            marker, None, Text(f"kan inte läsas ({error})", f"cannot be read ({error})")
        ) from None
    if "blackout" not in text:  # no periods: no need to load the TOML parser
        return ()
    import tomllib

    try:
        entries = tomllib.loads(text).get("blackout", [])
    except tomllib.TOMLDecodeError as error:
        at = re.search(r"at line (\d+)", str(error))
        line = int(at.group(1)) if at else None
        problem = Text(f"är inte giltig TOML ({error})", f"is not valid TOML ({error})")
        raise _settings_error(marker, line, problem) from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        line = _line(text, r"blackout\s*=")
        raise _settings_error(
            marker,
            line,
            Text(
                "blackout ska skrivas som [[blackout]]-tabeller",
                "blackout is written as [[blackout]] tables",
            ),
        )
    return tuple(_blackout(marker, text, index, entry) for index, entry in enumerate(entries))


def _blackout(marker: Path, text: str, index: int, entry: dict) -> Blackout:
    """One `[[blackout]]` table, checked: a name, a start date and an end date (the
    start's day when left out) that is not before the start."""
    header = _line(text, r"\[\[\s*blackout\s*\]\]", index)

    def fail(key: str | None, problem: Text, hint: Text | None = None) -> UsageError:
        line = _line(text, rf"{key}\s*=", after=header) if key else None
        number = Text(f"period {index + 1}", f"period {index + 1}")
        return _settings_error(
            marker,
            line or header,
            Text(f"{number.sv}: {problem.sv}", f"{number.en}: {problem.en}"),
            hint,
        )

    unknown = [key for key in entry if key not in BLACKOUT_KEYS]
    if unknown:
        keys = ", ".join(BLACKOUT_KEYS)
        raise fail(
            unknown[0],
            Text(
                f"{unknown[0]} finns inte (bara {keys})", f"there is no {unknown[0]} (only {keys})"
            ),
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail(
            "name" if "name" in entry else None, Text("saknar name, periodens namn", "has no name")
        )
    from .model.types import LINE_PATTERN, text_error  # only when there are periods

    described = text_error(name, LINE_PATTERN)
    if described:  # the name is shown in the terminal and in reports, like a plan's Line
        problem = described[0]
        raise fail(
            "name",
            Text(f"name {problem.sv.rstrip('.')}", f"name {problem.en.rstrip('.')}"),
            Text(
                "Skriv namnet på en rad med synliga tecken, utan \\n, \\t eller \\u-koder "
                "för styrtecken.",
                "Write the name on one line of visible characters, without \\n, \\t or "
                "\\u codes for control characters.",
            ),
        )
    for key in ("start", "end"):
        value = entry.get(key)
        if isinstance(value, datetime | time):  # a datetime is a date too
            written = _as_written(text, _line(text, rf"{key}\s*=", after=header), value)
            raise fail(
                key,
                Text(
                    f"{key} = {written} är en tidpunkt, inte ett datum; skriv bara datumet "
                    "(ÅÅÅÅ-MM-DD)",
                    f"{key} = {written} is a point in time, not a date; write the date alone "
                    "(YYYY-MM-DD)",
                ),
            )
        if key in entry and type(value) is not date:
            raise fail(
                key,
                Text(
                    f"{key} = {value!r} är inte ett datum (ÅÅÅÅ-MM-DD utan citattecken)",
                    f"{key} = {value!r} is not a date (YYYY-MM-DD without quotes)",
                ),
            )
    if "start" not in entry:
        raise fail(None, Text(f"'{name}' saknar start", f"'{name}' has no start"))
    start = entry["start"]
    end = entry.get("end", start)
    if end < start:
        raise fail(
            "end",
            Text(
                f"'{name}' slutar {end} innan den börjar {start}",
                f"'{name}' ends {end} before it starts {start}",
            ),
        )
    return Blackout(name.strip(), start, end)


def _as_written(text: str, line: int | None, value: datetime | time) -> str:
    """A TOML date-time or time as the user wrote it on `line` (`key = value`), else
    in ISO form; never Python's repr."""
    if line:
        written = text.splitlines()[line - 1].partition("=")[2].partition("#")[0].strip()
        if written:
            return written
    return value.isoformat()


def _line(text: str, pattern: str, occurrence: int = 0, after: int | None = None) -> int | None:
    """The 1-based line where `pattern` starts a line (its `occurrence`-th time), or the
    first such line after line `after` within the same table."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if after is not None:
            if number <= after:
                continue
            if line.lstrip().startswith("["):
                return None
        if re.match(rf"\s*{pattern}", line):
            if seen == occurrence:
                return number
            seen += 1
    return None


def _settings_error(
    marker: Path,
    line: int | None,
    problem: Text,
    hint: Text | None = None,
    example: Text | None = None,
) -> UsageError:
    """A problem in dialogkit.toml at `line`; the hint ends with how the table is
    written (`example`, by default a blackout period)."""
    where = f"{marker}:{line}" if line else str(marker)
    first = Text(f"{hint.sv} ", f"{hint.en} ") if hint else Text("", "")
    example = example or Text(
        f"en period skrivs så här:\n{BLACKOUT_EXAMPLE}",
        f"a period is written like this:\n{BLACKOUT_EXAMPLE}",
    )
    return UsageError(
        f"{where}: {problem.sv}.",
        hint=f"{first.sv}Rätta filen; {example.sv}",
        english=(f"{where}: {problem.en}.", f"{first.en}Correct the file; {example.en}"),
    )
