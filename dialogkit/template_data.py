"""What a template sees: plain data, never the objects dialogkit works with.

A Pydantic model has methods that read files and unpickle strings, a dataclass
may have methods too; a template gets none of them. `to_data` turns models and
dataclasses into `PlanData` records (fields and computed properties, read by
attribute or by key), lists into tuples and dicts into dicts, and leaves strings,
numbers, dates and times as they are. Everything else is refused.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .memo import per_plan

SCALARS = (str, int, float, bool, Decimal, Fraction, date, time, type(None))
"""Values a template gets as they are."""


class PlanData:
    """A read-only record: `record.name` and `record["name"]` give a field's value.
    It has no methods a template could reach; printing it gives its `text`
    field when it has one (a period prints as the user wrote it)."""

    __slots__ = ("_fields", "_kind")

    def __init__(self, kind: str, fields: dict[str, Any]) -> None:
        object.__setattr__(self, "_fields", fields)
        object.__setattr__(self, "_kind", kind)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("plan data is read-only")

    def __str__(self) -> str:
        return str(self._fields.get("text", self._kind))

    def __repr__(self) -> str:
        return f"<{self._kind}>"


def to_data(value: Any) -> Any:
    """Plain data for a template; raises TypeError for anything that is not data."""
    if isinstance(value, (*SCALARS, PlanData)):
        return value
    if isinstance(value, tuple) and hasattr(type(value), "_fields"):  # a named tuple
        fields = dict(zip(type(value)._fields, value, strict=True))
        return PlanData(type(value).__name__, {name: to_data(v) for name, v in fields.items()})
    if isinstance(value, list | tuple):
        return tuple(to_data(item) for item in value)
    if isinstance(value, set | frozenset):
        return tuple(sorted(to_data(item) for item in value))
    if isinstance(value, dict):
        return {to_data(key): to_data(item) for key, item in value.items()}
    fields = _fields(value)
    if fields is None:
        raise TypeError(f"{type(value).__name__} är inte data och ges inte till mallar")
    return PlanData(type(value).__name__, {name: to_data(item) for name, item in fields.items()})


def _fields(value: Any) -> dict[str, Any] | None:
    """A model's or dataclass's fields and read-only properties; None for other objects."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return {name: getattr(value, name) for name in type(value).model_fields}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
        for name, member in vars(type(value)).items():
            if isinstance(member, property) and not name.startswith("_"):
                fields[name] = getattr(value, name)
        return fields
    return None


plan_data = per_plan(to_data)
"""`to_data(plan)`, made once per plan object (see memo)."""
