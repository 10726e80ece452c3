"""English copies of the example plans (tests/english/, `language: en`) build with no
Swedish word in any output, and their text is kept as golden files.

Every output is read back with its own library (openpyxl, python-docx, email,
icalendar), so a sheet name, a Word footer or an e-mail subject counts as much as a
Markdown line. The golden files are in tests/golden/english/<plan id>/<file>.txt;
run with UPDATE_GOLDEN=1 to accept changes.
"""

from __future__ import annotations

import email
import json
import os
import re
from email import policy
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from conftest import REPO
from icalendar import Calendar

from dialogkit import pdf
from dialogkit.manifest import MANIFEST_NAME
from dialogkit.words import WORDS

ENGLISH = REPO / "tests" / "english"
GOLDEN = REPO / "tests" / "golden" / "english"
TODAY = "2023-03-01"
EPOCH = "1767225600"  # 2026-01-01, as in test_products.py: reproducible files

PLAN_FILES = (
    "vastmanland-nara-vard.yaml",
    "lekeberg-kommunikationsplan-2023.yaml",
    "leksand-lokal-plan.yaml",
    "dalarna-strategi.yaml",
    "vastmanland-genomforandeplan-2021.yaml",
)

# Swedish words that never occur in English text. Words spelt the same in both
# languages (april, status, format, digital ...) and English words (rapport, datum,
# tack, post) are left out; so are proper names (Västerås, Köping, Sala ...).
FUNCTION_WORDS = """
    och att för med som inte till eller av på är den det de ett vi ni ska skall kr
    har från vid om sig hur vad när vem alla också samt inom mellan detta denna dessa
    finns kan får bör oss vår våra ditt din dina dig mig
"""
DIALOGKIT_WORDS = """
    tidsaxel kostnad kostnader summa sida innehåll innehållsförteckning arbetsbelastning
    inbjudan inbjudningar välkommen välkomna anmälan anmäl sista dag tid plats lokal
    dialog dialoger deltagare ansvarig syfte frågor uppdrag kontakt hälsningar ja nej
    kl timmar månad
"""
MONTHS_AND_DAYS = """
    januari februari mars maj juni juli augusti oktober
    måndag tisdag onsdag torsdag fredag lördag söndag
    våren sommaren hösten vintern
"""
# In the words table but English words too, so they may appear in English text.
ALSO_ENGLISH = {"post", "test", "start", "slut", "en", "sent"}  # "en": also the language code


def _tokens(text: str) -> set[str]:
    """The lower-case words of `text`; format fields and strftime codes are not words."""
    text = re.sub(r"\{[^}]*\}|%\w", " ", text)
    return {token.casefold() for token in re.findall(r"[^\W\d_]{2,}", text)}


def _table_words() -> set[str]:
    """Words of the Swedish words table whose English entry says something else, less
    every word that also occurs in the English table."""
    swedish, english = WORDS["sv"], WORDS["en"]
    english_words = set().union(*map(_tokens, english.values()))
    differing = [text for key, text in swedish.items() if text != english.get(key)]
    return set().union(*map(_tokens, differing)) - english_words - ALSO_ENGLISH


SWEDISH_WORDS = set((FUNCTION_WORDS + DIALOGKIT_WORDS + MONTHS_AND_DAYS).split()) | _table_words()
_WORD = re.compile(r"[^\W\d_]+")
# Addresses are identifiers copied from the plan ("…/hur-du-kan-paverka/"), not prose.
_ADDRESS = re.compile(r"https?://\S+|[\w.+-]+@[\w.-]+")


def swedish_words_in(text: str, identifiers: frozenset[str] = frozenset()) -> list[str]:
    """The Swedish words of `text`, whole words, case-insensitively, in order; addresses
    and the plan's `identifiers` (ids like "uppdatera-information") are left out."""
    text = _ADDRESS.sub(" ", text)
    for identifier in sorted(identifiers, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])", " ", text)
    return [word for word in _WORD.findall(text) if word.casefold() in SWEDISH_WORDS]


# Reading the outputs back ---------------------------------------------------------


def _rows(cells) -> list[str]:
    return ["\t".join("" if value is None else str(value) for value in row) for row in cells]


def xlsx_text(path: Path) -> str:
    """Each sheet as its name and then its rows, tab-separated."""
    book = openpyxl.load_workbook(path)
    lines = []
    for sheet in book.worksheets:
        lines.append(f"[sheet] {sheet.title}")
        lines += _rows(sheet.iter_rows(values_only=True))
    return "\n".join(lines) + "\n"


def _blocks_text(container) -> list[str]:
    """Paragraphs and tables of a body, header or footer, in document order."""
    lines = []
    for block in container.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines.append("[table]")
            lines += ["\t".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return lines


def docx_text(path: Path) -> str:
    """Core properties (no dates), body, then every header and footer."""
    document = docx.Document(path)
    properties = document.core_properties
    lines = [
        f"[language] {properties.language}",
        f"[title] {properties.title}",
        f"[subject] {properties.subject}",
        *_blocks_text(document),
    ]
    for number, section in enumerate(document.sections, start=1):
        for name in ("header", "first_page_header", "footer", "first_page_footer"):
            part = getattr(section, name)
            if not part.is_linked_to_previous:
                lines.append(f"[section {number} {name}]")
                lines += _blocks_text(part)
    return "\n".join(lines) + "\n"


def docx_all_runs(path: Path) -> str:
    """Every w:t of every part, for text python-docx does not show (fields, text boxes)."""
    package = docx.Document(path).part.package
    texts = []
    for part in package.parts:
        if part.partname.endswith(".xml"):
            xml = part.blob.decode("utf-8")
            texts += re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)
    return "\n".join(texts)


def eml_text(path: Path) -> str:
    """Subject, From and every text part (no dates, no boundaries)."""
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    lines = [f"Subject: {message['Subject']}", f"From: {message['From']}", ""]
    for part in message.walk():
        if part.get_content_type() in ("text/plain", "text/html"):
            lines.append(f"[{part.get_content_type()}]")
            lines.append(part.get_content().rstrip("\n"))
        elif part.get_filename():
            lines.append(f"[attachment] {part.get_filename()}")
    return "\n".join(lines) + "\n"


def ics_text(path: Path) -> str:
    """The calendar's name and each event's summary, description and location."""
    calendar = Calendar.from_ical(path.read_bytes())
    lines = [f"X-WR-CALNAME: {calendar.get('X-WR-CALNAME', '')}"]
    for component in calendar.walk():
        if component.name in ("VEVENT", "VALARM"):
            lines.append(f"[{component.name}]")
            for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
                if name in component:
                    lines.append(f"{name}: {component[name]}")
    return "\n".join(lines) + "\n"


def pdf_text(path: Path) -> str:
    """The title and the text of every page (issue 17's PDF of a public report)."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    lines = [f"[title] {reader.metadata.title}"]
    return "\n".join(lines + [page.extract_text() for page in reader.pages]) + "\n"


READERS = {
    ".xlsx": xlsx_text,
    ".docx": docx_text,
    ".eml": eml_text,
    ".ics": ics_text,
    ".pdf": pdf_text,
}


def output_text(path: Path) -> str:
    """What a reader of the file sees, as text."""
    reader = READERS.get(path.suffix)
    return reader(path) if reader else path.read_text("utf-8")


# The builds ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """Where the English build is written; built by the first test that asks for it."""
    return {"out": tmp_path_factory.mktemp("english") / "build", "done": False}


@pytest.fixture
def english_build(run, monkeypatch, built_once) -> Path:
    """`dialogkit build tests/english`, reproducible; one build for the whole module."""
    if not built_once["done"]:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run("build", ENGLISH, "--out", built_once["out"], "--today", TODAY)
        assert result.exit_code == 0, result.stderr
        built_once["done"] = True
    return built_once["out"]


OVERVIEW = WORDS["sv"]["folder.overview"]


def outputs(out: Path) -> list[Path]:
    """The files build wrote, without its manifest of them, and without the overview:
    it is in the workspace's language, Swedish here (tests/test_overview.py)."""
    return sorted(
        path
        for path in out.rglob("*")
        if path.is_file() and path.name != MANIFEST_NAME and OVERVIEW not in path.parts
    )


# The tests -------------------------------------------------------------------------


IDENTIFIERS = {
    "id",
    "kind",
    "strategy",
    "members",
    "target_groups",
    "projects",
    "implementation_plan",
}


def strings(value, key: str = "") -> list[tuple[str, str]]:
    """Every string of a loaded plan with the key it stands under."""
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in strings(v, str(k))]
    if isinstance(value, list):
        return [pair for item in value for pair in strings(item, key)]
    return [(key, value)] if isinstance(value, str) else []


def load(name: str) -> dict:
    return yaml.safe_load((ENGLISH / name).read_text("utf-8"))


def plan_ids() -> frozenset[str]:
    """Every id in the English copies (identifiers, kept as in the Swedish plans), as
    written and as Mermaid writes them."""
    ids = {text for name in PLAN_FILES for key, text in strings(load(name)) if key == "id"}
    return frozenset(ids | {id.replace("-", "_") for id in ids})


@pytest.mark.slow
def test_english_copies_are_english_and_check_as_clean_as_the_originals(run):
    assert sorted(path.name for path in ENGLISH.glob("*.yaml")) == sorted(PLAN_FILES)
    for name in PLAN_FILES:
        plan = load(name)
        assert plan["language"] == "en", name
        texts = [text for key, text in strings(plan) if key not in IDENTIFIERS]
        assert swedish_words_in("\n".join(texts)) == [], name
    counts = {}
    for folder in (ENGLISH, REPO / "plans"):
        result = run("plan", "check", folder, "--format", "json")
        assert result.exit_code == 0, result.stdout + result.stderr
        counts[folder.name] = json.loads(result.stdout)
    assert counts["english"]["files_checked"] == counts["plans"]["files_checked"] == 5
    assert counts["english"]["errors"] == 0
    assert counts["english"]["warnings"] <= counts["plans"]["warnings"]


@pytest.mark.slow
def test_every_product_is_built(english_build):
    """The English build makes every kind of file, so the word check below sees them all."""
    suffixes = {path.suffix for path in outputs(english_build)}
    made = {".md", ".csv", ".txt", ".xlsx", ".docx", ".eml", ".ics", ".html", ".css"}
    assert suffixes == made | ({".pdf"} if pdf.available() is None else set())
    plans = {path.name for path in english_build.iterdir() if path.is_dir()} - {OVERVIEW}
    assert plans == {
        "vastmanland-nara-vard",
        "lekeberg-kommunikationsplan-2023",
        "leksand-lokal-plan",
        "dalarna-god-och-nara-vard",
        "vastmanland-genomforandeplan-2021",
    }


@pytest.mark.slow
def test_no_swedish_word_in_any_english_output(english_build):
    found = {}
    ids = plan_ids()
    for path in outputs(english_build):
        relative = path.relative_to(english_build)
        inside_plan_folder = "/".join(relative.parts[1:])  # the folder is the plan's id
        text = "\n".join([inside_plan_folder, output_text(path)])
        if path.suffix == ".docx":
            text += "\n" + docx_all_runs(path)
        if words := swedish_words_in(text, ids):
            found[relative.as_posix()] = sorted(set(words))
    assert found == {}


def test_english_word_documents_say_they_are_english(english_build):
    for path in english_build.rglob("*.docx"):
        assert docx.Document(path).core_properties.language.startswith("en"), path


@pytest.mark.slow
def test_english_outputs_match_golden_files(english_build):
    """Compare with tests/golden/english; run with UPDATE_GOLDEN=1 to accept changes."""
    names = {}
    for path in outputs(english_build):
        if path.suffix == ".pdf":  # the .docx's text, laid out by whichever LibreOffice
            continue
        relative = path.relative_to(english_build).as_posix()
        names[f"{relative}.txt"] = _without_pdf_link(output_text(path))
    if os.environ.get("UPDATE_GOLDEN"):
        for stale in set(GOLDEN.rglob("*.txt")) - {GOLDEN / name for name in names}:
            stale.unlink()
        for name, text in names.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, "utf-8")
    stored = sorted(path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*.txt"))
    assert stored == sorted(names)
    for name, text in names.items():
        assert text == (GOLDEN / name).read_text("utf-8"), name


def _without_pdf_link(text: str) -> str:
    """A web page without its link to the report's PDF, there only with LibreOffice
    (tests/test_pdf.py checks it)."""
    return re.sub(r'<li><a href="[^"]+\.pdf">[^<]*</a></li>\n', "", text)


def test_the_word_check_finds_swedish(tmp_path):
    """The check itself: Swedish words from each source are found, whole words only,
    and English text, proper names and addresses pass."""
    assert swedish_words_in("Tidsaxel: Invånardialog") == ["Tidsaxel"]
    assert swedish_words_in("Summa 9 000 kr, måndag 13 april") == ["Summa", "kr", "måndag"]
    assert swedish_words_in(f"{WORDS['sv']['cost.one_off']} {WORDS['sv']['docx.page']}")
    assert swedish_words_in("Dialogue in Västerås, Köping and Sala on Monday 13 April") == []
    assert swedish_words_in("attend another person, https://x.se/hur-du-kan/") == []
    ids = frozenset({"uppdatera-information"})
    assert swedish_words_in("uppdatera-information: Innehåll", ids) == ["Innehåll"]


@pytest.mark.slow
def test_swedish_example_build_stays_swedish(run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "build"
    result = run("build", REPO / "plans", "--out", out, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    timeline = (out / "vastmanland-nara-vard" / "tidsaxel.md").read_text("utf-8")
    assert timeline.startswith("# Tidsaxel")
    cost = openpyxl.load_workbook(out / "vastmanland-nara-vard" / "kostnad.xlsx")
    assert WORDS["sv"]["cost.comparison"] in cost.sheetnames
    report = docx.Document(out / "vastmanland-nara-vard" / "rapporter" / "projektplan.docx")
    assert report.core_properties.language.startswith("sv")
    # and the word check would have caught each of its files in an English build
    without_swedish = [  # a stylesheet is in no language
        path
        for path in outputs(out)
        if path.suffix != ".css" and not swedish_words_in(output_text(path))
    ]
    assert without_swedish == []
