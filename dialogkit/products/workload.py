"""The workload of a communication plan: hours per responsible person and month, as a
terminal table, Markdown, CSV, JSON or an xlsx workbook."""

from __future__ import annotations

from .base import Drawing, File, Made, Product, Request
from .cost import FORMATS


def make_workload(loaded, request: Request) -> Made:
    from ..errors import UsageError
    from ..render import cost as render
    from ..words import words
    from ..workload import workload

    if request.scenarios:
        raise UsageError("Scenarier finns bara för dialogprojekt.")
    plan = loaded.plan
    load, language = workload(plan), plan.language
    stem = words(language)["file.workload"]
    if request.format == "table":
        return Made(
            [
                Drawing(
                    f"{stem}.txt",
                    lambda console: render.render_workload_table(load, console, language),
                )
            ]
        )
    content = {
        "markdown": lambda: render.render_workload_markdown(load, language),
        "csv": lambda: render.render_workload_csv(load, language=language),
        "json": lambda: render.render_workload_json(load, plan.id),
        "xlsx": lambda: render.render_workload_xlsx(load, language),
    }[request.format]()
    extension = "md" if request.format == "markdown" else request.format
    return Made([File(f"{stem}.{extension}", content)])


PRODUCT = Product(
    "workload",
    FORMATS,
    make_workload,
    built=lambda plan: [Request(format=f) for f in ("markdown", "xlsx")],
)
