"""dialogkit's version, and a stamp of the files it runs from: the check cache and
the incremental build are made again when either changes (the version alone does not
change while dialogkit is developed)."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

PACKAGE = Path(__file__).resolve().parent


def installed_files(*folders: Path) -> list[tuple[str, int, int]]:
    """(path, size, time of change) of every file below the package and `folders`,
    compiled bytecode left out: cheap, and any reinstall or edit changes it."""
    stamps = []
    for folder in dict.fromkeys((PACKAGE, *folders)):
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            try:
                info = path.stat()
            except OSError:
                continue
            if path.is_file():
                stamps.append((path.as_posix(), info.st_size, info.st_mtime_ns))
    return stamps
