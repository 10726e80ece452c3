"""Rules for a local plan and its follow-up (seed 004), checked against its strategy."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import LocalPlan
from ..templating import and_list
from .registry import Hit, rule

KIND = "local_plan"


def _sub_goal_refs(plan: LocalPlan):
    """(path, sub-goal number) for every place the plan names a sub-goal."""
    for i, activity in enumerate(plan.activities):
        for j, goal in enumerate(activity.sub_goals):
            yield ("activities", i, "sub_goals", j), goal
    for i, figure in enumerate(plan.key_figures):
        yield ("key_figures", i, "sub_goal"), figure.sub_goal
    for i, statement in enumerate(plan.self_assessment):
        yield ("self_assessment", i, "sub_goal"), statement.sub_goal
    for i, follow_up in enumerate(plan.follow_ups):
        for j, assessment in enumerate(follow_up.assessments):
            yield ("follow_ups", i, "assessments", j, "sub_goal"), assessment.sub_goal


@rule("DK219", KIND)
def unknown_strategy(plan: LocalPlan, workspace) -> Iterator[Hit]:
    if workspace.strategy(plan.strategy) is None:
        yield Hit(
            ("strategy",),
            f"Strategin '{plan.strategy}' finns inte bland planerna.",
            "Lägg strategifilen i samma mapp, eller rätta id:t.",
        )


@rule("DK216", KIND)
def unknown_sub_goal(plan: LocalPlan, workspace) -> Iterator[Hit]:
    strategy = workspace.strategy(plan.strategy)
    if strategy is None:
        return
    known = {goal.id for goal in strategy.sub_goals}
    for path, goal in _sub_goal_refs(plan):
        if goal not in known:
            yield Hit(
                path,
                f"Delmål {goal} finns inte i strategin '{strategy.id}'.",
                "Strategins delmål: " + ", ".join(map(str, sorted(known))) + ".",
            )


@rule("DK206", KIND)
def period_reversed(plan: LocalPlan, _) -> Iterator[Hit]:
    if plan.period.end < plan.period.start:
        yield Hit(("period", "end"), f"Planens period slutar {plan.period.end}, innan den börjar.")
    for i, activity in enumerate(plan.activities):
        if activity.when.end < activity.when.start:
            yield Hit(
                ("activities", i, "when"), f"Perioden '{activity.when}' slutar innan den börjar."
            )


@rule("DK224", KIND)
def score_outside_scale(plan: LocalPlan, _) -> Iterator[Hit]:
    scale = plan.self_assessment_scale
    if scale.max <= scale.min:
        yield Hit(
            ("self_assessment_scale", "max"),
            f"Självskattningens skala {scale.min}–{scale.max} går inte uppåt: max måste "
            "vara större än min.",
            "Skriv skalan som {min: 1, max: 5}, med lägsta och högsta poäng.",
        )
        return
    for i, statement in enumerate(plan.self_assessment):
        for year, score in statement.scores.items():
            if not scale.min <= score <= scale.max:
                yield Hit(
                    ("self_assessment", i, "scores", year),
                    f"Poängen {score} för '{statement.id}' {year} ligger utanför skalan "
                    f"{scale.min}–{scale.max}.",
                    f"Ge {scale.min}–{scale.max} poäng, eller ange planens skala med "
                    "self_assessment_scale: {min: …, max: …}.",
                )


@rule("DK225", KIND)
def missing_score(plan: LocalPlan, _) -> Iterator[Hit]:
    years = sorted({year for statement in plan.self_assessment for year in statement.scores})
    for i, statement in enumerate(plan.self_assessment):
        missing = [str(year) for year in years if year not in statement.scores]
        if missing:
            yield Hit(
                ("self_assessment", i, "scores"),
                f"Påståendet '{statement.id}' saknar poäng för {and_list(missing)}; "
                'rapporten visar "saknas" och räknar ingen förändring för det.',
                f"Lägg till poängen för {and_list(missing)} i scores. Är påståendet nytt "
                "kan varningen stå kvar.",
            )
