"""The workspace: where its root is, and what its `dialogkit.toml` says.

The root is the nearest folder above a plan that holds `dialogkit.toml` (which
`dialogkit init` writes), else the git root. Its `language` is the language of every
plan that does not name its own.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .errors import UsageError

WORKSPACE_MARKER = "dialogkit.toml"
LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


def workspace_root(plan_file: Path) -> Path | None:
    """The workspace a plan (or folder) belongs to; None outside any. Only the root's
    `templates/` is used, never a stray `templates/` folder between the plan and the
    root or above it."""
    git_root = None
    for folder in (plan_file.resolve(), *plan_file.resolve().parents):
        if (folder / WORKSPACE_MARKER).is_file():
            return folder
        if git_root is None and (folder / ".git").exists():
            git_root = folder
    return git_root


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
        ) from None
    language = settings.get("language", DEFAULT_LANGUAGE)
    if language not in LANGUAGES:
        raise UsageError(
            f"{marker}: language = {language!r} finns inte.",
            hint='Skriv language = "sv" eller language = "en".',
        )
    return language
