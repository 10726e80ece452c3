"""`dialogkit record`: write what happened at a dialogue into its plan.

The plan is edited as text, not dumped again: the few values that change are
replaced where they stand, and new keys are inserted as whole lines in the
dialogue's own indentation (in a `{ ... }` dialogue or outcome, inside the braces).
Every other byte stays: comments, blank lines, quotes, line endings. Before the file
is written the new text is read back and must hold the old data plus exactly the
intended changes, every comment, and a plan the model accepts; else the file is
left untouched. The write itself is `fmt`'s (same file, never over a newer save).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from .errors import UsageError
from .findings import Finding

HELD = {"held": "held", "genomförd": "held", "cancelled": "cancelled", "inställd": "cancelled"}
"""The status words `record` takes, and what each means."""
SWEDISH_STATUS = {"held": "genomförd", "cancelled": "inställd"}
_SWEDISH_WORDS = {"genomförd", "inställd", "planerad", "bokad"}
AUDIENCES = ("participants", "public")


@dataclass(frozen=True)
class Record:
    """What to record; None (or empty) leaves a value as it is."""

    status: str | None = None
    participants: int | None = None
    themes: tuple[str, ...] = ()
    public_notes: str | None = None
    internal_notes: str | None = None
    follow_up: tuple[tuple[str, str], ...] = ()
    feedback: dict[str, str] | None = None
    replace: bool = False
    """Overwrite values the plan already has (participants, notes, answers)."""


@dataclass(frozen=True)
class Recorded:
    path: Path
    dialogue: str
    status: str
    """held or cancelled."""
    participants: int | None
    themes: int
    changed: tuple[str, ...] = ()
    """The keys written, as dotted paths below the dialogue."""
    new_findings: list[Finding] = field(default_factory=list)


class Append(list):
    """Items to add at the end of a list (made if missing)."""


def find_plan(given: Path) -> Path:
    """`given` if it is a file; else the plan of that name in the workspace's plans/."""
    if given.is_file() or given.suffix in (".yaml", ".yml") or len(given.parts) > 1:
        return given
    from .settings import default_plans

    try:
        folder = default_plans()
    except UsageError:
        return given
    names = {p.stem: p for p in sorted(folder.glob("*.y*ml"))}
    if str(given) in names:
        return names[str(given)]
    close = get_close_matches(str(given), list(names), n=3)
    raise UsageError(
        f"{given}: ingen sådan plan.",
        hint=f"Menade du {' eller '.join(close)}?" if close else "Ange sökvägen till planen.",
        english=(
            f"{given}: no such plan.",
            f"Did you mean {' or '.join(close)}?" if close else "Give the path to the plan.",
        ),
    )


def record(path: Path, dialogue: str, wanted: Record) -> Recorded:
    """Record `wanted` for the dialogue `dialogue` of the plan at `path`; raise
    `UsageError` (file untouched) when that cannot be done safely."""
    from .checking import check_plan
    from .fmt import replace_file
    from .yamlsource import decode_plan

    before = check_plan(path, "dialogue_project")
    plan = before.loaded.plan
    ids = [d.id for d in plan.dialogues]
    if dialogue not in ids:
        raise _unknown_dialogue(dialogue, ids, path)
    raw = path.read_bytes()
    text, _ = decode_plan(raw)
    data = before.loaded.source.data
    index = ids.index(dialogue)
    current = data["dialogues"][index]
    patch = _patch(current, wanted, dialogue)
    if not patch:
        return _summary(path, dialogue, current, ())
    try:
        new_text = _edit(text, index, patch)
    except _Refused as refused:
        raise _refusal(path, refused.sv, refused.en) from None
    except Exception as error:  # anything unforeseen leaves the file as it is
        name = type(error).__name__
        raise _refusal(
            path, f"dialogkit kan inte ändra filen ({name})", f"dialogkit cannot edit it ({name})"
        ) from None
    expected = copy.deepcopy(data)
    _apply(expected["dialogues"][index], patch)
    _verify(text, new_text, expected, path)
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    problem = replace_file(path, raw, (bom + new_text).encode("utf-8"))
    if problem is not None:
        sv, en = problem.text("sv"), problem.text("en")
        raise UsageError(f"{path}: {sv[0]}", hint=sv[1], english=(f"{path}: {en[0]}", en[1]))
    after = check_plan(path, "dialogue_project")
    seen = {(f.code, f.message, f.path) for f in before.report.findings}
    new = [f for f in after.report.sorted() if (f.code, f.message, f.path) not in seen]
    result = _summary(path, dialogue, expected["dialogues"][index], tuple(_keys(patch)))
    return replace(result, new_findings=new)


def _summary(path: Path, dialogue: str, data: dict, changed: tuple[str, ...]) -> Recorded:
    outcome = data.get("outcome") or {}
    return Recorded(
        path,
        dialogue,
        HELD.get(data.get("status"), data.get("status") or "planned"),
        outcome.get("participants"),
        len(outcome.get("themes") or []),
        changed,
    )


def _keys(patch: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, value in patch.items():
        if isinstance(value, dict) and not isinstance(value, Append):
            keys += _keys(value, f"{prefix}{key}.")
        else:
            keys.append(prefix + key)
    return keys


def _unknown_dialogue(dialogue: str, ids: list[str], path: Path) -> UsageError:
    folded = {i.casefold(): i for i in ids}
    close = [folded[dialogue.casefold()]] if dialogue.casefold() in folded else []
    close = close or get_close_matches(dialogue, ids, n=3, cutoff=0.5)
    listed = ", ".join(ids) or "–"
    return UsageError(
        f"{path} har ingen dialog med id '{dialogue}'.",
        hint=f"Menade du {' eller '.join(close)}?" if close else f"Dialogerna: {listed}.",
        english=(
            f"{path} has no dialogue with the id '{dialogue}'.",
            f"Did you mean {' or '.join(close)}?" if close else f"The dialogues: {listed}.",
        ),
    )


# What to change: a patch of the dialogue's data, with nothing that is already so.


def _patch(current: dict, wanted: Record, dialogue: str) -> dict:
    status = _status_word(wanted.status, current)
    patch: dict[str, Any] = {}
    if current.get("status") != status:
        patch["status"] = status
    outcome = current.get("outcome") or {}
    if not isinstance(outcome, dict):
        outcome = {}
    new: dict[str, Any] = {}
    conflicts: list[str] = []

    def put(target: dict, have: dict, key: str, value: Any, where: str) -> None:
        if value is None or have.get(key) == value:
            return
        if have.get(key) is not None and not wanted.replace:
            conflicts.append(where + key)
            return
        target[key] = value

    put(new, outcome, "participants", wanted.participants, "")
    have_themes = {str(t).casefold() for t in outcome.get("themes") or []}
    themes = Append()
    for theme in (t.strip() for t in wanted.themes):
        if theme and theme.casefold() not in have_themes:
            have_themes.add(theme.casefold())
            themes.append(theme)
    if themes:
        new["themes"] = themes
    put(new, outcome, "public_notes", _paragraphs(wanted.public_notes), "")
    put(new, outcome, "internal_notes", _paragraphs(wanted.internal_notes), "")
    answers: dict[str, Any] = {}
    have_answers = outcome.get("follow_up") or {}
    for question, answer in wanted.follow_up:
        put(answers, have_answers, question, _paragraphs(answer), "follow_up.")
    if answers:
        new["follow_up"] = answers
    if wanted.feedback:
        entry = {k: v for k, v in wanted.feedback.items() if v is not None}
        entry["description"] = _paragraphs(entry.get("description"))
        new["feedback"] = Append([entry])
    if conflicts:
        keys = ", ".join(f"outcome.{key}" for key in conflicts)
        raise UsageError(
            f"Dialogen {dialogue} har redan ett annat värde i {keys}; inget har skrivits.",
            hint="Lägg till --replace för att skriva över det, eller ändra i filen.",
            english=(
                f"The dialogue {dialogue} already has another value in {keys}; nothing "
                "has been written.",
                "Add --replace to overwrite it, or edit the file.",
            ),
        )
    if new:
        patch["outcome"] = new
    return patch


def _status_word(given: str | None, current: dict) -> str:
    """The word written for the status: as given; else a cancelled dialogue stays
    cancelled, and any other becomes "held" in the words its status is already written
    in (genomförd beside planerad)."""
    if given is not None:
        if given not in HELD:
            raise UsageError(
                f"--status {given}: välj genomförd (held) eller inställd (cancelled).",
                english=(f"--status {given}: choose held or cancelled.", None),
            )
        return given
    status = current.get("status")
    if HELD.get(status) == "cancelled":  # notes on a cancelled dialogue keep it cancelled
        return status
    swedish = status in _SWEDISH_WORDS
    return SWEDISH_STATUS["held"] if swedish else "held"


def _paragraphs(text: str | None) -> str | None:
    """Running text as the plan keeps it: LF line breaks, no white space around."""
    if text is None:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").strip() or None


def _apply(target: dict, patch: dict) -> None:
    """The data `patch` makes of `target` (what the edited text must read back as)."""
    for key, value in patch.items():
        if isinstance(value, Append):
            target[key] = list(target.get(key) or []) + copy.deepcopy(list(value))
        elif isinstance(value, dict):
            if not isinstance(target.get(key), dict):
                target[key] = {}
            _apply(target[key], value)
        else:
            target[key] = value


# The text edit.


class _Refused(Exception):
    def __init__(self, sv: str, en: str) -> None:
        super().__init__(sv)
        self.sv, self.en = sv, en


def _edit(text: str, index: int, patch: dict) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    root = YAML(typ="safe", pure=True).compose(text)
    dialogues = _value(root, "dialogues")
    if not isinstance(dialogues, SequenceNode) or not isinstance(
        dialogues.value[index], MappingNode
    ):
        raise _Refused("dialogerna har en oväntad form", "the dialogues have an unexpected form")
    editor = _Editor(text)
    node = dialogues.value[index]
    editor.step = _indent_step(node)
    from .model.project import Dialogue

    flow = bool(node.flow_style) or bool(dialogues.flow_style)
    editor.set_keys(node, patch, Dialogue, flow=flow)
    return editor.result()


def _value(node, key: str):
    for key_node, value in node.value:
        if key_node.value == key:
            return value
    return None


def _indent_step(node) -> int:
    """The file's indentation step, from a nested block mapping of the dialogue."""
    from ruamel.yaml.nodes import MappingNode

    for key, value in node.value:
        if isinstance(value, MappingNode) and not value.flow_style and value.value:
            step = value.value[0][0].start_mark.column - key.start_mark.column
            if step > 0:
                return step
    return 2


class _Editor:
    """Edits of one text, as (start, end, new text), applied together at the end."""

    def __init__(self, text: str) -> None:
        from .fmt import newline

        self.text = text
        self.nl = newline(text)
        self.step = 2
        self.edits: list[tuple[int, int, int, str]] = []

    def add(self, start: int, end: int, new: str) -> None:
        """Replace text[start:end] by `new`; of several at one place, the first
        added stands first."""
        self.edits.append((start, len(self.edits), end, new.replace("\n", self.nl)))

    def result(self) -> str:
        text = self.text
        for start, _, end, new in sorted(self.edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text

    def set_keys(self, node, patch: dict, model, *, flow: bool) -> None:
        """Set `patch`'s keys in the mapping `node`, whose keys `model` describes."""
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        from .validation import model_at

        pairs = {key.value: (key, value) for key, value in node.value}
        col = node.value[0][0].start_mark.column if node.value else node.start_mark.column
        missing: dict[str, Any] = {}
        for key, want in patch.items():
            if key not in pairs:
                missing[key] = list(want) if isinstance(want, Append) else want
                continue
            key_node, value = pairs[key]
            inner = flow or bool(getattr(value, "flow_style", False))
            if _null(value):  # `key:` with nothing after it, or `key: null`
                colon = self.text.index(":", key_node.end_mark.index) + 1
                end = value.end_mark.index if value.value else colon
                new = list(want) if isinstance(want, Append) else want
                self.add(colon, end, self._after_key(new, col, flow))
            elif isinstance(want, Append) and isinstance(value, SequenceNode):
                self.append(value, list(want), flow=inner)
            elif isinstance(want, dict) and isinstance(value, MappingNode):
                self.set_keys(value, want, model_at(model, (key,)), flow=inner)
            elif isinstance(value, ScalarNode) and not isinstance(want, dict | list):
                start, end = value.start_mark.index, self._end(value)
                self.add(start, end, self._scalar(want, col, flow))
            else:
                sv, en = "har en oväntad form i filen", "has an unexpected form in the file"
                raise _Refused(f"{key} {sv}", f"{key} {en}")
        if missing:
            order = tuple(model.model_fields) if model is not None else ()
            self.insert(node, missing, col, order, flow=flow)

    def insert(self, node, keys: dict, col: int, order: tuple, *, flow: bool) -> None:
        if flow:
            body = ", ".join(f"{key}: {_flow(value)}" for key, value in keys.items())
            if node.value:
                at = self._end(node.value[-1][1])
                self.add(at, at, ", " + body)
            else:
                self.add(node.start_mark.index + 1, node.start_mark.index + 1, body)
            return
        existing = [key.value for key, _ in node.value]
        groups: dict[int, list[str]] = {}
        for key, value in keys.items():
            lines = f"{' ' * col}{key}:{self._after_key(value, col, False)}"
            groups.setdefault(self._place(node, existing, order, key), []).append(lines)
        for position, lines in groups.items():
            self._insert_lines(position, lines)

    def _place(self, node, existing: list[str], order: tuple, key: str) -> int:
        """Where a new key's lines go: after the last key before it in the model's
        order, else before the first key (if it begins its line), else at the end."""
        rank = order.index(key) if key in order else len(order)
        before = [k for k in existing if k in order and order.index(k) < rank]
        if before:
            return self._line_end(self._end(node.value[existing.index(before[-1])][1]))
        first = node.value[0][0].start_mark
        line_start = self.text.rfind("\n", 0, first.index) + 1
        if rank < len(order) and not self.text[line_start : first.index].strip():
            return line_start
        return self._line_end(self._end(node.value[-1][1]))

    def append(self, seq, items: list, *, flow: bool) -> None:
        if flow:
            body = ", ".join(_flow(item) for item in items)
            if seq.value:
                at = self._end(seq.value[-1])
                self.add(at, at, ", " + body)
            else:
                at = seq.start_mark.index + 1
                self.add(at, at, body)
            return
        first = seq.value[0].start_mark
        dash = self.text.rfind("-", 0, first.index)
        line_start = self.text.rfind("\n", 0, dash) + 1
        dash_col, content_col = dash - line_start, first.column
        gap = " " * (content_col - dash_col - 1)
        lines = [f"{' ' * dash_col}-{gap}{self._item(item, content_col)}" for item in items]
        self._insert_lines(self._line_end(self._end(seq.value[-1])), lines)

    def _insert_lines(self, position: int, lines: list[str]) -> None:
        block = "\n".join(lines)
        if position == len(self.text) and not self.text.endswith("\n"):
            self.add(position, position, "\n" + block)
        else:
            self.add(position, position, block + "\n")

    def _end(self, node) -> int:
        """The index just past the last character of `node`'s content (a block
        scalar's trailing blank lines and a block's following comments excluded)."""
        from ruamel.yaml.nodes import ScalarNode

        if not isinstance(node, ScalarNode) and not node.flow_style and node.value:
            last = node.value[-1]
            if isinstance(last, tuple):
                key, value = last
                if isinstance(value, ScalarNode) and value.value == "" and not value.style:
                    return self.text.index(":", key.end_mark.index) + 1
                return self._end(value)
            return self._end(last)
        end = node.end_mark.index
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
                end -= 1
        return end

    def _line_end(self, index: int) -> int:
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def _after_key(self, value: Any, col: int, flow: bool) -> str:
        """What follows `key:` for `value`: the rest of the line, or a block below."""
        if flow:
            return " " + _flow(value)
        inner = col + self.step
        if isinstance(value, dict):
            return "".join(
                f"\n{' ' * inner}{k}:{self._after_key(v, inner, False)}" for k, v in value.items()
            )
        if isinstance(value, list):
            return "".join(f"\n{' ' * inner}- {self._item(v, inner + 2)}" for v in value)
        return " " + self._scalar(value, col, False)

    def _item(self, value: Any, col: int) -> str:
        """A list item's text after its dash, its content at column `col`."""
        if isinstance(value, dict):
            lines = [f"{k}:{self._after_key(v, col, False)}" for k, v in value.items()]
            return f"\n{' ' * col}".join(lines)
        return self._scalar(value, col - self.step, False)

    def _scalar(self, value: Any, col: int, flow: bool) -> str:
        if flow or not isinstance(value, str) or "\n" not in value:
            return _flow(value) if flow else _plain_or_quoted(value)
        inner = " " * (col + self.step)
        lines = [inner + line if line else "" for line in value.split("\n")]
        indicator = str(self.step) if value[0] == " " else ""
        return f"|{indicator}-\n" + "\n".join(lines)


_SAFE_PLAIN = re.compile(r"[^\W\d_][\w .()/'!?%&+–—-]*[\w.)!?%]|[^\W\d_]|\d{4}-\d{2}-\d{2}")
_WORDS_OTHER_TOOLS_READ = {"yes", "no", "on", "off", "y", "n", "true", "false", "null"}


def _plain_or_quoted(value: Any) -> str:
    """A scalar on one line, plain where that is safe in any YAML reader."""
    if isinstance(value, bool) or not isinstance(value, str):
        return json.dumps(value)
    if _SAFE_PLAIN.fullmatch(value) and value.casefold() not in _WORDS_OTHER_TOOLS_READ:
        return value
    if "\n" in value or not value.isprintable():
        return json.dumps(value, ensure_ascii=False)
    return "'" + value.replace("'", "''") + "'"


def _flow(value: Any) -> str:
    """`value` in flow style, for inside [ ] or { }."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _plain_or_quoted(value)


def _null(node) -> bool:
    from ruamel.yaml.nodes import ScalarNode

    plain = isinstance(node, ScalarNode) and not node.style
    return plain and node.value in ("", "~", "null", "Null", "NULL")


def _verify(old: str, new: str, expected: Any, path: Path) -> None:
    """Refuse unless `new` reads back as `expected`, keeps every comment of `old`,
    and is a plan the model accepts."""
    from .fmt import comments
    from .validation import validate_source
    from .yamlsource import SourceError, parse_text

    try:
        source = parse_text(new, path)
    except SourceError:
        sv, en = "den nya texten gick inte att läsa", "the new text could not be read"
        raise _refusal(path, sv, en) from None
    if source.data != expected:
        raise _refusal(path, "den nya texten gav andra data", "the new text gave other data")
    if comments(old) != comments(new):
        raise _refusal(path, "en kommentar skulle gå förlorad", "a comment would be lost")
    plan, findings = validate_source(source)
    errors = [f for f in findings if f.is_error]
    if plan is None or errors:
        first = errors[0] if errors else None
        sv = first.text("sv")[0] if first else "planen gick inte att läsa in"
        en = first.text("en")[0] if first else "the plan could not be loaded"
        raise UsageError(
            f"{path}: värdena ger ett fel i planen: {sv} Filen lämnas orörd.",
            hint=first.text("sv")[1] if first else None,
            english=(
                f"{path}: the values give an error in the plan: {en} The file is left untouched.",
                first.text("en")[1] if first else None,
            ),
        )


def _refusal(path: Path, sv: str, en: str) -> UsageError:
    return UsageError(
        f"{path}: kan inte registreras utan risk: {sv}. Filen lämnas orörd.",
        hint="Skriv in värdena för hand, och rapportera gärna detta som ett fel i dialogkit.",
        english=(
            f"{path}: cannot be recorded safely: {en}. The file is left untouched.",
            "Enter the values by hand, and please report this as a bug in dialogkit.",
        ),
    )


# From the command line: options, and prompts on a terminal.


def follow_up_answers(items: list[str]) -> tuple[tuple[str, str], ...]:
    """`--follow-up main_lesson=TEXT` options as (question, answer) pairs."""
    from .model.project import FollowUp

    questions = list(FollowUp.model_fields)
    answers = []
    for item in items:
        question, equals, answer = item.partition("=")
        question = question.strip()
        if not equals or question not in questions:
            close = get_close_matches(question, questions, n=1)
            listed = ", ".join(questions)
            raise UsageError(
                f"--follow-up {item}: skriv FRÅGA=SVAR, där FRÅGA är en av {listed}.",
                hint=f"Menade du {close[0]}?" if close else None,
                english=(
                    f"--follow-up {item}: write QUESTION=ANSWER, QUESTION one of {listed}.",
                    f"Did you mean {close[0]}?" if close else None,
                ),
            )
        answers.append((question, answer))
    return tuple(answers)


def feedback_entry(
    date: str | None, audience: str | None, channel: str | None, description: str | None
) -> dict[str, str] | None:
    """The feedback entry the `--feedback-*` options give, or None without them."""
    if date is description is audience is channel is None:
        return None
    if date is None or description is None:
        raise UsageError(
            "Återkoppling behöver både --feedback-date och --feedback-description.",
            hint="T.ex. --feedback-date 2021-05-04 --feedback-description 'Tack för kvällen'.",
            english=(
                "Feedback needs both --feedback-date and --feedback-description.",
                "For example --feedback-date 2021-05-04 --feedback-description 'Thank you'.",
            ),
        )
    entry = {"date": date, "audience": audience, "channel": channel, "description": description}
    return {key: value for key, value in entry.items() if value is not None}


def ask(wanted: Record, language: str, read=None) -> Record:
    """`wanted` with what the options left out asked for on the terminal; an empty
    answer leaves the value as it is."""
    import sys

    from .cli_words import cli_words

    w = cli_words(language)

    def prompt(key: str) -> str:
        sys.stderr.write(f"{w[f'record.ask.{key}']} {w['record.ask.skip']}: ")
        sys.stderr.flush()
        line = (read or sys.stdin.readline)()
        return line.strip()

    participants = wanted.participants
    while participants is None:
        answer = prompt("participants")
        if not answer:
            break
        if answer.isdigit():
            participants = int(answer)
        else:
            sys.stderr.write(w["record.ask.number"] + "\n")
    themes = wanted.themes or tuple(t.strip() for t in prompt("themes").split(";") if t.strip())
    public = wanted.public_notes or prompt("public_notes") or None
    internal = wanted.internal_notes or prompt("internal_notes") or None
    return replace(
        wanted,
        participants=participants,
        themes=themes,
        public_notes=public,
        internal_notes=internal,
    )


def needs_asking(wanted: Record) -> bool:
    """Whether a held dialogue's record leaves out what the prompts ask for."""
    if HELD.get(wanted.status or "held") != "held":
        return False
    return None in (wanted.participants, wanted.public_notes, wanted.internal_notes) or not (
        wanted.themes
    )
