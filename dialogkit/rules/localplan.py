"""Rules for a local plan and its follow-up (seed 004), checked against its strategy."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Text
from ..model import LocalPlan
from ..templating import and_list
from .common import reversed_period
from .registry import Hit, rule

KIND = "local_plan"


@rule("DK219", KIND, across=True)
def unknown_strategy(plan: LocalPlan, workspace) -> Iterator[Hit]:
    if workspace.strategy(plan.strategy) is None:
        yield Hit(
            ("strategy",),
            Text(
                f"Strategin '{plan.strategy}' finns inte bland planerna.",
                f"There is no strategy '{plan.strategy}' among the plans.",
            ),
            Text(
                "Lägg strategifilen i samma mapp, eller rätta id:t.",
                "Put the strategy's file in the same folder, or correct the id.",
            ),
        )


@rule("DK216", KIND, across=True)
def unknown_sub_goal(plan: LocalPlan, workspace) -> Iterator[Hit]:
    strategy = workspace.strategy(plan.strategy)
    if strategy is None:
        return
    known = {goal.id for goal in strategy.sub_goals}
    for path, goal in plan.sub_goal_refs:  # summary.py
        if goal not in known:
            yield Hit(
                tuple(path),
                Text(
                    f"Delmål {goal} finns inte i strategin '{strategy.id}'.",
                    f"The strategy '{strategy.id}' has no sub-goal {goal}.",
                ),
                Text(
                    f"Strategins delmål: {', '.join(map(str, sorted(known)))}.",
                    f"The strategy's sub-goals: {', '.join(map(str, sorted(known)))}.",
                ),
            )


@rule("DK206", KIND)
def period_reversed(plan: LocalPlan, _) -> Iterator[Hit]:
    if plan.period.end < plan.period.start:
        yield Hit(
            ("period", "end"),
            Text(
                f"Planens period slutar {plan.period.end}, innan den börjar.",
                f"The plan's period ends in {plan.period.end}, before it begins.",
            ),
        )
    for i, activity in enumerate(plan.activities):
        if activity.when.end < activity.when.start:
            yield Hit(("activities", i, "when"), reversed_period(activity.when))


@rule("DK224", KIND)
def score_outside_scale(plan: LocalPlan, _) -> Iterator[Hit]:
    scale = plan.self_assessment_scale
    if scale.max <= scale.min:
        yield Hit(
            ("self_assessment_scale", "max"),
            Text(
                f"Självskattningens skala {scale.min}–{scale.max} går inte uppåt: max måste "
                "vara större än min.",
                f"The self-assessment's scale {scale.min}–{scale.max} does not go up: max "
                "must be greater than min.",
            ),
            Text(
                "Skriv skalan som {min: 1, max: 5}, med lägsta och högsta poäng.",
                "Write the scale as {min: 1, max: 5}, with the lowest and highest score.",
            ),
        )
        return
    for i, statement in enumerate(plan.self_assessment):
        for year, score in statement.scores.items():
            if not scale.min <= score <= scale.max:
                yield Hit(
                    ("self_assessment", i, "scores", year),
                    Text(
                        f"Poängen {score} för '{statement.id}' {year} ligger utanför skalan "
                        f"{scale.min}–{scale.max}.",
                        f"The score {score} for '{statement.id}' in {year} lies outside the "
                        f"scale {scale.min}–{scale.max}.",
                    ),
                    Text(
                        f"Ge {scale.min}–{scale.max} poäng, eller ange planens skala med "
                        "self_assessment_scale: {min: …, max: …}.",
                        f"Give {scale.min}–{scale.max} points, or declare the plan's scale "
                        "with self_assessment_scale: {min: …, max: …}.",
                    ),
                )


@rule("DK225", KIND)
def missing_score(plan: LocalPlan, _) -> Iterator[Hit]:
    years = sorted({year for statement in plan.self_assessment for year in statement.scores})
    for i, statement in enumerate(plan.self_assessment):
        missing = [str(year) for year in years if year not in statement.scores]
        if missing:
            years_sv, years_en = and_list(missing), and_list(missing, "en")
            yield Hit(
                ("self_assessment", i, "scores"),
                Text(
                    f"Påståendet '{statement.id}' saknar poäng för {years_sv}; "
                    'rapporten visar "saknas" och räknar ingen förändring för det.',
                    f"The statement '{statement.id}' has no score for {years_en}; "
                    'the report shows "missing" and computes no change for it.',
                ),
                Text(
                    f"Lägg till poängen för {years_sv} i scores. Är påståendet nytt "
                    "kan varningen stå kvar.",
                    f"Add the scores for {years_en} to scores. If the statement is new, "
                    "the warning can stay.",
                ),
            )
