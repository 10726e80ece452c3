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

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .formatting import format_rung
from .heard import Heard, said_and_done, theme_key, themes_heard
from .model.choices import ParticipationRung, choice_of
from .model.project import Feedback, FollowUp
from .participation import (
    BREAKDOWNS,
    TOTAL,
    Breakdown,
    Shower,
    Table,
    counted,
    leaks,
    population_covered,
    population_of,
    project_table,
    shown_count,
    suppress,
    tie_breakdowns,
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
    """Each rung of the participation ladder in plain words, with its step (the
    templates' `rung` filter gives the same)."""
    return {rung: format_rung(rung, language) for rung in choice_of(ParticipationRung).values}


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


class Reply(NamedTuple):
    """A project's "vi gör" for a theme (heard.Heard with its response); `project`
    the project's title, None when the compiled projects are one."""

    project: str | None
    heard: Heard


class Theme(NamedTuple):
    """A theme heard ("Ni sa"), where (none for a theme raised elsewhere, such as on
    a project's web page), and each project's reply to it ("vi gör")."""

    theme: str
    places: list[str]
    replies: list[Reply]


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
    age_groups: Breakdown | None
    genders: Breakdown | None
    themes: list[Theme]
    answers: dict[str, list[Answer]]
    feedback: list[Given]
    documentation: list[Documented]
    # set by follow_up (_summed), beside the figures:
    single_project: bool = False
    """Carried out by one project, so no line names the project."""
    cancelled: bool = False
    """An area cancelled before any dialogue was held."""
    summaries: dict[str, str] | None = None
    """Follow-up questions answered from the plan data, by question key."""


def follow_up(plan: ImplementationPlan, workspace: Workspace, audience: str) -> dict:
    public = audience == "public"
    language = plan.language
    projects = linked_projects(plan, workspace, public)
    by_id = {project.id: project for project in projects}
    groups = [
        (
            area.id,
            area.question_area,
            area,
            [by_id[p] for p in dict.fromkeys(area.projects) if p in by_id],
        )
        for area in plan.areas
    ]
    if without := _without_area(plan, projects):
        groups.append(("", words(language)["yearly.without_area"], None, without))
    figures = _Figures(groups, projects, language, public)
    compiled = [_summed(figures.compiled(*group), group[3], language) for group in groups]
    total = _summed(figures.compiled("total", "", None, projects), projects, language)
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
        "one_area": sum(1 for c in compiled if c.projects) == 1,
        "withheld": figures.withheld,
        "year": _areas_done(compiled),
    }


class AreasDone(NamedTuple):
    """The year's dialogue areas: how many, how many held dialogues, how many were
    cancelled without any, and the rest (not carried out yet)."""

    areas: int
    held: int
    cancelled: int
    waiting: int


def _areas_done(compiled: list[Compiled]) -> AreasDone:
    areas = [c for c in compiled if c.area]
    held = sum(1 for c in areas if c.dialogues)
    cancelled = sum(1 for c in areas if c.cancelled)
    return AreasDone(len(areas), held, cancelled, len(areas) - held - cancelled)


def _summed(compiled: Compiled, projects: list, language: str) -> Compiled:
    """`compiled` with what seed 001's questions say in total: the type of dialogue
    (the projects' methods and the dialogues' formats, counted) and how it influenced
    decisions (the "Ni sa – vi gör" responses by state)."""
    held = [d for p in projects for d in counted(p)]
    w = words(language)
    methods = dict.fromkeys(label(p.method, language) for p in projects if counted(p))
    formats = Counter(d.format for d in held)
    kinds = ", ".join(methods)
    if formats:
        kinds += "; " + ", ".join(f"{w[f'yearly.formats.{f}']} {n}" for f, n in formats.items())
    states: dict[str, int] = dict.fromkeys(RESPONSE_ORDER, 0)
    without = 0
    for project in projects:
        heard = said_and_done(project, counted(project))
        for h in heard["said_done"]:
            states[h.response.state] += 1
        without += len(heard["without_response"])
    influence = [f"{n} {w[f'response_state.{state}']}" for state, n in states.items() if n]
    if without:
        influence.append(w["yearly.without_response"].format(n=without))
    summaries = {"dialogue_type": kinds, "influence": ", ".join(influence)}
    return compiled._replace(
        single_project=len(projects) == 1,
        cancelled=bool(compiled.area and compiled.area.status == "cancelled")
        and not compiled.dialogues,
        summaries={key: text for key, text in summaries.items() if text},
    )


RESPONSE_ORDER = ("decided", "done", "considering", "declined")
"""The order of "vi gör" states in a count: what is settled first."""


def _table(groups: list, projects: list, public: bool, withheld: tuple[str, ...]):
    """The follow-up's counts and sums, what the projects' public reports hide, and
    what they publish (see `_Figures`)."""
    table = Table({}, [])
    given_hidden, published = set(), set()
    for project in projects:
        own = project_table(project)
        table.counts.update((_of(project, k), n) for k, n in own.counts.items())
        table.lines.extend(
            (_of(project, t), tuple(_of(project, k) for k in parts), exact)
            for t, parts, exact in own.lines
        )
        hidden = suppress(own.counts, own.lines)[1] if public else set()
        given_hidden |= {_of(project, k) for k in hidden}
        published |= {_of(project, k) for k in own.counts if k not in hidden}
    if "totals" not in withheld:
        for group_id, _, _, members in groups:
            table.add_sum(("area", group_id), [_of(p, ("p", TOTAL)) for p in members])
        table.add_sum(("year",), [_of(p, ("p", TOTAL)) for p in projects])  # each once
    if "breakdowns" in withheld:
        return table, given_hidden, published
    for key in BREAKDOWNS:
        names = dict.fromkeys(
            k[3] for k in table.counts if k[0] == "project" and k[2] == key and k[3] != TOTAL
        )
        for name in names:
            table.add_sum(("year", key, name), [_of(p, (key, name)) for p in projects])
        table.add_sum(("year", key, TOTAL), [("year", key, name) for name in names])
        # the same sum by project: a reader adds up the projects' own sums too
        own = [_of(p, (key, TOTAL)) for p in projects if _of(p, (key, TOTAL)) in table.counts]
        if own:
            table.lines.append((("year", key, TOTAL), tuple(own), True))
    recorded = {
        key: frozenset(
            (p.id, d.id) for p in projects for d in counted(p) if getattr(d.outcome, field)
        )
        for key, field in BREAKDOWNS.items()
    }
    tie_breakdowns(table, ("year",), {k: ("year", k, TOTAL) for k in BREAKDOWNS}, recorded)
    return table, given_hidden, published


class _Figures:
    """The counts of the follow-up and which of them a public version hides. Each
    project's own public counts (participation.project_table) come as its public
    report shows or hides them, never otherwise; the follow-up adds its own sums: a
    project's total to its area's, the areas' to the year's, and each breakdown's groups
    summed over the projects. participation.suppress hides as many of those as it takes
    that no small count can be worked out. Breakdowns are published for the whole year
    only; per area they are in the internal version."""

    def __init__(self, groups: list, projects: list, language: str, public: bool) -> None:
        self.public = public
        self.withheld: tuple[str, ...] = ()
        # When what the projects' reports publish leaves no choice that keeps every
        # small count safe, the follow-up withholds its own sums: first the year's
        # breakdowns, then the areas' and the year's totals (the reports alone are safe).
        for withheld in ((), ("breakdowns",), ("breakdowns", "totals")):
            table, given_hidden, published = _table(groups, projects, public, withheld)
            small, hidden = (
                suppress(table.counts, table.lines, given_hidden, published)
                if public
                else (set(), set())
            )
            if not public or not leaks(table.counts, table.lines, small, hidden):
                break
        self.withheld = withheld
        self.show = Shower(table.counts, set(small), set(hidden), language)

    def compiled(self, group_id: str, title: str, area, projects: list) -> Compiled:
        held = [(p, d) for p in projects for d in counted(p)]
        rows = [
            Row(
                d.municipality,
                p.title,
                d.date,
                self.show.count(_of(p, ("p", d.id))).text,
                population_of(p, d.municipality),
                self.show.rate(_of(p, ("p", d.id)), population_of(p, d.municipality)).text,
            )
            for p, d in held
        ]
        key = ("year",) if group_id == "total" else ("area", group_id)
        return Compiled(
            id=group_id,
            title=title,
            area=area,
            projects=[p.title for p in projects],
            dialogues=len(held),
            participants=self.show.count(key).text,
            per_thousand=self.show.rate(key, population_covered(held)).text,
            rows=rows,
            age_groups=self._breakdown("age", group_id, held),
            genders=self._breakdown("gender", group_id, held),
            themes=_themes(projects, self.show.language),
            answers=_answers(held, [row.participants for row in rows]),
            feedback=[
                Given(d.municipality, p.title, f) for p, d in held for f in d.outcome.feedback
            ],
            documentation=[_documented(p, d) for p, d in held],
        )

    def _breakdown(self, key: str, group_id: str, held: list) -> Breakdown | None:
        """The year's breakdown as published, or an area's exact one in the internal
        version; None where the follow-up shows none."""
        field = BREAKDOWNS[key]
        recorded = [(p, d) for p, d in held if getattr(d.outcome, field)]
        if not recorded or (self.public and (group_id != "total" or "breakdowns" in self.withheld)):
            return None
        language = self.show.language
        if group_id == "total":
            names = [k[2] for k in self.show.counts if k[:2] == ("year", key) and k[2] != TOTAL]
            groups = [(name, self.show.count(("year", key, name))) for name in names]
            base = self.show.count(("year", key, TOTAL))
        else:
            summed: dict[str, int] = {}
            for _, d in recorded:
                for name, n in getattr(d.outcome, field).items():
                    summed[name] = summed.get(name, 0) + n
            groups = [(name, shown_count(n, language, False)) for name, n in summed.items()]
            base = shown_count(sum(summed.values()), language, False)
        if key == "gender":
            groups = [(label(name, language), shown) for name, shown in groups]
        return Breakdown(groups, base, len(recorded), [])


def _of(project, key: tuple) -> tuple:
    """A project's own count (participation.project_table) among the follow-up's."""
    return ("project", project.id, *key)


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


def _documented(project: DialogueProject, dialogue) -> Documented:
    outcome = dialogue.outcome
    return Documented(
        dialogue.municipality,
        project.title,
        dialogue.date,
        outcome.public_notes,
        outcome.internal_notes,
    )


def _themes(projects: list, language: str) -> list[Theme]:
    """The themes heard across the projects, the most common first (heard.py), each
    with every project's "vi gör" state for it."""
    held = [d for p in projects for d in counted(p)]
    themes = {theme_key(t): Theme(t, places, []) for t, places in themes_heard(held)}
    for project in projects:
        title = None if len(projects) == 1 else project.title
        for heard in said_and_done(project, counted(project))["said_done"]:
            theme = themes.setdefault(theme_key(heard.theme), Theme(heard.theme, [], []))
            theme.replies.append(Reply(title, heard))
    return list(themes.values())
