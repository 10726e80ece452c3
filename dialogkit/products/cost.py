"""The cost estimate of a dialogue project, beside the scenarios it is compared with:
a terminal table, Markdown, CSV, JSON or an xlsx workbook."""

from __future__ import annotations

from .base import Drawing, File, Made, Product, Request
from .formats import FORMATS


def make_cost(loaded, request: Request) -> Made:
    from ..costs import compare
    from ..render import cost as render
    from ..words import words

    project = loaded.plan
    language = project.language
    scenarios = costed_scenarios(project) if request.scenarios is None else request.scenarios
    estimates = compare(project, list(scenarios))
    return table_product(
        words(language)["file.cost"],
        request.format,
        table=lambda console: render.render_estimate_table(estimates, console, language),
        markdown=lambda: render.render_estimate_markdown(estimates, project.title, language),
        csv=lambda: render.render_estimate_csv(estimates, language=language),
        json=lambda: render.render_estimate_json(estimates, project.id),
        xlsx=lambda: render.render_estimate_xlsx(
            estimates, project.title, language, author=project.byline
        ),
    )


def table_product(stem: str, fmt: str, *, table, **renderers) -> Made:
    """A table in one of FORMATS: `table(console)` draws it on the terminal, each other
    format's renderer gives the file's content (cost and workload share this)."""
    if fmt == "table":
        return Made([Drawing(f"{stem}.txt", table)])
    extension = "md" if fmt == "markdown" else fmt
    return Made([File(f"{stem}.{extension}", renderers[fmt]())])


def costed_scenarios(project) -> list[str]:
    """The built-in scenarios the plan has prices for, then the plan's own."""
    from ..costs import BUILT_IN_SCENARIOS

    built_in = [
        name for name, (_, fmt) in BUILT_IN_SCENARIOS.items() if fmt in project.costs.per_dialogue
    ]
    return [*built_in, *(s.id for s in project.costs.scenarios)]


PRODUCT = Product(
    "cost",
    FORMATS["cost"],
    make_cost,
    built=lambda plan: [Request(format=f) for f in ("markdown", "xlsx")],
)
