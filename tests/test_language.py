"""Language, read once: one words table per language, template trees kept in step, and
the plan's `language` reaching the cost, workload and timeline outputs."""

from __future__ import annotations

import csv
import io
import re
import shutil
import string
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import REPO

from dialogkit.model.project import FollowUp
from dialogkit.templating import environment
from dialogkit.words import FOLLOW_UP_QUESTIONS, WORDS, label, words

TEMPLATES = REPO / "templates"
VASTMANLAND = REPO / "plans" / "vastmanland-nara-vard.yaml"
LEKEBERG = REPO / "plans" / "lekeberg-kommunikationsplan-2023.yaml"

# --- the words table ---------------------------------------------------------------------


def test_both_languages_have_the_same_words_and_none_is_empty():
    assert WORDS.keys() == {"sv", "en"}
    assert WORDS["sv"].keys() == WORDS["en"].keys()
    empty = [
        (lang, key) for lang, table in WORDS.items() for key, text in table.items() if not text
    ]
    assert empty == []


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_patterns_have_the_same_placeholders_in_both_languages():
    differ = [
        key
        for key in WORDS["sv"]
        if _placeholders(WORDS["sv"][key]) != _placeholders(WORDS["en"][key])
    ]
    assert differ == []


def test_file_and_folder_names_are_ascii_and_safe():
    prefixes = ("file.", "folder.", "report.", "audience.")
    for table in WORDS.values():
        names = {key: text for key, text in table.items() if key.startswith(prefixes)}
        assert len(names) >= 14
        unsafe = {key: text for key, text in names.items() if not re.fullmatch(r"[a-z-]+", text)}
        assert unsafe == {}


def test_words_the_outputs_layer_asks_for():
    sv, en = words("sv"), words("en")
    assert (sv["kind.local_plan"], en["kind.local_plan"]) == ("Lokal plan", "Local plan")
    assert (sv["report.regional"], en["report.regional"]) == (
        "regional-sammanstallning",
        "regional-summary",
    )
    assert (sv["folder.invitations"], en["folder.invitations"]) == ("inbjudningar", "invitations")
    with pytest.raises(KeyError):
        sv["no.such.word"]
    with pytest.raises(TypeError):  # read-only: no caller can change another's words
        sv["kind.strategy"] = "x"  # type: ignore[index]


def test_labels_and_follow_up_questions():
    assert label("in_person", "sv") == "fysisk"
    assert label("in_person", "en") == "in person"
    assert label("not-a-value", "en") == "not-a-value"
    for language in ("sv", "en"):
        assert list(FOLLOW_UP_QUESTIONS[language]) == list(FollowUp.model_fields)
    assert FOLLOW_UP_QUESTIONS["en"]["went_well"] == "What went well?"


# --- no language choices outside the words table -----------------------------------------

LANGUAGE_CHOICE = re.compile(
    r"""[=!]=\s*["'](?:sv|en)["']"""  # language == "sv"
    r"""|["'](?:sv|en)["']\s*[=!]="""  # "sv" == language
    r"""|\bif\s+sv\b"""  # "X" if sv else "Y"
    r"""|\bsv\s*=\s*[\w.]*language\b"""  # sv = language == "sv"
)


@pytest.mark.parametrize(
    "line",
    [
        '    unit = "kr" if language == "sv" else "SEK"',
        "    word = 'och' if language == 'sv' else 'and'",
        '        "Dialog" if sv else "Dialogue",',
        '    sv = language == "sv"',
        '    if plan.language != "en":',
        '    english = "en" == language',
    ],
)
def test_the_scan_finds_a_language_choice(line):
    assert LANGUAGE_CHOICE.search(line)


@pytest.mark.parametrize(
    "line",
    [
        'def format_money(amount: int, language: str = "sv") -> str:',
        '    return "en" if kind == "e-postadress" else "ett"',
        '    language = getattr(plan, "language", "sv")',
    ],
)
def test_the_scan_leaves_other_code_alone(line):
    assert not LANGUAGE_CHOICE.search(line)


def test_no_language_choice_outside_the_words_table():
    package = REPO / "dialogkit"
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "words.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LANGUAGE_CHOICE.search(line)
    ]
    assert found == []


# --- the sv and en template trees --------------------------------------------------------


def _tree(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def _attribute_chains(ast) -> set[str]:
    """`plan.costs.budget`, `m.where`, ...: the longest chain of attributes (and constant
    keys) read from each name."""
    from jinja2 import nodes

    def chain(node) -> str | None:
        parts = []
        while True:
            if isinstance(node, nodes.Getattr):
                parts.append(node.attr)
            elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
                parts.append(str(node.arg.value))
            elif isinstance(node, nodes.Name):
                return ".".join([node.name, *reversed(parts)])
            else:
                return None
            node = node.node

    chains = {chain(node) for node in ast.find_all((nodes.Getattr, nodes.Getitem))} - {None}
    return {c for c in chains if not any(other.startswith(c + ".") for other in chains)}


def template_shape(path: Path, language: str) -> dict[str, object]:
    """What a template's callers and overriders rely on: its blocks, its macros and their
    parameters, the templates it loads (language folder left out), the variables it
    reads and the attribute chains it follows. The wording is free to differ."""
    from jinja2 import meta, nodes

    env = environment([path.parent], language)
    ast = env.parse(path.read_text(encoding="utf-8"))
    return {
        "blocks": sorted(block.name for block in ast.find_all(nodes.Block)),
        "macros": sorted(
            (macro.name, tuple(arg.name for arg in macro.args))
            for macro in ast.find_all(nodes.Macro)
        ),
        "loads": sorted(
            str(name).removeprefix(f"{language}/") for name in meta.find_referenced_templates(ast)
        ),
        "variables": sorted(meta.find_undeclared_variables(ast)),
        "attributes": sorted(_attribute_chains(ast)),
    }


def test_sv_and_en_hold_the_same_templates():
    sv, en = _tree(TEMPLATES / "sv"), _tree(TEMPLATES / "en")
    assert sv == en
    assert len([name for name in sv if name.endswith(".j2")]) >= 13


@pytest.mark.parametrize(
    "name", sorted(p.relative_to(TEMPLATES / "sv").as_posix() for p in TEMPLATES.glob("sv/**/*.j2"))
)
def test_each_sv_template_has_the_shape_of_its_en_twin(name):
    sv = template_shape(TEMPLATES / "sv" / name, "sv")
    en = template_shape(TEMPLATES / "en" / name, "en")
    assert sv == en
    assert sv["variables"], "a template that reads no plan data is not worth comparing"


def test_the_shape_shows_drift(tmp_path):
    """Planted drift in an English copy: a block renamed, a variable and an attribute
    chain added, a macro given a parameter. Each one shows up."""
    for language in ("sv", "en"):
        shutil.copytree(TEMPLATES / language / "invite", tmp_path / language / "invite")
    email = tmp_path / "en" / "invite" / "email.txt.j2"
    text = email.read_text(encoding="utf-8")
    assert "{% block body %}" in text
    email.write_text(
        text.replace("{% block body %}", "{% block text %}") + "{{ organiser.name }}\n",
        encoding="utf-8",
    )
    macros = tmp_path / "en" / "invite" / "_macros.j2"
    macro_text = macros.read_text(encoding="utf-8")
    assert "{% macro topic() %}" in macro_text
    macros.write_text(
        macro_text.replace("{% macro topic() %}", "{% macro topic(short) %}"), encoding="utf-8"
    )

    def shapes(name):
        return (
            template_shape(tmp_path / "sv" / "invite" / name, "sv"),
            template_shape(tmp_path / "en" / "invite" / name, "en"),
        )

    sv, en = shapes("email.txt.j2")
    assert "body" in sv["blocks"] and "body" not in en["blocks"]
    assert set(en["variables"]) - set(sv["variables"]) == {"organiser"}
    assert "organiser.name" in set(en["attributes"]) - set(sv["attributes"])
    sv, en = shapes("_macros.j2")
    assert sv["macros"] != en["macros"]
    sv, en = shapes("web.txt.j2")
    assert sv == en


# --- the plan's language in the outputs ---------------------------------------------------


def _copy(source: Path, tmp_path: Path, language: str, *changes: tuple[str, str]) -> Path:
    """A copy of an example plan in `language`, with `changes` (old, new) made to it."""
    text = re.sub(r"^language: \w+\n", "", source.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^(kind: .*)$", rf"\1\nlanguage: {language}", text, count=1, flags=re.M)
    # alone in tmp_path, without the implementation plan it names beside it (DK234)
    text = re.sub(r"^implementation_plan: .*\n", "", text, flags=re.M)
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / f"{language}-{source.name}"
    path.write_text(text, encoding="utf-8")
    return path


def _english(source: Path, tmp_path: Path) -> Path:
    return _copy(source, tmp_path, "en")


def _csv(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _cost(run, plan: Path, out: Path, fmt: str, *extra: str) -> Path:
    result = run("cost", plan, "--format", fmt, "--out", out, *extra)
    assert result.exit_code == 0, result.stderr
    return out


ESTIMATE_HEADER = {
    "sv": "scenario typ id kommun datum format arvoden resekostnader förtäring lokal summa",
    "en": "scenario type id municipality date format fees travel refreshments venue sum",
}
ESTIMATE_SHEETS = {
    "sv": ["Jämförelse", "Planen", "Alla digitala", "Alla fysiska"],
    "en": ["Comparison", "The plan", "All digital", "All in person"],
}
ESTIMATE_ROW_TYPES = {
    "sv": {"dialog", "testdialog", "engångskostnad"},
    "en": {"dialogue", "test dialogue", "one-off cost"},
}
DIALOGUE_COLUMNS = {
    "sv": ["Dialog", "Datum", "Format", "Arvoden", "Resekostnader", "Förtäring", "Lokal", "Summa"],
    "en": ["Dialogue", "Date", "Format", "Fees", "Travel", "Refreshments", "Venue", "Sum"],
}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["sv", "en"])
def test_cost_estimate_in_the_plans_language(run, tmp_path, language):
    plan = VASTMANLAND if language == "sv" else _english(VASTMANLAND, tmp_path)
    scenarios = ("--scenario", "all-digital", "--scenario", "all-in-person")

    rows = _csv(_cost(run, plan, tmp_path / "cost.csv", "csv", *scenarios))
    assert rows[0] == ESTIMATE_HEADER[language].split()
    assert {row[1] for row in rows[1:]} == ESTIMATE_ROW_TYPES[language]
    assert [title for title in dict.fromkeys(row[0] for row in rows[1:])] == (
        ESTIMATE_SHEETS[language][1:]
    )

    book = openpyxl.load_workbook(_cost(run, plan, tmp_path / "cost.xlsx", "xlsx", *scenarios))
    assert book.sheetnames == ESTIMATE_SHEETS[language]
    sheet = book[ESTIMATE_SHEETS[language][1]]
    assert [cell.value for cell in sheet[3]] == DIALOGUE_COLUMNS[language]
    unit = {"sv": '"kr"', "en": '"SEK"'}[language]
    assert unit in sheet.cell(4, 4).number_format

    markdown = _cost(run, plan, tmp_path / "cost.md", "markdown").read_text(encoding="utf-8")
    heading = {"sv": "# Kostnadsberäkning: ", "en": "# Cost estimate: "}[language]
    assert markdown.startswith(heading)
    summary = {"sv": "## Sammanställning", "en": "## Summary"}[language]
    assert summary in markdown
    assert ("Sammanställning" in markdown) == (language == "sv")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_workload_in_the_plans_language(run, tmp_path, language):
    plan = LEKEBERG if language == "sv" else _english(LEKEBERG, tmp_path)
    title = {"sv": "Arbetsbelastning", "en": "Workload"}[language]

    rows = _csv(_cost(run, plan, tmp_path / "load.csv", "csv"))
    assert (
        rows[0]
        == {"sv": ["ansvarig", "månad", "timmar"], "en": ["responsible", "month", "hours"]}[
            language
        ]
    )
    assert len(rows) > 1

    book = openpyxl.load_workbook(_cost(run, plan, tmp_path / "load.xlsx", "xlsx"))
    assert book.sheetnames == [title]
    sheet = book[title]
    header = [cell.value for cell in sheet[3]]  # under the title
    assert (header[0], header[-1]) == {
        "sv": ("Ansvarig", "Summa h"),
        "en": ("Responsible", "Hours"),
    }[language]
    assert sheet.cell(sheet.max_row, 1).value == {"sv": "Summa", "en": "Total"}[language]

    markdown = _cost(run, plan, tmp_path / "load.md", "markdown").read_text(encoding="utf-8")
    assert markdown.startswith(f"# {title}: Nära vård")
    assert ("Arbetsbelastning" in markdown) == (language == "sv")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_timeline_csv_in_the_plans_language(run, tmp_path, language):
    late = (
        "when: 2021-06, responsible: Processledare, status: done",
        "when: 2021-06, responsible: Processledare, status: planned",
    )
    plan = _copy(VASTMANLAND, tmp_path, language, late)
    out = tmp_path / "timeline.csv"
    result = run("timeline", plan, "--format", "csv", "--today", "2021-07-01", "--out", out)
    assert result.exit_code == 0, result.stderr
    rows = _csv(out)
    assert (
        rows[0]
        == {
            "sv": ["typ", "id", "vad", "start", "slut", "status", "ansvarig", "försenad"],
            "en": ["type", "id", "what", "start", "end", "status", "responsible", "overdue"],
        }[language]
    )
    yes_no = {"sv": {"ja", "nej"}, "en": {"yes", "no"}}[language]
    assert {row[-1] for row in rows[1:]} == yes_no  # the summary (June) is late in July


@pytest.mark.slow
def test_word_report_footer_in_the_plans_language(run, tmp_path):
    plan = _english(VASTMANLAND, tmp_path)
    out = tmp_path / "plan.docx"
    result = run("report", plan, "--out", out)
    assert result.exit_code == 0, result.stderr
    document = docx.Document(out)
    footer = " ".join(p.text for s in document.sections for p in s.footer.paragraphs)
    assert "Page" in footer and "Sida" not in footer
    assert document.core_properties.language == "en-GB"
