"""Public versions of a plan: how they lose personal data (found by personal_data),
and what `plan check` warns about. The check every public file passes before it is
written is in gate.py.

Allowed: the e-mail and phone of a `Person` with `official: true` (a tjänsteperson's
work contact) and a dialogue's `digital.registration_email`, which the plan gives
precisely so that the public can register. Nothing else.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from pydantic import BaseModel

from .findings import KeyPath
from .memo import per_plan
from .model.types import Person
from .personal_data import Item, email_key, find_personal_data, phone_keys, redact, substitute

REDACTED = {"sv": "[borttaget]", "en": "[removed]"}
"""What replaces personal data in a public version, by the plan's language."""

INTERNAL_PREFIX = "internal_"
"""Fields named `internal_…` (such as an outcome's `internal_notes`) are dropped."""

IDENTIFIERS = frozenset(
    {"id", "kolada_id", "strategy", "members", "implementation_plan", "projects"}
)
"""Fields whose text names other items (ids and references to ids). They are kept
as they are, since changing them would break the references; the gate still checks
them in every public file. A model whose field of another name holds ids says so in
its `REFERENCES` (a communication activity's `target_groups`, while an implementation
plan's area writes its target groups out)."""


def _is_reference(field) -> bool:
    return field.name in IDENTIFIERS or field.name in getattr(field.model, "REFERENCES", ())


# --- what a plan allows and what its public version is -----------------------------


@per_plan
def allowed_contacts(plan: BaseModel) -> frozenset[str]:
    """The keys of the contact data this plan may publish: its official persons'
    e-mail and phone, and the registration addresses of its dialogues."""
    return _allowed_in(_models(plan))


def _allowed_in(models: list[tuple[KeyPath, BaseModel]]) -> frozenset[str]:
    allowed: set[str] = set()
    for _, model in models:
        if isinstance(model, Person) and model.official:
            if model.email:
                allowed.add(email_key(model.email))
            allowed |= phone_keys(model.phone)
        registration = model.__dict__.get("registration_email")
        if isinstance(registration, str):
            allowed.add(email_key(registration))
    return frozenset(allowed)


def public_copy(plan: BaseModel) -> BaseModel:
    """The plan as the public may see it: `internal_…` fields dropped, the e-mail and
    phone of a person who is not official dropped, and personal data in every other
    text replaced by a marker. Walks every field, so a new text field is covered."""
    return _public_copy(plan, allowed_contacts(plan), _marker(plan))


def _marker(plan: BaseModel) -> str:
    return REDACTED.get(getattr(plan, "language", "sv"), REDACTED["sv"])


def _public_copy(model: BaseModel, allowed: frozenset[str], marker: str) -> BaseModel:
    public = model.model_copy(deep=True)
    scan = _scan(_models(public), allowed)
    for field in (*scan.internal, *scan.hidden):
        setattr(field.model, field.name, None)
    renamed: dict[tuple[int, str], tuple[Any, dict[str, str]]] = {}
    for field, text, items in scan.found:
        if _is_reference(field):
            continue
        redacted = substitute(text, items, lambda _: marker)
        if field.index is None:
            setattr(field.model, field.name, redacted)
        elif isinstance(field.index, str):  # a key of a mapping: renamed all at once below
            entry = renamed.setdefault((id(field.model), field.name), (field.model, {}))
            entry[1][field.index] = redacted
        else:  # a list of texts; the copy's own list
            getattr(field.model, field.name)[field.index] = redacted
    for (_, name), (owner, new_keys) in renamed.items():
        setattr(owner, name, renamed_keys(getattr(owner, name), new_keys))
    return public


def renamed_keys(mapping: dict, new_keys: dict) -> dict:
    """`mapping` with some keys renamed, its values and order kept. A renamed key that
    meets another key (two age groups `Anna 19121212-1212` and `Anna 19850101-1234` both
    become `Anna [borttaget]`) gets a number, `Anna [borttaget] (2)`: adding their counts
    would silently merge two groups, and dropping one would lose a count. `plan check`
    warns about every such key (DK222), which is the user's cue to rename them."""
    taken = {key for key in mapping if key not in new_keys}
    result = {}
    for key, value in mapping.items():
        if key in new_keys:
            new = unique = new_keys[key]
            number = 2
            while unique in taken:
                unique, number = f"{new} ({number})", number + 1
            taken.add(unique)
            key = unique
        result[key] = value
    return result


@per_plan
def public_version(plan: BaseModel) -> BaseModel:
    """`public_copy(plan)`, made once per plan object (see memo): a build renders a
    project's invitations and calendars once per dialogue."""
    return public_copy(plan)


def public_data(value: Any, plan: BaseModel) -> Any:
    """What a public template gets besides the plan (other plans, their titles),
    redacted alike: models (parts of the plan, other plans) become public copies,
    texts lose personal data. The plan's official contacts stay allowed throughout."""
    allowed, marker = allowed_contacts(plan), _marker(plan)

    def walk(value: Any) -> Any:
        if isinstance(value, BaseModel):
            return _public_copy(value, allowed | allowed_contacts(value), marker)
        if isinstance(value, str):
            return redact(value, allowed, marker)
        if isinstance(value, dict):
            keys = {key: walk(key) for key in value}
            changed = {key: new for key, new in keys.items() if new != key}
            return {key: walk(item) for key, item in renamed_keys(value, changed).items()}
        if isinstance(value, tuple) and hasattr(type(value), "_fields"):  # a named tuple
            return type(value)(*map(walk, value))
        if isinstance(value, list | tuple):
            return type(value)(walk(item) for item in value)
        return value

    return walk(value)


_SCALARS = (str, int, float, date, time, type(None))


def _models(plan: BaseModel) -> list[tuple[KeyPath, BaseModel]]:
    """Every model inside the plan, the plan first, with its key path (in field order;
    a plain walk over `__dict__`, since this runs at every `plan check`)."""
    found: list[tuple[KeyPath, BaseModel]] = []

    def visit(value: Any, path: KeyPath) -> None:
        if isinstance(value, BaseModel):
            found.append((path, value))
            items = value.__dict__.items()
        elif isinstance(value, list):
            items = enumerate(value)
        elif isinstance(value, dict):
            items = value.items()
        else:
            return
        for key, item in items:
            if not isinstance(item, _SCALARS):  # cheaper than asking about BaseModel
                visit(item, (*path, key))

    visit(plan, ())
    return found


@dataclass(frozen=True)
class _Field:
    """One text field of one model, one item of a list of texts, or one key of a
    mapping (an outcome's age groups, a project's population by municipality)."""

    path: KeyPath
    """The model's."""
    model: Any
    name: str
    index: int | str | None = None
    """The item's place in the list (int), or the key itself (str)."""

    @property
    def key_path(self) -> KeyPath:
        return (
            (*self.path, self.name) if self.index is None else (*self.path, self.name, self.index)
        )


@dataclass
class _Scan:
    found: list[tuple[_Field, str, list[Item]]]
    """Published texts with personal data that is not allowed: field, text, items."""
    internal: list[_Field]
    """`internal_…` fields that hold something."""
    hidden: list[_Field]
    """The e-mail and phone of persons who are not official."""


def _scan(models: list[tuple[KeyPath, BaseModel]], allowed: frozenset[str]) -> _Scan:
    """Sort every field of `models` into what a public version drops and what it shows,
    and find the personal data in the latter. The texts are searched as one (no
    pattern crosses a line break): on a plan with thousands of dialogues that is
    several times faster than searching each text, and this runs at every check."""
    fields, starts, texts, internal, hidden = [], [], [], [], []
    offset = 0
    for path, model in models:
        person = type(model) is Person
        for name, value in model.__dict__.items():
            if value is None:
                continue
            if name.startswith(INTERNAL_PREFIX):
                internal.append(_Field(path, model, name))
                continue
            if person and name in ("email", "phone"):
                if not model.official:
                    hidden.append(_Field(path, model, name))
                continue
            if type(value) is str:
                fields.append((path, model, name, None))
                starts.append(offset)
                texts.append(value)
                offset += len(value) + 1
            elif type(value) is list and value and type(value[0]) is str:
                for index, text in enumerate(value):
                    fields.append((path, model, name, index))
                    starts.append(offset)
                    texts.append(text)
                    offset += len(text) + 1
            elif type(value) is dict:
                for key in value:
                    if type(key) is str:
                        fields.append((path, model, name, key))
                        starts.append(offset)
                        texts.append(key)
                        offset += len(key) + 1
    hits: dict[int, list[Item]] = {}
    for item in find_personal_data("\n".join(texts)):
        if item.key not in allowed:
            index = bisect.bisect_right(starts, item.start) - 1
            at = starts[index]
            hits.setdefault(index, []).append(
                dataclasses.replace(item, start=item.start - at, end=item.end - at)
            )
    found = [(_Field(*fields[index]), texts[index], items) for index, items in hits.items()]
    return _Scan(found, internal, hidden)


def text_fields(plan: BaseModel) -> Iterator[tuple[KeyPath, str]]:
    """(key path, text) for every text in the plan, internal and contact fields too,
    and every text key of a mapping (its key path ends with the key)."""
    for path, model in _models(plan):
        for name, value in model.__dict__.items():
            if isinstance(value, str):
                yield (*path, name), value
            elif isinstance(value, list | dict):
                items = enumerate(value) if isinstance(value, list) else ((k, k) for k in value)
                for index, item in items:
                    if isinstance(item, str):
                        yield (*path, name, index), item


@dataclass(frozen=True)
class Published:
    """Personal data in a field that public versions show, or a contact that they leave out."""

    path: KeyPath
    item: Item | None
    """None for the e-mail or phone of a person who is not official."""
    identifier: bool = False
    """An id: published as it is, so public files cannot be made."""
    on_key: bool = False
    """In a mapping's key (the path ends with the key), not in a text."""


def published_personal_data(plan: BaseModel) -> list[Published]:
    """What `plan check` warns about: the first piece of personal data in each field
    that public versions show, and the contact data of persons who are not official.
    Most plans hold none: one search over the plan as JSON (made by pydantic-core, in
    Rust) says so, without walking every field in Python (half the time of a check of
    1 000 plans otherwise)."""
    as_json = plan.__pydantic_serializer__.to_json(plan).decode()
    if not find_personal_data(as_json.replace("\\n", "\n")):
        return []
    models = _models(plan)
    scan = _scan(models, _allowed_in(models))
    found = [Published(field.key_path, None) for field in scan.hidden]
    for field, _, items in scan.found:
        on_key = isinstance(field.index, str)
        found.append(Published(field.key_path, items[0], _is_reference(field), on_key))
    return found
