"""The workload of a communication plan: hours per responsible person and month, as a
terminal table, Markdown, CSV, JSON or an xlsx workbook."""

from __future__ import annotations

from .base import Made, Product, Request
from .cost import table_product
from .formats import FORMATS


def make_workload(loaded, request: Request) -> Made:
    from ..errors import UsageError
    from ..render import cost as render
    from ..words import words
    from ..workload import workload

    if request.scenarios:
        raise UsageError(
            "Scenarier finns bara för dialogprojekt.",
            english=("Scenarios exist only for dialogue projects.", None),
        )
    plan = loaded.plan
    load, language, draft = workload(plan), plan.language, request.draft
    return table_product(
        words(language)["file.workload"],
        request,
        table=lambda console: render.render_workload_table(load, console, language),
        markdown=lambda: render.render_workload_markdown(load, language),
        csv=lambda: render.render_workload_csv(load, language=language, draft=draft),
        json=lambda: render.render_workload_json(load, plan.id),
        xlsx=lambda: render.render_workload_xlsx(load, language, author=plan.byline, draft=draft),
    )


PRODUCT = Product(
    "workload",
    FORMATS["workload"],
    make_workload,
    built=lambda plan: [Request(format=f) for f in ("markdown", "xlsx")],
)
