"""Which symbolic links lie on the way to a path the user named.

Only the part of a path the user answers for is looked at: from the current folder
down, and from the output folder (`base`) down. The folders above them are the
system's: /tmp is a link on macOS, and a home folder may be one too."""

from __future__ import annotations

from pathlib import Path


def steps(path: Path, base: Path | None = None) -> list[Path]:
    """`base`, then `path` and the folders above it, top down: for a relative path
    every one from the current folder down; for an absolute path those from the
    current folder or from `base` down (whichever starts higher), else `path` alone."""
    if path.is_absolute():
        starts = [s for s in (Path.cwd(), base) if s is not None and path.is_relative_to(s)]
        start = min(starts, key=lambda s: len(s.parts), default=path.parent)
    else:
        start = Path()
    parts = path.relative_to(start).parts
    below = [start.joinpath(*parts[:n]) for n in range(1, len(parts) + 1)]
    return ([base] if base is not None else []) + below


def linked_folders(path: Path, base: Path | None = None) -> list[Path]:
    """The symbolic links among the `steps` above `path` (`path` itself excluded:
    a file is replaced, never written through)."""
    return [step for step in steps(path, base)[:-1] if step.is_symlink()]


def link_out(path: Path) -> Path | None:
    """The first symbolic link on the way to `path` (itself included) whose target
    lies outside the folder the link sits in, or None."""
    for step in steps(path):
        if step.is_symlink() and not step.resolve().is_relative_to(step.parent.resolve()):
            return step
    return None
