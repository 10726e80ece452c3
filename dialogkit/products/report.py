"""The report product: a Word document (or its Markdown) for the board, the committee
or the public. Which reports a plan has, and for which audiences, is the plan kind's
fact (`REPORTS` on the model)."""

from __future__ import annotations

from dataclasses import replace

from .base import File, Made, Product, Request
from .draft import marked_text
from .formats import FORMATS


def make_report(loaded, request: Request) -> Made:
    from ..reports import build_report, to_docx
    from ..words import words

    report = build_report(
        loaded,
        request.report,
        request.audience,
        templates=request.templates,
        workspace=request.workspace,
    )
    language = words(loaded.plan.language)
    spec = next(s for s in loaded.plan.REPORTS if s.kind == report.kind)
    name = language[f"report.{report.kind}"]
    if len(spec.audiences) > 1:
        name += "-" + language[f"audience.{report.audience}"]
    public = report.audience == "public"
    if request.format == "markdown":
        markdown = marked_text(report.markdown, request.draft, markdown=True)
        return Made([File(f"{name}.md", markdown, public=public)])
    report = replace(report, info=replace(report.info, draft=request.draft))
    return Made([File(f"{name}.docx", to_docx(report, loaded, request.templates), public=public)])


PRODUCT = Product(
    "report",
    FORMATS["report"],
    make_report,
    built=lambda plan: [
        Request(format="docx", report=spec.kind, audience=audience)
        for spec in plan.REPORTS
        for audience in spec.audiences
    ],
    folder="folder.reports",
)
