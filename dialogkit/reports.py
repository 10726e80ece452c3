"""Reports for the board, the committee and the municipalities.

Each report is a Jinja template that writes Markdown; `--format markdown` gives it
as it is (for the project web page), `docx` turns it into a Word document styled by
the reference .docx. A public report is rendered from the plan's public version
(privacy.public_version, for every kind): internal fields are gone and personal data in
every text is removed before any template sees the plan or the other plans it draws
on. What leaves dialogkit still passes the gate (gate.check_public).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import clock, yearly
from .costs import estimate, missing_formats
from .docx_writer import DocumentInfo, markdown_to_docx
from .errors import UsageError
from .heard import said_and_done
from .markup import markdown_text
from .model.project import COST_ITEMS, FollowUp
from .participation import counted, figures
from .privacy import public_data, public_version
from .render.timeline import month_name
from .settings import workspace_root
from .templating import render, template_dirs, template_environment
from .timeline import build_timeline
from .words import FOLLOW_UP_QUESTIONS
from .workspace import LoadedPlan, Workspace

if TYPE_CHECKING:
    from .model import CommunicationPlan, DialogueProject, LocalPlan, Strategy

AUDIENCES = ("internal", "public")
FOLLOW_UP_FIELDS = tuple(FollowUp.model_fields)
"""The follow-up questions of seed 001, in order; their wording is in words.py."""


@dataclass(frozen=True)
class Report:
    kind: str
    audience: str
    markdown: str
    info: DocumentInfo
    pictures: dict[str, Callable[[], bytes]] = field(default_factory=dict)
    """The images the Markdown names (`![alt](name)`), by name: the key figures' charts,
    drawn only for a Word file."""

    def text_only(self) -> str:
        """The Markdown as a file of its own: a picture that is not written beside it
        is its description (the chart's trend in words), not a link to nothing."""
        import re

        def described(match: re.Match) -> str:
            alt, name = match.groups()
            return alt if name in self.pictures else match.group(0)

        return re.sub(r"^!\[([^\]\n]*)\]\(([^)\n]+)\)$", described, self.markdown, flags=re.M)


def report_kinds() -> list[str]:
    """Every report of every plan kind (the kinds' `REPORTS`)."""
    from .model import PLAN_KINDS

    return [spec.kind for model in PLAN_KINDS.values() for spec in model.REPORTS]


def choose_kind(loaded: LoadedPlan, kind: str | None) -> str:
    """`kind`, if the plan has that report; without it, the plan's first report."""
    own = [spec.kind for spec in loaded.plan.REPORTS]
    if kind is None or kind in own:
        return kind or own[0]
    if kind not in report_kinds():
        raise UsageError(
            f"Rapporttypen '{kind}' finns inte.",
            hint="Välj bland: " + ", ".join(report_kinds()),
            english=(
                f"There is no report kind '{kind}'.",
                "Choose from: " + ", ".join(report_kinds()),
            ),
        )
    raise UsageError(
        f"Rapporten {kind} passar inte för {loaded.path.name}.",
        hint="För den här planen: " + ", ".join(own) + ".",
        english=(
            f"The report {kind} does not fit {loaded.path.name}.",
            "For this plan: " + ", ".join(own) + ".",
        ),
    )


def build_report(
    loaded: LoadedPlan,
    kind: str | None = None,
    audience: str = "internal",
    *,
    templates: Path | None = None,
    workspace: Workspace | None = None,
) -> Report:
    """Render the report's Markdown; `to_docx` turns it into Word. `workspace` gives
    the other plans a report draws on (a local plan's strategy, a strategy's local
    plans); without it they are read from the plan's folder when needed."""
    kind = choose_kind(loaded, kind)
    if audience not in AUDIENCES:
        raise UsageError(
            f"Okänd målgrupp '{audience}'.",
            hint="Välj public eller internal.",
            english=(f"Unknown audience '{audience}'.", "Choose public or internal."),
        )
    plan = loaded.plan
    if audience == "public":
        plan = public_version(plan)
    context = _CONTEXTS[kind](plan, workspace or Workspace.around(loaded), audience)
    context["made"] = report_date(plan)
    pictures = context.pop("pictures", {})
    if audience == "public":
        context = public_data(context, plan)
    language = plan.language
    env = template_environment(loaded, templates, markdown=True)
    markdown = render(
        env, f"{language}/report/{kind}.md.j2", plan=plan, audience=audience, **context
    )
    first_line = markdown.lstrip().splitlines()[0] if markdown.strip() else kind
    title = markdown_text(first_line.lstrip("# "))
    info = DocumentInfo(
        title=title,
        author=plan.issuer,
        subject=plan.display_title,
        language=language,
        audience=audience,
    )
    return Report(kind, audience, markdown, info, pictures)


def report_date(plan) -> date:
    """The date in a report's title block: the plan's own date when it has one (a
    communication plan is dated), otherwise the day the report is made. `clock.now`
    is the moment the Word file's properties carry too, and with SOURCE_DATE_EPOCH a
    rebuilt report is the same file."""
    return getattr(plan, "date", None) or clock.now().date()


def to_docx(report: Report, loaded: LoadedPlan, templates: Path | None = None) -> bytes:
    return markdown_to_docx(
        report.markdown,
        reference_docx(loaded, templates),
        report.info,
        {name: draw() for name, draw in report.pictures.items()},
    )


def reference_docx(loaded: LoadedPlan, templates: Path | None = None) -> Path:
    """The first reference.docx in the template lookup order."""
    for folder in template_dirs(workspace_root(loaded.path), templates):
        if (folder / "reference.docx").is_file():
            return folder / "reference.docx"
    raise UsageError(
        "Ingen reference.docx hittades.", english=("No reference.docx was found.", None)
    )


# --- what each report's template sees -----------------------------------------------


def _project_plan(project: DialogueProject, _workspace, _audience) -> dict:
    timeline = build_timeline(project)
    months = timeline.months()
    grid = [
        (
            item,
            [
                (item.start.year, item.start.month) <= month <= (item.end.year, item.end.month)
                for month in months
            ],
        )
        for item in timeline.items
        if item.kind in ("task", "milestone")
    ]
    costs = None if missing_formats(project) else estimate(project)
    # a test dialogue costs nothing unless the plan gives it costs; then it is summed
    summed = (
        [c.dialogue for c in costs.dialogues if not c.dialogue.test or c.total] if costs else []
    )
    return {
        "months": [month_name(y, m, project.language)[:3] for y, m in months],
        "grid": grid,
        "members_by_id": {m.id: m for m in project.members},
        "estimate": costs,
        "cost_items": COST_ITEMS,
        "summed_count": len(summed),
        "summed_tests": sum(d.test for d in summed),
    }


def _dialogue_report(project: DialogueProject, _workspace, audience) -> dict:
    held = counted(project)
    answers = {
        key: [
            (d.municipality, getattr(d.outcome.follow_up, key))
            for d in held
            if d.outcome.follow_up and getattr(d.outcome.follow_up, key)
        ]
        for key in FOLLOW_UP_FIELDS
    }
    return {
        "held": held,
        "figures": figures(project, public=audience == "public"),
        "follow_up_questions": FOLLOW_UP_QUESTIONS[project.language],
        "answers": answers,
        "feedback": [(d, f) for d in held for f in d.outcome.feedback],
        "formats": sorted(Counter(d.format for d in held).items(), key=lambda kv: -kv[1]),
        "tests_held": [d for d in project.dialogues if d.test and d.status == "held"],
        **said_and_done(project, held),
        "remaining": [
            d
            for d in project.dialogues
            if not d.test and d.outcome is None and d.status in ("planned", "booked")
        ],
        "undocumented": [
            d for d in project.dialogues if not d.test and d.outcome is None and d.status == "held"
        ],
    }


def _communication_plan(plan: CommunicationPlan, _workspace, _audience) -> dict:
    return {"total_hours": sum(a.hours or 0 for a in plan.activities)}


def _local_plan(plan: LocalPlan, workspace: Workspace, _audience) -> dict:
    strategy = workspace.strategy(plan.strategy)
    titles = {g.id: g.title for g in strategy.sub_goals} if strategy else {}
    years = sorted({year for f in plan.key_figures for year in f.values})
    statements = plan.self_assessment
    score_years = sorted({year for s in statements for year in s.scores})
    points = []
    for goal in sorted({s.sub_goal for s in statements}):
        group = [s for s in statements if s.sub_goal == goal]
        per_year = [_year_sum(group, year) for year in score_years]
        points.append((goal, titles.get(goal, str(goal)), per_year, _change(group, score_years)))
    return {
        "strategy": strategy,
        "goal_titles": titles,
        "figure_years": years,
        "scale": plan.self_assessment_scale,
        "score_years": score_years,
        "points": points,
        "statements": [
            (s, [s.scores.get(year) for year in score_years], _change([s], score_years))
            for s in statements
        ],
        "score_totals": [_year_sum(statements, year) for year in score_years],
        "total_change": _change(statements, score_years),
        "highest_total": plan.self_assessment_scale.max * len(statements),
        "scores_missing": any(year not in s.scores for s in statements for year in score_years),
        **_kolada_figures(plan, workspace),
    }


def _plan_path(plan, workspace: Workspace) -> Path | None:
    """The file of `plan` (or of the plan its public version was made from)."""
    for loaded in (*workspace.plans, *workspace.context):
        if loaded.plan.kind == plan.kind and loaded.plan.id == plan.id:
            return loaded.path
    return None


def _kolada_figures(plan: LocalPlan, workspace: Workspace) -> dict:
    """The key figures by year from the Kolada cache, and a chart for each (issue 18)."""
    from . import charts
    from .keyfigures import figure_tables

    path = _plan_path(plan, workspace)
    tables = [t for t in figure_tables(plan, path) if t.places] if path else []
    drawn = charts.available()
    shown, pictures = [], {}
    for number, table in enumerate(tables, start=1):
        lines = [(place.name, table.kolada.get(place.code, {})) for place in table.places]
        rows = [(year, table.own.get(year), table.row(year)) for year in table.years]
        alt = charts.alt_text(table.title, table.unit, lines, plan.language)
        name = f"nyckeltal-{number}-{table.figure.kolada_id}.png" if drawn else None
        if name:
            pictures[name] = partial(charts.line_chart, table.title, table.unit, table.years, lines)
        shown.append((table, rows, alt, name))
    return {
        "kolada_tables": shown,
        "charts_missing": bool(tables) and not drawn,
        "pictures": pictures,
    }


def _year_sum(statements: list, year: int) -> int | None:
    """The statements' points for `year`; None (shown as "saknas") if one has no score:
    a missing score is not a zero."""
    if any(year not in s.scores for s in statements):
        return None
    return sum(s.scores[year] for s in statements)


def _change(statements: list, years: list[int]) -> int | None:
    """The change from the year before the last to the last, counted over the statements
    scored in both years; None when none is."""
    if len(years) < 2:
        return None
    before, last = years[-2:]
    both = [s for s in statements if before in s.scores and last in s.scores]
    return sum(s.scores[last] - s.scores[before] for s in both) if both else None


def _regional(strategy: Strategy, workspace: Workspace, _audience) -> dict:
    loaded_plans = sorted(
        (
            other
            for other in (*workspace.plans, *workspace.context)
            if other.plan.kind == "local_plan" and other.plan.strategy == strategy.id
        ),
        key=lambda loaded: loaded.plan.municipality,
    )
    local_plans = [loaded.plan for loaded in loaded_plans]
    status, latest_year = {}, {}
    for local in local_plans:
        latest = max(local.follow_ups, key=lambda f: f.year, default=None)
        latest_year[local.municipality] = latest.year if latest else None
        for assessment in latest.assessments if latest else []:
            status[(local.municipality, assessment.sub_goal)] = assessment.status
    with_plan = {local.municipality.casefold() for local in local_plans}
    return {
        "local_plans": local_plans,
        "status": status,
        "latest_year": latest_year,
        "without_plan": [m for m in strategy.municipalities if m.casefold() not in with_plan],
        "key_figures": _regional_figures(loaded_plans),
    }


def _regional_figures(loaded_plans: list[LoadedPlan]):
    """Each municipality's latest Kolada value per key figure; None without a cache."""
    from .keyfigures import regional_figures

    return regional_figures([(loaded.plan, loaded.path) for loaded in loaded_plans])


_CONTEXTS = {
    "project-plan": _project_plan,
    "dialogue-report": _dialogue_report,
    "communication-plan": _communication_plan,
    "local-plan": _local_plan,
    "regional": _regional,
    "implementation-plan": yearly.implementation_plan,
    "yearly-follow-up": yearly.follow_up,
}
