"""Validate plan data against the model and turn Pydantic's errors into findings
that a process leader can act on: Swedish wording, the right line, a hint."""

from __future__ import annotations

import re
import types
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .catalogue import finding
from .findings import FileFindings, Finding, KeyPath, Severity, format_key_path
from .model import KINDS, model_for
from .model.types import shown, text_error
from .settings import DEFAULT_LANGUAGE, folder_language
from .yamlsource import Source

if TYPE_CHECKING:
    from .model import Plan

KINDS_HINT = "Tillåtna värden: " + ", ".join(KINDS) + "."


def validate_source(source: Source) -> tuple[Plan | None, list[Finding]]:
    """Validate one parsed file; return the plan (or None) and the findings, at most
    `MAX_PER_FILE` of them (a `FileFindings` that counts the rest)."""
    data = source.data
    if not isinstance(data, dict):
        return None, [
            _finding(
                source,
                "DK005",
                "En plan ska vara en mappning som börjar med kind:.",
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
                "Planen saknar nyckeln kind.",
                (),
                hint="Lägg till t.ex. kind: dialogue_project. " + KINDS_HINT,
            )
        ]
    if not isinstance(kind, str) or kind not in KINDS:
        guess = _did_you_mean(str(kind), KINDS)
        return None, [
            _finding(
                source, "DK005", f"Okänd plantyp '{kind}'.", ("kind",), hint=guess or KINDS_HINT
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
    message: str,
    path: KeyPath,
    *,
    hint: str | None = None,
    prefer_key: bool = False,
) -> Finding:
    line, col = source.position(path, prefer_key=prefer_key)
    where = format_key_path(path, source.data)
    return finding(
        code, message, source.path, line=line, col=col, path=path, hint=hint, where=where
    )


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
        message = f"'{name}' saknas."
        described = field and field.description
        hint = f"Lägg till {name}: ({described.rstrip('.')})." if described else None
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
                f"Okänd nyckel '{shown(name)}'.",
                path,
                hint=_swedish_key(name, allowed, _language(source))
                or _did_you_mean(name, allowed)
                or ("Tillåtna nycklar här: " + ", ".join(allowed) + "." if allowed else None),
                prefer_key=True,
            )
        )
    from .pasted import PASTED  # only a plan with errors needs it

    if isinstance(value, str) and PASTED.search(value):
        pasted = _pasted_finding(source, "DK012", path, on_key=on_key)
        if pasted:
            return pasted
    if kind in ("dk_date", "dk_time"):
        hint = _everyday_hint(kind, value, _language(source)) or hint
    if kind.startswith("dk_"):
        message = error["msg"]
    elif kind == "literal_error":
        options = _literal_options(model, path, on_key)
        message = f"'{shown(value)}' är inget tillåtet värde."
        hint = _did_you_mean(str(value), options) or ("Välj ett av: " + ", ".join(options) + ".")
    else:
        message, default_hint = _describe(kind, ctx, value, name)
        hint = hint or default_hint
    label = f"{name}: " if path and not on_key else ""
    return _finding(source, code, label + message, path, hint=hint, prefer_key=on_key)


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
    message, hint = describe(problem, _language(source), source.path, key=key)
    where = format_key_path(path, source.data)
    return finding(
        code,
        message,
        source.path,
        line=problem.line,
        col=problem.col,
        path=path,
        hint=hint,
        where=where,
    )


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
    texts = _COMMA_TEXTS[_language(source)]
    return finding(
        "DK010",
        texts[0].format(key=key, first=first, rest=shown(rest)),
        source.path,
        line=line,
        col=len(before.rstrip()),  # the comma
        path=path,
        hint=texts[1].format(quoted=quoted),
        where=format_key_path(path, source.data),
    )


_COMMA_TEXTS = {
    "sv": (
        "Kommat efter '{first}' avslutar värdet för {key}, så '{rest}' läses som en egen nyckel.",
        "Sätt hela värdet inom citattecken: {quoted}",
    ),
    "en": (
        "The comma after '{first}' ends the value of {key}, so '{rest}' is read as a key "
        "of its own.",
        "Quote the whole value: {quoted}",
    ),
}


def _swedish_key(name: str, allowed: list[str], language: str) -> str | None:
    from .everyday import english_key

    key = english_key(name, allowed)
    return _EVERYDAY_TEXTS[language]["key"].format(key=key, name=name) if key else None


def _everyday_hint(kind: str, value: Any, language: str) -> str | None:
    """For a date or time written as in a letter (13/4/2021, 18.00), the value to write."""
    from .everyday import clock_time, iso_date

    texts = _EVERYDAY_TEXTS[language]
    if kind == "dk_date":
        corrected = iso_date(value)
        return texts["date"].format(value=corrected) if corrected else None
    corrected = clock_time(value)
    return texts["time"].format(value=corrected) if corrected else None


_EVERYDAY_TEXTS = {
    "sv": {
        "key": "Menade du '{key}'? Nycklarna skrivs på engelska.",
        "date": "Skriv {value} (datum skrivs ÅÅÅÅ-MM-DD).",
        "time": 'Skriv "{value}" (klockslag skrivs TT:MM, med kolon och inom citattecken).',
    },
    "en": {
        "key": "Did you mean '{key}'? Keys are written in English.",
        "date": "Write {value} (dates are written YYYY-MM-DD).",
        "time": 'Write "{value}" (times are written HH:MM, with a colon and in quotes).',
    },
}


def _describe(kind: str, ctx: dict, value: Any, name: str) -> tuple[str, str | None]:
    if kind == "string_type":
        return (
            "ska vara text.",
            "Sätt texten inom citattecken om den ser ut som ett tal eller datum.",
        )
    if kind == "int_type":
        if isinstance(value, str) and value.replace(" ", "").replace("\u00a0", "").isdigit():
            return f"'{value}' ska vara ett heltal.", "Skriv talet utan mellanslag, t.ex. 9000."
        return "ska vara ett heltal.", "Belopp anges i hela kronor, t.ex. 9000."
    if kind == "float_type":
        return "ska vara ett tal.", None
    if kind == "bool_type":
        hint = "Skriv true eller false (inte ja/nej)."
        return f"'{shown(value)}' ska vara true eller false.", hint
    if kind == "list_type":
        return "ska vara en lista.", "Skriv en punkt per rad som börjar med '- ', eller [a, b]."
    if kind in ("dict_type", "model_type", "model_attributes_type", "dataclass_type"):
        return "ska vara en mappning med nycklar.", "Skriv nyckel: värde på egna rader, indraget."
    if kind == "greater_than_equal":
        return f"får inte vara mindre än {ctx.get('ge')}.", None
    if kind == "less_than_equal":
        return f"får inte vara större än {ctx.get('le')}.", None
    if kind == "string_too_short":
        return "får inte vara tomt.", None
    if kind == "string_pattern_mismatch":
        text = isinstance(value, str) and text_error(value, ctx.get("pattern", ""))
        if text:  # a control character or line break in plan text
            return text
        return f"'{shown(value)}' har fel form.", _PATTERN_HINTS.get(name, _PATTERN_HINTS["id"])
    return f"ogiltigt värde ({kind}).", None


_PATTERN_HINTS = {
    "id": "Ett id får bara innehålla a–z, A–Z, 0–9, '-', '_' och '.', t.ex. sala-2021.",
    "email": "Skriv en e-postadress, t.ex. namn@region.se.",
    "registration_email": "Skriv en e-postadress, t.ex. namn@region.se.",
    "kolada_id": "Koladas id är N eller U följt av fem siffror, t.ex. U21463.",
}


def _did_you_mean(word: str, options) -> str | None:
    import difflib  # only a plan with mistakes needs it

    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"Menade du '{match[0]}'?" if match else None


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
