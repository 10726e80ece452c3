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
from pathlib import Path

from .errors import UsageError

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
