"""The report product: a Word document (or its Markdown, or a tagged PDF of the Word
document) for the board, the committee or the public. Which reports a plan has, and
for which audiences, is the plan kind's fact (`REPORTS` on the model); `build` writes
a PDF beside each public report when LibreOffice is there (pdf.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from .base import File, Made, Product, Request
from .draft import marked_text
from .formats import FORMATS


def make_report(loaded, request: Request) -> Made:
    name, report = _report(loaded, request)
    public = report.audience == "public"
    if request.format == "markdown":
        markdown = marked_text(report.text_only(), request.draft, markdown=True)
        return Made([File(f"{name}.md", markdown, public=public)])
    document = _docx(report, loaded, request)
    if request.format == "pdf":
        from ..pdf import to_pdf

        (pdf,) = to_pdf([document])
        return Made([File(f"{name}.pdf", pdf, public=public)])
    return Made([File(f"{name}.docx", document, public=public)])


def public_documents(
    loaded, kind: str, *, templates=None, draft: str | None = None
) -> list[tuple[str, bytes]]:
    """The public report as the Word file `report -f docx` writes and, when PDFs can be
    made, its PDF: (file name, bytes), for the project's web page to publish the very
    files of the report command."""
    from ..pdf import available, to_pdf

    request = Request(report=kind, audience="public", templates=templates, draft=draft)
    name, report = _report(loaded, request)
    document = _docx(report, loaded, request)
    if available() is not None:
        return [(f"{name}.docx", document)]
    (pdf,) = to_pdf([document])
    return [(f"{name}.docx", document), (f"{name}.pdf", pdf)]


@contextmanager
def built_together(workspace, drafts: dict, plans: list) -> Iterator[None]:
    """For `build`, around making the products of `plans`: each Word file is made
    once (a public report also goes on the web page), and LibreOffice converts every
    public report in one run, in the background while the other products are made
    (pdf.py `background`); `make_report` then finds its PDF made. `drafts` are the
    plans' draft marks, by path, as `build` gives them to the products."""
    from ..docx_writer import reuse
    from ..errors import DialogkitError
    from ..pdf import available, background

    with reuse():
        documents = []
        if available() is None:
            for loaded in plans:
                if "report" not in loaded.plan.PRODUCTS:
                    continue
                for spec in loaded.plan.REPORTS:
                    if "public" not in spec.audiences:
                        continue
                    request = Request(
                        report=spec.kind,
                        audience="public",
                        workspace=workspace,
                        draft=drafts.get(loaded.path),
                    )
                    try:
                        documents.append(_docx(_report(loaded, request)[1], loaded, request))
                    except DialogkitError:
                        continue  # its product says why, when build makes it
        with background(documents):
            yield


def pdf_warning(plans) -> list[dict[str, str]]:
    """For `build`, by language: the PDFs of the public reports were not made, and
    what to install; nothing when they were, or when no plan has a public report."""
    from ..pdf import available
    from ..words import words

    problem = available()
    public = any("public" in spec.audiences for loaded in plans for spec in loaded.plan.REPORTS)
    if problem is None or not public:
        return []
    return [
        {
            language: words(language)["pdf.not_made"].format(
                why=problem.in_language(language)[0], what=problem.in_language(language)[1]
            )
            for language in ("sv", "en")
        }
    ]


def _report(loaded, request: Request):
    """The report's file name (without suffix) and the report."""
    from ..reports import build_report
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
    return name, report


def _docx(report, loaded, request: Request) -> bytes:
    from ..reports import to_docx

    report = replace(report, info=replace(report.info, draft=request.draft))
    return to_docx(report, loaded, request.templates)


def _built(plan) -> list[Request]:
    """Every report for every audience as Word, and each public one also as PDF when
    PDFs can be made (`build` says so when they cannot: `pdf_warning`)."""
    from ..pdf import available

    requests = [
        Request(format="docx", report=spec.kind, audience=audience)
        for spec in plan.REPORTS
        for audience in spec.audiences
    ]
    public = [replace(r, format="pdf") for r in requests if r.audience == "public"]
    return requests + (public if public and available() is None else [])


PRODUCT = Product("report", FORMATS["report"], make_report, built=_built, folder="folder.reports")
