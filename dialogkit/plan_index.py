"""A cheap index of the plan files in a folder: each file's top-level id, kind and
references, read from its lines without parsing it.

Checking one plan needs the few neighbours it refers to (a local plan's strategy),
and pre-commit needs the plans that refer to the files it changed (dependents.py).
Parsing every neighbour for that cost five times the check of the plan itself in a
county's worth of plans; looking at their lines costs a directory listing and a read.
A value the lines do not show plainly (an anchor, a tag, a flow mapping) is None:
such a file is parsed, never guessed at.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from .yamlsource import MAX_FILE_BYTES

YAML_SUFFIXES = (".yaml", ".yml")


def entries_below(folder: Path) -> Iterator[tuple[Path, bool]]:
    """(path, is a symbolic link) for every YAML file below `folder`, and every linked
    folder (the walk does not enter one; a check notes it when it leads out of the
    workspace: plans -> /elsewhere). Hidden entries are skipped. One directory listing
    per folder and no other look at the disk, as a hook must be quick in a county's
    worth of plans: only a link is looked at further."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(folder, entry.name)
        if entry.is_symlink():
            if entry.name.endswith(YAML_SUFFIXES) or entry.is_dir():
                yield path, True
        elif entry.is_dir():
            yield from entries_below(path)
        elif entry.is_file() and entry.name.endswith(YAML_SUFFIXES):
            yield path, False


def utf8(path: Path, size: int | None = None) -> bytes:
    """The file's text in UTF-8 (from UTF-16 too), without a byte order mark; nothing
    for a file that cannot be a plan (unreadable, too big). `size`: when known."""
    try:
        if (path.stat().st_size if size is None else size) > MAX_FILE_BYTES:
            return b""
        data = path.read_bytes()
    except OSError:
        return b""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return data.decode("utf-16", "replace").encode()
    return data.removeprefix(codecs.BOM_UTF8)


KEYS = ("id", "kind", "strategy", "implementation_plan")
VALUE = re.compile(
    rb"[ \t]*:[ \t]*"  # after a top-level key, its value:
    rb"""(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#"'][^#\n]*?))"""  # "quoted", 'quoted' or plain
    rb"[ \t]*(?:#[^\n]*)?(?:\n|$)",  # and perhaps a comment
)


class Fields(NamedTuple):
    """A plan's top-level lines that tell what it refers to; None where it has none."""

    id: str | None
    kind: str | None
    strategy: str | None
    implementation_plan: str | None


def top_level_fields(text: bytes) -> Fields:
    """The `Fields` as written at the top level of a plan's text in UTF-8. Plans are
    block mappings: their top-level keys start their lines. Each key is looked for
    with `bytes.find`, not a regular expression over the whole text, and only the
    values are decoded: this runs on every plan beside the one checked.

    A line can look like a top-level key inside a quoted value that runs over several
    lines, or a flow collection. So a key found twice is unknown (a plan has each key
    once), and so is every key of a text with a line that starts with a quote, `?`,
    `{`, `[` or an anchor, tag or alias: such a file is parsed, not guessed at."""
    text = b"\n" + text
    if _NOT_PLAIN_LINE.search(text):
        return Fields(None, None, None, None)
    found = []
    for key in _KEYS:
        values, start = [], 0
        while (start := text.find(key, start)) >= 0:
            start += len(key)
            match = VALUE.match(text, start)
            if match:
                values.append(next(v for v in match.groups() if v is not None))
        found.append(values[0].decode("utf-8", "replace") if len(values) == 1 else None)
    return Fields(*found)


_KEYS = [f"\n{key}".encode() for key in KEYS]
_NOT_PLAIN_LINE = re.compile(rb"\n[\"'?{\[&!*]")


_seen: dict[tuple[Path, int, int], Fields] = {}


def fields_of(path: Path) -> Fields:
    """The file's `Fields`, read once per process while the file is unchanged (its
    size and time of change): the hook's look for dependents and the check's look for
    neighbours share it."""
    try:
        stat = path.stat()
    except OSError:
        return Fields(None, None, None, None)
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _seen:
        _seen[key] = top_level_fields(utf8(path, stat.st_size))
    return _seen[key]


_PLAIN = re.compile(r"[A-Za-z0-9_.-]+")


def indexed(path: Path) -> Fields:
    """The file's `Fields` for finding it by kind and id: a value that is not plainly
    an id (quoted with escapes, an anchor, a tag...) is None, so that the file is
    read rather than wrongly passed over."""
    return Fields(*(v if v is not None and _PLAIN.fullmatch(v) else None for v in fields_of(path)))


def may_be(fields: Fields, kind: str, plan_id: str | None = None) -> bool:
    """Whether the file may be the plan of `kind` (with `plan_id`): its lines say so,
    or do not say otherwise."""
    kind_fits = fields.kind is None or fields.kind == kind
    return kind_fits and (plan_id is None or fields.id is None or fields.id == plan_id)
