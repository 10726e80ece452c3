"""The JSON Schema of every plan kind, in draft 7 so the YAML language server
shows the Swedish descriptions on hover and completes keys."""

from __future__ import annotations

import json
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from .model import PLAN_KINDS

SCHEMA_ID = "https://dialogkit.example/schema/dialogkit.schema.json"


def plan_schema() -> dict:
    union = Annotated[Union[tuple(PLAN_KINDS.values())], Field(discriminator="kind")]  # noqa: UP007
    schema = TypeAdapter(union).json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    schema.pop("discriminator", None)  # an OpenAPI keyword; draft 7 has no use for it
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "dialogkit-plan",
        "description": "En plan för dialogkit: dialogprojekt, kommunikationsplan, "
        "strategi eller lokal plan.",
        **schema,
        "definitions": definitions,
    }


def schema_json() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
