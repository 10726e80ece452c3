"""The moment a file is made, as written into it (calendar DTSTAMP, e-mail Date,
document properties).

Set SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) and
every file made from the same plan is the same, byte for byte: a build can be
compared with an earlier one, and `build` with the single commands.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from .errors import UsageError


def now() -> datetime:
    """The current time in UTC, whole seconds; SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH={epoch}: inte ett antal sekunder sedan 1970.",
            hint="Ta bort variabeln, eller sätt den till t.ex. 1767225600.",
            english=(
                f"SOURCE_DATE_EPOCH={epoch}: not a number of seconds since 1970.",
                "Remove the variable, or set it to e.g. 1767225600.",
            ),
        ) from None


def stamp_zip(data: bytes) -> bytes:
    """An Office file (a zip) whose entries carry `now()` instead of the moment each
    was written, so that the same document gives the same bytes. Only with
    SOURCE_DATE_EPOCH: without it the file's own properties carry the time anyway."""
    import io
    import zipfile

    if not os.environ.get("SOURCE_DATE_EPOCH"):
        return data
    moment = now().timetuple()[:6]
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(result, "w") as target:
        for entry in source.infolist():
            stamped = zipfile.ZipInfo(entry.filename, date_time=max(moment, (1980, 1, 1)))
            stamped.compress_type = entry.compress_type
            stamped.external_attr = entry.external_attr
            target.writestr(stamped, source.read(entry))
    return result.getvalue()
