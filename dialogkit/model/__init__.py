"""The plan model: one Pydantic model per plan kind, chosen by the `kind:` key."""

from .communication import CommunicationPlan
from .localplan import LocalPlan
from .project import DialogueProject
from .strategy import Strategy

Plan = DialogueProject | CommunicationPlan | Strategy | LocalPlan

PLAN_KINDS: dict[str, type[Plan]] = {
    "dialogue_project": DialogueProject,
    "communication_plan": CommunicationPlan,
    "strategy": Strategy,
    "local_plan": LocalPlan,
}

__all__ = [
    "PLAN_KINDS",
    "CommunicationPlan",
    "DialogueProject",
    "LocalPlan",
    "Plan",
    "Strategy",
]
