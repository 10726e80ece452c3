"""`plan fmt`: one layout for every plan, without losing a comment or a value.

Keys are put in the model's order and indentation is made uniform; comments, blank
lines, quotes, the schema line, the line endings (CRLF or LF), a UTF-8 BOM, the
file's permissions and its hard links stay. Before anything is written the result
is checked: the same data, the same comments, the same blank lines and quotes, and
formatting it again changes nothing. A file that cannot pass is left untouched with
a note (DK032), as is one that changed on disk while it was being formatted (DK033).
`--fix` first repairs text pasted from Word, Outlook or Excel (`pasted.fix_text`).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import tempfile
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .catalogue import finding
from .findings import Finding, Severity, Text
from .model import KINDS, model_for
from .pasted import fix_text
from .validation import model_at
from .yamlsource import MAX_FILE_BYTES, Source, SourceError, decode_plan, parse_text

UNTOUCHED = Text("Filen lämnas orörd.", "The file is left untouched.")


@dataclass(frozen=True)
class FmtResult:
    path: Path
    changed: bool
    problem: Finding | None = None
    """An error (the file was left untouched), or a note on why it was skipped."""
    fixes: tuple[str, ...] = ()
    """With `--fix`: what was repaired (straight quotes, normal spaces, UTF-8), in the
    language `format_paths` was given."""

    @property
    def skipped(self) -> bool:
        return self.problem is not None and self.problem.severity is Severity.NOTE

    @property
    def left_as_is(self) -> bool:
        """Left untouched on purpose (DK032): nothing more for `fmt` to do."""
        return self.problem is not None and self.problem.code == "DK032"

    @property
    def failed(self) -> bool:
        return self.problem is not None and self.problem.is_error


class _Lossy(Exception):
    """Formatting would lose or move something the user wrote; `why` says what."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(sv)
        self.why = Text(sv, en)


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: keeps comments, quotes and block styles
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap the user's lines
    return yaml


def format_text(text: str, source: Source) -> str:
    """The canonical form of `text` (LF line endings, no BOM), whose safe parse is
    `source`. Unchecked: `format_file` verifies it before writing."""
    yaml = _yaml()
    body = text.lstrip("\n")
    yaml.explicit_start = body.startswith("---")
    document = yaml.load(body)
    kind = source.data.get("kind") if isinstance(source.data, dict) else None
    if isinstance(kind, str) and kind in KINDS:
        _order_keys(document, model_for(kind), ())
    out = io.StringIO()
    yaml.dump(document, out)
    return text[: len(text) - len(body)] + out.getvalue()  # ruamel drops leading blank lines


def _order_keys(node: Any, model: type[BaseModel], path: tuple, item: bool = False) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        target = model_at(model, path)
        if target is not None:
            order = list(target.model_fields)
            known = [key for key in order if key in node]
            _reorder(node, known + [key for key in node if key not in order], item)
        for key, value in node.items():
            _order_keys(value, model, (*path, key))
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            _order_keys(value, model, (*path, index), item=True)


def _reorder(node, keys: list, item: bool) -> None:
    """Put `node`'s keys in the order `keys`. ruamel keeps the comment lines and blank
    lines between two keys after the first one's value; they belong above the second,
    and go with it. Those after the last key stay at the end of the block. In a list
    item (`item`) the first key shares the line with "- ", so lines above it stay
    below it."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    old = list(node)
    if old == keys:
        return
    above = {key: _take_following_lines(_tail(node, before)) for before, key in pairwise(old)}
    trailer = _take_following_lines(_tail(node, old[-1]))
    for key in keys:
        node.move_to_end(key)
    if item and len(keys) > 1:
        above[keys[1]] = above.pop(keys[0], "") + above.get(keys[1], "")
        # after a flow value (`what: [a]`) ruamel keeps the lines below it above the
        # next key instead: they cannot stay between "- " and the item's new first key
        first = node.ca.items.get(keys[0])
        if first and len(first) > 1 and first[1]:
            entry = _comment_entry(node, keys[1], 1)
            entry[1], first[1] = [*first[1], *(entry[1] or [])], None
    for key, lines in above.items():
        if lines:
            entry = _comment_entry(node, key, 1)
            entry[1] = [CommentToken(lines, CommentMark(0)), *(entry[1] or [])]
    if trailer:
        container, key, slot = _tail(node, keys[-1])
        entry = _comment_entry(container, key, slot)
        if entry[slot] is None:
            entry[slot] = CommentToken("\n" + trailer, CommentMark(0))
        else:
            entry[slot].value += trailer


def _tail(node, key):
    """(container, key, slot) of the last line of `node[key]`, where ruamel keeps the
    comments and blank lines that follow it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    slot = 2
    while True:
        value = node[key]
        nested = isinstance(value, CommentedMap | CommentedSeq) and value
        if not nested or value.fa.flow_style():
            return node, key, slot
        node = value
        key, slot = (
            (next(reversed(node)), 2) if isinstance(node, CommentedMap) else (len(node) - 1, 0)
        )


def _take_following_lines(tail) -> str:
    """Remove and return the whole lines after a line's own end-of-line comment."""
    node, key, slot = tail
    entry = node.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None or not isinstance(token.value, str) or "\n" not in token.value:
        return ""
    cut = token.value.index("\n") + 1
    own, rest = token.value[:cut], token.value[cut:]
    if rest:
        if own.strip():
            token.value = own
        else:
            entry[slot] = None
    return rest


def _comment_entry(node, key, slot: int) -> list:
    entry = node.ca.items.setdefault(key, [None] * 4)
    entry.extend([None] * (slot + 1 - len(entry)))
    return entry


# What the user wrote besides the data, found from the scanner's tokens: whatever
# no token covers is white space or a comment, so this does not rely on ruamel's
# round-trip comment handling, which is what it checks.


@dataclass(frozen=True)
class _Layout:
    comments: Counter
    first_line: dict[str, int]
    blank_lines: int
    scalars: Counter
    """(value, style, and for a quoted one its text) of every key and value."""


def _layout(text: str) -> _Layout:
    from ruamel.yaml import YAML
    from ruamel.yaml.tokens import ScalarToken

    covered = bytearray(len(text) + 1)
    scalars: Counter = Counter()
    for token in YAML(typ="safe", pure=True).scan(text):
        start, end = token.start_mark.index, token.end_mark.index
        if isinstance(token, ScalarToken) and token.style in ("|", ">"):
            start, end = _block_content(text, start, end)
        covered[start:end] = b"\x01" * (end - start)
        if isinstance(token, ScalarToken):
            quoted = token.style in ("'", '"')
            scalars[(token.value, token.style, text[start:end] if quoted else None)] += 1
    comments: Counter = Counter()
    first_line: dict[str, int] = {}
    blank_lines = 0
    start = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        free = "".join(char for offset, char in enumerate(line) if not covered[start + offset])
        if not line.strip() and not any(covered[start : start + len(line)]):
            blank_lines += 1
        elif "#" in free:
            comment = free[free.index("#") :].rstrip()
            comments[comment] += 1
            first_line.setdefault(comment, number)
        start += len(line)
    return _Layout(comments, first_line, blank_lines, scalars)


def _block_content(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a `|` or `>` block's content lines. The scanner's token also covers
    the indicator line, where a comment may follow, and the blank lines after the
    block: both are layout to keep, not the value."""
    first = text.find("\n", start, end) + 1 or end
    last = position = first
    for line in text[first:end].splitlines(keepends=True):
        if line.strip():
            last = position + len(line.rstrip("\n"))
        position += len(line)
    return first, last


def _lossless(text: str, source: Source) -> str:
    """`text` formatted, after checking that nothing but the layout changed; raises
    `_Lossy` (or `_DataChanged`) otherwise. `text` has LF line endings."""
    try:
        formatted = format_text(text, source)
        again = parse_text(formatted, source.path)
        twice = format_text(formatted, again)
        before, after = _layout(text), _layout(formatted)
    except SourceError:  # the YAML library wrote text it cannot read back
        raise _Lossy(
            "den formaterade texten skulle inte gå att läsa",
            "the formatted text could not be read back",
        ) from None
    except Exception as error:  # any failure inside ruamel leaves the file as it is
        name = type(error).__name__
        raise _Lossy(
            f"dialogkit kan inte formatera filen ({name})",
            f"dialogkit cannot format the file ({name})",
        ) from None
    if again.data != source.data:
        raise _DataChanged
    lost = before.comments - after.comments
    if lost:
        comment = next(iter(lost))
        line = before.first_line[comment]
        raise _Lossy(
            f"kommentaren {comment!r} på rad {line} skulle gå förlorad",
            f"the comment {comment!r} on line {line} would be lost",
        )
    if after.comments != before.comments:
        raise _Lossy("en kommentar skulle dubbleras", "a comment would be doubled")
    if after.blank_lines != before.blank_lines:
        was, now = before.blank_lines, after.blank_lines
        raise _Lossy(
            f"antalet tomrader skulle ändras från {was} till {now}",
            f"the number of blank lines would change from {was} to {now}",
        )
    if after.scalars != before.scalars:
        raise _Lossy(
            "ett värde inom citattecken skulle skrivas om", "a quoted value would be rewritten"
        )
    if twice != formatted:
        raise _Lossy(
            "formateringen ger inte samma resultat två gånger",
            "formatting does not give the same result twice",
        )
    return formatted


class _DataChanged(Exception):
    """The formatted text reads back as other data: a bug, reported as DK030."""


def _newline(text: str) -> str:
    """The line ending most lines of `text` have: CRLF (Windows) or LF."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf > text.count("\n") - crlf else "\n"


newline = _newline


def comments(text: str) -> Counter:
    """Every comment in `text`, counted (for a command that edits a plan: `record`)."""
    return _layout(text).comments


def replace_file(path: Path, original: bytes, data: bytes) -> Finding | None:
    """`data` in place of `path`'s `original` bytes, written as `fmt` writes: see `_replace`."""
    return _replace(path, original, data)


def format_file(
    path: Path, *, check: bool = False, fix: bool = False, language: str = "sv"
) -> FmtResult:
    """Format one plan; with `check`, only say whether it would change. Never raises
    for a bad file: the problem comes back in the result and the file is untouched.
    The `--fix` repairs are described in `language`."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            size = MAX_FILE_BYTES >> 20
            too_big = Text(f"Filen är större än {size} MB.", f"The file is larger than {size} MB.")
            raise _Refused(finding("DK001", too_big, path))
        raw = path.read_bytes()
        data, fixes = format_bytes(raw, path, fix=fix, language=language)
    except OSError as error:
        unreadable = Text(
            f"Filen kan inte läsas: {error.strerror}.",
            f"The file cannot be read: {error.strerror}.",
        )
        return FmtResult(path, False, finding("DK001", unreadable, path))
    except _Refused as refused:
        return FmtResult(path, False, refused.problem)
    changed = data != raw
    if changed and not check:
        problem = _replace(path, raw, data)
        if problem is not None:
            return FmtResult(path, False, problem, fixes)
    return FmtResult(path, changed, None, fixes)


class _Refused(Exception):
    def __init__(self, problem: Finding) -> None:
        self.problem = problem


def format_bytes(
    raw: bytes, path: Path, *, fix: bool = False, language: str = "sv"
) -> tuple[bytes, tuple[str, ...]]:
    """The formatted file, in the original's line endings and with its UTF-8 BOM if it
    had one, and the `--fix` repairs made (described in `language`); raises `_Refused`
    with the reason why the file must stay as it is."""
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if utf16 and not fix:
        raise _Refused(
            _note(
                Text(
                    "Filen är sparad som UTF-16 (”Unicode” i Anteckningar eller Excel). Kör "
                    f"dialogkit plan fmt --fix för att spara den som UTF-8. {UNTOUCHED.sv}",
                    "The file is saved as UTF-16 (“Unicode” in Notepad or Excel). Run "
                    f"dialogkit plan fmt --fix to save it as UTF-8. {UNTOUCHED.en}",
                ),
                path,
            )
        )
    text = ""  # until decoded
    try:
        text, _ = decode_plan(raw)
        fixes = [SAVED_AS_UTF8.get(language)] if utf16 else []
        if fix:
            text, repairs = fix_text(text, language)
            fixes += repairs
        source = parse_text(text, path)
        formatted = _lossless(text.replace("\r\n", "\n").replace("\r", "\n"), source)
    except SourceError as error:
        raise _Refused(_parse_problem(error, path, text, fix)) from None
    except _DataChanged:
        raise _Refused(
            finding(
                "DK030",
                Text(
                    "Formateringen skulle ändra data; filen lämnas orörd.",
                    "Formatting would change the data; the file is left untouched.",
                ),
                path,
                hint=Text(
                    "Rapportera detta som ett fel i dialogkit.",
                    "Report this as a bug in dialogkit.",
                ),
            )
        ) from None
    except _Lossy as error:
        lossy = Text(
            f"Kan inte formateras utan förlust: {error.why.sv}. {UNTOUCHED.sv}",
            f"Cannot be formatted without loss: {error.why.en}. {UNTOUCHED.en}",
        )
        raise _Refused(_note(lossy, path)) from None
    bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
    return (bom + formatted.replace("\n", _newline(text))).encode("utf-8"), tuple(fixes)


SAVED_AS_UTF8 = Text("sparad som UTF-8 i stället för UTF-16", "saved as UTF-8 instead of UTF-16")
PASTED_HINT = Text(
    " Är texten inklistrad från Word eller Outlook? Prova plan fmt --fix.",
    " Was the text pasted from Word or Outlook? Try plan fmt --fix.",
)


def _parse_problem(error: SourceError, path: Path, text: str, fix: bool) -> Finding:
    """The finding for a file that cannot be parsed, which fmt leaves untouched."""
    (sv, sv_hint), (en, en_hint) = error.texts["sv"], error.texts["en"]
    sv_hint, en_hint = (
        sv_hint or "Rätta felet och kör igen.",
        en_hint or "Correct the error and run again.",
    )
    if not fix and "--fix" not in sv_hint and fix_text(text)[1]:
        sv_hint, en_hint = sv_hint + PASTED_HINT.sv, en_hint + PASTED_HINT.en
    return finding(
        error.code,
        Text(sv, en),
        path,
        line=error.line,
        col=error.col,
        hint=Text(f"{UNTOUCHED.sv} {sv_hint}", f"{UNTOUCHED.en} {en_hint}"),
    )


def _note(message: Text, path: Path) -> Finding:
    return finding(
        "DK032",
        message,
        path,
        hint=Text(
            "Formatera filen för hand, eller låt den vara.",
            "Format the file by hand, or leave it be.",
        ),
    )


# Writing: the same file, never half-written, never over a newer save.


def _replace(path: Path, original: bytes, data: bytes) -> Finding | None:
    """Put `data` in place of `path`'s `original` bytes, keeping its permissions and
    group; a file with hard links is rewritten through the same inode so that every
    link sees the new text. Returns a DK033 error if the file changed since it was
    read (an editor saved it meanwhile) or cannot be written."""
    from .output import _interrupts_deferred, refuse_links

    refuse_links(path)
    try:
        with _interrupts_deferred():
            info = path.stat()
            if info.st_nlink > 1:
                written = _rewrite_in_place(path, original, data)
            else:
                written = _replace_through_temporary(path, original, data, info)
    except OSError as error:
        unwritable = Text(
            f"Filen kan inte skrivas: {error.strerror}.",
            f"The file cannot be written: {error.strerror}.",
        )
        return finding("DK033", unwritable, path, hint=UNTOUCHED)
    if written:
        return None
    return finding(
        "DK033",
        Text(
            "Filen ändrades under körningen och skrivs inte över; kör igen.",
            "The file changed during the run and is not overwritten; run again.",
        ),
        path,
        hint=Text(
            "Spara klart i din editor och kör dialogkit plan fmt igen.",
            "Finish saving in your editor and run dialogkit plan fmt again.",
        ),
    )


def _replace_through_temporary(path: Path, original: bytes, data: bytes, info) -> bool:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # a shared folder's group stays
                os.chown(temporary, -1, info.st_gid)
        if path.read_bytes() != original:
            temporary.unlink()
            return False
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def _rewrite_in_place(path: Path, original: bytes, data: bytes) -> bool:
    """Write through the open file, so that its hard links keep sharing it. The
    trade-off: a power cut during the single write below could leave the file
    half-written (Ctrl-C cannot: it is held until the write is done), where a
    replace would not; keeping the links is what a user who made them expects."""
    with open(path, "r+b") as file:
        if file.read() != original:
            return False
        file.seek(0)
        file.write(data)
        file.truncate()
        file.flush()
        os.fsync(file.fileno())
    return True


def format_paths(
    paths: list[Path], *, check: bool = False, fix: bool = False, language: str = "sv"
) -> list[FmtResult]:
    """Format every plan below `paths`. A symbolic link is skipped (writing it would
    replace the link with a copy of its target), and so is a plan reached through a
    linked folder (never written through, see `output.refuse_links`); one that leads
    out of the workspace is not even read: each comes back with a note and `changed`
    False."""
    from .links import linked_folders
    from .workspace import outside_note, plan_files

    files, outside = plan_files(paths)
    results = [
        FmtResult(path, False, _link_note(path))
        if path.is_symlink() or linked_folders(path)
        else format_file(path, check=check, fix=fix, language=language)
        for path in files
    ]
    return results + [FmtResult(path, False, outside_note(path)) for path in outside]


def _link_note(path: Path) -> Finding:
    return finding(
        "DK031",
        Text("Symbolisk länk; formateras inte.", "A symbolic link; not formatted."),
        path,
        hint=Text("Formatera filen som länken pekar på.", "Format the file the link points at."),
    )
