"""Validate plan data against the model and turn Pydantic's errors into findings
that a process leader can act on: in Swedish and English, at the right line, with a
hint."""

from __future__ import annotations

import re
import types
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .catalogue import finding
from .findings import FileFindings, Finding, KeyPath, Severity, Text, format_key_path
from .model import KINDS, model_for
from .model.types import shown, text_error
from .settings import DEFAULT_LANGUAGE, folder_language
from .yamlsource import Source

if TYPE_CHECKING:
    from .model import Plan

KINDS_HINT = Text(
    f"Tillåtna värden: {', '.join(KINDS)}.", f"The values allowed: {', '.join(KINDS)}."
)


def validate_source(source: Source) -> tuple[Plan | None, list[Finding]]:
    """Validate one parsed file; return the plan (or None) and the findings, at most
    `MAX_PER_FILE` of them (a `FileFindings` that counts the rest)."""
    data = source.data
    if not isinstance(data, dict):
        return None, [
            _finding(
                source,
                "DK005",
                Text(
                    "En plan ska vara en mappning som börjar med kind:.",
                    "A plan is a mapping that starts with kind:.",
                ),
                (),
                hint=KINDS_HINT,
            )
        ]
    kind = data.get("kind")
    if kind is None:
        return None, [
            _finding(
                source,
                "DK005",
                Text("Planen saknar nyckeln kind.", "The plan has no key kind."),
                (),
                hint=Text(
                    f"Lägg till t.ex. kind: dialogue_project. {KINDS_HINT.sv}",
                    f"Add e.g. kind: dialogue_project. {KINDS_HINT.en}",
                ),
            )
        ]
    if not isinstance(kind, str) or kind not in KINDS:
        guess = _did_you_mean(str(kind), KINDS)
        return None, [
            _finding(
                source,
                "DK005",
                Text(f"Okänd plantyp '{kind}'.", f"Unknown plan kind '{kind}'."),
                ("kind",),
                hint=guess or KINDS_HINT,
            )
        ]
    model = model_for(kind)
    try:
        return model.model_validate(_with_workspace_language(source, data)), []
    except ValidationError as error:
        findings = FileFindings()
        for details in _first_errors(error, findings.limit):
            findings.add(_translate(source, model, details))
        findings.omit(Severity.ERROR, error.error_count() - len(findings))
        return None, findings


def _with_workspace_language(source: Source, data: dict) -> dict:
    """A plan that names no language has its workspace's (settings.workspace_language)."""
    if "language" in data:
        return data
    language = folder_language(source.path.parent)
    return data if language == DEFAULT_LANGUAGE else {**data, "language": language}


def _first_errors(error: ValidationError, limit: int) -> list[dict]:
    """The first `limit` of Pydantic's errors, as `errors()` gives them. `errors()`
    makes a dict for every error (for 400 000 unknown keys: 2 s and 350 MB); the
    same list as JSON is one string, and is read only as far as needed."""
    import json

    text = error.json(include_url=False)
    decoder = json.JSONDecoder()
    found: list[dict] = []
    index = 1  # past the list's "["
    while len(found) < limit and text[index] != "]":
        details, index = decoder.raw_decode(text, index)
        found.append(details)
        index += text[index] == ","
    return found


def _finding(
    source: Source,
    code: str,
    message: Text,
    path: KeyPath,
    *,
    hint: Text | None = None,
    prefer_key: bool = False,
) -> Finding:
    line, col = source.position(path, prefer_key=prefer_key)
    return finding(code, message, source.path, hint=hint, **_place(source, path, line, col))


def _place(source: Source, path: KeyPath, line: int, col: int) -> dict:
    """A finding's position, key path and language (the plan's)."""
    where = format_key_path(path, source.data)
    return {"line": line, "col": col, "path": path, "where": where, "language": _language(source)}


def _translate(source: Source, model: type[BaseModel], error: dict) -> Finding:
    loc = tuple(error["loc"])
    on_key = bool(loc) and loc[-1] == "[key]"
    path = tuple(p for p in loc if p != "[key]")
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    name = str(path[-1]) if path else "planen"
    field = _field_at(model, path)
    hint = ctx.get("hint")
    code = "DK012"

    if kind == "missing":
        code = "DK011"
        message = Text(f"'{name}' saknas.", f"'{name}' is missing.")
        described = field and field.description  # in Swedish only
        hint = described and Text(f"Lägg till {name}: ({described.rstrip('.')}).", f"Add {name}:.")
        return _finding(source, code, message, path[:-1], hint=hint)
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1])
        from .pasted import PASTED  # only a plan with errors needs it

        pasted = PASTED.search(name) and _pasted_finding(source, "DK010", path, on_key=True)
        return pasted or (
            _comma_finding(source, path, value)
            or _finding(
                source,
                "DK010",
                Text(f"Okänd nyckel '{shown(name)}'.", f"Unknown key '{shown(name)}'."),
                path,
                hint=_swedish_key(name, allowed)
                or _did_you_mean(name, allowed)
                or _allowed_hint(allowed),
                prefer_key=True,
            )
        )
    from .pasted import PASTED  # only a plan with errors needs it

    if isinstance(value, str) and PASTED.search(value):
        pasted = _pasted_finding(source, "DK012", path, on_key=on_key)
        if pasted:
            return pasted
    if kind.startswith("dk_"):  # model/types.py's errors: both languages in ctx
        english, english_hint = ctx.get("english") or (error["msg"], hint)
        message, hint = Text(error["msg"], english), hint and Text(hint, english_hint)
    elif kind == "literal_error":
        options = _literal_options(model, path, on_key)
        message = Text(
            f"'{shown(value)}' är inget tillåtet värde.",
            f"'{shown(value)}' is not a value allowed.",
        )
        hint = _did_you_mean(str(value), options) or Text(
            f"Välj ett av: {', '.join(options)}.", f"Choose one of: {', '.join(options)}."
        )
    else:
        message, hint = _describe(kind, ctx, value, name)
    if kind in ("dk_date", "dk_time"):
        hint = _everyday_hint(kind, value) or hint
    label = f"{name}: " if path and not on_key else ""
    message = Text(label + message.sv, label + message.en)
    return _finding(source, code, message, path, hint=hint, prefer_key=on_key)


def _allowed_hint(allowed: list[str]) -> Text | None:
    if not allowed:
        return None
    keys = ", ".join(allowed)
    return Text(f"Tillåtna nycklar här: {keys}.", f"The keys allowed here: {keys}.")


def _language(source: Source) -> str:
    """The plan's language, for the findings that have words in both languages."""
    language = source.data.get("language") if isinstance(source.data, dict) else None
    return language if language in ("sv", "en") else folder_language(source.path.parent)


def _pasted_finding(source: Source, code: str, path: KeyPath, *, on_key: bool) -> Finding | None:
    """A finding at the pasted character (a non-breaking space, a zero-width character,
    a curly quote) in the key or value at `path`, naming it and giving the line as it
    should read; None if the line holds none that the parser took in."""
    from .pasted import PASTED, describe, text_problems

    line, col = source.position(path, prefer_key=on_key)
    problems = [p for p in text_problems(source.text, range(line, line + 1)) if p.col >= col]
    problems = problems or text_problems(source.text, range(line, line + 1))
    problems = [p for p in problems if p.kind != "missing_space"]
    if not problems:
        return None
    problem = problems[0]
    if on_key and problem.place == "text":
        problem = problem._replace(place="key")
    key = PASTED.sub("", str(path[-1])) if path else ""
    (sv, sv_hint), (en, en_hint) = (
        describe(problem, language, source.path, key=key) for language in ("sv", "en")
    )
    place = _place(source, path, problem.line, problem.col)
    return finding(code, Text(sv, en), source.path, hint=Text(sv_hint, en_hint), **place)


def _comma_finding(source: Source, path: KeyPath, value: Any) -> Finding | None:
    """`{channel: email, where: A, B}`: the comma ends the value A, and B is read as a
    key of its own. Found as an unknown key with no value that follows a plain value
    on the same line inside { }; the hint quotes the whole value."""
    from .pasted import CURLY

    if value is not None or not path:
        return None
    line, col = source.position(path, prefer_key=True)
    text = source.text.split("\n")[line - 1]
    before = text[: col - 1]
    found = re.search(r"([\w-]+):\s*([^,{}\[\]:\"']+?)\s*,\s*$", before)
    if not found or "{" not in before:
        return None
    rest = re.match(r"[^,{}\[\]]*", text[col - 1 :]).group().strip()
    key, first = found.group(1), found.group(2)
    quoted = f'{key}: "{first.strip(CURLY)}, {rest.strip(CURLY)}"'
    place = _place(source, path, line, len(before.rstrip()))  # at the comma
    return finding(
        "DK010",
        Text(
            f"Kommat efter '{first}' avslutar värdet för {key}, så '{shown(rest)}' läses som "
            "en egen nyckel.",
            f"The comma after '{first}' ends the value of {key}, so '{shown(rest)}' is read "
            "as a key of its own.",
        ),
        source.path,
        hint=Text(
            f"Sätt hela värdet inom citattecken: {quoted}", f"Quote the whole value: {quoted}"
        ),
        **place,
    )


def _swedish_key(name: str, allowed: list[str]) -> Text | None:
    from .everyday import english_key

    key = english_key(name, allowed)
    if key is None:
        return None
    return Text(
        f"Menade du '{key}'? Nycklarna skrivs på engelska.",
        f"Did you mean '{key}'? Keys are written in English.",
    )


def _everyday_hint(kind: str, value: Any) -> Text | None:
    """For a date or time written as in a letter (13/4/2021, 18.00), the value to write."""
    from .everyday import clock_time, iso_date

    if kind == "dk_date":
        date = iso_date(value)
        return date and Text(
            f"Skriv {date} (datum skrivs ÅÅÅÅ-MM-DD).",
            f"Write {date} (dates are written YYYY-MM-DD).",
        )
    time = clock_time(value)
    return time and Text(
        f'Skriv "{time}" (klockslag skrivs TT:MM, med kolon och inom citattecken).',
        f'Write "{time}" (times are written HH:MM, with a colon and in quotes).',
    )


def _describe(kind: str, ctx: dict, value: Any, name: str) -> tuple[Text, Text | None]:
    """The message (after the key's name) and hint for one of Pydantic's own errors."""
    if kind == "string_type":
        return Text("ska vara text.", "must be text."), Text(
            "Sätt texten inom citattecken om den ser ut som ett tal eller datum.",
            "Put the text in quotes if it looks like a number or a date.",
        )
    if kind == "int_type":
        if isinstance(value, str) and value.replace(" ", "").replace("\u00a0", "").isdigit():
            return Text(
                f"'{value}' ska vara ett heltal.", f"'{value}' must be a whole number."
            ), Text(
                "Skriv talet utan mellanslag, t.ex. 9000.",
                "Write the number without spaces, e.g. 9000.",
            )
        return Text("ska vara ett heltal.", "must be a whole number."), Text(
            "Skriv ett heltal utan decimaler eller enhet, t.ex. 9000 (inte 9 000 kr) eller 3.",
            "Write a whole number without decimals or a unit, e.g. 9000 (not 9,000 kr) or 3.",
        )
    if kind == "float_type":
        return Text("ska vara ett tal.", "must be a number."), None
    if kind == "bool_type":
        return Text(
            f"'{shown(value)}' ska vara true eller false.",
            f"'{shown(value)}' must be true or false.",
        ), Text("Skriv true eller false (inte ja/nej).", "Write true or false (not yes/no).")
    if kind == "list_type":
        return Text("ska vara en lista.", "must be a list."), Text(
            "Skriv en punkt per rad som börjar med '- ', eller [a, b].",
            "Write one item per line starting with '- ', or [a, b].",
        )
    if kind in ("dict_type", "model_type", "model_attributes_type", "dataclass_type"):
        return Text("ska vara en mappning med nycklar.", "must be a mapping with keys."), Text(
            "Skriv nyckel: värde på egna rader, indraget.",
            "Write key: value on lines of their own, indented.",
        )
    if kind == "greater_than_equal":
        limit = ctx.get("ge")
        return Text(f"får inte vara mindre än {limit}.", f"may not be less than {limit}."), None
    if kind == "less_than_equal":
        limit = ctx.get("le")
        return Text(f"får inte vara större än {limit}.", f"may not be greater than {limit}."), None
    if kind == "string_too_short":
        return Text("får inte vara tomt.", "may not be empty."), None
    if kind == "too_short":  # a list that needs at least one item
        return Text("får inte vara en tom lista.", "may not be an empty list."), Text(
            "Skriv en post per rad som börjar med '- '.",
            "Write one item per line starting with '- '.",
        )
    if kind == "string_pattern_mismatch":
        text = isinstance(value, str) and text_error(value, ctx.get("pattern", ""))
        if text:  # a control character or line break in plan text
            return text
        return Text(
            f"'{shown(value)}' har fel form.", f"'{shown(value)}' has the wrong form."
        ), _PATTERN_HINTS.get(name, _PATTERN_HINTS["id"])
    return Text(f"ogiltigt värde ({kind}).", f"invalid value ({kind})."), None


_EMAIL_HINT = Text(
    "Skriv en e-postadress, t.ex. namn@region.se.", "Write an e-mail address, e.g. name@region.se."
)
_PATTERN_HINTS = {
    "id": Text(
        "Ett id får bara innehålla a–z, A–Z, 0–9, '-', '_' och '.', t.ex. sala-2021.",
        "An id may hold only a–z, A–Z, 0–9, '-', '_' and '.', e.g. sala-2021.",
    ),
    "email": _EMAIL_HINT,
    "registration_email": _EMAIL_HINT,
    "kolada_id": Text(
        "Koladas id är N eller U följt av fem siffror, t.ex. U21463.",
        "A Kolada id is N or U followed by five digits, e.g. U21463.",
    ),
}


def _did_you_mean(word: str, options) -> Text | None:
    import difflib  # only a plan with mistakes needs it

    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return Text(f"Menade du '{match[0]}'?", f"Did you mean '{match[0]}'?") if match else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated so the inner model, list or dict shows."""
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        elif origin is not None and hasattr(annotation, "__metadata__"):
            annotation = get_args(annotation)[0]
        else:
            return annotation


def _type_at(model: type[BaseModel], path: KeyPath) -> Any:
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif get_origin(current) is list:
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    return current


def model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path` in a plan, if any."""
    found = _unwrap(_type_at(model, path))
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _field_at(model: type[BaseModel], path: KeyPath):
    parent = model_at(model, path[:-1]) if path else None
    return parent.model_fields.get(str(path[-1])) if parent else None


def _allowed_keys(model: type[BaseModel], path: KeyPath) -> list[str]:
    parent = model_at(model, path)
    return list(parent.model_fields) if parent else []


def _literal_options(model: type[BaseModel], path: KeyPath, on_key: bool) -> list[str]:
    if on_key:
        target = _unwrap(_type_at(model, path[:-1]))
        target = get_args(target)[0] if get_origin(target) is dict else None
    else:
        target = _unwrap(_type_at(model, path))
    if target is not None and get_origin(target) is Literal:
        return [str(a) for a in get_args(target)]
    return []
