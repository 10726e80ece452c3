"""What the two reports of an implementation plan see: the year's plan for the
committee, and the year's follow-up compiled across the dialogue projects that carry
out its areas (seed 002's documentation, seed 001's follow-up questions), per area
and in total.

A public follow-up is made from the projects' public versions, as a public dialogue
report is (privacy.public_version), and shows no count under participation.SMALL.
The counts are sums of one another (dialogues add up to an area, areas to the
year), so participation.suppress hides as many more as it takes that no small count
can be worked out from them (secondary suppression).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .heard import said_and_done, themes_heard
from .model.choices import ParticipationRung, choice_of
from .model.project import Feedback, FollowUp
from .participation import (
    SMALL,
    counted,
    figures,
    per_thousand,
    population_of,
    rate,
    shown_count,
    suppress,
)
from .privacy import public_version
from .words import FOLLOW_UP_QUESTIONS, label, words

if TYPE_CHECKING:
    from .model import DialogueProject, ImplementationPlan
    from .model.implementation import DialogueArea
    from .workspace import Workspace

HOW_MANY = "participants"
"""The follow-up question "Hur många deltog?", answered by the participant count."""


# --- the year's plan, for the committee -----------------------------------------------


class Carrier(NamedTuple):
    """A dialogue project that carries out an area, with its dialogues' state; no
    title when the plan names a project the workspace does not hold."""

    id: str
    title: str | None
    held: int
    planned: int


class PlannedArea(NamedTuple):
    area: DialogueArea
    projects: list[Carrier]


def implementation_plan(plan: ImplementationPlan, workspace: Workspace, audience: str) -> dict:
    projects = linked_projects(plan, workspace, audience == "public")
    by_id = {project.id: project for project in projects}
    return {
        "rungs": rungs(plan.language),
        "areas": [
            PlannedArea(area, [_carrier(pid, by_id.get(pid)) for pid in area.projects])
            for area in plan.areas
        ],
        "without_area": [_carrier(p.id, p) for p in _without_area(plan, projects)],
    }


def rungs(language: str) -> dict[str, str]:
    """Each rung of the participation ladder in plain words, with its step."""
    values = choice_of(ParticipationRung).values
    text = words(language)["yearly.rung"]
    return {
        rung: text.format(rung=label(rung, language), n=step, of=len(values))
        for step, rung in enumerate(values, 1)
    }


def _carrier(project_id: str, project: DialogueProject | None) -> Carrier:
    if project is None:
        return Carrier(project_id, None, 0, 0)
    dialogues = [d for d in project.dialogues if not d.test]
    held = [d for d in dialogues if d.status == "held" or d.outcome is not None]
    planned = [d for d in dialogues if d not in held and d.status in ("planned", "booked")]
    return Carrier(project.id, project.title, len(held), len(planned))


def linked_projects(
    plan: ImplementationPlan, workspace: Workspace, public: bool
) -> list[DialogueProject]:
    """The dialogue projects the plan draws on, each id once (the first wins), in the
    order the areas list them, as the public may see them when `public`."""
    found: dict[str, DialogueProject] = {}
    for project in workspace.plans_of_kind("dialogue_project"):
        if plan.draws_on(project):
            found.setdefault(project.id, project)
    listed = [pid for area in plan.areas for pid in area.projects]
    ordered = sorted(
        found.values(), key=lambda p: listed.index(p.id) if p.id in listed else len(listed)
    )
    return [public_version(p) if public else p for p in ordered]


def _without_area(plan: ImplementationPlan, projects: list) -> list:
    """The projects that name the plan but that no area lists."""
    listed = {pid for area in plan.areas for pid in area.projects}
    return [p for p in projects if p.id not in listed]


# --- the year's follow-up ---------------------------------------------------------------


class Row(NamedTuple):
    """A dialogue held, with its participants as shown."""

    municipality: str
    project: str
    date: date
    participants: str
    population: int | None
    per_thousand: str


class Answer(NamedTuple):
    municipality: str
    project: str
    text: str


class Theme(NamedTuple):
    """A theme heard ("Ni sa"), where, and each project's "vi gör" state for it."""

    theme: str
    places: list[str]
    states: list[str]


class Documented(NamedTuple):
    """A held dialogue's documentation: the public part, and the internal comments
    and reflections (seed 002), which only the internal version has."""

    municipality: str
    project: str
    date: date
    public_notes: str | None
    internal_notes: str | None


class Given(NamedTuple):
    municipality: str
    project: str
    feedback: Feedback


class Compiled(NamedTuple):
    """An area's follow-up, or the year's in total (`area` None)."""

    id: str
    title: str
    area: DialogueArea | None
    projects: list[str]
    dialogues: int
    participants: str
    per_thousand: str
    rows: list[Row]
    age_groups: list[tuple[str, str]]
    genders: list[tuple[str, str]]
    themes: list[Theme]
    answers: dict[str, list[Answer]]
    feedback: list[Given]
    documentation: list[Documented]


def follow_up(plan: ImplementationPlan, workspace: Workspace, audience: str) -> dict:
    public = audience == "public"
    language = plan.language
    projects = linked_projects(plan, workspace, public)
    by_id = {project.id: project for project in projects}
    groups = [
        (area.id, area.question_area, area, [by_id[p] for p in area.projects if p in by_id])
        for area in plan.areas
    ]
    if without := _without_area(plan, projects):
        groups.append(("", words(language)["yearly.without_area"], None, without))
    figures = _Figures(groups, projects, language, public)
    compiled = [figures.compiled(*group) for group in groups]
    total = figures.compiled("total", "", None, projects)
    questions = dict(FOLLOW_UP_QUESTIONS[language])
    questions = {
        "dialogue_type": questions.pop("dialogue_type"),
        HOW_MANY: words(language)["yearly.how_many"],
        **questions,
    }
    return {
        "rungs": rungs(language),
        "areas": compiled,
        "total": total,
        "follow_up_questions": questions,
        "missing": [pid for area in plan.areas for pid in area.projects if pid not in by_id],
    }


class _Figures:
    """The counts of the follow-up and which of them a public version hides: the
    dialogues' participants add up to an area's, the areas' to the year's, and each
    age group and gender likewise (participation.suppress hides what a reader could
    work out from the sums). A dialogue's count hidden in its project's own public
    report (participation.figures) is hidden here too."""

    def __init__(self, groups: list, projects: list, language: str, public: bool) -> None:
        self.language = language
        self.counts: dict[tuple, int] = {}
        self.lines: list = []
        for group_id, _, _, members in groups:
            dialogues = [("p", p.id, d.id) for p in members for d in counted(p)]
            self.counts.update(
                (("p", p.id, d.id), d.outcome.participants)
                for p in members
                for d in counted(p)
                if d.outcome.participants is not None
            )
            self._sum(("all", group_id), dialogues)
            for kind, field in (("age", "age_groups"), ("gender", "genders")):
                summed = _summed(getattr(d.outcome, field) for p in members for d in counted(p))
                self.counts.update(((kind, group_id, g), n) for g, n in summed.items())
                self._line(("all", group_id), [(kind, group_id, g) for g in summed])
        for kind in ("all", "age", "gender"):  # the areas add up to the year
            totals = dict.fromkeys(key[2:] for key in self.counts if key[0] == kind)
            for rest in totals:
                self._sum((kind, "total", *rest), [(kind, g[0], *rest) for g in groups])
        self.small, self.hidden = suppress(self.counts, self.lines) if public else (set(), set())
        for project in projects if public else []:
            own = figures(project, public=True).dialogues
            for row in own:
                if row.participants.value is None and ("p", project.id, row.id) in self.counts:
                    self.hidden.add(("p", project.id, row.id))
                    if row.participants.small:
                        self.small.add(("p", project.id, row.id))

    def _sum(self, total: tuple, parts: list[tuple]) -> None:
        """`total` as the sum of those of `parts` that are counted."""
        parts = [part for part in parts if part in self.counts]
        if parts:
            self.counts[total] = sum(self.counts[part] for part in parts)
            self._line(total, parts)

    def _line(self, total: tuple, parts: list[tuple]) -> None:
        if total in self.counts and parts:
            exact = sum(self.counts[part] for part in parts) == self.counts[total]
            self.lines.append((total, tuple(parts), exact))

    def shown(self, key: tuple) -> str:
        w = words(self.language)
        if key not in self.counts:
            return "–"
        if key in self.small:
            return w["participation.fewer_than"].format(n=SMALL)
        if key in self.hidden:
            return w["participation.hidden"]
        return shown_count(self.counts[key], self.language, public=False).text

    def per_thousand(self, key: tuple, population: int | None) -> str:
        """Hidden with its count: a published population would give the count away."""
        if key in self.hidden or key not in self.counts:
            return "–"
        return rate(per_thousand(self.counts[key], population), self.language).text

    def compiled(self, group_id: str, title: str, area, projects: list) -> Compiled:
        held = [(p, d) for p in projects for d in counted(p)]
        rows = [
            Row(
                d.municipality,
                p.title,
                d.date,
                self.shown(("p", p.id, d.id)),
                population_of(p, d.municipality),
                self.per_thousand(("p", p.id, d.id), population_of(p, d.municipality)),
            )
            for p, d in held
        ]
        return Compiled(
            id=group_id,
            title=title,
            area=area,
            projects=[p.title for p in projects],
            dialogues=len(held),
            participants=self.shown(("all", group_id)),
            per_thousand=self.per_thousand(("all", group_id), _population(projects)),
            rows=rows,
            age_groups=self._breakdown("age", group_id),
            genders=self._breakdown("gender", group_id),
            themes=_themes(projects, self.language),
            answers=_answers(held, [row.participants for row in rows]),
            feedback=[
                Given(d.municipality, p.title, f) for p, d in held for f in d.outcome.feedback
            ],
            documentation=[_documented(p, d) for p, d in held],
        )

    def _breakdown(self, kind: str, group_id: str) -> list[tuple[str, str]]:
        """Each age group (as written) or gender (in words) with its count as shown."""
        keys = [key for key in self.counts if key[:2] == (kind, group_id)]
        if kind == "gender":
            return [(label(key[2], self.language), self.shown(key)) for key in keys]
        return [(key[2], self.shown(key)) for key in keys]


def _answers(held: list, participants: list[str]) -> dict[str, list[Answer]]:
    """Seed 001's follow-up questions answered per dialogue; "Hur många deltog?" by
    the participant count as shown."""
    answers = {
        HOW_MANY: [
            Answer(d.municipality, p.title, n)
            for (p, d), n in zip(held, participants, strict=True)
            if n != "–"
        ]
    }
    for field in FollowUp.model_fields:
        answers[field] = [
            Answer(d.municipality, p.title, getattr(d.outcome.follow_up, field))
            for p, d in held
            if d.outcome.follow_up and getattr(d.outcome.follow_up, field)
        ]
    return answers


def _population(projects: list) -> int | None:
    """The inhabitants of the municipalities where participants were counted, each
    once, when the projects give every one of them; otherwise None."""
    places: dict[str, int | None] = {}
    for project in projects:
        for d in counted(project):
            if d.outcome.participants is not None:
                place = d.municipality.strip().casefold()
                places.setdefault(place, population_of(project, d.municipality))
    if not places or None in places.values():
        return None
    return sum(places.values())


def _documented(project: DialogueProject, dialogue) -> Documented:
    outcome = dialogue.outcome
    return Documented(
        dialogue.municipality,
        project.title,
        dialogue.date,
        outcome.public_notes,
        outcome.internal_notes,
    )


def _summed(breakdowns) -> dict[str, int]:
    total: dict[str, int] = {}
    for breakdown in breakdowns:
        for group, count in breakdown.items():
            total[group] = total.get(group, 0) + count
    return total


def _themes(projects: list, language: str) -> list[Theme]:
    """The themes heard across the projects, the most common first (heard.py), each
    with every project's "vi gör" state for it."""
    held = [d for p in projects for d in counted(p)]
    states: dict[str, list[str]] = {}
    for project in projects:
        for heard in said_and_done(project, counted(project))["themes"]:
            if heard.state:
                text = heard.state if len(projects) == 1 else f"{heard.state} ({project.title})"
                states.setdefault(heard.theme.casefold(), []).append(text)
    return [
        Theme(theme, places, states.get(theme.casefold(), []))
        for theme, places in themes_heard(held)
    ]
