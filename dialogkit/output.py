"""Writing output files: all at once or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError


def write_atomic(path: Path, content: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write `content` to `path` through a temporary file in the same folder, so a
    reader (or an interrupted run) never sees a half-written file."""
    data = content.encode(encoding) if isinstance(content, str) else content
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
