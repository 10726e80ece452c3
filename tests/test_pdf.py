"""Tagged PDF (issue 17): every public report is also a PDF made by LibreOffice from
the very .docx, read back here with pikepdf and pypdf. Without LibreOffice the tests
that need it skip with a message, unless DIALOGKIT_REQUIRE_PDF=1 (CI), where they fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO

from dialogkit import pdf

EPOCH = "1767225600"
TODAY = "2023-03-01"
REPORT = ("-k", "dialogue-report", "-a", "public", "-f", "pdf")


def need_pdf() -> None:
    problem = pdf.available()
    if problem is None:
        return
    message = f"{problem} {problem.hint}"
    if os.environ.get("DIALOGKIT_REQUIRE_PDF") == "1":
        pytest.fail(f"DIALOGKIT_REQUIRE_PDF=1 but: {message}")
    pytest.skip(message)


@pytest.fixture
def no_office(monkeypatch, tmp_path):
    """A PATH without LibreOffice, and none where its installers put it."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(pdf, "INSTALL_PLACES", ())


def tags(path: Path) -> dict:
    """What issue 17 asks of a tagged PDF, as pikepdf reads it."""
    import pikepdf

    with pikepdf.open(path) as document:
        root = document.Root
        with document.open_outline() as outline:
            bookmarks = [str(item.title) for item in outline.root]
        headers = list(_table_headers(root.StructTreeRoot)) if "/StructTreeRoot" in root else []
        return {
            "structure": "/StructTreeRoot" in root,
            "marked": bool(root.MarkInfo.Marked) if "/MarkInfo" in root else False,
            "lang": str(root.get("/Lang", "")),
            "title": str(document.docinfo.get("/Title", "")),
            "display_title": bool(root.ViewerPreferences.get("/DisplayDocTitle", False)),
            "bookmarks": bookmarks,
            "scoped_headers": [h for h in headers if h],
        }


def _table_headers(node, seen=None):
    """For each /TH in the structure tree, its /Scope (None without)."""
    import pikepdf

    seen = set() if seen is None else seen
    if isinstance(node, pikepdf.Array):
        for child in node:
            yield from _table_headers(child, seen)
        return
    if not isinstance(node, pikepdf.Dictionary) or node.objgen in seen:
        return
    if node.objgen != (0, 0):
        seen.add(node.objgen)
    if node.get("/S") == "/TH":
        attributes = node.get("/A")
        attributes = attributes if isinstance(attributes, pikepdf.Array) else [attributes]
        scopes = [a.get("/Scope") for a in attributes if isinstance(a, pikepdf.Dictionary)]
        yield next((str(s) for s in scopes if s is not None), None)
    if "/K" in node:
        yield from _table_headers(node.K, seen)


def assert_tagged(path: Path, docx: Path) -> None:
    """Tagged as issue 17 asks, with the title and language of the Word file it is made
    from (docx_writer writes them: the report's title, sv-SE or en-GB)."""
    from docx import Document

    properties = Document(str(docx)).core_properties
    found = tags(path)
    assert found["structure"] and found["marked"], path
    assert found["lang"] == properties.language and found["lang"] in ("sv-SE", "en-GB"), path
    assert found["title"] and found["title"] == properties.title, path
    assert found["display_title"], path
    assert found["bookmarks"], path
    assert found["scoped_headers"] and set(found["scoped_headers"]) <= {"/Column", "/Row"}, path


@pytest.mark.slow
def test_build_writes_a_tagged_pdf_beside_every_public_report(run, tmp_path, monkeypatch):
    need_pdf()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    result = run("build", "plans", "--out", out, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "PDF" not in result.stderr  # no warning: they were made
    public = sorted(out.glob("*/rapporter/*-publik.docx"))
    pdfs = sorted(out.glob("*/rapporter/*.pdf"))
    assert len(public) >= 2 and pdfs == [p.with_suffix(".pdf") for p in public]
    for path in pdfs:
        assert_tagged(path, path.with_suffix(".docx"))
        assert tags(path)["lang"] == "sv-SE"
    # the single command writes the same bytes
    single = tmp_path / "single.pdf"
    plan = "plans/vastmanland-nara-vard.yaml"
    assert run("report", plan, *REPORT, "-o", single).exit_code == 0
    built = out / "vastmanland-nara-vard/rapporter/dialograpport-publik.pdf"
    assert single.read_bytes() == built.read_bytes()
    # the web page publishes the same two files and says what they are
    web = out / "vastmanland-nara-vard/webb"
    for suffix in (".docx", ".pdf"):
        copy = web / f"rapport/dialograpport-publik{suffix}"
        assert copy.read_bytes() == built.with_suffix(suffix).read_bytes()
    page = (web / "index.html").read_text("utf-8")
    size = -(-(web / "rapport/dialograpport-publik.pdf").stat().st_size // 1000)
    assert (
        f'<a href="rapport/dialograpport-publik.pdf">Rapporten som PDF (.pdf, {size} kB)</a>'
        in page
    )
    assert 'href="rapport/dialograpport-publik.docx">Rapporten som Word-fil (.docx, ' in page


@pytest.mark.slow
def test_an_english_plan_gives_an_english_pdf(run, tmp_path):
    need_pdf()
    target = tmp_path / "report.pdf"
    plan = REPO / "tests/english/vastmanland-nara-vard.yaml"
    assert run("report", plan, *REPORT, "-o", target).exit_code == 0
    docx = tmp_path / "report.docx"
    assert run("report", plan, *REPORT[:-1], "docx", "-o", docx).exit_code == 0
    assert_tagged(target, docx)
    assert tags(target)["lang"] == "en-GB"
    assert tags(target)["title"].startswith("Dialogue report")


@pytest.mark.slow
def test_two_conversions_give_the_same_bytes_and_the_cache_keeps_them(run, tmp_path, monkeypatch):
    need_pdf()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    docx = tmp_path / "report.docx"
    plan = REPO / "plans/vastmanland-nara-vard.yaml"
    assert run("report", plan, *REPORT[:-1], "docx", "-o", docx).exit_code == 0
    document = docx.read_bytes()
    monkeypatch.setenv("DIALOGKIT_CACHE", str(tmp_path / "cache"))
    runs = []
    convert = pdf._convert
    monkeypatch.setattr(pdf, "_convert", lambda *args: runs.append(1) or convert(*args))
    monkeypatch.setattr(pdf, "_memo", {})
    (first,) = pdf.to_pdf([document])
    (entry,) = (tmp_path / "cache/pdf").glob("*.pdf")  # LibreOffice's PDF, dated on use
    assert pdf._normalise(entry.read_bytes(), pdf._created(document)) == first
    monkeypatch.setattr(pdf, "_memo", {})
    entry.unlink()
    (second,) = pdf.to_pdf([document])
    assert len(runs) == 2 and second == first  # two LibreOffice runs, one result
    monkeypatch.setattr(pdf, "_memo", {})
    assert pdf.to_pdf([document]) == [first] and len(runs) == 2  # from the disk cache
    entry.write_bytes(first[: len(first) // 2])  # a cut-off entry is no entry
    monkeypatch.setattr(pdf, "_memo", {})
    assert pdf.to_pdf([document]) == [first] and len(runs) == 3


@pytest.mark.slow
def test_a_personnummer_in_a_public_pdf_is_refused_and_nothing_is_written(run, tmp_path):
    """Only the PDF is checked when the command writes a PDF: the number reaches it
    through an own template, which the redaction of plan text does not see."""
    need_pdf()
    templates = tmp_path / "mallar"
    (templates / "sv/report").mkdir(parents=True)
    source = (REPO / "templates/sv/report/dialogue-report.md.j2").read_text("utf-8")
    (templates / "sv/report/dialogue-report.md.j2").write_text(
        source + "\nFrågor besvaras av 19121212-1212.\n", encoding="utf-8"
    )
    target = tmp_path / "report.pdf"
    plan = REPO / "plans/vastmanland-nara-vard.yaml"
    result = run("report", plan, *REPORT, "--templates", templates, "-o", target)
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "report.pdf" in result.stderr and "personnummer" in result.stderr
    assert "19121212-1212" not in result.stderr  # masked
    assert not target.exists()


@pytest.mark.slow
def test_the_gate_reads_a_pdfs_text(tmp_path):
    need_pdf()
    from docx import Document

    from dialogkit.gate import PersonalDataError, check_public, readable_texts

    word = Document()
    word.core_properties.title = "Kallelse"
    word.add_paragraph("Ange personnummer 19121212-1212 vid anmälan.")
    word.save(tmp_path / "a.docx")
    (made,) = pdf.to_pdf([(tmp_path / "a.docx").read_bytes()])
    assert any("19121212-1212" in text for text in readable_texts(".pdf", made))
    with pytest.raises(PersonalDataError, match="personnummer"):
        check_public("a.pdf", made)


@pytest.mark.slow
def test_without_libreoffice_the_pdf_command_says_what_to_install(run, tmp_path, no_office):
    target = tmp_path / "report.pdf"
    plan = REPO / "plans/vastmanland-nara-vard.yaml"
    result = run("report", plan, *REPORT, "-o", target)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "LibreOffice saknas" in result.stderr
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert not target.exists() and not list(tmp_path.glob("*.pdf*"))
    english = run("--lang", "en", "report", plan, *REPORT, "-o", target)
    assert english.exit_code == 2 and "LibreOffice is missing" in english.stderr


@pytest.mark.slow
def test_without_the_pdf_extra_the_message_names_it(run, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_spec", lambda name: None)
    target = tmp_path / "report.pdf"
    result = run("report", REPO / "plans/vastmanland-nara-vard.yaml", *REPORT, "-o", target)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "pip install 'dialogkit[pdf]'" in result.stderr
    assert not target.exists()


@pytest.mark.slow
def test_build_without_libreoffice_makes_the_rest_and_warns_once(run, tmp_path, no_office):
    out = tmp_path / "out"
    result = run("build", REPO / "plans", "--out", out, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("gjordes inte som PDF") == 1
    assert "libreoffice-writer-nogui" in result.stderr
    assert not list(out.rglob("*.pdf"))
    assert list(out.glob("*/rapporter/*-publik.docx"))
    web = out / "vastmanland-nara-vard/webb"
    assert [p.name for p in (web / "rapport").iterdir()] == ["dialograpport-publik.docx"]
    page = (web / "index.html").read_text("utf-8")
    assert "rapport/dialograpport-publik.docx" in page and ".pdf" not in page


FAKE_OFFICE = """#!{python}
# LibreOffice for the tests: a blank PDF for each Word file, none for one whose text
# title holds BROKEN; each run is logged with the number of its documents.
import shutil, sys, zipfile
from pathlib import Path

args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
sources = [Path(a) for a in args if a.endswith(".docx")]
with open({log!r}, "a") as log:
    log.write(f"{{len(sources)}}\\n")
out.mkdir(parents=True, exist_ok=True)
for source in sources:
    if b"BROKEN" not in zipfile.ZipFile(source).read("docProps/core.xml"):
        shutil.copy({blank!r}, out / f"{{source.stem}}.pdf")
"""


@pytest.fixture
def fake_office(monkeypatch, tmp_path):
    """A fake `soffice` first on the PATH; returns the LibreOffice runs it logs (the
    number of documents in each). A fresh PDF cache, so nothing comes from an earlier run."""
    import sys

    import pikepdf

    need_pdf()  # pikepdf and pypdf
    blank = tmp_path / "blank.pdf"
    with pikepdf.new() as document:
        document.add_blank_page()
        document.save(blank)
    folder, log = tmp_path / "office", tmp_path / "runs.log"
    folder.mkdir()
    office = folder / "soffice"
    office.write_text(FAKE_OFFICE.format(python=sys.executable, log=str(log), blank=str(blank)))
    office.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DIALOGKIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(pdf, "_memo", {})
    return lambda: [int(n) for n in log.read_text().split()] if log.exists() else []


def three_public_reports(tmp_path: Path) -> Path:
    """The dialogue project twice (the other with its own id, title and members, so
    that no one is in two dialogues at once) and its implementation plan: three public
    reports."""
    import re

    plans = tmp_path / "plans"
    plans.mkdir()
    implementation = "vastmanland-genomforandeplan-2021.yaml"
    (plans / implementation).write_bytes((REPO / "plans" / implementation).read_bytes())
    source = (REPO / "plans/vastmanland-nara-vard.yaml").read_text("utf-8")
    (plans / "nara-vard-1.yaml").write_text(source, encoding="utf-8")
    for number in (2,):
        text = source.replace("id: vastmanland-nara-vard", f"id: nara-vard-{number}", 1)
        text = text.replace("title: Invånardialog", f"title: Invånardialog {number}", 1)
        text = re.sub(r"(\{id: \w+, name: [^,]+),", rf"\1 {number},", text)
        (plans / f"nara-vard-{number}.yaml").write_text(text, encoding="utf-8")
    return plans


@pytest.mark.slow
def test_build_converts_all_public_reports_in_one_libreoffice_run(run, tmp_path, fake_office):
    plans = three_public_reports(tmp_path)
    out = tmp_path / "out"
    result = run("build", plans, "--out", out, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    pdfs = sorted(out.glob("*/rapporter/*.pdf"))  # the implementation plan's too
    assert len(pdfs) == 3 and fake_office() == [3]
    # the web pages publish the same files, without another run
    for path in out.glob("*/rapporter/dialograpport-publik.pdf"):
        web = path.parent.parent / "webb/rapport" / path.name
        assert web.read_bytes() == path.read_bytes()
        assert web.with_suffix(".docx").read_bytes() == path.with_suffix(".docx").read_bytes()


@pytest.mark.slow
def test_one_document_libreoffice_fails_on_stops_the_build_and_keeps_the_others(
    run, tmp_path, fake_office
):
    plans = three_public_reports(tmp_path)
    broken = plans / "nara-vard-2.yaml"
    text = broken.read_text("utf-8")
    assert "\ntitle: " in text
    broken.write_text(text.replace("\ntitle: ", "\ntitle: BROKEN ", 1), encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", plans, "--out", out, "--today", TODAY)
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "LibreOffice" in result.stderr and "gjorde ingen PDF" in result.stderr
    assert "Ingen PDF har skrivits" in result.stderr
    assert not out.exists() or not list(out.rglob("*.*"))
    # the batch, then the broken one alone for its own error; the others were kept
    assert fake_office() == [3, 1]
    assert len(list((tmp_path / "cache/pdf").glob("*.pdf"))) == 2
