"""Writing output files: all at once or not at all."""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError
from .links import linked_folders

DEFERRED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _interrupts_deferred():
    """Hold Ctrl-C and SIGTERM (what CI sends to cancel a job) until the file is in
    place, so that they land between two files, never inside one. Python runs a
    pending signal with the handler current at that moment, so even a signal that
    arrived just before is held here. Afterwards Ctrl-C raises KeyboardInterrupt and
    SIGTERM is sent again, to whatever handled it before (by default: exit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {
        signum: signal.signal(signum, lambda signum, frame: received.append(signum))
        for signum in DEFERRED_SIGNALS
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if signal.SIGTERM in received:
        os.kill(os.getpid(), signal.SIGTERM)
    if received:
        raise KeyboardInterrupt


def write_atomic(
    path: Path,
    content: str | bytes,
    *,
    encoding: str = "utf-8",
    base: Path | None = None,
    sync: bool = True,
) -> Path:
    """Write `content` to `path` through a temporary file in the same folder, so a
    reader (or an interrupted run) never sees a half-written file. A file that is
    replaced keeps its permissions; a new one gets the usual ones (umask).

    Nothing is written through a symbolic link (see `refuse_links`). `base` is the
    output folder the user named (`--out`): `path` must lie below it. `sync=False`
    leaves the file to `flush_to_disk` with others (build's staging folder)."""
    refuse_links(path, base)
    data = content.encode(encoding) if isinstance(content, str) else content
    with _interrupts_deferred():
        check_target(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        except OSError as error:
            raise cannot_write(path, error) from None
        try:
            if hasattr(os, "fchmod"):  # not on Windows, where files have no such mode
                os.fchmod(handle, _mode_for(path))
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                if sync:
                    os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException as error:
            Path(temporary).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise cannot_write(path, error) from None
            raise
    return path


def flush_to_disk(paths: list[Path]) -> None:
    """Put the files' bytes on the disk before they are moved into place, many at
    once: the file system commits them together (one by one, the 750 files of a
    50-plan build waited 2 s for the disk)."""
    from concurrent.futures import ThreadPoolExecutor

    def flush(path: Path) -> None:
        handle = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(handle)
        finally:
            os.close(handle)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(flush, paths))


def check_target(path: Path, *, folder: bool = False) -> None:
    """Raise `UsageError` if `path` cannot take an output: a file output that is a
    folder, a folder output that is a file, or a file where a folder on the way should
    be. Called before an output is made, so a mistake in `--out` costs nothing."""
    if not folder and path.is_dir():
        raise UsageError(
            f"{path} är en mapp; här behövs en fil att skriva.",
            hint=f"Ange en fil i mappen: {path / 'FILNAMN'}",
            english=(
                f"{path} is a folder; a file to write is needed here.",
                f"Name a file in the folder: {path / 'FILENAME'}",
            ),
        )
    if not folder and path.exists() and not path.is_dir() and not path.is_file():
        raise UsageError(
            f"{path} är ingen vanlig fil (en enhet eller en namngiven pipe) och skrivs inte över.",
            hint="Ange en vanlig fil.",
            english=(
                f"{path} is not a regular file (a device or a named pipe) and is not replaced.",
                "Name a regular file.",
            ),
        )
    if folder and path.exists() and not path.is_dir():
        raise UsageError(
            f"{path} är en fil; här behövs en mapp att skriva filerna i.",
            hint="Ange en mapp som inte finns eller en befintlig mapp.",
            english=(
                f"{path} is a file; a folder to write the files in is needed here.",
                "Name a folder that does not exist yet, or an existing folder.",
            ),
        )
    existing = next((above for above in path.parents if above.exists()), None)
    if existing is not None and not existing.is_dir():
        raise UsageError(
            f"{path} kan inte skrivas: {existing} är en fil, inte en mapp.",
            hint="Ange en sökväg genom mappar.",
            english=(
                f"{path} cannot be written: {existing} is a file, not a folder.",
                "Name a path through folders.",
            ),
        )


_REASONS = {
    errno.ENOENT: ("mappen finns inte", "the folder does not exist"),
    errno.EACCES: ("behörighet saknas", "permission denied"),
    errno.EPERM: ("behörighet saknas", "permission denied"),
    errno.EROFS: ("enheten är skrivskyddad", "the drive is read-only"),
    errno.ENOSPC: ("disken är full", "the disk is full"),
    errno.EISDIR: ("det är en mapp", "it is a folder"),
    errno.ENOTDIR: (
        "en del av sökvägen är en fil, inte en mapp",
        "part of the path is a file, not a folder",
    ),
    errno.EEXIST: (
        "en del av sökvägen är en fil, inte en mapp",
        "part of the path is a file, not a folder",
    ),
}
"""Why a file cannot be written, in Swedish and English, by the system's error number."""


def cannot_write(path: Path, error: OSError) -> UsageError:
    unknown = error.strerror or str(error)
    reason, english = _REASONS.get(error.errno, (unknown, unknown))
    return UsageError(
        f"{path}: kan inte skrivas ({reason}).",
        hint="Är filen öppen i ett annat program, som Word eller Excel? Stäng den och kör "
        "igen. Annars: välj en annan plats med --out, eller kontrollera mappens behörigheter.",
        english=(
            f"{path}: cannot be written ({english}).",
            "Is the file open in another program, such as Word or Excel? Close it and run "
            "again. Otherwise choose another place with --out, or check the folder's "
            "permissions.",
        ),
    )


def refuse_links(path: Path, base: Path | None = None) -> None:
    """Raise `UsageError` if a folder on the way to `path` is a symbolic link: any
    folder from the current folder down, and `base` and any folder below it, so that
    a link planted in a workspace or an output folder (out -> /tmp/victim,
    out/PLAN -> /etc) is never written through. Folders above the current folder
    and above `base` are the system's, and are not looked at."""
    if base is not None and ".." in path.relative_to(base).parts:
        # a ValueError from relative_to is a bug in the caller
        raise UsageError(
            f"{path}: ligger utanför {base}; inget skrivs.",
            english=(f"{path}: lies outside {base}; nothing is written.", None),
        )
    linked = linked_folders(path, base)
    if linked:
        raise UsageError(
            f"{linked[0]} är en symbolisk länk; dialogkit skriver inte genom den, "
            f"så {path} skrivs inte.",
            hint="Ta bort länken, eller skriv till en mapp som inte nås genom en länk.",
            english=(
                f"{linked[0]} is a symbolic link; dialogkit does not write through it, "
                f"so {path} is not written.",
                "Remove the link, or write to a folder not reached through a link.",
            ),
        )


def _mode_for(path: Path) -> int:
    """The permissions `path` has now, or those a new file gets (umask applied);
    a temporary file starts with 0600."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
