"""Text pasted from Word, Outlook and Excel: the characters that come with it, where
they break a plan, and the safe fixes `plan fmt --fix` applies.

Three kinds of character come along with such text. A non-breaking space (U+00A0,
U+202F) looks like a space but is not one to YAML: after a colon or in the indent it
breaks the line. A zero-width character (U+200B–U+200D, U+2060, U+FEFF) is not seen
at all, and makes `municipality` another key. Typographic quotes (“ ” ‘ ’ „) are not
quotes to YAML: `time: “18:00”` is the text with the curly quotes in it.

Only the characters that act as YAML syntax are changed: the indent, the space
around a key's colon and in `{ }` and `[ ]`, and curly quotes around a whole value
that reads as a value (one word, or text that needs quotes). A curly apostrophe or
a quotation in running text, and a non-breaking space in "10 000 kr", are the
writer's own and are kept. Zero-width characters are removed wherever they stand:
no plan text may hold them (model/types.py).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

NO_BREAK = "\u00a0\u202f"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
OPENING_DOUBLE, CLOSING_DOUBLE = "\u201c\u201d\u201e\u201f", "\u201c\u201d\u201f"
OPENING_SINGLE, CLOSING_SINGLE = "\u2018\u2019\u201a\u201b", "\u2018\u2019\u201b"
CURLY = OPENING_DOUBLE + OPENING_SINGLE

PASTED = re.compile(f"[{NO_BREAK}{ZERO_WIDTH}{CURLY}]")
"""Any character this module looks after; a file without one needs no more work."""

_SPACE = f"[ {NO_BREAK}]"
_PREFIX = re.compile(f"(?:{_SPACE}*-(?={_SPACE}|$))*{_SPACE}*")
"""A line's indent and list markers (`  - - `)."""
_KEY_COLON = re.compile(rf"([\w.-]+)({_SPACE}*):({_SPACE}+|$)")
_MISSING_SPACE = re.compile(r"([A-Za-z_][\w-]*):(?=[^\s/:])")
"""`date:2027-03-01`: a key, a colon and a value with no space between."""
_FLOW_SPACE = re.compile(f"(?<=[{{\\[,:])[ {NO_BREAK}]*[{NO_BREAK}][ {NO_BREAK}]*")
_BLOCK_QUOTED = re.compile(
    f"([{OPENING_DOUBLE}{OPENING_SINGLE}])(.*)([{CLOSING_DOUBLE}{CLOSING_SINGLE}])"
    r"(\s*(?:\s#.*)?)$"
)
_FLOW_QUOTED = re.compile(
    f"(?:(?<=[{{\\[,])|(?<=: ))\\s*([{OPENING_DOUBLE}{OPENING_SINGLE}])([^,{{}}\\[\\]]*?)"
    f"([{CLOSING_DOUBLE}{CLOSING_SINGLE}])(?=\\s*[,}}\\]])"
)


class Problem(NamedTuple):
    """One pasted character (or a missing space) at a 1-based line and column."""

    line: int
    col: int
    kind: str
    """"no_break", "zero_width", "curly_quotes" or "missing_space"."""
    char: str
    place: str
    """Where it stands: "indent", "colon", "flow", "key", "value" or "text"."""
    fixed: str
    """The whole line as it should read."""


# ---------------------------------------------------------------- finding and fixing


def line_problems(line: str, number: int) -> list[Problem]:
    """Every pasted character in one line that YAML would read wrong, and a missing
    space after a key's colon, each with the line as it should read."""
    if number == 1 and line.startswith("\ufeff"):  # the byte order mark that starts a file
        return [
            p._replace(col=p.col + 1, fixed="\ufeff" + p.fixed)
            for p in line_problems(line[1:], number)
        ]
    found = [
        Problem(number, index + 1, "zero_width", char, "text", "")
        for index, char in enumerate(line)
        if char in ZERO_WIDTH
    ]
    clean = work = _without_zero_width(line)
    # The indent and list markers, then a block key's colon.
    prefix = _PREFIX.match(work).group()
    found += _no_breaks(line, number, 0, prefix, "indent")
    work = prefix.translate(_TO_SPACE) + work[len(prefix) :]
    key = _KEY_COLON.match(work, len(prefix))
    before_colon = None
    if key:
        found += _no_breaks(line, number, key.start(2), work[key.start(2) : key.end()], "colon")
        work = (
            work[: key.start(2)]
            + work[key.start(2) : key.end()].translate(_TO_SPACE)
            + work[key.end() :]
        )
        before_colon = (key.start(2), key.end(2), key.group(2).translate(_DROP_NO_BREAK))
        value_at = key.end()
    else:
        value_at = len(prefix)
        missing = _MISSING_SPACE.match(work, value_at)
        if missing:
            at = missing.end()
            found.append(
                Problem(
                    number,
                    _column(line, at - 1),
                    "missing_space",
                    ":",
                    "colon",
                    work[:at] + " " + work[at:],
                )
            )
    # Inside { } and [ ]: the spaces after { [ , and :, then curly quotes around values.
    flow = "{" in work[value_at:] or "[" in work[value_at:]
    if flow:
        for match in _FLOW_SPACE.finditer(work, value_at):
            found += _no_breaks(line, number, match.start(), match.group(), "flow")
        work = work[:value_at] + _FLOW_SPACE.sub(
            lambda m: m.group().translate(_TO_SPACE), work[value_at:]
        )
    starts, work = _straighten(work, _FLOW_QUOTED if flow else _BLOCK_QUOTED, value_at)
    found += [
        Problem(number, _column(line, at), "curly_quotes", clean[at], "value", "") for at in starts
    ]
    if before_colon:
        start, end, kept = before_colon
        work = work[:start] + kept + work[end:]
    found.sort(key=lambda p: p.col)
    return [p._replace(fixed=p.fixed or work) for p in found]


def _without_zero_width(line: str) -> str:
    return "".join(c for c in line if c not in ZERO_WIDTH)


_TO_SPACE = str.maketrans(dict.fromkeys(NO_BREAK, " "))
_DROP_NO_BREAK = str.maketrans(dict.fromkeys(NO_BREAK))


def _no_breaks(line: str, number: int, start: int, span: str, place: str) -> list[Problem]:
    return [
        Problem(number, _column(line, start + i), "no_break", c, place, "")
        for i, c in enumerate(span)
        if c in NO_BREAK
    ]


def _column(line: str, index: int) -> int:
    """The 1-based column in `line` of the character at `index` once its zero-width
    characters are taken out (every other change before `index` keeps lengths)."""
    seen = -1
    for position, char in enumerate(line):
        if char in ZERO_WIDTH:
            continue
        seen += 1
        if seen == index:
            return position + 1
    return len(line) + 1


def _straighten(line: str, pattern: re.Pattern, start: int) -> tuple[list[int], str]:
    """Where (as indexes in `line`) curly quotes around a whole value start, and `line`
    with those quotes made straight."""
    if pattern is _BLOCK_QUOTED:
        matches = [m for m in [pattern.match(line, start)] if m]
    else:
        matches = list(pattern.finditer(line, start))
    starts: list[int] = []
    pieces: list[str] = []
    last = 0
    for match in matches:
        opening, inner, closing = match.group(1, 2, 3)
        if _meant_as_quotes(opening, inner, closing):
            starts.append(match.start(1))
            pieces += [line[last : match.start(1)], quoted(inner, single=opening in OPENING_SINGLE)]
            last = match.end(3)
    return starts, "".join(pieces) + line[last:]


def _meant_as_quotes(opening: str, inner: str, closing: str) -> bool:
    """Curly quotes around a whole value are YAML quotes Word has made curly when the
    value is one word (`“18:00”`, `”sala-2021”`) or needs quotes (`”Sala: framtid”`);
    around running text they are the writer's own quotation marks."""
    same_kind = (opening in OPENING_SINGLE) == (closing in CLOSING_SINGLE)
    if not same_kind or not inner or inner != inner.strip():
        return False
    return not re.search(r"\s", inner) or ": " in inner or " #" in inner


def quoted(text: str, *, single: bool = False) -> str:
    """`text` as a YAML quoted value: in double quotes unless it holds " or \\."""
    if single or '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


_BLOCK_SCALAR = re.compile(r"(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?$")


def _block_text_lines(lines: list[str]) -> set[int]:
    """The 0-based numbers of the lines that are the text of a `|` or `>` block: running
    text, where a curly quote or a non-breaking space is the writer's own."""
    inside: set[int] = set()
    owner_indent: int | None = None
    for index, line in enumerate(lines):
        body = line.rstrip("\r")
        indent = len(body) - len(body.lstrip(" "))
        if owner_indent is not None:
            if not body.strip() or indent > owner_indent:
                inside.add(index)
                continue
            owner_indent = None
        if _BLOCK_SCALAR.search(body):
            owner_indent = indent
    return inside


def text_problems(text: str, lines: range | None = None) -> list[Problem]:
    """The problems in `text`, or in the 1-based line numbers `lines` of it. In the text
    of a `|` or `>` block only zero-width characters count."""
    all_lines = text.split("\n")
    blocks = _block_text_lines(all_lines) if PASTED.search(text) else set()
    found: list[Problem] = []
    for number in lines or range(1, len(all_lines) + 1):
        if 1 <= number <= len(all_lines):
            line = all_lines[number - 1].rstrip("\r")
            problems = line_problems(line, number)
            if number - 1 in blocks:
                kept = _without_zero_width(line)
                problems = [p._replace(fixed=kept) for p in problems if p.kind == "zero_width"]
            found += problems
    return found


def fix_text(text: str, language: str = "sv") -> tuple[str, list[str]]:
    """`text` with the safe fixes made, and a short description of each (with its line
    number) in `language`. A missing space after a colon is left to the writer: in
    `https://…` or a time a colon with no space is right."""
    if not PASTED.search(text):
        return text, []
    lines = text.split("\n")
    notes: list[str] = []
    for problem in text_problems(text):
        if problem.kind == "missing_space":
            continue
        line = lines[problem.line - 1]
        ending = "\r" if line.endswith("\r") else ""
        lines[problem.line - 1] = problem.fixed + ending
        notes += [describe_fix(problem, language)]
    return "\n".join(lines), list(dict.fromkeys(notes))


# ---------------------------------------------------------------- words

_TEXTS = {
    "sv": {
        "no_break": "ett hårt mellanslag",
        "zero_width": "ett osynligt nollbreddstecken",
        "curly_quotes": "ett typografiskt citattecken",
        "place.indent": "i indraget",
        "place.colon": "vid kolonet",
        "place.flow": "i {{ }} eller [ ]",
        "place.key": "i nyckeln '{key}'",
        "place.value": "runt värdet",
        "place.text": "i texten",
        "found": "Raden har {what} {code} ({name}) {place}.",
        "found.no_break": "Raden har ett hårt mellanslag {code} ({name}) {place}; YAML "
        "räknar det inte som ett mellanslag.",
        "found.curly_quotes": "Värdet står inom typografiska citattecken ({char} {code} "
        "{name}), som YAML läser som en del av texten.",
        "hint.indent": "Byt de hårda mellanslagen i indraget mot vanliga mellanslag",
        "missing_space": "Mellanslaget efter kolonet saknas.",
        "hint": "Skriv raden så här: {fixed}",
        "hint.fix": " – eller kör dialogkit plan fmt --fix {file}, som rättar tecknet (det "
        "följer ofta med text som klistras in från Word eller Outlook).",
        "fix.no_break": "rad {line}: hårt mellanslag {place} blev vanligt mellanslag",
        "fix.zero_width": "rad {line}: tog bort nollbreddstecken {code}",
        "fix.curly_quotes": "rad {line}: typografiska citattecken runt värdet blev raka",
    },
    "en": {
        "no_break": "a non-breaking space",
        "zero_width": "an invisible zero-width character",
        "curly_quotes": "a typographic (curly) quote",
        "place.indent": "in the indent",
        "place.colon": "at the colon",
        "place.flow": "inside {{ }} or [ ]",
        "place.key": "in the key '{key}'",
        "place.value": "around the value",
        "place.text": "in the text",
        "found": "The line has {what} {code} ({name}) {place}.",
        "found.no_break": "The line has a non-breaking space {code} ({name}) {place}; "
        "YAML does not count it as a space.",
        "found.curly_quotes": "The value is in typographic quotes ({char} {code} {name}), "
        "which YAML reads as part of the text.",
        "hint.indent": "Replace the non-breaking spaces in the indent with normal spaces",
        "missing_space": "The space after the colon is missing.",
        "hint": "Write the line as: {fixed}",
        "hint.fix": " – or run dialogkit plan fmt --fix {file}, which corrects the "
        "character (it often comes with text pasted from Word or Outlook).",
        "fix.no_break": "line {line}: non-breaking space {place} became a normal space",
        "fix.zero_width": "line {line}: removed zero-width character {code}",
        "fix.curly_quotes": "line {line}: curly quotes around the value became straight",
    },
}


def texts(language: str) -> dict[str, str]:
    return _TEXTS.get(language, _TEXTS["sv"])


def char_name(char: str) -> tuple[str, str]:
    """`U+00A0` and `NO-BREAK SPACE`."""
    return f"U+{ord(char):04X}", unicodedata.name(char, "?")


def describe(
    problem: Problem, language: str, file: object = "FIL", key: str = ""
) -> tuple[str, str]:
    """A finding's message and hint for `problem`: what the character is, where, and
    the line as it should read."""
    words = texts(language)
    shown_line = problem.fixed.strip()
    if len(shown_line) > 70:
        shown_line = shown_line[:69] + "…"
    hint = words["hint"].format(fixed=shown_line)
    if problem.kind == "missing_space":
        return words["missing_space"], hint
    if problem.place == "indent":
        hint = words["hint.indent"]
    code, name = char_name(problem.char)
    place = words[f"place.{problem.place}"].format(key=key)
    pattern = words.get(f"found.{problem.kind}", words["found"])
    message = pattern.format(
        what=words[problem.kind], char=problem.char, code=code, name=name, place=place
    )
    return message, hint + words["hint.fix"].format(file=file)


def describe_fix(problem: Problem, language: str) -> str:
    words = texts(language)
    code, _ = char_name(problem.char)
    place = words[f"place.{problem.place}"].format(key="")
    return words[f"fix.{problem.kind}"].format(line=problem.line, code=code, place=place)
