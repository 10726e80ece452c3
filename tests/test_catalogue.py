"""The catalogue of finding codes: every code has one entry and every entry is used,
its examples trip its rule, the severity comes from it, and `dialogkit explain`, the
README table and the JSON report show it."""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path

import pytest
from conftest import COMMUNICATION, IMPLEMENTATION_PLAN, LOCAL_PLAN, PROJECT, REPO, STRATEGY
from ruamel.yaml import YAML

import dialogkit
from dialogkit.catalogue import BY_CODE, ENTRIES, WARNING
from dialogkit.findings import Severity
from dialogkit.render.catalogue import README_END, README_START, markdown_table
from dialogkit.yamlsource import parse_text

PACKAGE = REPO / "dialogkit"
CODE_LITERAL = re.compile(r"""["'](DK\d{3})["']""")
LANGUAGES = ("sv", "en")

WHOLE_FILE = {"DK001", "DK003", "DK004", "DK005", "DK011"}
"""Codes whose example is a whole plan file."""
COMMANDS = {"DK006", "DK030", "DK031", "DK032", "DK033"}
"""Codes whose example is a shell command, not plan YAML."""
BASE_PLAN = {
    "DK215": COMMUNICATION,
    "DK220": COMMUNICATION,
    "DK216": LOCAL_PLAN,
    "DK219": LOCAL_PLAN,
    "DK224": LOCAL_PLAN,
    "DK225": LOCAL_PLAN,
    "DK231": IMPLEMENTATION_PLAN,
    "DK232": IMPLEMENTATION_PLAN,
    "DK233": IMPLEMENTATION_PLAN,
    "DK240": IMPLEMENTATION_PLAN,
    "DK241": LOCAL_PLAN,
    "DK242": LOCAL_PLAN,
    "DK243": LOCAL_PLAN,
    "DK244": LOCAL_PLAN,
    "DK245": LOCAL_PLAN,
    "DK246": LOCAL_PLAN,
}
"""The valid plan each rule's example goes into; a dialogue project for the rest."""
NEIGHBOURS = {
    "DK231": PROJECT,
    "DK232": PROJECT,
    "DK233": PROJECT,
    "DK240": PROJECT,
    "DK235": IMPLEMENTATION_PLAN.replace("[testprojekt]", "[annat-projekt]"),
}
"""A plan beside the base plan, for a rule about the links between two plans."""
SETTINGS = {"DK238": '[[blackout]]\nname = "Sportlov"\nstart = 2021-02-22\nend = 2021-02-26\n'}
"""The workspace's dialogkit.toml, for a rule about its settings (as its example says)."""


def _kolada(fetched: dict, previous: dict | None = None) -> dict:
    def values(by_year):
        return [
            {"year": y, "gender": "T", "value": v, "count": 1, "status": None}
            for y, v in by_year.items()
        ]

    return {
        "kpi": "U21463",
        "municipality": "2029",
        "fetched": "2026-11-27",
        "values": values(fetched),
        "previous_fetched": previous and "2026-10-01",
        "previous_values": previous and values(previous),
    }


KOLADA_CACHE = {
    "DK243": {"data/U21463/2029.json": _kolada({2023: 91})},
    "DK244": {"data/U21463/2029.json": _kolada({2022: 87}, {2022: 89})},
    "DK245": {"kpi/U99999.json": {"id": "U99999", "fetched": "2026-11-27", "missing": True}},
    "DK246": {"data/U21463/2029.json": _kolada({2023: 91})},
}
"""The workspace's Kolada cache (.dialogkit/cache/kolada), as the example's comment says."""


def codes_in_package() -> dict[str, set[Path]]:
    """Every code written as a string literal in the package, outside the catalogue."""
    found: dict[str, set[Path]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name == "catalogue.py":
            continue
        for code in CODE_LITERAL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, set()).add(path.relative_to(REPO))
    return found


def test_every_code_in_the_package_has_an_entry_and_every_entry_is_used():
    used = codes_in_package()
    assert set(used) - set(BY_CODE) == set(), "codes without a catalogue entry"
    assert set(BY_CODE) - set(used) == set(), "catalogue entries no code uses"


def test_the_scan_sees_the_codes_of_rules_and_of_other_findings():
    used = codes_in_package()
    assert Path("dialogkit/rules/project.py") in used["DK201"]
    assert Path("dialogkit/yamlsource.py") in used["DK003"]
    assert Path("dialogkit/fmt.py") in used["DK031"]


def test_entries_are_unique_in_code_order_and_complete_in_both_languages():
    codes = [entry.code for entry in ENTRIES]
    assert codes == sorted(set(codes))
    names = [entry.name for entry in ENTRIES]
    assert len(names) == len(set(names))
    for entry in ENTRIES:
        assert re.fullmatch(r"DK\d{3}", entry.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", entry.name), entry.code
        assert isinstance(entry.severity, Severity)
        for field in ("title", "why", "example", "fix"):
            text = getattr(entry, field)
            assert text.sv.strip() and text.en.strip(), (entry.code, field)
        assert entry.title.sv != entry.title.en and entry.why.sv != entry.why.en, entry.code


def test_rules_register_against_catalogue_entries():
    from dialogkit.rules import RULES, _load_rule_modules

    _load_rule_modules()
    assert RULES
    for registered in RULES:
        assert registered.entry is BY_CODE[registered.code]
        assert registered.severity is BY_CODE[registered.code].severity


def test_a_rule_with_a_code_the_catalogue_lacks_is_refused():
    from dialogkit.rules import rule

    with pytest.raises(ValueError, match="DK999"):
        rule("DK999", "dialogue_project")


def test_rule_findings_take_name_and_severity_from_the_catalogue(write, tmp_path):
    write(PROJECT.replace("municipality: Västerås}", "municipality: Sala}"), "a.yaml")
    write(PROJECT.replace("    members: [anna, bo]\n", "    members: [cia]\n"), "b.yaml")
    found = {f.code: f for f in dialogkit.check([tmp_path]).findings}
    assert found["DK201"].severity is BY_CODE["DK201"].severity is Severity.ERROR
    assert found["DK202"].severity is BY_CODE["DK202"].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("DK003", "kind: strategy\nkind: strategy\n"),
        ("DK011", "kind: strategy\nid: s\n"),
    ],
)
def test_other_findings_take_their_severity_from_the_catalogue(monkeypatch, write, code, text):
    """Made a warning in the catalogue, a reading error and a validation error turn
    into warnings: their severity is nowhere else."""
    path = write(text)
    assert {f.severity for f in dialogkit.check([path]).findings if f.code == code} == {
        Severity.ERROR
    }
    monkeypatch.setitem(BY_CODE, code, BY_CODE[code]._replace(severity=WARNING))
    assert {f.severity for f in dialogkit.check([path]).findings if f.code == code} == {
        Severity.WARNING
    }


def test_notes_take_their_severity_from_the_catalogue(monkeypatch, tmp_path):
    """A link to a plan is not formatted (DK031); one out of the folder is not even
    read (DK006). Both are notes because the catalogue says so."""
    from dialogkit.fmt import format_paths

    plans, elsewhere = tmp_path / "plans", tmp_path / "elsewhere"
    for folder in (plans, elsewhere):
        folder.mkdir()
        (folder / "plan.yaml").write_text(STRATEGY, encoding="utf-8")
    (plans / "link.yaml").symlink_to(plans / "plan.yaml")
    (plans / "out").symlink_to(elsewhere)

    def problems() -> dict[str, Severity]:
        results = format_paths([plans], check=True)
        return {r.problem.code: r.problem.severity for r in results if r.problem}

    assert problems() == {"DK031": Severity.NOTE, "DK006": Severity.NOTE}
    for code in ("DK031", "DK006"):
        monkeypatch.setitem(BY_CODE, code, BY_CODE[code]._replace(severity=WARNING))
    assert problems() == {"DK031": Severity.WARNING, "DK006": Severity.WARNING}


# The examples. A rule's example shows only the lines that matter; the test puts
# them into a valid plan: mappings merge, list items with an id merge by id, an item
# with a new id starts as a copy of the list's first item, other lists are replaced.


def merged(base, example):
    if isinstance(base, dict) and isinstance(example, dict):
        out = dict(base)
        for key, value in example.items():
            out[key] = merged(base[key], value) if key in base else value
        return out
    if _ided(base) and _ided(example):
        out = [dict(item) for item in base]
        for item in example:
            same = [i for i, old in enumerate(out) if old["id"] == item["id"]]
            if same:
                out[same[0]] = merged(out[same[0]], item)
            else:
                out.append(merged(copy.deepcopy(base[0]), item))
        return out
    return example


def _ided(value) -> bool:
    items = value if isinstance(value, list) else []
    return bool(items) and all(isinstance(item, dict) and "id" in item for item in items)


def _yaml(data) -> str:
    out = io.StringIO()
    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = False
    dumper.dump(data, out)
    return out.getvalue()


RULE_EXAMPLES = [
    (entry.code, language)
    for entry in ENTRIES
    if entry.code not in WHOLE_FILE | COMMANDS
    for language in LANGUAGES
]


@pytest.mark.parametrize(("code", "language"), RULE_EXAMPLES)
def test_a_rules_example_trips_it(write, tmp_path, code, language):
    base = BASE_PLAN.get(code, PROJECT)
    assert code not in {f.code for f in _check(write, tmp_path, base, code)}
    plan = merged(parse_text(base).data, parse_text(BY_CODE[code].example.get(language)).data)
    assert code in {f.code for f in _check(write, tmp_path, _yaml(plan), code)}


def _check(write, tmp_path, text: str, code: str):
    write(STRATEGY, "strategi.yaml")
    if code in NEIGHBOURS:
        write(NEIGHBOURS[code], "granne.yaml")
    if code in SETTINGS:
        write(SETTINGS[code], "dialogkit.toml")
    for name, record in KOLADA_CACHE.get(code, {}).items():
        write(json.dumps(record), f".dialogkit/cache/kolada/{name}")
    return dialogkit.check([write(text)]).findings


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", sorted(WHOLE_FILE))
def test_a_whole_file_example_trips_its_code(write, code, language):
    path = write(BY_CODE[code].example.get(language))
    assert code in {f.code for f in dialogkit.check([path]).findings}


# dialogkit explain


def test_explain_prints_the_entry_in_swedish_by_default(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("explain", "DK201")
    assert result.exit_code == 0, result.stderr
    entry = BY_CODE["DK201"]
    lines = result.stdout.splitlines()
    assert lines[:2] == ["DK201 too-few-members (fel)", entry.title.sv]
    for heading in ("Varför", "Exempel", "Så rättar du"):
        assert heading in lines
    assert "minst två ledamöter är en förutsättning" in " ".join(result.stdout.split())
    assert "        members: [anna]   # bara en" in lines


def test_explain_follows_the_workspace_language(run, tmp_path, monkeypatch):
    (tmp_path / "dialogkit.toml").write_text('language = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("explain", "dk217")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "DK217 duplicate-id (error)",
        BY_CODE["DK217"].title.en,
    ]
    assert "How to fix it" in result.stdout and "Varför" not in result.stdout
    assert "Varför" in run("explain", "DK217", "--language", "sv").stdout


def test_explain_finds_a_rule_by_its_name(run):
    assert run("explain", "holiday-or-weekend").stdout.startswith("DK208 holiday-or-weekend")


@pytest.mark.parametrize("language", LANGUAGES)
def test_explain_as_json_and_markdown(run, language):
    data = json.loads(run("explain", "DK204", "--format", "json", "--language", language).stdout)
    entry = BY_CODE["DK204"]
    assert data == {
        "code": "DK204",
        "severity": "error",
        "name": "venue-not-accessible",
        "title": entry.title.get(language),
        "why": entry.why.get(language),
        "example": entry.example.get(language),
        "fix": entry.fix.get(language),
    }
    markdown = run("explain", "DK204", "-f", "markdown", "--language", language).stdout
    assert markdown.startswith("## DK204 venue-not-accessible")
    assert f"```yaml\n{entry.example.get(language)}```" in markdown


def test_an_unknown_code_names_the_closest(run):
    result = run("explain", "DK2011")
    assert result.exit_code == 2
    assert "Koden 'DK2011' finns inte." in result.stderr
    hint = result.stderr.split("tips:")[1]
    assert "DK201" in hint and "DK211" in hint and "DK222" not in hint
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("args", [(), ("DK201", "--list")])
def test_explain_wants_a_code_or_list(run, args):
    result = run("explain", *args)
    assert result.exit_code == 2
    assert "Ange en kod eller --list." in result.stderr


def test_explain_list(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = run("explain", "--list").stdout.splitlines()
    assert [line.split()[0] for line in lines] == [e.code for e in ENTRIES]
    assert lines[ENTRIES.index(BY_CODE["DK202"])] == (
        f"DK202  varning  {BY_CODE['DK202'].title.sv}"
    )
    rows = json.loads(run("explain", "--list", "-f", "json", "--language", "en").stdout)
    assert rows[0] == {
        "code": "DK001",
        "severity": "error",
        "name": "unreadable-file",
        "title": BY_CODE["DK001"].title.en,
    }
    assert len(rows) == len(ENTRIES)
    assert run("explain", "--list", "-f", "markdown").stdout == markdown_table("sv") + "\n"


# The README and the JSON report


def test_the_readme_table_is_the_catalogues():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    region = readme.split(README_START)[1].split(README_END)[0]
    assert region.strip() == markdown_table("sv")
    rows = [line for line in region.splitlines() if line.startswith("| DK")]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == [e.code for e in ENTRIES]


def test_the_readme_script_rewrites_a_stale_table(tmp_path):
    from dialogkit.render.catalogue import replace_readme_table

    before, after = "# Titel\n\nText före.\n\n", "\n\nEfter.\n"
    stale = f"{before}{README_START}\n| DK001 | fel | gammalt |\n{README_END}{after}"
    updated = replace_readme_table(stale)
    assert updated == f"{before}{README_START}\n{markdown_table('sv')}\n{README_END}{after}"
    assert replace_readme_table(updated) == updated
    with pytest.raises(ValueError):
        replace_readme_table("# no markers\n")


def test_json_report_carries_code_metadata_from_the_catalogue(run, write):
    path = write(PROJECT.replace("    members: [anna, bo]\n", "    members: [anna]\n"))
    data = json.loads(run("plan", "check", path, "--format", "json").stdout)
    assert {"files_checked", "errors", "warnings", "findings", "omitted"} <= set(data)
    [finding] = data["findings"]
    assert finding["code"] == "DK201" and finding["name"] == "too-few-members"
    assert finding["severity"] == "error" and finding["line"] > 1
    assert data["codes"] == {
        "DK201": {
            "severity": "error",
            "name": "too-few-members",
            "title": BY_CODE["DK201"].title.sv,
        }
    }


def test_json_report_without_findings_has_no_codes(run, write):
    data = json.loads(run("plan", "check", write(PROJECT), "--format", "json").stdout)
    assert (data["findings"], data["codes"]) == ([], {})


def test_check_stays_light(tmp_path):
    """`plan check` imports the catalogue (plain data), not pydantic or rich, to show it."""
    import subprocess
    import sys

    code = (
        "import sys; import dialogkit.catalogue, dialogkit.render.catalogue; "
        "print(sorted(m for m in ('pydantic', 'rich', 'typer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
