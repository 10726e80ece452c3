"""The cost estimate of a dialogue project, beside the scenarios it is compared with:
a terminal table, Markdown, CSV, JSON or an xlsx workbook."""

from __future__ import annotations

from .base import Drawing, File, Made, NotMadeError, Product, Request
from .draft import marked_drawing, marked_json, marked_text
from .formats import FORMATS


def make_cost(loaded, request: Request) -> Made:
    from ..costs import compare, missing_formats
    from ..render import cost as render
    from ..words import words

    project = loaded.plan
    language = project.language
    missing = missing_formats(project)  # DK212: an error, so the plan is a draft
    if missing:
        raise NotMadeError(
            f"{loaded.path}: kostnaden kan inte beräknas; kostnad saknas för formatet "
            f"'{missing[0]}'.",
            hint=f"Lägg till costs.per_dialogue.{missing[0]} i planen.",
            english=(
                f"{loaded.path}: the cost cannot be estimated; no cost for the format "
                f"'{missing[0]}'.",
                f"Add costs.per_dialogue.{missing[0]} to the plan.",
            ),
        )
    scenarios = costed_scenarios(project) if request.scenarios is None else request.scenarios
    estimates = compare(project, list(scenarios))
    draft = request.draft
    return table_product(
        words(language)["file.cost"],
        request,
        table=lambda console: render.render_estimate_table(estimates, console, language),
        markdown=lambda: render.render_estimate_markdown(estimates, project.title, language),
        csv=lambda: render.render_estimate_csv(estimates, language=language, draft=draft),
        json=lambda: render.render_estimate_json(estimates, project.id),
        xlsx=lambda: render.render_estimate_xlsx(
            estimates, project.title, language, author=project.byline, draft=draft
        ),
    )


def table_product(stem: str, request: Request, *, table, **renderers) -> Made:
    """A table in one of FORMATS: `table(console)` draws it on the terminal, each other
    format's renderer gives the file's content (cost and workload share this). A
    draft's mark heads the terminal view, the Markdown and the JSON; the CSV and xlsx
    renderers place it themselves."""
    fmt, draft = request.format, request.draft
    if fmt == "table":
        return Made([marked_drawing(Drawing(f"{stem}.txt", table), draft)])
    content = renderers[fmt]()
    if fmt == "markdown":
        content = marked_text(content, draft, markdown=True)
    elif fmt == "json":
        content = marked_json(content, draft)
    extension = "md" if fmt == "markdown" else fmt
    return Made([File(f"{stem}.{extension}", content)])


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
