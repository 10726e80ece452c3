"""`plan fmt`: one layout for every plan, without losing a comment or a value.

Keys are put in the model's order, indentation is made uniform; comments, blank
lines, quotes and the schema line stay. A file is written only if reading it back
gives exactly the same data, and a file that does not parse is left untouched.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .catalogue import finding
from .findings import Finding, Severity
from .model import KINDS, model_for
from .output import write_atomic
from .validation import model_at
from .yamlsource import Source, SourceError, parse_text, read_source


@dataclass(frozen=True)
class FmtResult:
    path: Path
    changed: bool
    problem: Finding | None = None
    """An error (the file was left untouched), or a note on why it was skipped."""

    @property
    def skipped(self) -> bool:
        return self.problem is not None and self.problem.severity is Severity.NOTE

    @property
    def failed(self) -> bool:
        return self.problem is not None and self.problem.is_error


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: keeps comments, quotes and block styles
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap the user's lines
    return yaml


def format_text(text: str, source: Source) -> str:
    """The canonical form of `text`, whose safe parse is `source`."""
    yaml = _yaml()
    document = yaml.load(text)
    kind = source.data.get("kind") if isinstance(source.data, dict) else None
    if isinstance(kind, str) and kind in KINDS:
        _order_keys(document, model_for(kind), ())
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _order_keys(node: Any, model: type[BaseModel], path: tuple) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        target = model_at(model, path)
        if target is not None:
            order = list(target.model_fields)
            known = [key for key in order if key in node]
            before = _tail(node)
            for key in known + [key for key in node if key not in order]:
                node.move_to_end(key)
            _keep_trailing_lines(before, _tail(node))
        for key, value in node.items():
            _order_keys(value, model, (*path, key))
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            _order_keys(value, model, (*path, index))


def _tail(node):
    """(container, key, slot) of the last line of a block, where ruamel keeps the
    comments and blank lines that follow the whole block."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while True:
        if isinstance(node, CommentedMap) and node:
            key, slot = next(reversed(node)), 2
        elif isinstance(node, CommentedSeq) and node:
            key, slot = len(node) - 1, 0
        else:
            return None
        value = node[key]
        nested = isinstance(value, CommentedMap | CommentedSeq) and value
        if not nested or value.fa.flow_style():
            return node, key, slot
        node = value


def _keep_trailing_lines(before, after) -> None:
    """When keys move, the blank lines and comments after a block stay at its end;
    only the moved line's own end-of-line comment goes with it."""
    from ruamel.yaml.tokens import CommentToken

    if before is None or after is None or before[:2] == after[:2]:
        return
    node, key, slot = before
    entry = node.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None or "\n" not in token.value:
        return
    cut = token.value.index("\n") + 1
    own, rest = token.value[:cut], token.value[cut:]
    if not rest:
        return
    if own.strip():
        token.value = own
    else:
        entry[slot] = None
    node, key, slot = after
    entry = node.ca.items.setdefault(key, [None] * 4)
    if entry[slot] is not None:
        entry[slot].value += rest
    else:
        entry[slot] = CommentToken("\n" + rest, None, None)


def format_file(path: Path, *, check: bool = False) -> FmtResult:
    try:
        source = read_source(path)
        formatted = format_text(source.text, source)
        again = parse_text(formatted, path)
    except SourceError as error:
        problem = finding(
            error.code,
            error.message,
            path,
            line=error.line,
            col=error.col,
            hint="Filen lämnas orörd. Rätta felet och kör igen.",
        )
        return FmtResult(path, False, problem)
    if again.data != source.data:  # a guard: formatting must never change a value
        problem = finding(
            "DK030",
            "Formateringen skulle ändra data; filen lämnas orörd.",
            path,
            hint="Rapportera detta som ett fel i dialogkit.",
        )
        return FmtResult(path, False, problem)
    raw = path.read_bytes().decode("utf-8-sig")
    changed = formatted != raw
    if changed and not check:
        write_atomic(path, formatted)
    return FmtResult(path, changed)


def format_paths(paths: list[Path], *, check: bool = False) -> list[FmtResult]:
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
        else format_file(path, check=check)
        for path in files
    ]
    return results + [FmtResult(path, False, outside_note(path)) for path in outside]


def _link_note(path: Path) -> Finding:
    return finding(
        "DK031",
        "Symbolisk länk; formateras inte.",
        path,
        hint="Formatera filen som länken pekar på.",
    )
