"""Plan text is data, never markup (issue 11, item 4).

Markdown, HTML and Word constructs are planted in the free text of every plan kind;
the Word reports (read back with python-docx), the Markdown (parsed with
markdown-it-py) and the invitations must show them as the characters written, with
the structure of the same report built from harmless text."""

from __future__ import annotations

import email
from collections import Counter
from email import policy

import pytest
import yaml
from conftest import COMMUNICATION, LOCAL_PLAN, PROJECT, REPO, STRATEGY
from docx import Document
from markdown_it import MarkdownIt

# Multi-line text: every construct on a line of its own, so it could start a block.
PLANTED = (
    "# Rubrik\n"
    "| a | b |\n"
    "| --- | --- |\n"
    "[x](javascript:alert(1)) och ![bild](https://evil.example/a.png)\n"
    "**fet** och _kursiv_ och `kod` och ~~struken~~\n"
    "<script>alert(1)</script>\n"
    "\n"
    "---\n"
    "\n"
    "<div>\nhemligt\n</div>\n"
    "\n"
    "***\n"
    "\n"
    "[[TOC]]\n"
    "\n"
    "> citat\n"
    "- punkt\n"
    "1. nummer\n"
    "Rubrik\n"
    "===\n"
    "```\n"
    "kodblock\n"
    "```\n"
    "&amp; &#35; \\*inte fet\\*"
)
# One-line text (names, titles, table cells).
PLANTED_LINE = (
    "# Rubrik | a | b | [x](javascript:alert(1)) **fet** `kod` ~~s~~ "
    "<script>alert(1)</script> [[TOC]]"
)
CLEAN = "Vanlig text."
CLEAN_LINE = "Vanlig rad"

# Markdown tokens that are structure; planted text must not add any.
STRUCTURE = (
    "heading_open",
    "table_open",
    "tr_open",
    "hr",
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "strong_open",
    "em_open",
    "s_open",
    "code_inline",
    "fence",
    "code_block",
    "blockquote_open",
    "bullet_list_open",
    "ordered_list_open",
    "list_item_open",
)


def paragraphs_of(text: str) -> list[str]:
    return text.split("\n\n")


# --- the plans, with text planted in every free-text field ---------------------------


def project(text: str, line: str) -> dict:
    plan = yaml.safe_load(PROJECT)
    plan["title"] = f"Projekt {line}"
    plan["purpose"] = plan["use_of_views"] = plan["anchoring"] = text
    plan["mandate"]["text"] = text
    plan["principles"] = [line, "---"]
    plan["questions"] = [line]
    plan["reporting"]["description"] = text
    plan["timeline"][0]["task"] = line
    plan["costs"]["one_off"][0]["item"] = line
    plan["members"][2]["role"] = line
    plan["dialogues"][0].update(
        status="held",
        outcome={
            "participants": 12,
            "public_notes": text,
            "internal_notes": text,
            "follow_up": {"main_lesson": text, "went_well": text},
            "feedback": [{"date": "2021-04-20", "channel": line, "description": text}],
        },
    )
    return plan


def communication(text: str, line: str) -> dict:
    plan = yaml.safe_load(COMMUNICATION)
    plan["current_situation"] = text
    plan["purposes"] = [line]
    group = plan["target_groups"][0]
    group.update(name=line, why=text, know=text, feel=text, do=text)
    group.update(priority="high", priority_motivation=text, condition=line)
    plan["key_message"] = {"why": text, "what": text, "feeling": text, "how": text}
    plan["activities"][0]["what"] = line
    return plan


def local_plan(text: str, line: str) -> dict:
    plan = yaml.safe_load(LOCAL_PLAN)
    plan["partners"] = [line]
    plan["activities"][0].update(what=line, how=text, follow_up=text)
    plan["key_figures"][0].update(title=line, target=line)
    follow_up = plan["follow_ups"][0]
    follow_up.update(results=text, lessons=text)
    follow_up["assessments"][0]["comment"] = text
    return plan


def strategy(text: str, line: str) -> dict:
    plan = yaml.safe_load(STRATEGY)
    plan["vision"] = text
    plan["sub_goals"][0].update(title=line, description=text)
    return plan


# Reports with a table cell that holds running text, which a cell shows on one line.
RUNNING_TEXT_IN_CELLS = {"dialogue-report", "communication-plan", "local-plan"}

# (report kind, file, the plans of the folder)
REPORTS = {
    "project-plan": ("projekt.yaml", {"projekt.yaml": project}),
    "dialogue-report": ("projekt.yaml", {"projekt.yaml": project}),
    "communication-plan": ("komplan.yaml", {"komplan.yaml": communication}),
    "local-plan": ("lokal.yaml", {"lokal.yaml": local_plan, "strategi.yaml": strategy}),
    "regional": ("strategi.yaml", {"lokal.yaml": local_plan, "strategi.yaml": strategy}),
}


def write_plans(folder, kind: str, text: str, line: str):
    folder.mkdir(parents=True, exist_ok=True)
    main, plans = REPORTS[kind]
    for name, make in plans.items():
        dumped = yaml.safe_dump(make(text, line), allow_unicode=True, sort_keys=False)
        (folder / name).write_text(dumped, encoding="utf-8")
    return folder / main


def build_docx(run, tmp_path, kind: str, text: str, line: str, name: str):
    plan = write_plans(tmp_path / name, kind, text, line)
    out = tmp_path / f"{name}-{kind}.docx"
    result = run("report", plan, "-k", kind, "--out", out)
    assert result.exit_code == 0, result.stderr
    return Document(str(out))


def build_markdown(run, tmp_path, kind: str, text: str, line: str, name: str) -> str:
    plan = write_plans(tmp_path / name, kind, text, line)
    result = run("report", plan, "-k", kind, "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- reading the outputs back --------------------------------------------------------


def visible_text(document) -> str:
    """Every paragraph's and cell's text; a line break in Word reads as a newline."""
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def word_structure(document) -> dict:
    body = document.element.body.xml
    return {
        "headings": [
            p.style.name
            for p in document.paragraphs
            if p.style.name.startswith(("Heading", "Title"))
        ],
        "lists": [p.style.name for p in document.paragraphs if p.style.name.startswith("List")],
        "tables": [(len(t.rows), len(t.columns)) for t in document.tables],
        "page breaks": body.count('w:type="page"'),
        "fields": body.count("w:instrText"),
        "shaded cells": body.count("<w:shd "),
        # links out of the document; the table of contents links to its own headings
        "hyperlinks": body.count("<w:hyperlink") - body.count("<w:hyperlink w:anchor="),
    }


def parse(markdown: str):
    """CommonMark as a web page would render it: raw HTML on, tables, strikethrough."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)


def markdown_structure(markdown: str) -> Counter:
    counts = Counter(token.type for token in parse(markdown))
    for token in parse(markdown):
        counts.update(child.type for child in token.children or [])
    return Counter({kind: counts[kind] for kind in STRUCTURE})


def rendered_text(markdown: str) -> str:
    """The text a reader sees: paragraphs apart, a hard break a newline."""
    blocks = []
    for token in parse(markdown):
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type == "softbreak":
                parts.append(" ")
            elif child.type == "hardbreak":
                parts.append("\n")
        blocks.append("".join(parts))
    return "\n".join(blocks)


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- reports ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("kind", REPORTS)
def test_planted_markup_shows_as_text_in_word(run, tmp_path, kind):
    planted = build_docx(run, tmp_path, kind, PLANTED, PLANTED_LINE, "planted")
    clean = build_docx(run, tmp_path, kind, CLEAN, CLEAN_LINE, "clean")
    assert word_structure(planted) == word_structure(clean)
    text = visible_text(planted)
    assert PLANTED_LINE in text
    assert all(p in text for p in paragraphs_of(PLANTED))  # paragraphs and line breaks
    if kind in RUNNING_TEXT_IN_CELLS:
        cells = [c.text for t in planted.tables for row in t.rows for c in row.cells]
        assert one_line(PLANTED) in cells
    rels = planted.part.rels.values()
    assert not [r for r in rels if r.reltype.endswith("/hyperlink")]
    assert not [r for r in rels if "javascript" in r.target_ref]
    assert "\\" not in planted.core_properties.title


@pytest.mark.slow
def test_every_free_text_paragraph_is_kept_in_the_project_plan(run, tmp_path):
    document = build_docx(run, tmp_path, "project-plan", PLANTED, PLANTED_LINE, "p")
    paragraphs = [p.text for p in document.paragraphs]
    for paragraph in paragraphs_of(PLANTED)[1:]:
        # purpose, mandate text and reporting description: paragraphs of their own
        assert paragraphs.count(paragraph) >= 3, paragraph
    heading = max(i for i, text in enumerate(paragraphs) if text == "Syfte")  # not the TOC's
    assert "<script>alert(1)</script>" in paragraphs[heading + 1]
    assert "<div>\nhemligt\n</div>" in paragraphs
    assert document.core_properties.title == f"Projektplan: Projekt {PLANTED_LINE}"


@pytest.mark.slow
@pytest.mark.parametrize("kind", REPORTS)
def test_planted_markup_is_escaped_in_the_markdown(run, tmp_path, kind):
    planted = build_markdown(run, tmp_path, kind, PLANTED, PLANTED_LINE, "planted")
    clean = build_markdown(run, tmp_path, kind, CLEAN, CLEAN_LINE, "clean")
    assert markdown_structure(planted) == markdown_structure(clean)
    text = rendered_text(planted)
    assert PLANTED_LINE in text
    assert PLANTED in text  # its empty lines too
    if kind in RUNNING_TEXT_IN_CELLS:
        assert one_line(PLANTED) in text.splitlines()
    assert "<script" not in planted and "<div" not in planted  # harmless even as HTML


@pytest.mark.slow
def test_paragraphs_and_line_breaks_the_user_wrote_are_kept(run, tmp_path):
    text = "Första raden.\nAndra raden.\n\n\nNytt stycke."
    document = build_docx(run, tmp_path, "dialogue-report", text, CLEAN_LINE, "p")
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    notes = paragraphs.index(("Normal", "Första raden.\nAndra raden."))
    assert paragraphs[notes + 1] == ("Normal", "Nytt stycke.")
    markdown = build_markdown(run, tmp_path, "dialogue-report", text, CLEAN_LINE, "p")
    tokens = parse(markdown)
    inlines = [t for t in tokens if t.type == "inline"]
    notes = next(t for t in inlines if t.content.startswith("Första raden."))
    kinds = [c.type for c in notes.children]
    assert kinds == ["text", "hardbreak", "text", "hardbreak", "hardbreak", "text"]
    assert "Första raden.\nAndra raden.\n\nNytt stycke." in rendered_text(markdown)


@pytest.mark.slow
def test_ordinary_text_shows_no_backslashes(run, tmp_path):
    """Only what Markdown would read as markup is escaped."""
    text = (
        "1. Inledning (se bilaga 3).\n"
        "- Frågor till anna_berg@example.se eller https://example.se/nara_vard?a=1&b=2.\n"
        "Kostnad: -5 kr, 50 % av 10 000 kr, § 12, 5 < 6 & 7 > 3, \"citat\", 'apostrof'!\n"
        "2021. Sedan: C:\\mappar\\fil.txt #1"
    )
    document = build_docx(run, tmp_path, "project-plan", text, CLEAN_LINE, "p")
    assert [p.text for p in document.paragraphs].count(text) >= 2  # purpose, use of views
    markdown = build_markdown(run, tmp_path, "project-plan", text, CLEAN_LINE, "p")
    assert "(se bilaga 3)." in markdown
    assert "-5 kr, 50 % av 10 000 kr, § 12, 5 < 6 & 7 > 3" in markdown


@pytest.mark.slow
def test_plan_text_is_never_a_shaded_cell_or_a_table_of_contents(run, write, tmp_path):
    plan = communication(CLEAN, CLEAN_LINE)
    plan["target_groups"][0]["name"] = "■"
    plan["purposes"] = ["[[TOC]]"]
    path = write(yaml.safe_dump(plan, allow_unicode=True), "komplan.yaml")
    out = tmp_path / "komplan.docx"
    assert run("report", path, "--out", out).exit_code == 0
    document = Document(str(out))
    cells = [c for t in document.tables for row in t.rows for c in row.cells]
    cell = next(c for c in cells if c.text == "■")
    assert "<w:shd " not in cell._tc.xml
    assert "w:instrText" not in document.element.body.xml  # the template's TOC is no field
    assert any(p.text.endswith("[[TOC]]") for p in document.paragraphs)


@pytest.mark.slow
def test_a_workspace_template_cannot_forget_to_escape(run, write, tmp_path):
    """Escaping happens as a value is printed: a template's own concatenation, join,
    macro or block gets it too, and a macro's output is not escaped twice."""
    templates = tmp_path / "mallar"
    (templates / "sv" / "report").mkdir(parents=True)
    (templates / "sv" / "report" / "project-plan.md.j2").write_text(
        "{% macro fet(text) %}**{{ text }}**{% endmacro %}\n"
        "# Egen rapport\n\n"
        "{{ plan.purpose }}\n\n"
        "{{ 'Fråga: ' ~ plan.questions[0] }}\n\n"
        "{{ plan.principles | join(' / ') }}\n\n"
        "{{ fet(plan.questions[0]) }}\n\n"
        "| Uppgift |\n| --- |\n| {{ plan.timeline[0].task | cell }} |\n",
        encoding="utf-8",
    )
    path = write(yaml.safe_dump(project(PLANTED, PLANTED_LINE), allow_unicode=True))
    out = tmp_path / "egen.docx"
    result = run("report", path, "--templates", templates, "--out", out)
    assert result.exit_code == 0, result.stderr
    document = Document(str(out))
    assert word_structure(document)["headings"] == ["Title"]
    assert word_structure(document)["tables"] == [(2, 1)]
    texts = [p.text for p in document.paragraphs]
    assert f"Fråga: {PLANTED_LINE}" in texts
    assert f"{PLANTED_LINE} / ---" in texts
    assert all(p in texts for p in paragraphs_of(PLANTED))
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert bold == [PLANTED_LINE]  # the template's bold, the plan's text, escaped once
    assert document.tables[0].rows[1].cells[0].text == PLANTED_LINE


# --- invitations -----------------------------------------------------------------------


def invitation_plan() -> dict:
    plan = yaml.safe_load(PROJECT)
    plan["purpose"] = PLANTED
    plan["use_of_views"] = PLANTED  # what the web text tells the resident
    plan["questions"] = [PLANTED_LINE]
    plan["dialogues"][0]["venue"]["name"] = "Sala_bibliotek *stora salen*"
    return plan


def test_web_text_is_markdown_for_the_web_page_and_shows_plan_text_literally(run, write):
    path = write(yaml.safe_dump(invitation_plan(), allow_unicode=True))
    for output in ("text", "markdown"):
        result = run("invite", path, "-d", "sala", "-c", "web", "-f", output)
        assert result.exit_code == 0, result.stderr
        assert "<script" not in result.stdout and "<div" not in result.stdout
        structure = markdown_structure(result.stdout)
        assert structure["html_block"] == structure["html_inline"] == 0
        assert structure["link_open"] == structure["hr"] == structure["table_open"] == 0
        text = rendered_text(result.stdout)
        assert all(p in text for p in paragraphs_of(PLANTED))
        assert f"Fråga i fokus: {PLANTED_LINE}" in text
        # The place comes through a macro: escaped once, shown as written.
        assert "Plats: Sala_bibliotek *stora salen*, Storgatan 1, Sala" in text


@pytest.mark.parametrize("channel", ["email", "facebook", "press_release", "newspaper_ad"])
def test_markdown_invitations_escape_plan_text(run, write, channel):
    path = write(yaml.safe_dump(invitation_plan(), allow_unicode=True))
    result = run("invite", path, "-d", "sala", "-c", channel, "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    structure = markdown_structure(result.stdout)
    assert structure["heading_open"] == 1  # the subject
    assert sum(structure.values()) == 1
    assert PLANTED_LINE in rendered_text(result.stdout)
    assert "Sala_bibliotek *stora salen*" in rendered_text(result.stdout)


def test_plain_text_invitations_stay_plain_text(run, write, tmp_path):
    """A Facebook post or an e-mail is not Markdown: the text is written as it is."""
    path = write(yaml.safe_dump(invitation_plan(), allow_unicode=True))
    result = run("invite", path, "-d", "sala", "-c", "facebook")
    assert PLANTED_LINE in result.stdout and "\\" not in result.stdout
    out = tmp_path / "eml"
    assert run("invite", path, "-d", "sala", "-c", "email", "-f", "eml", "-o", out).exit_code == 0
    raw = (out / "sala" / "email.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    body = message.get_body(("plain",)).get_content()
    assert PLANTED_LINE in body and "Sala_bibliotek *stora salen*" in body


# --- the Word writer itself ------------------------------------------------------------


def word(markdown: str):
    import io

    from dialogkit.docx_writer import DocumentInfo, markdown_to_docx

    data = markdown_to_docx(markdown, REPO / "templates" / "reference.docx", DocumentInfo("T", "A"))
    return Document(io.BytesIO(data))


def test_template_html_shows_as_text_and_only_web_links_are_links():
    document = word(
        "Text med <b>html</b>.\n\n<div>\nblock\n</div>\n\n"
        "[x](javascript:alert(1)) [webb](https://example.se) [mejl](mailto:a@example.se) "
        "[fil](ftp://example.se/fil)\n\n![Karta över Sala](https://example.se/karta.png)"
    )
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Text med <b>html</b>."
    assert texts[1] == "<div> block </div>"
    assert texts[2] == (
        "[x](javascript:alert(1)) webb (https://example.se) mejl (mailto:a@example.se) "
        "[fil](ftp://example.se/fil)"
    )
    assert texts[3] == "Karta över Sala"  # a picture's alternative text, never dropped
    assert word_structure(document)["hyperlinks"] == 0
    assert not [r for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]


@pytest.mark.slow
def test_a_form_feed_in_plan_text_is_a_line_break_not_a_page_break():
    from dialogkit.markup import escape_markdown

    planted = escape_markdown("ett blad\fett nytt blad")
    document = word(f"Före\n\n{planted}\n\nEfter")
    assert [p.text for p in document.paragraphs] == ["Före", "ett blad\nett nytt blad", "Efter"]
    assert word_structure(document)["page breaks"] == 0
    assert word_structure(word("Före\n\n---\n\nEfter"))["page breaks"] == 1  # the template's


def test_escaped_text_is_unchanged_by_a_second_look():
    """`Markdown` (already escaped) passes the filters and finalize as it is."""
    from dialogkit.markup import escape_markdown, finalize_markdown, table_cell

    once = escape_markdown(PLANTED)
    assert finalize_markdown(once) is once
    assert escape_markdown(once) is once
    assert table_cell(table_cell("a | b")) == table_cell("a | b") == "a \\| b"
    assert rendered_text(once) == PLANTED


@pytest.mark.parametrize(
    "command",
    [("cost", "--format", "markdown"), ("timeline", "--format", "markdown")],
    ids=["cost", "timeline"],
)
def test_cost_and_timeline_markdown_show_plan_text_literally(run, write, command):
    """The Markdown of `cost` and `timeline` is built in Python, not by a template."""

    def markdown(line: str) -> str:
        plan = write(yaml.safe_dump(project(CLEAN, line), allow_unicode=True))
        result = run(command[0], plan, *command[1:])
        assert result.exit_code == 0, result.stderr
        return result.stdout

    hostile = markdown(PLANTED_LINE)
    assert markdown_structure(hostile) == markdown_structure(markdown(CLEAN_LINE))
    assert one_line(PLANTED_LINE) in one_line(rendered_text(hostile))
    if command[0] == "cost":
        assert "| Totalt | 33\xa0000\xa0kr |" in hostile  # amounts keep their no-break spaces
