"""Rules for a committee's yearly implementation plan (seed 002) and the dialogue
projects that carry out its areas: the links between them must hold both ways."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches
from typing import TYPE_CHECKING

from ..findings import Text
from ..words import label
from .common import reversed_period
from .registry import Hit, rule

if TYPE_CHECKING:  # the models are built only for the kinds checked
    from ..model import DialogueProject, ImplementationPlan

KIND = "implementation_plan"
PROJECT = "dialogue_project"


def _linked(plan: ImplementationPlan, workspace):
    """(path, area, project id, project or None) for every project an area lists."""
    for i, area in enumerate(plan.areas):
        for j, project_id in enumerate(area.projects):
            project = workspace.plan_with_id(PROJECT, project_id)
            yield ("areas", i, "projects", j), area, project_id, project


def _did_you_mean(wanted: str, ids: list[str]) -> Text | None:
    """The id meant: the same in other letters' case, else a close one."""
    same = [i for i in ids if i.casefold() == wanted.casefold()]
    close = same or get_close_matches(wanted, ids, n=1, cutoff=0.6)
    if not close:
        return None
    return Text(f"Menade du '{close[0]}'? ", f"Did you mean '{close[0]}'? ")


@rule("DK231", KIND, across=True)
def unknown_project(plan: ImplementationPlan, workspace) -> Iterator[Hit]:
    for path, area, project_id, project in _linked(plan, workspace):
        if project is not None:
            continue
        ids = [other.id for other in workspace.plans_of_kind(PROJECT)]
        guess = _did_you_mean(project_id, ids) or Text("", "")
        yield Hit(
            path,
            Text(
                f"Området '{area.id}' hänvisar till dialogprojektet '{project_id}', som inte "
                "finns bland planerna.",
                f"The area '{area.id}' refers to the dialogue project '{project_id}', which "
                "is not among the plans.",
            ),
            Text(
                f"{guess.sv}Lägg projektets fil i samma mapp, rätta id:t, eller rätta felen "
                "i projektets fil om den inte går att läsa.",
                f"{guess.en}Put the project's file in the same folder, correct the id, or "
                "correct the errors in the project's file if it cannot be read.",
            ),
        )


_RUNG = Text("steget {} på delaktighetstrappan", "the rung {} on the participation ladder")
_METHOD = Text("metoden {}", "the method {}")


def _described(values: list[tuple[Text, str]], language: str) -> str:
    """Values in words, such as "steget dialog på delaktighetstrappan och metoden enkät"."""
    joined = {"sv": " och ", "en": " and "}[language]
    return joined.join(getattr(what, language).format(label(v, language)) for what, v in values)


@rule("DK232", KIND, across=True)
def project_differs_from_area(plan: ImplementationPlan, workspace) -> Iterator[Hit]:
    for path, area, project_id, project in _linked(plan, workspace):
        if project is None or project.deviation_reason:
            continue
        pairs = (
            (_RUNG, project.participation_rung, area.rung),
            (_METHOD, project.method, area.method),
        )
        ours = [(what, mine) for what, mine, theirs in pairs if mine != theirs]
        if not ours:
            continue
        theirs = [(what, area_value) for what, mine, area_value in pairs if mine != area_value]
        yield Hit(
            path,
            Text(
                f"Projektet '{project_id}' har {_described(ours, 'sv')}, men området "
                f"'{area.id}' har {_described(theirs, 'sv')}.",
                f"The project '{project_id}' has {_described(ours, 'en')}, but the area "
                f"'{area.id}' has {_described(theirs, 'en')}.",
            ),
            Text(
                "Ändra projektet eller området så att de stämmer, eller skriv varför de "
                "skiljer sig under deviation_reason: i projektet.",
                "Change the project or the area so that they agree, or write why they "
                "differ under deviation_reason: in the project.",
            ),
        )


@rule("DK233", KIND)
def area_without_project(plan: ImplementationPlan, workspace) -> Iterator[Hit]:
    for i, area in enumerate(plan.areas):
        begun = area.period.start <= workspace.today and area.period.start <= area.period.end
        if not area.projects and begun and area.status not in ("cancelled", "done"):
            yield Hit(
                ("areas", i),
                Text(
                    f"Området '{area.id}' har inget dialogprojekt, fast dess period "
                    f"({area.period}) har börjat.",
                    f"The area '{area.id}' has no dialogue project, although its period "
                    f"({area.period}) has begun.",
                ),
                Text(
                    "Lägg till projektets id under projects:, eller skriv status: cancelled "
                    "och varför under note:.",
                    "Add the project's id under projects:, or write status: cancelled and "
                    "why under note:.",
                ),
            )


@rule("DK206", KIND)
def period_reversed(plan: ImplementationPlan, _) -> Iterator[Hit]:
    for i, area in enumerate(plan.areas):
        if area.period.end < area.period.start:
            yield Hit(("areas", i, "period"), reversed_period(area.period))


@rule("DK235", KIND, across=True)
def project_names_another_plan(plan: ImplementationPlan, workspace) -> Iterator[Hit]:
    others = [other for other in workspace.plans_of_kind(KIND) if other.id != plan.id]
    for path, area, project_id, project in _linked(plan, workspace):
        also = next((o for o in others if any(project_id in a.projects for a in o.areas)), None)
        if also is not None and not (project and project.implementation_plan):
            yield Hit(
                path,
                Text(
                    f"Projektet '{project_id}' står också i genomförandeplanen '{also.id}'; "
                    "båda årens uppföljningar skulle räkna dess deltagare.",
                    f"The project '{project_id}' is also listed in the implementation plan "
                    f"'{also.id}'; both follow-ups would count its participants.",
                ),
                Text(
                    "Ta bort projektet ur den ena planen, och skriv implementation_plan: "
                    "med den andras id i projektet.",
                    "Remove the project from one of the plans, and write implementation_plan: "
                    "with the other's id in the project.",
                ),
            )
        named = project and project.implementation_plan
        # a plan that does not exist is the project's DK234
        if named and named != plan.id and workspace.plan_with_id(KIND, named):
            yield Hit(
                path,
                Text(
                    f"Området '{area.id}' hänvisar till projektet '{project_id}', men "
                    f"projektet säger att det genomför genomförandeplanen '{named}'.",
                    f"The area '{area.id}' refers to the project '{project_id}', but the "
                    f"project says it carries out the implementation plan '{named}'.",
                ),
                Text(
                    f"Rätta implementation_plan: i projektet till '{plan.id}', eller ta bort "
                    "projektet ur området.",
                    f"Correct implementation_plan: in the project to '{plan.id}', or remove "
                    "the project from the area.",
                ),
            )


@rule("DK240", KIND)
def project_counted_twice(plan: ImplementationPlan, workspace) -> Iterator[Hit]:
    seen: dict[str, str] = {}
    for i, area in enumerate(plan.areas):
        for j, project_id in enumerate(area.projects):
            if project_id in seen:
                yield Hit(
                    ("areas", i, "projects", j),
                    Text(
                        f"Projektet '{project_id}' står redan i området '{seen[project_id]}'; "
                        "årets uppföljning skulle räkna det två gånger.",
                        f"The project '{project_id}' is already listed in the area "
                        f"'{seen[project_id]}'; the year's follow-up would count it twice.",
                    ),
                )
            seen.setdefault(project_id, area.id)


# The project's side of the link.


@rule("DK234", PROJECT, across=True)
def unknown_implementation_plan(project: DialogueProject, workspace) -> Iterator[Hit]:
    wanted = project.implementation_plan
    if wanted is None or workspace.plan_with_id(KIND, wanted) is not None:
        return
    ids = [other.id for other in workspace.plans_of_kind(KIND)]
    guess = _did_you_mean(wanted, ids) or Text("", "")
    yield Hit(
        ("implementation_plan",),
        Text(
            f"Genomförandeplanen '{wanted}' finns inte bland planerna.",
            f"There is no implementation plan '{wanted}' among the plans.",
        ),
        Text(
            f"{guess.sv}Lägg genomförandeplanens fil i samma mapp, eller rätta id:t.",
            f"{guess.en}Put the implementation plan's file in the same folder, or correct the id.",
        ),
    )


@rule("DK235", PROJECT, across=True)
def plan_does_not_list_project(project: DialogueProject, workspace) -> Iterator[Hit]:
    wanted = project.implementation_plan
    plan = wanted and workspace.plan_with_id(KIND, wanted)
    if not plan or any(project.id in area.projects for area in plan.areas):
        return
    yield Hit(
        ("implementation_plan",),
        Text(
            f"Projektet säger att det genomför genomförandeplanen '{wanted}', men inget av "
            "planens områden har projektet under projects:.",
            f"The project says it carries out the implementation plan '{wanted}', but none "
            "of the plan's areas has the project under projects:.",
        ),
        Text(
            f"Lägg till '{project.id}' under projects: i rätt område i genomförandeplanen, "
            "eller rätta implementation_plan:.",
            f"Add '{project.id}' under projects: in the right area of the implementation "
            "plan, or correct implementation_plan:.",
        ),
    )
