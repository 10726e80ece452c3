"""Writing output files: all at once or not at all."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError


@contextmanager
def _interrupts_deferred():
    """Hold Ctrl-C until the file is in place, so an interrupt lands between two
    files, never inside one. Python runs a pending signal with the handler current
    at that moment, so even a Ctrl-C pressed just before is held here."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


def write_atomic(path: Path, content: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write `content` to `path` through a temporary file in the same folder, so a
    reader (or an interrupted run) never sees a half-written file."""
    data = content.encode(encoding) if isinstance(content, str) else content
    with _interrupts_deferred():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        except OSError as error:
            raise UsageError(f"{path}: kan inte skrivas ({error.strerror}).") from None
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return path
