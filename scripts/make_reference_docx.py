"""Build templates/reference.docx, the default look of dialogkit's Word reports.

A neutral graphic profile: Calibri, dark-blue headings, a thin rule under the
header. Organisations replace it with their own reference.docx in the workspace's
templates/ folder. Run: .venv/bin/python scripts/make_reference_docx.py
"""

from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt, RGBColor

from dialogkit.docx_writer import REQUIRED_STYLES, clean_package, set_language

BLUE = RGBColor(0x1F, 0x3A, 0x5F)
OUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"


def main() -> None:
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    for name, size in (("Title", 24), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
        font = styles[name].font
        font.name = "Calibri"
        font.size = Pt(size)
        font.bold = True
        font.color.rgb = BLUE
    styles["Table Grid"].font.size = Pt(9)
    # Use each style the reports need once, so Word keeps it in the file.
    for name in REQUIRED_STYLES:
        if name not in ("Normal", "Table Grid"):
            document.add_paragraph(name, style=name)
    document.add_table(rows=1, cols=1).style = styles["Table Grid"]
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    # Nothing of python-docx's own template: its en-US, thumbnail, bibliography XML
    # and Word 2010 styles copy (the writer drops them from every report as well, for
    # an organisation's own reference).
    set_language(document, "sv")
    clean_package(document)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "dialogkit"
    properties.title = "dialogkit"
    properties.comments = ""
    document.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
