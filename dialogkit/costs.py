"""The cost estimate of a dialogue project, in whole kronor.

A real dialogue costs what its format costs, item by item, unless the dialogue
overrides an item. A test dialogue is a daytime rehearsal and costs only what is
written on it; a cancelled dialogue costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import DialogkitError, UsageError
from .model.project import COST_ITEMS, CostItems, Dialogue, DialogueFormat, DialogueProject
from .words import words


@dataclass(frozen=True)
class DialogueCost:
    dialogue: Dialogue
    format: DialogueFormat
    items: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.items.values())


@dataclass(frozen=True)
class Estimate:
    title: str
    dialogues: list[DialogueCost]
    one_off: list[tuple[str, int]]
    budget: int | None

    @property
    def dialogues_total(self) -> int:
        return sum(cost.total for cost in self.dialogues)

    @property
    def one_off_total(self) -> int:
        return sum(amount for _, amount in self.one_off)

    @property
    def total(self) -> int:
        return self.dialogues_total + self.one_off_total

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.total

    def item_total(self, item: str) -> int:
        return sum(cost.items[item] for cost in self.dialogues)

    @property
    def item_totals(self) -> dict[str, int]:
        """Each cost item summed over the dialogues, for templates (which call no methods)."""
        return {item: self.item_total(item) for item in COST_ITEMS}


def missing_formats(project: DialogueProject) -> list[DialogueFormat]:
    """Formats used by a counted dialogue that have no cost items in the plan."""
    used = {d.format for d in project.dialogues if d.status != "cancelled" and not d.test}
    return sorted(used - set(project.costs.per_dialogue))


def estimate(
    project: DialogueProject,
    *,
    title: str | None = None,
    format: DialogueFormat | None = None,
    per_dialogue: dict[DialogueFormat, CostItems] | None = None,
) -> Estimate:
    """Estimate the project's cost; `format` and `per_dialogue` describe a what-if.
    Without a `title` the estimate is "Planen" ("The plan"), in the project's language."""
    prices = {**project.costs.per_dialogue, **(per_dialogue or {})}
    costs = []
    for dialogue in project.dialogues:
        if dialogue.status == "cancelled":
            continue
        fmt = format or dialogue.format
        if dialogue.test:
            base = dict.fromkeys(COST_ITEMS, 0)
        elif fmt in prices:
            base = prices[fmt].model_dump()
        else:
            raise DialogkitError(
                f"Kostnad saknas för formatet '{fmt}'.",
                hint=f"Lägg till costs.per_dialogue.{fmt} i planen.",
                english=(
                    f"No cost for the format '{fmt}'.",
                    f"Add costs.per_dialogue.{fmt} to the plan.",
                ),
            )
        if dialogue.costs is not None:
            base.update(dialogue.costs.model_dump(exclude_none=True))
        costs.append(DialogueCost(dialogue, fmt, base))
    one_off = [(cost.item, cost.amount) for cost in project.costs.one_off]
    if title is None:
        title = words(project.language)["cost.the_plan"]
    return Estimate(title, costs, one_off, project.costs.budget)


BUILT_IN_SCENARIOS: dict[str, tuple[str, DialogueFormat]] = {
    "all-digital": ("scenario.all_digital", "digital"),
    "all-in-person": ("scenario.all_in_person", "in_person"),
}
"""Scenario name -> (the words key of its title, the format every dialogue gets)."""


def scenario_names(project: DialogueProject) -> list[str]:
    return [*BUILT_IN_SCENARIOS, *(s.id for s in project.costs.scenarios)]


def compare(project: DialogueProject, scenarios: list[str]) -> list[Estimate]:
    """The plan's own estimate first, then one per named scenario."""
    estimates = [estimate(project)]
    own = {s.id: s for s in project.costs.scenarios}
    for name in scenarios:
        if name in BUILT_IN_SCENARIOS:
            title, fmt = BUILT_IN_SCENARIOS[name]
            estimates.append(estimate(project, title=words(project.language)[title], format=fmt))
        elif name in own:
            scenario = own[name]
            estimates.append(
                estimate(
                    project,
                    title=scenario.title,
                    format=scenario.format,
                    per_dialogue=scenario.per_dialogue,
                )
            )
        else:
            raise UsageError(
                f"Scenariot '{name}' finns inte.",
                hint="Välj bland: " + ", ".join(scenario_names(project)) + ".",
                english=(
                    f"There is no scenario '{name}'.",
                    "Choose from: " + ", ".join(scenario_names(project)) + ".",
                ),
            )
    return estimates
