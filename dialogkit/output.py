"""Writing output files: all at once or not at all."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError

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
