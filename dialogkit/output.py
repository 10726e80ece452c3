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
    path: Path, content: str | bytes, *, encoding: str = "utf-8", base: Path | None = None
) -> Path:
    """Write `content` to `path` through a temporary file in the same folder, so a
    reader (or an interrupted run) never sees a half-written file. A file that is
    replaced keeps its permissions; a new one gets the usual ones (umask).

    Nothing is written through a symbolic link (see `refuse_links`). `base` is the
    output folder the user named (`--out`): `path` must lie below it."""
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
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException as error:
            Path(temporary).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise cannot_write(path, error) from None
            raise
    return path


def check_target(path: Path, *, folder: bool = False) -> None:
    """Raise `UsageError` if `path` cannot take an output: a file output that is a
    folder, a folder output that is a file, or a file where a folder on the way should
    be. Called before an output is made, so a mistake in `--out` costs nothing."""
    if not folder and path.is_dir():
        raise UsageError(
            f"{path} är en mapp; här behövs en fil att skriva.",
            hint=f"Ange en fil i mappen: {path / 'FILNAMN'}",
        )
    if folder and path.exists() and not path.is_dir():
        raise UsageError(
            f"{path} är en fil; här behövs en mapp att skriva filerna i.",
            hint="Ange en mapp som inte finns eller en befintlig mapp.",
        )
    existing = next((above for above in path.parents if above.exists()), None)
    if existing is not None and not existing.is_dir():
        raise UsageError(
            f"{path} kan inte skrivas: {existing} är en fil, inte en mapp.",
            hint="Ange en sökväg genom mappar.",
        )


_REASONS = {
    errno.ENOENT: "mappen finns inte",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "enheten är skrivskyddad",
    errno.ENOSPC: "disken är full",
    errno.EISDIR: "det är en mapp",
    errno.ENOTDIR: "en del av sökvägen är en fil, inte en mapp",
    errno.EEXIST: "en del av sökvägen är en fil, inte en mapp",
}


def cannot_write(path: Path, error: OSError) -> UsageError:
    reason = _REASONS.get(error.errno, error.strerror or str(error))
    return UsageError(
        f"{path}: kan inte skrivas ({reason}).",
        hint="Välj en annan plats med --out, eller kontrollera mappens behörigheter.",
    )


def refuse_links(path: Path, base: Path | None = None) -> None:
    """Raise `UsageError` if a folder on the way to `path` is a symbolic link: any
    folder from the current folder down, and `base` and any folder below it, so that
    a link planted in a workspace or an output folder (out -> /tmp/victim,
    out/PLAN -> /etc) is never written through. Folders above the current folder
    and above `base` are the system's, and are not looked at."""
    if base is not None and ".." in path.relative_to(base).parts:
        # a ValueError from relative_to is a bug in the caller
        raise UsageError(f"{path}: ligger utanför {base}; inget skrivs.")
    linked = linked_folders(path, base)
    if linked:
        raise UsageError(
            f"{linked[0]} är en symbolisk länk; dialogkit skriver inte genom den, "
            f"så {path} skrivs inte.",
            hint="Ta bort länken, eller skriv till en mapp som inte nås genom en länk.",
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
