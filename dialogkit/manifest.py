"""The list of files `build` wrote into its output folder, so that the next build can
remove its own stale files (the invitations of a renamed dialogue, say) and nothing
else.

The manifest is a hidden JSON file in the output folder: each file's path relative
to the folder, and the SHA-256 of the bytes build wrote. A file build did not write
is never in it; a file whose bytes differ from the recorded ones has been edited
since, and is left alone.

For each plan it also records what its products were made from (fingerprint.py) and
the files they gave, in order: the next build leaves those as they are when neither
changed. A manifest without them (an older build) has every product made again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .links import linked_folders
from .output import write_atomic

MANIFEST_NAME = ".dialogkit-manifest.json"
_DIGEST = re.compile(r"[0-9a-f]{64}")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Manifest:
    files: dict[str, str] = field(default_factory=dict)
    """{path relative to the output folder: SHA-256 of the bytes build wrote there}"""
    plans: dict[str, str] = field(default_factory=dict)
    """{plan id, the folder its files are in: its plan file, relative to the output
    folder}: so that building one plan leaves the other plans' files alone, while a
    plan whose id changed, or whose file is gone, has its old files removed."""
    made: dict[str, Record] = field(default_factory=dict)
    """{plan id: what its products were made from, and the files they gave}"""

    def __or__(self, other: Manifest) -> Manifest:
        return Manifest(self.files | other.files, self.plans | other.plans, self.made | other.made)

    def only(self, names: Iterable[str]) -> Manifest:
        """These files, with the plan files they come from."""
        files = {name: self.files[name] for name in names}
        ids = {PurePosixPath(name).parts[0] for name in files}
        return Manifest(files, {key: self.plans[key] for key in ids if key in self.plans})


@dataclass(frozen=True)
class Record:
    fingerprint: str
    """The digest of what the plan's products were made from (fingerprint.py)."""
    files: tuple[str, ...]
    """The files they gave, in the order they were made (the overview lists them so)."""


def plan_source(plan_file: Path, out: Path) -> str:
    """How the manifest names a plan file: relative to the output folder."""
    try:
        return Path(os.path.relpath(plan_file.resolve(), out.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return plan_file.resolve().as_posix()


def read_manifest(out: Path) -> tuple[Manifest, dict[str, str] | None]:
    """What the last build wrote into `out`, and a warning (by language) when the
    manifest is there but cannot be used (then nothing is removed)."""
    path = out / MANIFEST_NAME
    if path.is_symlink() or not path.is_file():
        return Manifest(), None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files, plans = data["files"], data.get("plans", {})
        made = data.get("made", {})
        if not all(isinstance(part, dict) for part in (files, plans, made)):
            raise TypeError
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return Manifest(), {
            "sv": f"{path} kan inte läsas; inga gamla filer tas bort.",
            "en": f"{path} cannot be read; no old files are removed.",
        }
    return Manifest(
        {
            name: value
            for name, value in files.items()
            if isinstance(value, str) and _DIGEST.fullmatch(value) and _safe(name)
        },
        {name: value for name, value in plans.items() if isinstance(value, str)},
        {name: record for name, value in made.items() if (record := _record(value))},
    ), None


def _record(entry: object) -> Record | None:
    """A plan's record of what it was made from; None when it is not one."""
    if not isinstance(entry, dict):
        return None
    fingerprint, files = entry.get("fingerprint"), entry.get("files")
    if not isinstance(fingerprint, str) or not isinstance(files, list):
        return None
    if not all(isinstance(name, str) and _safe(name) for name in files):
        return None
    return Record(fingerprint, tuple(files))


def _safe(name: object) -> bool:
    """A path below the output folder: an edited manifest cannot point elsewhere."""
    if not isinstance(name, str) or not name or "\\" in name or ":" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name != MANIFEST_NAME


def write_manifest(out: Path, manifest: Manifest) -> None:
    """Write the manifest; its bytes depend only on what it lists (reproducible), and
    it is left as it is when they are the same."""
    data = {
        "written_by": "dialogkit build",
        "plans": dict(sorted(manifest.plans.items())),
        "files": dict(sorted(manifest.files.items())),
        "made": {
            plan_id: {"fingerprint": made.fingerprint, "files": list(made.files)}
            for plan_id, made in sorted(manifest.made.items())
        },
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    path = out / MANIFEST_NAME
    with suppress(OSError):
        if not path.is_symlink() and path.read_bytes() == text.encode("utf-8"):
            return
    write_atomic(path, text, base=out)


def outdated(
    previous: Manifest, current: Manifest, out: Path, checked: list[Path]
) -> tuple[Manifest, Manifest]:
    """`previous` split in two: the files this build replaces and no longer makes
    (those of the plans it built, of a plan file it read under another id, of a plan
    file that is gone), and the rest, carried over: the plans it was not asked about."""
    read = {path.resolve() for path in checked}

    def covered(plan_id: str) -> bool:
        if plan_id in current.plans:
            return True
        source = previous.plans.get(plan_id)
        if source is None:
            return False  # not known to come from a plan: left alone
        plan_file = Path(out, source).resolve()
        return plan_file in read or not plan_file.exists()

    stale, carried = Manifest(), Manifest()
    for name, recorded in previous.files.items():
        if name not in current.files:
            part = stale if covered(PurePosixPath(name).parts[0]) else carried
            part.files[name] = recorded
    carried.plans = {key: value for key, value in previous.plans.items() if not covered(key)}
    carried.made = {key: value for key, value in previous.made.items() if key in carried.plans}
    return stale, carried


@dataclass
class Cleanup:
    removed: list[Path] = field(default_factory=list)
    """Stale files build wrote before, now removed."""
    edited: list[Path] = field(default_factory=list)
    """Stale files build wrote before that have been edited since: kept."""
    failed: dict[str, str] = field(default_factory=dict)
    """Stale files that could not be removed (open in another program on Windows, a
    read-only folder): kept in the manifest, to be tried again next time."""


def remove_stale(out: Path, stale: dict[str, str]) -> Cleanup:
    """Remove the files in `stale` that still hold the bytes build wrote, and then
    the folders that removing them left empty."""
    cleanup = Cleanup()
    for name, recorded in sorted(stale.items()):
        path = out.joinpath(*PurePosixPath(name).parts)
        if linked_folders(path, out) or path.is_symlink() or not path.is_file():
            continue  # gone, or no longer what build wrote there
        try:
            if digest(path.read_bytes()) != recorded:
                cleanup.edited.append(path)
                continue
            path.unlink()
        except OSError:
            cleanup.failed[name] = recorded
            continue
        cleanup.removed.append(path)
        _remove_empty_folders(path.parent, out)
    return cleanup


def _remove_empty_folders(folder: Path, out: Path) -> None:
    """`folder` and those above it, up to `out` (kept), while they are empty."""
    while folder != out and folder.is_relative_to(out):
        try:
            folder.rmdir()  # only an empty folder
        except OSError:
            return
        folder = folder.parent
