"""Unfinished plans still give drafts: a plan that loads but breaks a rule (DK2xx) gives
every output, each marked "UTKAST – planen har 2 fel" on every page and in every text,
and the command exits 1; a plan that does not load still blocks; --strict refuses."""

from __future__ import annotations

import copy
import csv
import email
import email.policy
import io
import json
import re
from pathlib import Path

import pytest
from conftest import COMMUNICATION, PROJECT, REPO, STRATEGY
from ruamel.yaml import YAML

import dialogkit
from dialogkit.catalogue import BY_CODE, ENTRIES, ERROR

MISSING_MUNICIPALITY = PROJECT.replace(
    "municipalities: [Sala, Köping]", "municipalities: [Sala, Köping, Arboga]"
)
"""PROJECT with one DK203 error: Arboga has no dialogue."""
TWO_ERRORS = MISSING_MUNICIPALITY.replace(
    "municipalities: [Sala, Köping, Arboga]", "municipalities: [Sala, Köping, Arboga, Kungsör]"
)
MARK_1 = "UTKAST – planen har 1 fel"
MARK_2 = "UTKAST – planen har 2 fel"
TODAY = "2021-03-01"
EPOCH = "1767225600"


def codes(result) -> set[str]:
    return set(re.findall(r"DK\d{3}", result.stderr))


# --- one command, one plan ----------------------------------------------------------


def test_a_plan_that_breaks_a_rule_gives_a_marked_timeline_and_exits_1(run, write):
    result = run("timeline", write(MISSING_MUNICIPALITY), "-f", "markdown", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:3] == [
        f"**{MARK_1}**",
        "",
        "# Tidsaxel: Invånardialog Nära vård",
    ]
    assert "Utkast" in result.stderr and codes(result) == {"DK203"}
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_count_of_errors_is_in_the_mark_in_the_plans_language(run, write):
    assert run("cost", write(TWO_ERRORS), "-f", "markdown").stdout.startswith(f"**{MARK_2}**")
    english = TWO_ERRORS.replace("kind: dialogue_project", "kind: dialogue_project\nlanguage: en")
    assert run("cost", write(english), "-f", "markdown").stdout.startswith(
        "**DRAFT – the plan has 2 errors**"
    )
    one = MISSING_MUNICIPALITY.replace(
        "kind: dialogue_project", "kind: dialogue_project\nlanguage: en"
    )
    assert run("cost", write(one), "-f", "markdown").stdout.startswith(
        "**DRAFT – the plan has 1 error**"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "first"),
    [
        (("timeline", "--today", TODAY), MARK_1),
        (("cost",), MARK_1),
        (("timeline", "-f", "mermaid", "--today", TODAY), f"**{MARK_1}**"),
        (("report", "-f", "markdown"), f"**{MARK_1}**"),
        (("invite", "-d", "sala", "-c", "facebook"), MARK_1),
    ],
)
def test_every_text_on_the_screen_starts_with_the_mark(run, write, args, first):
    result = run(*args[:1], write(MISSING_MUNICIPALITY), *args[1:])
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines()[0] == first


def test_mermaid_has_the_mark_as_a_comment_and_in_its_title(run, write):
    chart = run("timeline", write(MISSING_MUNICIPALITY), "-f", "mermaid", "--today", TODAY).stdout
    assert f"    %% {MARK_1}" in chart.splitlines()
    assert f"    title {MARK_1} – Invånardialog Nära vård" in chart.splitlines()


@pytest.mark.slow
def test_csv_has_the_mark_as_its_first_column_and_json_as_its_first_key(run, write, tmp_path):
    plan = write(MISSING_MUNICIPALITY)
    for command in ("timeline", "cost"):
        out = tmp_path / f"{command}.csv"
        assert run(command, plan, "-f", "csv", "-o", out).exit_code == 1
        rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
        assert len(rows) > 2 and {row[0] for row in rows} == {MARK_1}
    data = json.loads(run("cost", plan, "-f", "json").stdout)
    assert list(data)[:2] == ["draft", "plan"] and data["draft"] == MARK_1


@pytest.mark.slow
def test_a_communication_plans_workload_is_marked(run, write, tmp_path):
    broken = COMMUNICATION.replace("target_groups: [hr]", "target_groups: [hr, okand]")
    result = run("cost", write(broken), "-f", "xlsx", "-o", tmp_path / "a.xlsx")
    assert result.exit_code == 1 and codes(result) == {"DK220"}
    assert_xlsx_marked(tmp_path / "a.xlsx", MARK_1)


def test_strict_refuses_a_draft_and_writes_nothing(run, write, tmp_path):
    out = tmp_path / "tidsaxel.md"
    result = run("timeline", write(MISSING_MUNICIPALITY), "-f", "markdown", "-o", out, "--strict")
    assert result.exit_code == 1
    assert "Arboga har ingen dialog" in result.stderr and "rätta felen" in result.stderr
    assert not out.exists()
    invite = run("invite", write(MISSING_MUNICIPALITY), "-o", tmp_path / "inv", "--strict")
    assert invite.exit_code == 1 and not (tmp_path / "inv").exists()


def test_strict_makes_a_plan_without_errors_as_before(run, write):
    result = run("timeline", write(PROJECT), "-f", "markdown", "--today", TODAY, "--strict")
    assert result.exit_code == 0 and "UTKAST" not in result.stdout + result.stderr


def test_a_plan_that_does_not_load_still_blocks(run, write, tmp_path):
    """Wrong types and missing values: nothing true can be computed."""
    out = tmp_path / "tidsaxel.md"
    for broken in (
        MISSING_MUNICIPALITY.replace("title: Invånardialog Nära vård\n", ""),
        MISSING_MUNICIPALITY.replace("date: 2021-04-13", "date: snart"),
    ):
        result = run("timeline", write(broken), "-f", "markdown", "-o", out)
        assert result.exit_code == 1
        assert "rätta felen" in result.stderr and "UTKAST" not in result.stdout
        assert not out.exists()


def test_a_plan_with_only_warnings_is_no_draft(run, write):
    saturday = PROJECT.replace("date: 2021-04-13", "date: 2021-04-17")  # DK208
    assert "DK208" in {f.code for f in dialogkit.check([write(saturday)]).findings}
    result = run("timeline", write(saturday), "-f", "markdown", "--today", TODAY)
    assert result.exit_code == 0
    assert "UTKAST" not in result.stdout + result.stderr


def test_the_library_still_refuses_a_plan_with_errors(write):
    from dialogkit.errors import PlanInvalidError

    with pytest.raises(PlanInvalidError):
        dialogkit.load_plan(write(MISSING_MUNICIPALITY))


# --- build ---------------------------------------------------------------------------


def broken_copy(data: dict) -> dict:
    """The plan with one rule broken. A dialogue project: the only dialogue of a
    municipality is cancelled (DK203, the issue's case); another kind: its first
    item is listed twice (DK217)."""
    data = copy.deepcopy(data)
    if data["kind"] == "dialogue_project":
        real = [d for d in data["dialogues"] if not d.get("test")]
        only = next(
            d for d in real if [x["municipality"] for x in real].count(d["municipality"]) == 1
        )
        only["status"] = "cancelled"
        only.pop("outcome", None)
        return data
    key = {
        "communication_plan": "activities",
        "local_plan": "activities",
        "implementation_plan": "areas",
    }.get(data["kind"], "sub_goals")
    data[key].append(copy.deepcopy(data[key][0]))
    return data


def broken_workspace(root: Path) -> dict[str, str]:
    """Broken copies of the example plans in `root`/plans; each plan id's mark."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    (root / "plans").mkdir(parents=True)
    for path in sorted((REPO / "plans").glob("*.yaml")):
        data = yaml.load(path.read_text("utf-8"))
        with (root / "plans" / path.name).open("w", encoding="utf-8") as file:
            yaml.dump(broken_copy(data), file)
    plans = {}
    for path in sorted((root / "plans").glob("*.yaml")):
        report = dialogkit.check([path])
        assert report.error_count and not any(f.code < "DK200" for f in report.errors), path
        data = yaml.load(path.read_text("utf-8"))
        plans[data["id"]] = (report.error_count, data)
    marks = {}
    for plan_id, (count, data) in plans.items():
        inputs = sum(  # a local plan reads its strategy, a strategy its local plans,
            other_count  # an implementation plan the projects that carry it out
            for other_id, (other_count, other) in plans.items()
            if (data["kind"] == "local_plan" and other_id == data["strategy"])
            or (data["kind"] == "strategy" and other.get("strategy") == plan_id)
            or (
                data["kind"] == "implementation_plan"
                and other.get("implementation_plan") == plan_id
            )
        )
        marks[plan_id] = (
            f"UTKAST – planen och planerna den bygger på har {count + inputs} fel"
            if inputs
            else f"UTKAST – planen har {count} fel"
        )
    return marks


@pytest.mark.slow
def test_nothing_unmarked_goes_out_of_a_build_of_broken_plans(run, tmp_path, monkeypatch):
    marks = broken_workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = run("build", "plans", "--out", out, "--today", TODAY)
    assert result.exit_code == 1, result.stderr
    assert "Utkast" in result.stderr and "Traceback" not in result.stderr
    files = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    suffixes = {p.suffix for p in files}
    assert {".docx", ".xlsx", ".eml", ".ics", ".csv", ".md", ".txt"} <= suffixes
    checked = 0
    overview = [p for p in files if p.relative_to(out).parts[0] == "oversikt"]
    # the internal overview is no plan's file: it lists the errors and says the plans'
    # files are drafts
    assert "planens filer är utkast" in (out / "oversikt" / "index.html").read_text("utf-8")
    for path in files:
        if path in overview:
            continue
        mark = marks[path.relative_to(out).parts[0]]
        ASSERT_MARKED[path.suffix](path, mark)
        checked += 1
    assert checked == len(files) - len(overview) > 50
    assert any(p.name.endswith(".docx") and "publik" in p.name for p in files)  # public too


@pytest.mark.slow
def test_build_strict_refuses_drafts(run, tmp_path, monkeypatch):
    broken_workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("build", "plans", "--out", tmp_path / "out", "--strict")
    assert result.exit_code == 1 and "inget har skrivits" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_plan_that_does_not_load_blocks_the_whole_build(run, write, tmp_path):
    write(MISSING_MUNICIPALITY, "plans/draft.yaml")
    write(COMMUNICATION.replace("hours: 6", "hours: sex"), "plans/broken.yaml")
    result = run("build", tmp_path / "plans", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "broken.yaml" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_build_of_drafts_writes_what_each_command_writes(run, tmp_path, monkeypatch):
    """tests/test_products.py's promise, for drafts: byte for byte."""
    from test_products import command_for

    from dialogkit.checking import check_plan
    from dialogkit.products import PRODUCTS
    from dialogkit.words import words

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    broken_workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "build"
    assert run("build", "plans", "--out", out, "--today", TODAY).exit_code == 1
    built = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # no single command writes the overview: it lists what the build made
    built = {
        k: v for k, v in built.items() if not k.name.startswith(".") and k.parts[0] != "oversikt"
    }
    compared = set()
    for plan_file in sorted(Path("plans").glob("*.yaml")):
        plan = check_plan(plan_file).loaded.plan
        for name in plan.PRODUCTS:
            for number, request in enumerate(PRODUCTS[name].built(plan)):
                args, folder = command_for(name, request)
                args = [a if a != "2023-03-01" else TODAY for a in args]
                target = tmp_path / "single" / plan.id / name / str(number)
                result = run(*args, plan_file, "--out", target if folder else target / "file")
                assert result.exit_code == 1, (args, result.stderr)
                for path in (p for p in target.rglob("*") if p.is_file()):
                    content = path.read_bytes()
                    matches = [
                        relative
                        for relative in built
                        if relative.parts[0] == plan.id
                        and (
                            relative.as_posix()
                            == f"{plan.id}/{words(plan.language)[PRODUCTS[name].folder]}/"
                            f"{path.relative_to(target).as_posix()}"
                            if folder
                            else built[relative] == content
                        )
                    ]
                    assert matches and built[matches[0]] == content, (args, path)
                    compared.add(matches[0])
    assert compared == set(built)


ERROR_RULES = [e.code for e in ENTRIES if e.severity == ERROR and e.code >= "DK200"]


@pytest.mark.slow
@pytest.mark.parametrize("code", ERROR_RULES)
def test_every_rule_error_still_gives_every_output(run, write, tmp_path, code):
    """Each rule's catalogue example, put into a valid plan, gives a build of marked
    drafts: no rule error makes a product crash (a file of a draft without its mark
    would be an internal error, see products/registry._check_marked)."""
    from test_catalogue import BASE_PLAN, _yaml, merged

    from dialogkit.yamlsource import parse_text

    base = parse_text(BASE_PLAN.get(code, PROJECT)).data
    plan = merged(base, parse_text(BY_CODE[code].example.get("sv")).data)
    write(STRATEGY, "plans/strategi.yaml")
    write(_yaml(plan), "plans/plan.yaml")
    result = run("build", tmp_path / "plans", "--out", tmp_path / "out", "--today", TODAY)
    assert code in codes(result)
    assert result.exit_code == 1 and "Internt fel" not in result.stderr, result.stderr
    assert [p for p in (tmp_path / "out").rglob("*") if p.is_file()]


# --- reading each kind of file as its reader does -----------------------------------


def assert_docx_marked(path: Path, mark: str) -> None:
    from docx import Document

    document = Document(str(path))
    assert document.paragraphs[0].text == mark, path  # above the title
    assert document.core_properties.content_status == mark
    for section in document.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            assert mark in [p.text for p in header.paragraphs], (path, section)


def assert_xlsx_marked(path: Path, mark: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    for sheet in book.worksheets:
        assert sheet["A2"].value == mark, (path, sheet.title)  # under the title
        assert mark in (sheet.oddHeader.center.text or ""), (path, sheet.title)
        assert mark in (sheet.oddFooter.center.text or ""), (path, sheet.title)


def assert_eml_marked(path: Path, mark: str) -> None:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["Subject"].startswith(f"{mark}: "), path
    assert message.get_body(("plain",)).get_content().splitlines()[0] == mark, path
    for part in message.iter_attachments():
        assert_ics_text_marked(part.get_content(), mark)


def assert_ics_marked(path: Path, mark: str) -> None:
    assert_ics_text_marked(path.read_bytes(), mark)


def assert_ics_text_marked(content: str | bytes, mark: str) -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(content)
    assert str(calendar["X-WR-CALNAME"]).startswith(f"{mark}: ")
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        assert str(event["SUMMARY"]).startswith(f"{mark}: ")
        assert str(event["DESCRIPTION"]).splitlines()[0] == mark


def assert_csv_marked(path: Path, mark: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    assert rows and all(row[0] == mark for row in rows), path


def assert_text_marked(path: Path, mark: str) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    assert first in (mark, f"**{mark}**"), path


def assert_html_marked(path: Path, mark: str) -> None:
    """A web page (issue 17): the mark in its header, above the page's heading."""
    import html

    text = path.read_text("utf-8")
    header = text.split("<header>", 1)[1].split("<h1>", 1)[0]
    assert mark in html.unescape(header), path


def assert_css_marked(path: Path, mark: str) -> None:
    assert path.read_text("utf-8").splitlines()[0] == f"/* {mark} */", path


def assert_pdf_marked(path: Path, mark: str) -> None:
    """A public report's PDF (issue 17): the mark on every page, as the Word file has it
    in the header of every page."""
    from pypdf import PdfReader

    pages = PdfReader(path).pages
    assert pages and all(mark in page.extract_text() for page in pages), path


ASSERT_MARKED = {
    ".pdf": assert_pdf_marked,
    ".html": assert_html_marked,
    ".css": assert_css_marked,
    ".docx": assert_docx_marked,
    ".xlsx": assert_xlsx_marked,
    ".eml": assert_eml_marked,
    ".ics": assert_ics_marked,
    ".csv": assert_csv_marked,
    ".md": assert_text_marked,
    ".txt": assert_text_marked,
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("broken", "reported", "heading"),
    [
        ("strategy", "local_plan", "# Lokal plan"),
        ("local_plan", "strategy", "# Regional sammanställning"),
    ],
)
def test_a_report_drawing_on_a_plan_with_errors_is_a_draft(
    run, tmp_path, monkeypatch, broken, reported, heading
):
    """A local plan's report reads its strategy, and the regional summary the local
    plans: an error there makes the report a draft even if its own plan is clean."""
    yaml = YAML(typ="safe", pure=True)
    (tmp_path / "plans").mkdir()
    paths = {}
    for path in sorted((REPO / "plans").glob("*.yaml")):
        data = yaml.load(path.read_text("utf-8"))
        if data["kind"] == broken:
            data = broken_copy(data)
        with (tmp_path / "plans" / path.name).open("w", encoding="utf-8") as file:
            yaml.dump(data, file)
        paths[data["kind"]] = tmp_path / "plans" / path.name
    monkeypatch.chdir(tmp_path)
    assert dialogkit.check([paths[reported]]).error_count == 0  # clean on its own

    result = run("report", paths[reported], "-f", "markdown")

    assert result.exit_code == 1
    first, _, title = result.stdout.splitlines()[:3]
    assert first == "**UTKAST – planen och planerna den bygger på har 1 fel**"
    assert title.startswith(heading)
    assert paths[broken].name in result.stderr
    assert run("report", paths[reported], "-f", "markdown", "--strict").exit_code == 1
