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
    """The file cannot be read as a plan; carries a code, a 1-based position and a hint,
    in Swedish and, when given, English (`english`: message and hint)."""

    def __init__(
        self,
        code: str,
        message: str,
        line: int = 1,
        col: int = 1,
        hint: str | None = None,
        *,
        english: tuple[str, str | None] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint
        self.texts = {"sv": (message, hint), "en": english or (message, hint)}
        self.language: str | None = None
        """The plan's language, once `in_language` has chosen it."""

    def in_language(self, language: str) -> SourceError:
        """This error with its message and hint in `language` ("sv" or "en")."""
        self.message, self.hint = self.texts.get(language, self.texts["sv"])
        self.language = language
        return self


def source_error(
    what: str, line: int = 1, col: int = 1, code: str = "DK001", **params
) -> SourceError:
    """A `SourceError` with the message and hint `what` names in `_TEXTS`, in both
    languages; `params` fill the texts' {fields} (a text without them keeps its braces)."""
    (sv, sv_hint), (en, en_hint) = (
        (text.format(**params) if text and params else text for text in _TEXTS[language][what])
        for language in ("sv", "en")
    )
    return SourceError(code, sv, line, col, sv_hint, english=(en, en_hint))


def plan_language(text: str | None, path: Path) -> str:
    """The language of a plan that could not be read: its own `language:` line, else
    its workspace's (settings.workspace_language). Asked only when there is an error."""
    found = text and re.search(r"^language:[ \t]*[\"']?(sv|en)\b", text, re.MULTILINE)
    if found:
        return found.group(1)
    from .settings import folder_language

    try:
        return folder_language(path.parent)
    except Exception:  # a broken dialogkit.toml has its own message elsewhere
        return "sv"


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
        text = _read_text(path)
    except SourceError as error:
        raise error.in_language(plan_language(None, path)) from None
    return parse_text(text, path)


def read_tracked(path: Path) -> Source:
    """Read and parse `path` recording every position at once: for a file checked
    before (in a worker, or from the check cache) that now has a finding to place."""
    return _parse(_read_text(path), path, track=True)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refuse before reading it into memory
            raise source_error(
                "too_large", size=f"{size / 1024 / 1024:.1f}", limit=MAX_FILE_BYTES // 1024 // 1024
            )
        raw = path.read_bytes()
    except OSError as error:
        raise source_error("unreadable", reason=error.strerror) from None
    if b"\x00" in raw or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _, encoding = decode_plan(raw)  # a file from Notepad or Excel, or no text at all
        raise source_error("utf16", encoding=encoding[:6].upper(), file=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise source_error("not_utf8", *_line_col(raw, error.start)) from None


def decode_plan(raw: bytes) -> tuple[str, str]:
    """The text of a plan file and its encoding's name: "utf-8", "utf-8-sig" (with a
    byte order mark), "utf-16-le" or "utf-16-be" (with one, as Notepad's and Excel's
    "Unicode text" is saved). Anything else raises the `SourceError` that
    `read_source` gives such a file."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise source_error("utf32")
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise source_error("broken_utf16") from None
    if b"\x00" in raw:
        raise source_error("utf16_no_bom" if _looks_like_utf16(raw) else "binary")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise source_error("not_utf8", line, col) from None
    if text.startswith("\ufeff"):
        return text[1:], "utf-8-sig"
    return text, "utf-8"


def _looks_like_utf16(raw: bytes) -> bool:
    """Text in UTF-16 with no byte order mark: every other byte of the start is zero."""
    start = raw[:200]
    return len(start) >= 4 and (set(start[0::2]) == {0} or set(start[1::2]) == {0})


def _line_col(content: str | bytes, offset: int) -> Position:
    """The 1-based line and column of a character (or byte) offset."""
    newline = "\n" if isinstance(content, str) else b"\n"
    start = content.rfind(newline, 0, offset) + 1
    return content.count(newline, 0, offset) + 1, offset - start + 1


def parse_text(text: str, path: Path = Path("<text>")) -> Source:
    try:
        return _parse(text, path, track=False)
    except SourceError as error:
        raise error.in_language(plan_language(text, path)) from None


def _parse(text: str, path: Path, *, track: bool) -> Source:
    source = Source(path=path, data=None, _text=text)
    if track:
        source._values, source._keys = {}, {}
    try:
        source.data = _build(_events(text), source, track)
    except MarkedYAMLError as error:
        raise _syntax_error(error, text, path) from None
    except ReaderError as error:
        char = error.character  # a code point from the C reader, a str from the Python one
        code = char if isinstance(char, int) else ord(char)
        raise source_error(
            "bad_character", *_line_col(text, error.position), char=f"{code:04X}"
        ) from None
    except YAMLError:  # anything else the parser refuses
        raise source_error("syntax") from None
    if source.data is None:
        raise source_error("empty")
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
                    raise source_error("complex_key", *_pos(event), code="DK004")
                if value in container:
                    if not track:  # parse again with positions, which raises this error
                        _parse(source.text, source.path, track=True)
                    line, col = _pos(event)
                    first = keys[(*parent_path, value)]
                    raise source_error("duplicate", line, col, "DK003", key=value, first=first[0])
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
                raise source_error("too_deep", *_pos(event), "DK004", limit=MAX_DEPTH)
            container: dict | list = {} if is_map else []
            path = attach(container, event)
            stack.append([container, path, _NO_KEY])
        elif isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
            stack.pop()
        elif isinstance(event, ev.AliasEvent):
            raise source_error("alias", *_pos(event), "DK004", anchor=event.anchor)
        elif isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise source_error("documents", *_pos(event), "DK004")
    return root


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def _refuse_tag(event: ev.NodeEvent, allowed: set[str | None]) -> None:
    tag = getattr(event, "tag", None)
    if tag not in allowed:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise source_error("tag", *_pos(event), "DK004", tag=shown)


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
            raise source_error("long_number", *_pos(event), "DK004")
        return int(value)
    if _FLOAT.fullmatch(value) and len(value) <= 30:
        return float(value)
    return value


_SYNTAX_PROBLEMS = (
    # What the parser says (libyaml's words, then ruamel's pure-Python ones) -> _TEXTS key
    (("expected ',' or ']'",), "flow_list"),
    (("expected ',' or '}'",), "flow_mapping"),
    (("found unexpected ':'",), "colon_in_flow"),
    (("mapping values are not allowed",), "colon"),
    (("could not find expected ':'",), "no_colon"),
    (("did not find expected key", "expected <block end>"), "indent"),
    (("'-' indicator",), "list_indent"),
    (("sequence entries are not allowed",), "list_item_value"),
    (("found unexpected end of stream",), "end_of_file"),
    (("undefined tag handle",), "unknown_tag"),
    (("cannot start any token",), "bad_start"),
    (("escape", "hexdecimal"), "escape"),
    (("alphabetic or numeric character",), "anchor"),
    (("block scalar", "chomping or indentation"), "block_scalar"),
    (("node content",), "no_value"),
    (("document start", "document indicator", "directive"), "document_marker"),
)


def _syntax_error(error: MarkedYAMLError, text: str, path: Path) -> SourceError:
    """The parser's complaint as a message in the plan's language, at the line it is
    about: for a key without its colon that is the key's line, not the next one."""
    problem = str(error.problem or error.context or "")
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    first = error.context_mark.line + 1 if error.context_mark else line
    lines = text.splitlines()
    if "\t" in (lines[line - 1] if line <= len(lines) else "")[: col + 1] or "\\t" in problem:
        return source_error("tab", line, col)
    pasted = _pasted_problem(text, range(min(first, line - 1) or 1, line + 1))
    if pasted:
        return pasted(path)
    key = next(
        (key for needles, key in _SYNTAX_PROBLEMS if any(n in problem for n in needles)), "syntax"
    )
    if key in ("no_colon", "flow_list", "flow_mapping") and first != line:
        line, col = first, error.context_mark.column + 1  # the key, or where the [ or { opens
    if key not in ("bad_start", "no_value"):
        return source_error(key, line, col)
    char = text[mark.index] if mark and mark.index < len(text) else ""
    return source_error(key, line, col, char=char.strip() or "?")


def _pasted_problem(text: str, lines: range):
    """A pasted character or a missing space that explains a syntax error in `lines`,
    as a function of the file's path that makes the error; None if there is none."""
    from .pasted import describe, text_problems  # only a file with a syntax error needs it

    found = text_problems(text, lines)
    if not found:
        return None
    problem = found[0]

    def make(path: Path) -> SourceError:
        (sv, sv_hint), (en, en_hint) = (describe(problem, lang, path) for lang in ("sv", "en"))
        return SourceError("DK001", sv, problem.line, problem.col, sv_hint, english=(en, en_hint))

    return make


_TEXTS: dict[str, dict[str, tuple[str, str | None]]] = {
    "sv": {
        "too_large": (
            "Filen är {size} MB; en plan får vara högst {limit} MB.",
            "Dela upp planen i flera filer.",
        ),
        "unreadable": ("Filen kan inte läsas: {reason}.", None),
        "binary": ("Filen är binär, inte en YAML-text.", None),
        "utf16": (
            'Filen är sparad som {encoding} ("Unicode-text" i Anteckningar eller Excel), '
            "inte UTF-8.",
            "Kör dialogkit plan fmt --fix {file}, som gör om den till UTF-8, "
            "eller spara som UTF-8 i din editor.",
        ),
        "not_utf8": ("Filen är inte sparad som UTF-8.", "Spara om filen som UTF-8 i din editor."),
        "utf16_no_bom": (
            "Filen ser ut att vara sparad som UTF-16 utan byteordningsmärke, inte UTF-8.",
            "Spara om filen som UTF-8 i din editor.",
        ),
        "utf32": (
            "Filen är sparad som UTF-32, inte UTF-8.",
            "Spara om filen som UTF-8 i din editor.",
        ),
        "broken_utf16": (
            "Filen är sparad som UTF-16 men är trasig och kan inte läsas.",
            "Spara om filen som UTF-8 i din editor.",
        ),
        "bad_character": (
            "Filen innehåller ett tecken som inte får finnas i YAML (U+{char}).",
            "Ta bort tecknet; det är ofta ett osynligt styrtecken från en kopierad text.",
        ),
        "empty": ("Filen är tom.", "Börja planen med raden kind: ..."),
        "complex_key": (
            "En nyckel måste vara ett enkelt värde, inte en lista eller mappning.",
            None,
        ),
        "duplicate": (
            "Nyckeln '{key}' förekommer två gånger (första gången på rad {first}).",
            "Ta bort eller slå ihop den ena.",
        ),
        "too_deep": (
            "Planen är nästlad djupare än {limit} nivåer.",
            "En plan behöver bara några få nivåer; kontrollera indragningen.",
        ),
        "alias": (
            "Alias (*{anchor}) stöds inte i planer.",
            "Skriv ut värdet på varje ställe där det behövs.",
        ),
        "documents": (
            "Filen innehåller flera YAML-dokument (---); en fil är en plan.",
            "Lägg varje plan i en egen fil.",
        ),
        "tag": (
            "Taggen {tag} stöds inte i planer.",
            "Ta bort taggen; skriv värdet som vanlig text, tal, lista eller mappning.",
        ),
        "long_number": ("Talet är orimligt långt.", None),
        "tab": (
            "YAML-syntaxfel: tabb används för indrag; YAML kräver mellanslag.",
            "Byt tabbar mot mellanslag (ställ in editorn på att dra in med mellanslag).",
        ),
        "flow_list": (
            "YAML-syntaxfel: listan inom [ ] är inte stängd, eller ett värde i den "
            "innehåller ett kolon.",
            "Stäng listan med ] på samma rad och skilj värdena med komma; sätt ett värde "
            'med kolon inom citattecken, t.ex. ["18:00", "20:00"].',
        ),
        "flow_mapping": (
            "YAML-syntaxfel: mappningen inom { } är inte stängd, eller ett värde i den "
            "innehåller ett kolon.",
            "Stäng mappningen med } på samma rad; sätt ett värde med kolon eller komma "
            'inom citattecken, t.ex. {channel: email, where: "Torget, Sala"}.',
        ),
        "colon_in_flow": (
            "YAML-syntaxfel: ett kolon står där det inte får stå.",
            'Sätt värdet inom citattecken, t.ex. link: "https://..." inne i { }.',
        ),
        "colon": (
            "YAML-syntaxfel: ett kolon står där det inte får stå.",
            'Sätt texten inom citattecken om den innehåller ": ", och kontrollera att '
            "raden har samma indrag som raderna runt den.",
        ),
        "no_colon": (
            "YAML-syntaxfel: nyckeln saknar kolon (:).",
            "Skriv nyckel: värde med ett mellanslag efter kolonet, eller sätt texten "
            "inom citattecken.",
        ),
        "indent": (
            "YAML-syntaxfel: indragningen stämmer inte.",
            "Kontrollera att raden har samma indrag som raderna runt den, och att inget "
            "står efter ett värde inom citattecken.",
        ),
        "list_indent": (
            "YAML-syntaxfel: indragningen i listan stämmer inte.",
            "Varje listpunkt börjar med '- ' på samma indrag.",
        ),
        "list_item_value": (
            "YAML-syntaxfel: en listpunkt (- ) står på samma rad som nyckeln.",
            "Börja listan på nästa rad, indragen, med '- ' före varje punkt.",
        ),
        "end_of_file": (
            "YAML-syntaxfel: filen tar slut mitt i ett värde.",
            "Kontrollera att citattecken och hakparenteser är stängda.",
        ),
        "unknown_tag": ("YAML-syntaxfel: okänd tagg.", "Ta bort taggen (ordet som börjar med !)."),
        "bad_start": (
            "YAML-syntaxfel: ett värde får inte börja med tecknet {char}.",
            "Sätt värdet inom citattecken.",
        ),
        "escape": (
            "YAML-syntaxfel: ett bakstreck (\\) inom dubbla citattecken inleder en okänd kod.",
            "Använd enkla citattecken, t.ex. 'C:\\Dokument', eller skriv \\\\ för ett bakstreck.",
        ),
        "anchor": (
            "YAML-syntaxfel: ett värde som börjar med & eller * måste stå inom citattecken.",
            "Sätt värdet inom citattecken.",
        ),
        "block_scalar": (
            "YAML-syntaxfel: efter | eller > får bara en kommentar stå på raden.",
            "Börja texten på nästa rad, indragen.",
        ),
        "no_value": (
            "YAML-syntaxfel: värdet börjar med tecknet {char}, som inte kan inleda ett värde.",
            "Sätt värdet inom citattecken.",
        ),
        "document_marker": (
            "YAML-syntaxfel: en rad läses som början eller slut på ett YAML-dokument.",
            "Rader som börjar med ---, ... eller % har en särskild betydelse i YAML; "
            "sätt texten inom citattecken.",
        ),
        "syntax": (
            "YAML-syntaxfel: raden går inte att läsa.",
            "Jämför raden med exemplen i plans/.",
        ),
    },
    "en": {
        "too_large": (
            "The file is {size} MB; a plan may be at most {limit} MB.",
            "Split the plan into several files.",
        ),
        "unreadable": ("The file cannot be read: {reason}.", None),
        "binary": ("The file is binary, not YAML text.", None),
        "utf16": (
            'The file is saved as {encoding} ("Unicode text" in Notepad or Excel), not UTF-8.',
            "Run dialogkit plan fmt --fix {file}, which converts it to UTF-8, or save it "
            "as UTF-8 in your editor.",
        ),
        "not_utf8": ("The file is not saved as UTF-8.", "Save the file as UTF-8 in your editor."),
        "utf16_no_bom": (
            "The file looks saved as UTF-16 without a byte order mark, not UTF-8.",
            "Save the file as UTF-8 in your editor.",
        ),
        "utf32": (
            "The file is saved as UTF-32, not UTF-8.",
            "Save the file as UTF-8 in your editor.",
        ),
        "broken_utf16": (
            "The file is saved as UTF-16 but is damaged and cannot be read.",
            "Save the file as UTF-8 in your editor.",
        ),
        "bad_character": (
            "The file holds a character YAML does not allow (U+{char}).",
            "Remove it; it is often an invisible control character from copied text.",
        ),
        "empty": ("The file is empty.", "Start the plan with the line kind: ..."),
        "complex_key": ("A key must be a simple value, not a list or a mapping.", None),
        "duplicate": (
            "The key '{key}' appears twice (first on line {first}).",
            "Remove one or merge them.",
        ),
        "too_deep": (
            "The plan is nested deeper than {limit} levels.",
            "A plan needs only a few levels; check the indentation.",
        ),
        "alias": (
            "Aliases (*{anchor}) are not supported in plans.",
            "Write the value out wherever it is needed.",
        ),
        "documents": (
            "The file holds several YAML documents (---); one file is one plan.",
            "Put each plan in a file of its own.",
        ),
        "tag": (
            "The tag {tag} is not supported in plans.",
            "Remove the tag; write the value as plain text, a number, a list or a mapping.",
        ),
        "long_number": ("The number is unreasonably long.", None),
        "tab": (
            "YAML syntax error: a tab is used for indentation; YAML needs spaces.",
            "Replace the tabs with spaces (set your editor to indent with spaces).",
        ),
        "flow_list": (
            "YAML syntax error: the list in [ ] is not closed, or a value in it holds a colon.",
            "Close the list with ] on the same line and separate the values with commas; "
            'quote a value with a colon, e.g. ["18:00", "20:00"].',
        ),
        "flow_mapping": (
            "YAML syntax error: the mapping in { } is not closed, or a value in it holds a colon.",
            "Close the mapping with } on the same line; quote a value with a colon or a "
            'comma, e.g. {channel: email, where: "Main Square, Sala"}.',
        ),
        "colon_in_flow": (
            "YAML syntax error: a colon stands where it may not.",
            'Quote the value, e.g. link: "https://..." inside { }.',
        ),
        "colon": (
            "YAML syntax error: a colon stands where it may not.",
            'Quote the text if it holds ": ", and check that the line is indented like '
            "the lines around it.",
        ),
        "no_colon": (
            "YAML syntax error: the key has no colon (:).",
            "Write key: value with a space after the colon, or quote the text.",
        ),
        "indent": (
            "YAML syntax error: the indentation is wrong.",
            "Check that the line is indented like the lines around it, and that nothing "
            "follows a quoted value.",
        ),
        "list_indent": (
            "YAML syntax error: the indentation of the list is wrong.",
            "Each list item starts with '- ' at the same indentation.",
        ),
        "list_item_value": (
            "YAML syntax error: a list item (- ) is on the same line as its key.",
            "Start the list on the next line, indented, with '- ' before each item.",
        ),
        "end_of_file": (
            "YAML syntax error: the file ends in the middle of a value.",
            "Check that quotes and brackets are closed.",
        ),
        "unknown_tag": (
            "YAML syntax error: unknown tag.",
            "Remove the tag (the word starting with !).",
        ),
        "bad_start": (
            "YAML syntax error: a value may not start with the character {char}.",
            "Quote the value.",
        ),
        "escape": (
            "YAML syntax error: a backslash (\\) in double quotes starts an unknown code.",
            "Use single quotes, e.g. 'C:\\Documents', or write \\\\ for a backslash.",
        ),
        "anchor": (
            "YAML syntax error: a value that starts with & or * must be quoted.",
            "Quote the value.",
        ),
        "block_scalar": (
            "YAML syntax error: after | or > only a comment may follow on the line.",
            "Start the text on the next line, indented.",
        ),
        "no_value": (
            "YAML syntax error: the value starts with the character {char}, which cannot "
            "start a value.",
            "Quote the value.",
        ),
        "document_marker": (
            "YAML syntax error: a line reads as the start or end of a YAML document.",
            "Lines starting with ---, ... or % mean something special in YAML; quote the text.",
        ),
        "syntax": (
            "YAML syntax error: the line cannot be read.",
            "Compare the line with the examples in plans/.",
        ),
    },
}
