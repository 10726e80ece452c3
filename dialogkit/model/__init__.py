"""The plan model: one Pydantic model per plan kind, chosen by the `kind:` key.

A kind's module is imported when it is first asked for, so that checking a plan
builds only its own kind's classes: creating Pydantic classes is a good part of the
start-up of `plan check`. `from dialogkit.model import Strategy` works as usual.
"""

import functools
import importlib
import operator
from typing import TYPE_CHECKING

KINDS = {  # the `kind:` of a plan: its module and class
    "dialogue_project": ("project", "DialogueProject"),
    "communication_plan": ("communication", "CommunicationPlan"),
    "strategy": ("strategy", "Strategy"),
    "local_plan": ("localplan", "LocalPlan"),
    "implementation_plan": ("implementation", "ImplementationPlan"),
}
_MODULE_OF = {name: module for module, name in KINDS.values()}

if TYPE_CHECKING:
    from .communication import CommunicationPlan
    from .implementation import ImplementationPlan
    from .localplan import LocalPlan
    from .project import DialogueProject
    from .strategy import Strategy

    Plan = DialogueProject | CommunicationPlan | Strategy | LocalPlan | ImplementationPlan
    PLAN_KINDS: dict[str, type[Plan]]


def model_for(kind: str) -> "type[Plan]":
    """The model class of a plan kind (a key of KINDS)."""
    module, name = KINDS[kind]
    return getattr(importlib.import_module(f".{module}", __name__), name)


def __getattr__(name: str):
    if name in _MODULE_OF:
        return getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
    if name == "PLAN_KINDS":
        return {kind: model_for(kind) for kind in KINDS}
    if name == "Plan":
        return functools.reduce(operator.or_, map(model_for, KINDS))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "KINDS",
    "PLAN_KINDS",
    "CommunicationPlan",
    "DialogueProject",
    "ImplementationPlan",
    "LocalPlan",
    "Plan",
    "Strategy",
    "model_for",
]
