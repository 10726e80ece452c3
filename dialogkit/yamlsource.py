"""Read one YAML file into plain data, remembering where every key and value stands.

The tree is built from the parser's event stream rather than by a constructor, so
that nothing in a file can run code or grow without bound: tags other than the
standard ones, aliases, multiple documents, duplicate keys and deep nesting are
refused with a position. Plain scalars are typed by the YAML 1.2 core schema;
dates and times stay text until the plan model parses them, so "18.00" or
"2021-02-30" reach the model as written and get a message of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from .findings import KeyPath

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64

Position = tuple[int, int]


class SourceError(Exception):
    """The file cannot be read as a plan; carries a code, a 1-based position and a hint."""

    def __init__(
        self, code: str, message: str, line: int = 1, col: int = 1, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint


@dataclass
class Source:
    """A parsed YAML file: its text, its data, and where each part of the data stands.

    Positions are found on demand: most files in a check have no findings, so the
    first `position()` call parses the text again, this time recording positions.
    """

    path: Path
    data: Any
    _text: str | None = field(default=None, repr=False)
    _values: dict[KeyPath, Position] | None = field(default=None, repr=False)
    _keys: dict[KeyPath, Position] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The file's text; read again from disk when it was parsed in another process."""
        if self._text is None:
            self._text = self.path.read_bytes().decode("utf-8-sig")
        return self._text

    def _positions(self) -> tuple[dict[KeyPath, Position], dict[KeyPath, Position]]:
        if self._values is None:
            tracked = _parse(self.text, self.path, track=True)
            self._values, self._keys = tracked._values, tracked._keys
        return self._values, self._keys

    @property
    def value_positions(self) -> dict[KeyPath, Position]:
        return self._positions()[0]

    @property
    def key_positions(self) -> dict[KeyPath, Position]:
        return self._positions()[1]

    def position(self, path: KeyPath, *, prefer_key: bool = False) -> Position:
        """The position of `path`, or of its nearest ancestor that exists in the file."""
        values, keys = self._positions()
        path = tuple(path)
        while True:
            if prefer_key and path in keys:
                return keys[path]
            if path in values:
                return values[path]
            if path in keys:
                return keys[path]
            if not path:
                return (1, 1)
            path = path[:-1]


def read_source(path: Path) -> Source:
    """Read and parse `path`; raise `SourceError` for anything that is not a safe plan file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refuse before reading it into memory
            raise SourceError(
                "DK001",
                f"Filen är {size / 1024 / 1024:.1f} MB; en plan får vara högst "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB.",
                hint="Dela upp planen i flera filer.",
            )
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError("DK001", f"Filen kan inte läsas: {error.strerror}.") from None
    if b"\x00" in raw:
        raise SourceError("DK001", "Filen är binär, inte en YAML-text.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            "DK001",
            "Filen är inte sparad som UTF-8.",
            *_line_col(raw, error.start),
            hint="Spara om filen som UTF-8 i din editor.",
        ) from None
    return parse_text(text, path)


def _line_col(content: str | bytes, offset: int) -> Position:
    """The 1-based line and column of a character (or byte) offset."""
    newline = "\n" if isinstance(content, str) else b"\n"
    start = content.rfind(newline, 0, offset) + 1
    return content.count(newline, 0, offset) + 1, offset - start + 1


def parse_text(text: str, path: Path = Path("<text>")) -> Source:
    return _parse(text, path, track=False)


def _parse(text: str, path: Path, *, track: bool) -> Source:
    source = Source(path=path, data=None, _text=text)
    if track:
        source._values, source._keys = {}, {}
    try:
        source.data = _build(_events(text), source, track)
    except MarkedYAMLError as error:
        raise _syntax_error(error, text) from None
    except ReaderError as error:
        line, col = _line_col(text, error.position)
        char = error.character  # a code point from the C reader, a str from the Python one
        code = char if isinstance(char, int) else ord(char)
        raise SourceError(
            "DK001",
            f"Filen innehåller ett tecken som inte får finnas i YAML (U+{code:04X}).",
            line,
            col,
            hint="Ta bort tecknet; det är ofta ett osynligt styrtecken från en kopierad text.",
        ) from None
    except YAMLError as error:  # anything else the parser refuses
        raise SourceError("DK001", f"YAML-fel: {error}.") from None
    if source.data is None:
        raise SourceError("DK001", "Filen är tom.", hint="Börja planen med raden kind: ...")
    return source


def _events(text: str) -> Iterator[ev.Event]:
    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # no C extension on this platform
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CParser(text)
    try:
        yield from iter(parser.get_event, None)  # None once the stream has ended
    finally:
        parser.dispose()


_STR_TAGS = {None, "!", "tag:yaml.org,2002:str"}
_MAP_TAGS = {None, "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "tag:yaml.org,2002:seq"}


def _pos(event: ev.Event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def _build(events: Iterator[ev.Event], source: Source, track: bool) -> Any:
    """Turn the event stream into dicts, lists and scalars; with `track`, record the
    position of every key and value too (the slower path, used for findings)."""
    values, keys = source._values, source._keys
    root: Any = None
    documents = 0
    # Each frame: [container, its key path, pending mapping key or _NO_KEY]
    stack: list[list[Any]] = []

    def attach(value: Any, event: ev.Event) -> KeyPath | None:
        """Place `value` in the open container; return its path, or None if it was a key."""
        nonlocal root
        path: KeyPath | None = None
        if not stack:
            root = value
            path = ()
        else:
            frame = stack[-1]
            container, parent_path, pending = frame
            if isinstance(container, list):
                if track:
                    path = (*parent_path, len(container))
                container.append(value)
            elif pending is _NO_KEY:
                if isinstance(value, dict | list):
                    raise SourceError(
                        "DK004",
                        "En nyckel måste vara ett enkelt värde, inte en lista eller mappning.",
                        *_pos(event),
                    )
                if value in container:
                    if not track:  # parse again with positions, which raises this error
                        _parse(source.text, source.path, track=True)
                    line, col = _pos(event)
                    first = keys[(*parent_path, value)]
                    raise SourceError(
                        "DK003",
                        f"Nyckeln '{value}' förekommer två gånger "
                        f"(första gången på rad {first[0]}).",
                        line,
                        col,
                        hint="Ta bort eller slå ihop den ena.",
                    )
                if track:
                    keys[(*parent_path, value)] = _pos(event)
                frame[2] = value
                return None
            else:
                container[pending] = value
                frame[2] = _NO_KEY
                if not track:
                    return None
                path = (*parent_path, pending)
                if isinstance(value, dict | list):
                    # A finding about a whole block points at its key, not its first child.
                    values[path] = keys[path]
                    return path
        if track:
            values[path] = _pos(event)
        return path

    scalar_event = ev.ScalarEvent
    for event in events:
        if type(event) is scalar_event:
            tag = event.tag
            if tag is not None and tag not in _STR_TAGS:
                _refuse_tag(event, _STR_TAGS)
            value = event.value if (event.style or tag is not None) else _plain(event)
            if not track and stack:  # the common case, kept free of calls
                frame = stack[-1]
                container = frame[0]
                if type(container) is list:
                    container.append(value)
                    continue
                pending = frame[2]
                if pending is not _NO_KEY:
                    container[pending] = value
                    frame[2] = _NO_KEY
                    continue
                if value not in container:
                    frame[2] = value
                    continue
            attach(value, event)
        elif isinstance(event, ev.MappingStartEvent | ev.SequenceStartEvent):
            is_map = isinstance(event, ev.MappingStartEvent)
            _refuse_tag(event, _MAP_TAGS if is_map else _SEQ_TAGS)
            if len(stack) >= MAX_DEPTH:
                raise SourceError(
                    "DK004",
                    f"Planen är nästlad djupare än {MAX_DEPTH} nivåer.",
                    *_pos(event),
                    hint="En plan behöver bara några få nivåer; kontrollera indragningen.",
                )
            container: dict | list = {} if is_map else []
            path = attach(container, event)
            stack.append([container, path, _NO_KEY])
        elif isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
            stack.pop()
        elif isinstance(event, ev.AliasEvent):
            raise SourceError(
                "DK004",
                f"Alias (*{event.anchor}) stöds inte i planer.",
                *_pos(event),
                hint="Skriv ut värdet på varje ställe där det behövs.",
            )
        elif isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise SourceError(
                    "DK004",
                    "Filen innehåller flera YAML-dokument (---); en fil är en plan.",
                    *_pos(event),
                    hint="Lägg varje plan i en egen fil.",
                )
    return root


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def _refuse_tag(event: ev.NodeEvent, allowed: set[str | None]) -> None:
    tag = getattr(event, "tag", None)
    if tag not in allowed:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise SourceError(
            "DK004",
            f"Taggen {shown} stöds inte i planer.",
            *_pos(event),
            hint="Ta bort taggen; skriv värdet som vanlig text, tal, lista eller mappning.",
        )


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _plain(event: ev.ScalarEvent) -> Any:
    """Type a plain scalar by the YAML 1.2 core schema (quoted or tagged ones stay text)."""
    value = event.value
    first = value[:1]
    if first.isalpha() and first not in "nNtTfF":  # most values are words: plain text
        return value
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(value):
        if len(value) > 30:
            raise SourceError("DK004", "Talet är orimligt långt.", *_pos(event))
        return int(value)
    if _FLOAT.fullmatch(value) and len(value) <= 30:
        return float(value)
    return value


_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "Ett kolon står där det inte får stå.",
        'Sätt texten inom citattecken om den innehåller ": ".',
    ),
    (
        "found unexpected ':'",
        "Ett kolon står där det inte får stå.",
        'Sätt värdet inom citattecken, t.ex. link: "https://..." inne i { }.',
    ),
    (
        "could not find expected ':'",
        "Nyckeln saknar kolon (:).",
        "Skriv nyckel: värde, eller sätt texten inom citattecken.",
    ),
    (
        "did not find expected key",
        "Indragningen stämmer inte.",
        "Kontrollera att raden har samma indrag som raderna runt den.",
    ),
    (
        "did not find expected '-' indicator",
        "Indragningen i listan stämmer inte.",
        "Varje listpunkt börjar med '- ' på samma indrag.",
    ),
    (
        "found unexpected end of stream",
        "Filen tar slut mitt i ett värde.",
        "Kontrollera att citattecken och hakparenteser är stängda.",
    ),
    (
        "found undefined tag handle",
        "Okänd tagg.",
        "Ta bort taggen (ordet som börjar med !).",
    ),
)


def _syntax_error(error: MarkedYAMLError, text: str) -> SourceError:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(error.problem or error.context or "okänt fel")
    lines = text.splitlines()
    if "\t" in (lines[line - 1] if line <= len(lines) else "")[: col + 1] or "\\t" in problem:
        return SourceError(
            "DK001",
            "YAML-syntaxfel: tabb används för indrag; YAML kräver mellanslag.",
            line,
            col,
            "Byt tabbar mot mellanslag (ställ in editorn på att dra in med mellanslag).",
        )
    for needle, message, hint in _SYNTAX_HINTS:
        if needle in problem:
            return SourceError("DK001", f"YAML-syntaxfel: {message}", line, col, hint)
    return SourceError(
        "DK001",
        f"YAML-syntaxfel: {problem}.",
        line,
        col,
        hint="Jämför raden med exemplen i plans/.",
    )
