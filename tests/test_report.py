"""`dialogkit report`: Word documents read back with python-docx."""

from __future__ import annotations

import pytest
from conftest import PROJECT, REPO
from docx import Document
from docx.shared import RGBColor

PLANS = REPO / "plans"
NBSP = "\u00a0"


def everything(document) -> str:
    """All text a reader could see or a file could carry: body, tables, headers,
    footers and document properties."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.even_page_header,
        ):
            parts += [p.text for p in part.paragraphs]
    props = document.core_properties
    parts += [
        props.title or "",
        props.subject or "",
        props.author or "",
        props.comments or "",
        props.keywords or "",
        props.last_modified_by or "",
        props.category or "",
    ]
    return "\n".join(parts)


def make(run, tmp_path, plan, *args) -> Document:
    out = tmp_path / "rapport.docx"
    result = run("report", plan, *args, "--out", out)
    assert result.exit_code == 0, result.stderr
    return Document(str(out))


def headings(document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]


@pytest.mark.slow
def test_project_plan_for_the_committee(run, tmp_path):
    document = make(run, tmp_path, PLANS / "vastmanland-nara-vard.yaml")
    names = [text for style, text in headings(document) if style == "Heading 1"]
    assert names == [
        "Uppdrag",
        "Syfte",
        "Frågeställningar",
        "Dialoger",
        "Tidsaxel",
        "Kostnader",
        "Roller",
        "Återrapportering",
    ]
    assert headings(document)[0] == ("Title", "Projektplan: Invånardialog Nära vård")
    dialogues, grid, costs = document.tables[0], document.tables[1], document.tables[2]
    sala = next(row for row in dialogues.rows if row.cells[0].text == "Sala")
    assert [c.text for c in sala.cells[1:7]] == [
        "4 maj 2021",
        "18.00–20.00",
        "fysisk",
        "Sala stadsbibliotek",
        "ja",
        "ja",
    ]
    assert sala.cells[7].text == "Hassan Ali, Anna Lind"
    # the month grid: December to August, with shaded cells where a task runs
    assert [c.text for c in grid.rows[0].cells][1:10] == [
        "dec",
        "jan",
        "feb",
        "mar",
        "apr",
        "maj",
        "jun",
        "jul",
        "aug",
    ]
    dialogue_row = next(row for row in grid.rows if row.cells[0].text == "Dialoger")
    shaded = ["w:shd" in cell._tc.xml for cell in dialogue_row.cells[1:10]]
    assert shaded == [False, False, False, False, True, True, False, False, False]
    # the totals are the ones `dialogkit cost` gives
    total = next(row for row in costs.rows if row.cells[0].text == "Totalt")
    assert total.cells[1].text == f"110{NBSP}000{NBSP}kr"
    cost = run("cost", PLANS / "vastmanland-nara-vard.yaml").stdout
    assert f"110{NBSP}000{NBSP}kr" in cost


@pytest.mark.slow
def test_word_features(run, tmp_path):
    document = make(run, tmp_path, PLANS / "vastmanland-nara-vard.yaml")
    body = document.element.body.xml
    assert "w:instrText" not in body  # the table of contents is written out, not a field
    assert '<w:hyperlink w:anchor="_Toc' in body
    assert all("PAGE" in s.footer._element.xml for s in document.sections)
    for table in document.tables:
        assert "w:tblHeader" in table.rows[0]._tr.xml
        assert all("w:tblHeader" not in row._tr.xml for row in table.rows[1:])
    props = document.core_properties
    assert props.title == "Projektplan: Invånardialog Nära vård"
    assert props.author == "Region Västmanland"
    assert "dialogkit reference" not in everything(document)
    assert props.created is not None and props.created.year >= 2024


@pytest.mark.slow
def test_dialogue_report_participants_and_follow_up(run, tmp_path):
    document = make(run, tmp_path, PLANS / "vastmanland-nara-vard.yaml", "-k", "dialogue-report")
    participants = document.tables[0]
    rows = {row.cells[0].text: row.cells[3].text for row in participants.rows[1:]}
    assert rows["Västerås"] == "41"
    assert rows["Totalt"] == "213"
    texts = [p.text for p in document.paragraphs]
    assert "Vad är det viktigaste vi har lärt oss från dialogen?" in texts
    assert any(t.startswith("Arboga: Kontinuitet är viktigare") for t in texts)


MARKER = "HEMLIG-REFLEKTION-4711"
SECRET_PROJECT = PROJECT.replace(
    "    members: [anna, bo]\n",
    f"""    members: [anna, bo]
    status: held
    outcome:
      participants: 12
      public_notes: Bra samtal. Ring Eva på 070-123 45 67 eller eva.privat@example.com.
      internal_notes: "{MARKER} om lokalen"
      follow_up:
        main_lesson: Lyssna mer.
      feedback:
        - date: 2021-04-20
          channel: e-post till kalle@example.org
          description: Sammanfattning skickad, frågor till 08-123 456 78.
""",
).replace(
    "      registration_deadline: 2021-04-12\n    members: [bo, cia]\n",
    f"""      registration_deadline: 2021-04-12
    members: [bo, cia]
    status: held
    outcome:
      participants: 7
      internal_notes: "{MARKER} om tekniken"
""",
)


@pytest.mark.slow
def test_public_report_leaks_no_internal_notes_or_contact_data(run, write, tmp_path):
    path = write(SECRET_PROJECT)
    internal = everything(make(run, tmp_path, path, "-k", "dialogue-report"))
    assert internal.count(MARKER) == 2  # the internal version keeps the reflections
    public = make(run, tmp_path, path, "-k", "dialogue-report", "-a", "public")
    text = everything(public)
    for secret in (
        MARKER,
        "070-123 45 67",
        "eva.privat@example.com",
        "kalle@example.org",
        "08-123 456 78",
    ):
        assert secret not in text
    raw = (tmp_path / "rapport.docx").read_bytes()
    assert MARKER.encode() not in raw
    assert "Bra samtal." in text and "[borttaget]" in text
    markdown = run("report", path, "-k", "dialogue-report", "-a", "public", "-f", "markdown")
    assert MARKER not in markdown.stdout


@pytest.mark.slow
def test_communication_plan_report(run, tmp_path):
    document = make(run, tmp_path, PLANS / "lekeberg-kommunikationsplan-2023.yaml")
    groups = document.tables[0]
    assert [c.text for c in groups.rows[0].cells] == [
        "Vem/vilka",
        "Varför?",
        "Veta",
        "Känna",
        "Göra",
    ]
    assert len(groups.rows) == 1 + 12
    activities = document.tables[-1]
    assert [c.text for c in activities.rows[0].cells] == [
        "Vad ska vi göra?",
        "När?",
        "Ansvarig",
        "Tid i h",
    ]
    assert [c.text for c in activities.rows[-1].cells][::3] == ["Summa", "66"]
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Varför – så att jag förstår:") for t in texts)


@pytest.mark.slow
def test_local_plan_report(run, tmp_path):
    document = make(run, tmp_path, PLANS / "leksand-lokal-plan.yaml")
    texts = [p.text for p in document.paragraphs]
    assert "Källa: Kolada" not in texts  # the plan's own values: no source line
    figures = document.tables[1]
    assert [c.text for c in figures.rows[0].cells][2:5] == ["2021", "2022", "2023"]
    assert figures.rows[2].cells[2].text == "52,4"
    points = next(t for t in document.tables if t.rows[0].cells[0].text == "Delmål")
    digital = next(r for r in points.rows if r.cells[0].text.startswith("3."))
    assert [c.text for c in digital.cells] == ["3. Nära i hela Dalarna", "2", "4", "+2"]


@pytest.mark.slow
def test_regional_compilation(run, tmp_path):
    document = make(run, tmp_path, PLANS / "dalarna-strategi.yaml")
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["Kommun", "År", "1. Nära för mig"]
    assert [c.text for c in table.rows[1].cells] == [
        "Leksand",
        "2023",
        "på väg",
        "delvis",
        "på väg",
        "på väg",
        "efter",
    ]


@pytest.mark.slow
def test_custom_reference_docx_styles_are_applied(run, write, tmp_path):
    plan = write(PROJECT, "plans/projekt.yaml")
    (tmp_path / ".git").mkdir()
    (tmp_path / "templates").mkdir()
    reference = Document(str(REPO / "templates" / "reference.docx"))
    reference.styles["Heading 2"].font.name = "Georgia"
    reference.styles["Heading 2"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    reference.sections[0].header.paragraphs[0].text = "Region Test – logotyp"
    reference.save(str(tmp_path / "templates" / "reference.docx"))
    document = make(run, tmp_path, plan)
    heading = document.styles["Heading 2"]
    assert heading.font.name == "Georgia"
    assert heading.font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert document.sections[0].header.paragraphs[0].text == "Region Test – logotyp"


@pytest.mark.slow
def test_reference_without_a_needed_style_is_named(run, write, tmp_path):
    reference = Document(str(REPO / "templates" / "reference.docx"))
    style = reference.styles["List Number"]
    style.element.getparent().remove(style.element)
    mine = tmp_path / "mine"
    mine.mkdir()
    reference.save(str(mine / "reference.docx"))
    result = run("report", write(PROJECT), "--templates", mine, "--out", tmp_path / "x.docx")
    assert result.exit_code == 1
    assert "List Number" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_broken_report_template_names_file_and_line(run, write, tmp_path):
    write(
        "# Rubrik\n\n{% for x in plan.dialogues %}\n{{ x.nope }}\n{% endfor %}\n",
        "mine/sv/report/project-plan.md.j2",
    )
    result = run("report", write(PROJECT), "--templates", tmp_path / "mine", "-f", "markdown")
    assert result.exit_code == 1
    assert "project-plan.md.j2:4" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("-k", "regional"), "project-plan, dialogue-report"),
        (("-k", "budget"), "communication-plan"),
        ((), "--out"),
    ],
)
def test_report_usage_errors(run, write, args, words):
    result = run("report", write(PROJECT), *args)
    assert result.exit_code == 2
    assert words in result.stderr


def test_markdown_format_for_the_web_page(run):
    result = run("report", PLANS / "lekeberg-kommunikationsplan-2023.yaml", "-f", "markdown")
    assert result.stdout.startswith("# Kommunikationsplan: Nära vård – Hälsa tillsammans")
    assert "| Vem/vilka | Varför? | Veta | Känna | Göra |" in result.stdout


@pytest.mark.slow
def test_english_plan_gets_english_reports(run, write, tmp_path):
    path = write(
        SECRET_PROJECT.replace(
            "organisation: Region Test\n", "organisation: Region Test\nlanguage: en\n"
        )
    )
    plan = make(run, tmp_path, path)
    names = [text for style, text in headings(plan) if style == "Heading 1"]
    assert names[:4] == ["Mandate", "Purpose", "Questions", "Dialogues"]
    assert plan.tables[0].rows[1].cells[1].text == "13 April 2021"
    report = make(run, tmp_path, path, "-k", "dialogue-report")
    texts = everything(report)
    assert "What is the most important thing we learned?" in texts
    for swedish in ("Deltagare", "Kommun", "Uppföljning", "april"):
        assert swedish not in texts


# The order WordprocessingML's schema gives these properties; Word may refuse a file
# that breaks it even where LibreOffice is lenient.
SCHEMA_ORDER = {
    "rPr": [
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    ],
    "tcPr": [
        "cnfStyle",
        "tcW",
        "gridSpan",
        "hMerge",
        "vMerge",
        "tcBorders",
        "shd",
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
    ],
    "tblPr": [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ],
}


@pytest.mark.slow
def test_generated_xml_keeps_the_schema_order(run, write, tmp_path):
    text = PROJECT.replace("- Vad är viktigt för dig?", "- Vad är **viktigt** för `dig`?")
    document = make(run, tmp_path, write(text))
    body = document.element.body
    checked = 0
    for parent, order in SCHEMA_ORDER.items():
        for element in body.iter(f"{{*}}{parent}"):
            names = [child.tag.split("}")[1] for child in element]
            positions = [order.index(name) for name in names]
            assert positions == sorted(positions), (parent, names)
            checked += 1
    assert checked > 50


@pytest.mark.slow
def test_table_cells_keep_ampersands_and_angle_brackets(run, write, tmp_path):
    from conftest import COMMUNICATION

    plan = write(COMMUNICATION.replace("name: HR-avdelningen", 'name: "HR & lön, < 50 år"'))
    document = make(run, tmp_path, plan)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "HR & lön, < 50 år" in cells
