"""Word reports that can be handed out as they are (issue 13), checked in the document
XML of every report of the example builds (plans/ and tests/english/) and of small
documents made for one property each: no word split in a table, rows that never split,
repeated and marked header rows, landscape for wide tables, a table of contents that is
written out (no field), the report's language, its own properties and nothing left
from the reference file, the internal marking, heading order and alternative text."""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import REPO
from docx import Document
from lxml import etree

from dialogkit.char_widths import BOLD, REGULAR
from dialogkit.docx_writer import DocumentInfo, markdown_to_docx
from dialogkit.entry import main
from dialogkit.words import WORDS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}
EPOCH = "1767225600"  # 2026-01-01
REFERENCE = REPO / "templates" / "reference.docx"
INTERNAL = {"sv": "INTERNT – får inte publiceras", "en": "INTERNAL – not for publication"}
LANGUAGE = {"sv": "sv-SE", "en": "en-GB"}
OWNERS = {  # the organisation (a local plan: the municipality) of each example plan
    ("sv", "vastmanland-nara-vard"): "Region Västmanland",
    ("sv", "lekeberg-kommunikationsplan-2023"): "Lekebergs kommun",
    ("sv", "leksand-lokal-plan"): "Leksand",
    ("sv", "dalarna-god-och-nara-vard"): "Region Dalarna och Dalarnas femton kommuner",
    ("sv", "vastmanland-genomforandeplan-2021"): "Region Västmanland",
    ("en", "vastmanland-nara-vard"): "Region Västmanland",
    ("en", "lekeberg-kommunikationsplan-2023"): "Lekeberg Municipality",
    ("en", "leksand-lokal-plan"): "Leksand",
    ("en", "dalarna-god-och-nara-vard"): "Region Dalarna and the fifteen municipalities of Dalarna",
    ("en", "vastmanland-genomforandeplan-2021"): "Region Västmanland",
}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


# The builds ------------------------------------------------------------------------


def build(source: Path, out: Path) -> None:
    """`dialogkit build SOURCE --out OUT`, in-process, reproducible."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.setattr(sys, "argv", ["dialogkit", "build", str(source), "--out", str(out)])
        quiet = io.StringIO()
        with (
            contextlib.redirect_stdout(quiet),
            contextlib.redirect_stderr(quiet),
            contextlib.suppress(SystemExit),
        ):
            main()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[tuple[str, Path]]:
    """(language, path) of every Word report of both example builds."""
    found = []
    for language, source in (("sv", REPO / "plans"), ("en", REPO / "tests" / "english")):
        out = tmp_path_factory.mktemp(f"build-{language}")
        build(source, out)
        reports = WORDS[language]["folder.reports"]  # the web page's copy is the same file
        found += [(language, path) for path in sorted(out.rglob(f"{reports}/*.docx"))]
    assert len(found) == 18, found  # nine reports in each language
    return found


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def xml(data: bytes):
    return etree.fromstring(data)


def made(markdown: str, info: DocumentInfo | None = None, reference: Path = REFERENCE):
    """A document made by the writer, as its parts."""
    data = markdown_to_docx(markdown, reference, info or DocumentInfo("Titel", "Region Test"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


# Measuring, independently of the writer ---------------------------------------------


def word_widths(cell) -> list[tuple[str, float]]:
    """Each unbreakable part of a cell (a word, split at spaces and line breaks and
    after a hyphen before a letter) and its width in twips, each character measured
    at its run's size and weight."""
    chars: list[tuple[str, float]] = []
    for run in cell.iter(w("r")):
        size = int(run.find(f"{w('rPr')}/{w('sz')}").get(w("val"))) / 2
        table = BOLD if run.find(f"{w('rPr')}/{w('b')}") is not None else REGULAR
        for child in run:
            text = child.text if child.tag == w("t") else "\n" if child.tag == w("br") else ""
            chars += [(c, table.get(c, 1000) * size / 50) for c in text or ""]
    parts, current = [], []
    for index, (char, width) in enumerate(chars):
        if char in " \t\n":  # not a no-break space ("40 000 kr" is one word)
            parts.append(current)
            current = []
            continue
        current.append((char, width))
        following = chars[index + 1][0] if index + 1 < len(chars) else ""
        if char == "-" and following.isalpha():
            parts.append(current)
            current = []
    parts.append(current)
    return [("".join(c for c, _ in p), sum(x for _, x in p)) for p in parts if p]


def tables(document) -> list:
    return document.findall(f".//{w('tbl')}")


def sections_of(document) -> list[tuple[object, list]]:
    """Each section's properties with the tables in it, in order."""
    sections, current = [], []
    body = document.find(w("body"))
    for element in body:
        current += [element] if element.tag == w("tbl") else []
        properties = element.find(f"{w('pPr')}/{w('sectPr')}")
        if element.tag == w("sectPr"):
            properties = element
        if properties is not None:
            sections.append((properties, current))
            current = []
    return sections


def text_columns(table) -> set[int]:
    """The columns with text below the header (not a timeline's month grid)."""
    return {
        column
        for row in table.findall(w("tr"))[1:]
        for column, cell in enumerate(row.findall(w("tc")))
        if "".join(cell.itertext()).strip()
    }


def landscape(properties) -> bool:
    size = properties.find(w("pgSz"))
    return int(size.get(w("w"))) > int(size.get(w("h")))


# The tests over the example builds -------------------------------------------------


@pytest.mark.slow
def test_no_word_is_split_in_any_table(reports):
    checked = 0
    for _, path in reports:
        document = xml(parts(path)["word/document.xml"])
        for table in tables(document):
            margins = table.find(f"{w('tblPr')}/{w('tblCellMar')}")
            room = sum(int(margins.find(w(side)).get(w("w"))) for side in ("left", "right"))
            grid = [int(col.get(w("w"))) for col in table.iter(w("gridCol"))]
            for row in table.findall(w("tr")):
                for column, cell in enumerate(row.findall(w("tc"))):
                    for word, width in word_widths(cell):
                        assert grid[column] - room >= width, (path.name, word)
                        checked += 1
    assert checked > 1000


@pytest.mark.slow
def test_rows_never_split_and_the_header_row_repeats_as_a_header(reports):
    for _, path in reports:
        document = xml(parts(path)["word/document.xml"])
        assert tables(document), path
        for table in tables(document):
            rows = table.findall(w("tr"))
            assert all(row.find(f"{w('trPr')}/{w('cantSplit')}") is not None for row in rows)
            assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None
            assert all(row.find(f"{w('trPr')}/{w('tblHeader')}") is None for row in rows[1:])
            assert table.find(f"{w('tblPr')}/{w('tblLook')}").get(w("firstRow")) == "1"


def keeps(row) -> bool:
    return all(p.find(f"{w('pPr')}/{w('keepNext')}") is not None for p in row.iter(w("p")))


@pytest.mark.slow
def test_small_tables_stay_with_their_heading_and_a_totals_row_never_stands_alone(reports):
    kept = 0
    for _, path in reports:
        document = xml(parts(path)["word/document.xml"])
        for table in tables(document):
            rows = table.findall(w("tr"))
            assert not keeps(rows[-1])
            if len(rows) > 1:
                assert keeps(rows[0]) and keeps(rows[-2])
            text = "".join(table.itertext())
            if len(rows) < 15 and len(text) < 1500:  # short enough for a page
                assert all(keeps(row) for row in rows[:-1]), path.name
                kept += 1
            before = table.getprevious()
            if before is not None and before.tag == w("p") and "".join(before.itertext()):
                assert before.find(f"{w('pPr')}/{w('keepNext')}") is not None, path.name
    assert kept > 20


@pytest.mark.slow
def test_wide_tables_get_a_landscape_section_and_the_rest_stays_portrait(reports):
    wide_seen = 0
    for _, path in reports:
        document = xml(parts(path)["word/document.xml"])
        sections = sections_of(document)
        assert not landscape(sections[-1][0]) or sections[-1][1], path.name
        assert not landscape(sections[0][0])  # the title page
        for properties, in_section in sections:
            for table in in_section:
                if len(text_columns(table)) > 6 and len(table.findall(w("tr"))) > 1 + 3:
                    assert landscape(properties), path.name  # a few rows may stay portrait
                if landscape(properties):
                    wide_seen += 1
            if not in_section:
                assert not landscape(properties), path.name  # no landscape page of text
    assert wide_seen >= 6


@pytest.mark.slow
def test_the_communication_plans_target_groups_are_on_landscape_pages(reports):
    path = next(p for language, p in reports if language == "sv" and "kommunikation" in p.name)
    sections = sections_of(xml(parts(path)["word/document.xml"]))
    for properties, in_section in sections:
        for table in in_section:
            header = "".join(table.find(w("tr")).itertext())
            if header.startswith("Vem/vilka"):
                assert landscape(properties)
            if header.startswith("Vad ska vi göra"):
                assert not landscape(properties)


@pytest.mark.slow
def test_the_report_language_is_declared_everywhere(reports):
    for language, path in reports:
        files = parts(path)
        tag = LANGUAGE[language]
        styles = xml(files["word/styles.xml"])
        default = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
        assert default.get(w("val")) == tag
        assert {lang.get(w("val")) for lang in styles.iter(w("lang"))} == {tag}
        settings = xml(files["word/settings.xml"])
        assert settings.find(w("themeFontLang")).get(w("val")) == tag
        core = xml(files["docProps/core.xml"])
        assert core.find("dc:language", NS).text == tag
        assert "word/stylesWithEffects.xml" not in files  # Word 2010's copy, in en-US
        assert b"en-US" not in b"".join(files.values())


@pytest.mark.slow
def test_core_properties_are_the_reports_own(reports):
    for language, path in reports:
        files = parts(path)
        core = xml(files["docProps/core.xml"])
        document = xml(files["word/document.xml"])
        title = "".join(document.find(f".//{w('p')}").itertext())  # the Title paragraph
        assert core.find("dc:title", NS).text == title
        assert core.find("dc:subject", NS).text
        owner = OWNERS[language, path.parent.parent.name]
        assert core.find("dc:creator", NS).text == owner
        assert core.find("cp:lastModifiedBy", NS).text == owner
        for name in ("created", "modified"):
            assert core.find(f"dcterms:{name}", NS).text == "2026-01-01T00:00:00Z"
        assert core.find("dc:description", NS) is None or not core.find("dc:description", NS).text


@pytest.mark.slow
def test_nothing_is_left_from_the_reference_file(reports):
    for _, path in reports:
        files = parts(path)
        app = xml(files["docProps/app.xml"])
        assert app.find("ep:Application", NS).text == "dialogkit"
        assert not app.find("ep:Company", NS).text
        for stale in ("Template", "AppVersion", "Pages", "Words", "TitlesOfParts"):
            assert app.find(f"ep:{stale}", NS) is None, stale
        names = set(files)
        assert not any("thumbnail" in name for name in names)
        assert not any(name.startswith("customXml/") for name in names)
        assert "docProps/custom.xml" not in names
        everything = b"".join(files.values())
        for leftover in (b"Microsoft Macintosh Word", b"dialogkit reference", b"python-docx"):
            assert leftover not in everything, leftover
        settings = xml(files["word/settings.xml"])
        for setting in ("updateFields", "attachedTemplate", "savePreviewPicture"):
            assert settings.find(w(setting)) is None, setting


@pytest.mark.slow
def test_no_field_but_the_page_numbers_and_no_instruction_text(reports):
    for _, path in reports:
        files = parts(path)
        instructions = []
        for name, data in files.items():
            if name.startswith("word/") and name.endswith(".xml"):
                root = xml(data)
                instructions += ["".join(i.itertext()) for i in root.iter(w("instrText"))]
                instructions += [f.get(w("instr")) for f in root.iter(w("fldSimple"))]
        assert instructions, path.name  # the footer's page numbers
        assert {i.split()[0] for i in instructions} <= {"PAGE", "NUMPAGES"}
        text = b"".join(files.values()).decode("utf-8", "replace")
        for instruction in ("Uppdatera fält", "fälten uppdateras", "Update field", "fields are"):
            assert instruction not in text, (path.name, instruction)


def headings_of(files: dict[str, bytes]) -> list[tuple[int, str, list[str]]]:
    """(level, text, bookmarks) of every heading paragraph, levels from the styles'
    names (Heading N)."""
    styles = xml(files["word/styles.xml"])
    level = {}
    for style in styles.iter(w("style")):
        name = style.find(w("name")).get(w("val")).lower()
        if re.fullmatch(r"heading [1-9]", name):
            level[style.get(w("styleId"))] = int(name[-1])
    found = []
    for paragraph in xml(files["word/document.xml"]).iter(w("p")):
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        if style is not None and style.get(w("val")) in level:
            marks = [b.get(w("name")) for b in paragraph.iter(w("bookmarkStart"))]
            found.append((level[style.get(w("val"))], "".join(paragraph.itertext()), marks))
    return found


@pytest.mark.slow
def test_headings_come_in_order_without_a_skipped_level(reports):
    for _, path in reports:
        levels = [level for level, _, _ in headings_of(parts(path))]
        assert levels[0] == 1, path.name
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), path.name


@pytest.mark.slow
def test_a_long_report_has_a_written_table_of_contents_linking_to_its_headings(reports):
    short = {"genomforandeplan.docx", "implementation-plan.docx"}  # two pages: no contents
    for language, path in reports:
        files = parts(path)
        document = xml(files["word/document.xml"])
        links = document.findall(f".//{w('hyperlink')}")
        if path.name in short:
            assert not links, path.name
            continue
        headings = headings_of(files)
        listed = [(level, text) for level, text, _ in headings if level <= 2]
        entries = []
        for link in links:
            paragraph = link.getparent()
            indent = paragraph.find(f"{w('pPr')}/{w('ind')}")
            entries.append((1 + int(indent.get(w("left"))) // 400, "".join(link.itertext())))
            target = link.get(w("anchor"))
            assert any(target in marks for _, _, marks in headings), target
        assert entries == listed, path.name  # every other report of the examples: 3+ pages
        heading = links[0].getparent().getprevious()
        assert "".join(heading.itertext()) == {"sv": "Innehåll", "en": "Contents"}[language]


@pytest.mark.slow
def test_only_an_internal_report_says_so_in_every_page_header(reports):
    for language, path in reports:
        files = parts(path)
        document = xml(files["word/document.xml"])
        relationships = xml(files["word/_rels/document.xml.rels"])
        target = {r.get("Id"): r.get("Target") for r in relationships}
        public = "publi" in path.name  # dialograpport-publik, dialogue-report-public
        for properties, _ in sections_of(document):
            references = properties.findall(w("headerReference"))
            rid = f"{{{NS['r']}}}id"
            texts = [
                "".join(xml(files["word/" + target[r.get(rid)]]).itertext()) for r in references
            ]
            if public:
                assert not any(INTERNAL[language] in t for t in texts), path.name
            else:
                assert references and all(INTERNAL[language] in t for t in texts), path.name


# Single properties, on documents made for them -------------------------------------


def test_a_short_report_has_no_table_of_contents():
    files = made("# Kort rapport\n\n[[TOC]]\n\n## Ett\n\nText.\n\n## Två\n\nMer text.\n")
    document = files["word/document.xml"]
    assert b"<w:hyperlink" not in document and "Innehåll".encode() not in document
    assert b"[[TOC]]" not in document and b"instrText" not in document


def test_a_report_of_three_pages_or_more_gets_one():
    sections = "".join(f"## Avsnitt {n}\n\n{'Text om planen. ' * 60}\n\n" for n in range(12))
    files = made(f"# Lång rapport\n\n[[TOC]]\n\n{sections}")
    assert files["word/document.xml"].count(b"<w:hyperlink w:anchor=") == 12


def test_a_skipped_heading_level_is_lifted():
    files = made("# T\n\n#### Djup\n\n## Ett\n\n#### Två\n\n### Tre\n")
    assert [(level, text) for level, text, _ in headings_of(files)] == [
        (1, "Djup"),
        (1, "Ett"),
        (2, "Två"),
        (2, "Tre"),
    ]


@pytest.mark.slow
def test_a_public_report_has_no_internal_marking_and_english_says_it_in_english():
    public = made("# T\n\nText.\n", DocumentInfo("T", "Org", audience="public"))
    assert INTERNAL["sv"].encode() not in b"".join(public.values())
    english = made("# T\n\nText.\n", DocumentInfo("T", "Org", language="en"))
    assert INTERNAL["en"].encode() in english["word/header1.xml"]
    assert xml(english["docProps/core.xml"]).find("dc:language", NS).text == "en-GB"


def test_a_wide_table_with_few_rows_stays_portrait():
    """A landscape page for one row would be mostly empty."""
    header = "| " + " | ".join(f"Kolumn {n}" for n in range(8)) + " |\n"
    table = header + "|" + " --- |" * 8 + "\n" + "| ja " * 8 + "|\n"
    files = made(f"# T\n\nFörst.\n\n## Bred\n\n{table}")
    assert [landscape(p) for p, _ in sections_of(xml(files["word/document.xml"]))] == [False]


def test_a_wide_table_at_the_end_leaves_no_empty_portrait_page():
    header = "| " + " | ".join(f"Kolumn {n}" for n in range(8)) + " |\n"
    table = header + "|" + " --- |" * 8 + "\n" + ("| ja " * 8 + "|\n") * 5
    files = made(f"# T\n\nFörst.\n\n## Bred\n\n{table}")
    sections = sections_of(xml(files["word/document.xml"]))
    assert [landscape(p) for p, _ in sections] == [False, True]
    assert sections[1][1]  # the table is in the landscape section


def test_hallstahammar_is_never_split():
    """The words the issue saw split, in a narrow column next to a wide one; an amount
    with no-break spaces is one word."""
    rows = "".join(
        f"| {place} | ja | {'Lång text om dialogen. ' * 8} |\n"
        for place in (
            "Hallstahammar",
            "Surahammar",
            "Fagersta stadsbibliotek",
            "110\u00a0000\u00a0kr",
        )
    )
    files = made(f"# T\n\n| Kommun | Ja | Text |\n| --- | --- | --- |\n{rows}")
    table = tables(xml(files["word/document.xml"]))[0]
    grid = [int(col.get(w("w"))) for col in table.iter(w("gridCol"))]
    for row in table.findall(w("tr")):
        for column, cell in enumerate(row.findall(w("tc"))):
            for _, width in word_widths(cell):
                assert grid[column] - 200 >= width
    assert grid[2] > grid[0] > grid[1]  # the text gets the room, "ja" the least


def png() -> bytes:
    """A one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_picture_in_the_reference_gets_alternative_text(tmp_path):
    reference = Document(str(REFERENCE))
    (tmp_path / "logo.png").write_bytes(png())
    run = reference.sections[0].header.paragraphs[0].add_run()
    run.add_picture(str(tmp_path / "logo.png"))
    reference.save(str(tmp_path / "reference.docx"))
    files = made("# T\n\nText.\n", reference=tmp_path / "reference.docx")
    pictures = [
        picture
        for name, data in files.items()
        if name.startswith("word/") and name.endswith(".xml")
        for picture in xml(data).iter(f"{{{NS['wp']}}}docPr")
    ]
    assert pictures and all(p.get("descr") == "Logotyp Region Test" for p in pictures)
