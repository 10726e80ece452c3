"""The internal overview page of a workspace (issue 17): written by `build` into
`out/oversikt/` and by `dialogkit site FOLDER`. The page is read back with html.parser;
its lists are compared with `dialogkit status` and `plan check` as their own commands
give them."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import REPO

TODAY = "2021-04-01"
KINDS = {
    "dialogue_project": "Dialogprojekt",
    "communication_plan": "Kommunikationsplan",
    "strategy": "Strategi",
    "local_plan": "Lokal plan",
    "implementation_plan": "Genomförandeplan",
}


class Page(HTMLParser):
    """The tags, the text, and the text of each table row of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.in_row = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
            self.in_row = True

    def handle_endtag(self, tag):
        self.in_row = self.in_row and tag != "tr"

    def handle_data(self, data):
        self.text.append(data)
        if self.in_row and data.strip():
            self.rows[-1].append(data.strip())

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def plans_copy(tmp_path: Path) -> Path:
    """The example plans in a workspace of their own (its root: the `plans/` folder)."""
    plans = tmp_path / "ws" / "plans"
    shutil.copytree(REPO / "plans", plans)
    shutil.copy(REPO / "dialogkit.toml", plans.parent / "dialogkit.toml")
    return plans


def built(run, plans: Path, out: Path, folder: str = "oversikt"):
    result = run("build", plans, "--out", out, "--today", TODAY)
    assert "Traceback" not in result.stderr
    page = out / folder / "index.html"
    return result, page


def read(page: Path) -> tuple[str, Page]:
    text = page.read_text(encoding="utf-8")
    return text, Page(text)


def assert_links_resolve(page: Path, parsed: Page) -> int:
    """Every relative link of the page leads to a file that exists; `#id` to an id."""
    ids = {attrs["id"] for _, attrs in parsed.tags if attrs.get("id")}
    count = 0
    for _, attrs in parsed.tags:
        href = attrs.get("href")
        if not href:
            continue
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc, href  # nothing from other servers
        if not parts.path:
            assert parts.fragment in ids, href
            continue
        assert (page.parent / unquote(parts.path)).is_file(), href
        count += 1
    return count


@pytest.mark.slow
def test_build_writes_the_overview_of_every_plan_and_every_file(run, tmp_path):
    out = tmp_path / "out"
    result, page = built(run, REPO / "plans", out)
    assert result.exit_code == 0, result.stderr
    text, parsed = read(page)
    assert 'lang="sv"' in text
    assert {"name": "robots", "content": "noindex"} in parsed.all("meta")
    header = text.split("<header>", 1)[1].split("</header>", 1)[0]
    assert "Internt – publiceras inte" in header  # at the top, not only somewhere
    assert len(parsed.all("h1")) == 1 and parsed.all("main") and parsed.all("nav")
    assert all(th.get("scope") in ("col", "row") for th in parsed.all("th"))
    assert len(parsed.all("caption")) == len(parsed.all("table"))
    # every plan with its kind in words, in the table of all plans
    for path in sorted((REPO / "plans").glob("*.yaml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        row = next(r for r in parsed.rows if r and r[0] == title_of(plan))
        assert row[1] == KINDS[plan["kind"]], row
        assert f"plans/{path.name}" in parsed.visible
    # every file build wrote is linked, and every link resolves; not the manifest
    manifest = json.loads((out / ".dialogkit-manifest.json").read_text(encoding="utf-8"))
    linked = {
        (page.parent / unquote(a["href"])).resolve()
        for a in parsed.all("a")
        if a["href"].startswith("../")
    }
    others = {
        (out / name).resolve() for name in manifest["files"] if not name.startswith("oversikt/")
    }
    assert linked == others
    assert assert_links_resolve(page, parsed) == len(others) + 1  # and style.css
    # the overview is an output like any other: in the manifest and in the summary
    assert {"oversikt/index.html", "oversikt/style.css"} <= set(manifest["files"])
    assert "oversikt" in result.stdout
    assert (page.parent / "style.css").read_text(encoding="utf-8").count("/* overview */") == 1
    # cost against budget, from the plan's costs as `dialogkit cost` computes them
    assert "110 000 kr av budgeten 110 000 kr" in parsed.visible


def title_of(plan: dict) -> str:
    """The title a plan is shown under (display_title), from its YAML."""
    prefixes = {"communication_plan": ("Kommunikationsplan", "project")}
    prefixes["local_plan"] = ("Lokal plan", "municipality")
    if plan["kind"] in prefixes:
        word, key = prefixes[plan["kind"]]
        return f"{word}: {plan[key]}"
    return plan["title"]


@pytest.mark.slow
def test_the_overview_lists_what_status_lists_as_due(run, tmp_path):
    out = tmp_path / "out"
    assert built(run, REPO / "plans", out)[0].exit_code == 0
    _, parsed = read(out / "oversikt" / "index.html")
    status = run("status", REPO / "plans", "--today", TODAY, "--format", "json")
    due = json.loads(status.stdout)
    items = [item for section in ("overdue", "lead_time", "due", "next") for item in due[section]]
    assert items  # the example has something due on this day
    rows = [r for r in parsed.rows if r and r[0][:4].isdigit() and len(r) == 6]
    shown = [(r[0], r[2], r[3]) for r in rows]
    assert shown == [(i["date"], i["what"], i["plan"]) for i in items]


@pytest.mark.slow
def test_a_plan_with_an_error_shows_the_error_and_plan_text_is_escaped(run, tmp_path):
    plans = plans_copy(tmp_path)
    path = plans / "vastmanland-nara-vard.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("municipalities:\n", "municipalities:\n  - Kiruna\n", 1)
    text = text.replace(
        "title: Invånardialog Nära vård", "title: Invånardialog <script>alert(1)</script>"
    )
    path.write_text(text, encoding="utf-8")
    check = run("plan", "check", path, "--format", "json")
    errors = [f for f in json.loads(check.stdout)["findings"] if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["DK203"]
    out = tmp_path / "out"
    result, page = built(run, plans, out)
    assert result.exit_code == 1  # drafts were made
    html, parsed = read(page)
    row = next(r for r in parsed.rows if r and r[0] == "DK203")
    assert row == ["DK203", str(errors[0]["line"]), errors[0]["message"]]
    assert "planens filer är utkast" in parsed.visible
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not [s for name, s in parsed.tags if name == "script"]
    assert_links_resolve(page, parsed)


@pytest.mark.slow
def test_an_english_workspace_gets_an_english_overview(run, tmp_path):
    plans = plans_copy(tmp_path)
    (plans.parent / "dialogkit.toml").write_text('language = "en"\n', encoding="utf-8")
    out = tmp_path / "out"
    result, page = built(run, plans, out, folder="overview")
    assert result.exit_code == 0, result.stderr
    html, parsed = read(page)
    assert 'lang="en"' in html
    assert "Internal – do not publish" in html.split("</header>", 1)[0]
    assert "Implementation plan" in parsed.visible and "Lokal plan" not in parsed.visible
    assert not (out / "oversikt").exists()
    assert_links_resolve(page, parsed)


def test_a_plan_named_like_the_overview_folder_is_refused(run, tmp_path):
    plans = plans_copy(tmp_path)
    for path in plans.glob("*.yaml"):
        if path.name != "dalarna-strategi.yaml":
            path.unlink()
    path = plans / "dalarna-strategi.yaml"
    plan = path.read_text(encoding="utf-8")
    path.write_text(plan.replace("id: dalarna-god-och-nara-vard", "id: oversikt"), "utf-8")
    out = tmp_path / "out"
    result = run("build", plans, "--out", out)
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "oversikt" in result.stderr and "översiktssidans" in result.stderr
    assert not out.exists()


@pytest.mark.slow
def test_site_of_a_folder_writes_each_project_page_and_the_overview(run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # one DTSTAMP in both runs
    out = tmp_path / "site"
    result = run("site", REPO / "plans", "--out", out, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    single = tmp_path / "single"
    project = REPO / "plans" / "vastmanland-nara-vard.yaml"
    assert run("site", project, "--out", single).exit_code == 0
    pages = sorted(
        p.relative_to(out / "vastmanland-nara-vard")
        for p in out.rglob("*")
        if p.is_file() and "oversikt" not in p.parts
    )
    assert pages == sorted(p.relative_to(single) for p in single.rglob("*") if p.is_file())
    for name in pages:  # as `dialogkit site PLAN --out DIR/PLAN-ID` writes them
        assert (out / "vastmanland-nara-vard" / name).read_bytes() == (single / name).read_bytes()
    page = out / "oversikt" / "index.html"
    html, parsed = read(page)
    assert "Internt – publiceras inte" in html.split("</header>", 1)[0]
    assert {"href": "../vastmanland-nara-vard/index.html"} in parsed.all("a")
    assert assert_links_resolve(page, parsed) == len(pages) + 1  # and style.css
    for kind in KINDS.values():  # every plan is listed, not only the projects
        assert kind in parsed.visible
