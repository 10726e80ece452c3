"""Every web page `build` writes, in a real browser (issue 17).

Headless Chromium (the distribution's package, driven by Playwright with
`executable_path`, never Playwright's own download) opens each `*.html` of a build of
`plans/` at 1280 and 375 px and checks: axe-core at WCAG 2.1 AA finds nothing; nothing is
requested from outside `file:`; the page does not scroll sideways at 375 px; it has a
language; Tab reaches every focusable element and each one visibly changes when focused;
the skip link comes first and moves focus to `main`; printed, the page keeps its h1 and
drops its navigation. A link walk without the browser checks that every link and
calendar file resolves. A deliberately bad page proves the checks can fail.

Locally the browser tests skip, saying what to install, when Chromium or Playwright is
missing; with DIALOGKIT_REQUIRE_BROWSER=1 (CI) they fail instead. With
DIALOGKIT_SCREENSHOTS=DIR they save full-page screenshots there for a person to look at.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

import icalendar
import pytest
from conftest import REPO

WIDTHS = {1280: 800, 375: 740}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# No sandbox (CI runs as root); the rest keep Chromium off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FOCUSABLE = (
    "a[href], area[href], button, input, select, textarea, summary, iframe, "
    '[contenteditable=""], [contenteditable="true"], [tabindex]:not([tabindex="-1"])'
)
INSTALL_PIP = "pip install -e '.[test]' (playwright, axe-playwright-python)"


# --- finding the browser: skip locally, fail in CI -------------------------------------------


def find_chromium(env: Mapping[str, str]) -> str | None:
    """DIALOGKIT_CHROMIUM if it names a file, else `chromium` or `chromium-browser` on PATH."""
    explicit = env.get("DIALOGKIT_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    path = env.get("PATH")
    return shutil.which("chromium", path=path) or shutil.which("chromium-browser", path=path)


def missing_browser_tools(env: Mapping[str, str], has_module=importlib.util.find_spec) -> list[str]:
    """What to install before the browser tests can run, one instruction per missing piece."""
    missing = []
    if find_chromium(env) is None:
        explicit = env.get("DIALOGKIT_CHROMIUM")
        missing.append(
            f"DIALOGKIT_CHROMIUM={explicit} names no file: point it at Chromium or unset it"
            if explicit
            else "Chromium: `apt-get install chromium` (or set DIALOGKIT_CHROMIUM=/path/to/chrome)"
        )
    if has_module("playwright") is None or has_module("axe_playwright_python") is None:
        missing.append(f"Playwright and axe-core: `{INSTALL_PIP}`; never `playwright install`")
    return missing


def require_browser_tools(env: Mapping[str, str], has_module=importlib.util.find_spec) -> str:
    """The Chromium to launch; skips the test when something is missing, or fails when
    DIALOGKIT_REQUIRE_BROWSER=1 says this run (CI) must not skip."""
    missing = missing_browser_tools(env, has_module)
    if not missing:
        return find_chromium(env)  # type: ignore[return-value]
    message = "Cannot run the browser tests. Missing: " + "; ".join(missing) + "."
    if env.get("DIALOGKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " DIALOGKIT_REQUIRE_BROWSER=1: they must not be skipped.", False)
    pytest.skip(message)


def test_missing_browser_skips_locally_and_fails_when_required(tmp_path):
    empty_path = {"PATH": str(tmp_path)}
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install chromium"):
        require_browser_tools(empty_path)
    with pytest.raises(pytest.fail.Exception, match=r"must not be skipped"):
        require_browser_tools({**empty_path, "DIALOGKIT_REQUIRE_BROWSER": "1"})
    gone = {"DIALOGKIT_CHROMIUM": str(tmp_path / "chrome"), "DIALOGKIT_REQUIRE_BROWSER": "1"}
    with pytest.raises(pytest.fail.Exception, match=r"DIALOGKIT_CHROMIUM=.*chrome names no file"):
        require_browser_tools(gone)
    chrome = tmp_path / "chrome"
    chrome.write_bytes(b"")
    with pytest.raises(pytest.skip.Exception, match=re.escape(INSTALL_PIP)):
        require_browser_tools({"DIALOGKIT_CHROMIUM": str(chrome)}, has_module=lambda name: None)
    assert require_browser_tools({"DIALOGKIT_CHROMIUM": str(chrome)}, lambda name: name) == str(
        chrome
    )


# --- the build, parsed without a browser ------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """`dialogkit build plans --out OUT` once for the module, through the real CLI."""
    out = tmp_path_factory.mktemp("build") / "out"
    done = subprocess.run(
        [sys.executable, "-m", "dialogkit", "build", str(REPO / "plans"), "--out", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def pages_of(out: Path) -> list[Path]:
    pages = sorted(out.rglob("*.html"))
    assert any(page.relative_to(out).parts[-2:] == ("webb", "index.html") for page in pages), (
        f"no project page among {pages}"
    )
    return pages


class Links(HTMLParser):
    """Every href and src of a page, and its element ids."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.targets.append(value)


EMAIL = re.compile(r"^mailto:[^@\s/]+@[^@\s/]+\.[a-z]{2,}(\?\S*)?$", re.IGNORECASE)


def link_problems(page: Path, out: Path) -> Iterator[str]:
    """Why each broken link of `page` is broken (nothing for a page whose links resolve)."""
    links = Links(page.read_text(encoding="utf-8"))
    for target in links.targets:
        parts = urlsplit(target)
        scheme = parts.scheme.lower()
        if scheme == "mailto":
            if not EMAIL.match(target):
                yield f"{target!r}: not an e-mail address"
        elif scheme in ("http", "https", "webcal"):
            if not parts.netloc or re.search(r"\s", target):
                yield f"{target!r}: not a web address"
        elif scheme or parts.netloc:
            yield f"{target!r}: a page may link only to files beside it, e-mail and the web"
        elif not parts.path:
            if parts.fragment not in links.ids:
                yield f"{target!r}: no element with that id on the page"
        else:
            file = (page.parent / unquote(parts.path)).resolve()
            if not file.is_relative_to(out.resolve()) or not file.is_file():
                yield f"{target!r}: no such file in the build"
            elif parts.fragment and file.suffix == ".html":
                if parts.fragment not in Links(file.read_text(encoding="utf-8")).ids:
                    yield f"{target!r}: no element with that id in {file.name}"
            elif file.suffix == ".ics":
                calendar = icalendar.Calendar.from_ical(file.read_bytes())
                if not calendar.walk("VEVENT"):
                    yield f"{target!r}: a calendar without events"


@pytest.mark.slow
def test_every_link_and_calendar_file_of_every_page_resolves(site):
    problems = [
        f"{page.relative_to(site)}: {problem}"
        for page in pages_of(site)
        for problem in link_problems(page, site)
    ]
    assert not problems, "\n".join(problems)


def test_the_link_walk_finds_broken_links(tmp_path):
    (tmp_path / "empty.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//SV\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    page = tmp_path / "index.html"
    page.write_text(
        '<a href="#nowhere">a</a><a href="missing.html">b</a><a href="empty.ics">c</a>'
        '<a href="mailto:nobody">d</a><a href="javascript:alert(1)">e</a>'
        '<a href="../outside.html">f</a><a href="index.html#gone">g</a>'
        '<a id="here" href="#here">ok</a><a href="https://example.se/x">ok</a>',
        encoding="utf-8",
    )
    (tmp_path.parent / "outside.html").write_text("", encoding="utf-8")
    problems = list(link_problems(page, tmp_path))
    assert [problem.split(":")[0] for problem in problems] == [
        "'#nowhere'",
        "'missing.html'",
        "'empty.ics'",
        "'mailto",
        "'javascript",
        "'../outside.html'",
        "'index.html#gone'",
    ]


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    chromium = require_browser_tools(os.environ)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def axe_script() -> str:
    """axe-core as shipped inside axe-playwright-python (read as UTF-8, also on Windows)."""
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


@dataclass
class Opened:
    page: object
    blocked: list[str] = field(default_factory=list)


def open_page(browser, path: Path, width: int) -> Opened:
    """`path` in a fresh tab `width` px wide; any request outside `file:` is aborted and noted."""
    page = browser.new_page(viewport={"width": width, "height": WIDTHS[width]})
    opened = Opened(page)

    def refuse(route):
        opened.blocked.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith("file:"), refuse)
    page.goto(path.as_uri())
    return opened


def axe_violations(page, axe_script: str) -> list[str]:
    """axe-core's WCAG 2.1 AA violations, one readable line per element."""
    page.evaluate(axe_script)
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} – {' '.join(node['target'])}: "
        + " ".join(node["failureSummary"].split())
        for rule in result["violations"]
        for node in rule["nodes"]
    ]


def focus_problems(page) -> list[str]:
    """Tab through the page; name each focusable element Tab misses or whose focus does
    not show (its box ± 8 px looks the same focused and blurred, or it has no box)."""
    page.evaluate("() => { window.dkTabbed = []; document.activeElement.blur(); }")
    viewport = page.viewport_size
    problems = []
    while True:
        page.keyboard.press("Tab")
        box = page.evaluate(
            """() => {
              const e = document.activeElement;
              if (!e || e === document.body || window.dkTabbed.includes(e)) return null;
              window.dkTabbed.push(e);
              e.scrollIntoView({block: "center"});
              const r = e.getBoundingClientRect();
              return {x: r.x, y: r.y, w: r.width, h: r.height, html: e.outerHTML.slice(0, 80)};
            }"""
        )
        if box is None:
            break
        x, y = max(box["x"] - 8, 0), max(box["y"] - 8, 0)
        clip = {
            "x": x,
            "y": y,
            "width": max(min(box["w"] + 16, viewport["width"] - x), 1),
            "height": max(min(box["h"] + 16, viewport["height"] - y), 1),
        }
        focused = page.screenshot(clip=clip, animations="disabled")
        # Chromium's next Tab starts from the blurred element (the count below checks it).
        page.evaluate("document.activeElement.blur()")
        blurred = page.screenshot(clip=clip, animations="disabled")
        if box["w"] == 0 or box["h"] == 0 or focused == blurred:
            problems.append(f"focus not visible on {box['html']}")
    reached = page.evaluate("window.dkTabbed.length")
    focusable = page.evaluate(
        "s => [...document.querySelectorAll(s)].filter(e => e.getClientRects().length).length",
        FOCUSABLE,
    )
    if reached != focusable:
        problems.append(f"Tab reached {reached} of {focusable} focusable elements")
    return problems


def skip_link_problem(page) -> str | None:
    """Why the first Tab stop is not a skip link that moves focus into `main`, if it is not."""
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Tab")
    first = page.evaluate(
        """() => {
          const e = document.activeElement, main = document.querySelector("main");
          const href = e.getAttribute("href") || "";
          const target = href.startsWith("#") && document.getElementById(href.slice(1));
          const skips = !!(main && target && main.contains(target));
          return {html: e.outerHTML.slice(0, 80), skips};
        }"""
    )
    if not first["skips"]:
        return f"the first Tab stop is not a skip link to main: {first['html']}"
    page.keyboard.press("Enter")
    if not page.evaluate("document.querySelector('main').contains(document.activeElement)"):
        return "the skip link does not move focus into main"
    return None


def screenshot_folder() -> Path | None:
    """DIALOGKIT_SCREENSHOTS, made if needed; never a folder inside the repository."""
    setting = os.environ.get("DIALOGKIT_SCREENSHOTS")
    if not setting:
        return None
    folder = Path(setting).resolve()
    if folder.is_relative_to(REPO.resolve()):
        pytest.fail(
            f"DIALOGKIT_SCREENSHOTS={setting} is inside the repository; "
            "choose a folder outside it.",
            False,
        )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(page, site: Path, path: Path, suffix: str) -> None:
    folder = screenshot_folder()
    if folder is not None:
        name = path.relative_to(site).with_suffix("").as_posix().replace("/", "__")
        page.screenshot(path=folder / f"{name}-{suffix}.png", full_page=True)


@pytest.mark.slow
def test_every_page_passes_axe_loads_nothing_from_outside_and_reflows(browser, site, axe_script):
    problems = []
    for path in pages_of(site):
        name = path.relative_to(site).as_posix()
        for width in WIDTHS:
            opened = open_page(browser, path, width)
            page = opened.page
            found = axe_violations(page, axe_script)
            if not re.fullmatch(
                r"[a-z]{2,3}(-[A-Za-z0-9]+)*", page.evaluate("document.documentElement.lang")
            ):
                found.append("<html> has no lang attribute")
            scroll = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            if width == 375 and scroll[0] > scroll[1]:
                found.append(f"scrolls sideways: {scroll[0]} px of content in {scroll[1]} px")
            screenshot(page, site, path, str(width))
            page.close()
            found += [f"requested from outside file: {url}" for url in opened.blocked]
            problems += [f"{name} @ {width} px: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_keyboard_reaches_every_focusable_element_and_focus_is_visible(browser, site):
    """The full Tab walk at 1280 px (two screenshots per element); the skip link at both."""
    problems = []
    for path in pages_of(site):
        name = path.relative_to(site).as_posix()
        for width in WIDTHS:
            page = open_page(browser, path, width).page
            found = focus_problems(page) if width == 1280 else []
            found += filter(None, [skip_link_problem(page)])
            page.close()
            problems += [f"{name} @ {width} px: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_printed_pages_keep_their_heading_and_drop_the_navigation(browser, site):
    problems = []
    for path in pages_of(site):
        page = open_page(browser, path, 1280).page
        page.emulate_media(media="print")
        if page.evaluate("[...document.querySelectorAll('nav')].some(n => n.checkVisibility())"):
            problems.append(f"{path.relative_to(site).as_posix()}: the navigation is printed")
        if not page.evaluate("!!document.querySelector('h1')?.checkVisibility()"):
            problems.append(f"{path.relative_to(site).as_posix()}: no visible h1 in print")
        screenshot(page, site, path, "print")
        page.close()
    assert not problems, "\n".join(problems)


BAD_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Dålig sida</title>
<style>.faint { color: #777; background: #888 } .nofocus:focus { outline: none }</style>
</head><body><main><h1>Dålig sida</h1>
<p class="faint">Text nästan utan kontrast</p>
<p><a href="#"></a> <a class="nofocus" href="#slut">Länk utan fokusmarkering</a>
<a id="slut" href="#slut">Vanlig länk</a></p>
<img src="https://example.se/bild.png" alt="Bild från en annan server">
</main></body></html>
"""


@pytest.mark.slow
def test_the_browser_checks_catch_a_bad_page(browser, axe_script, tmp_path):
    path = tmp_path / "bad.html"
    path.write_text(BAD_PAGE, encoding="utf-8")
    opened = open_page(browser, path, 1280)
    page = opened.page
    rules = {violation.split(" ")[0] for violation in axe_violations(page, axe_script)}
    assert {"html-has-lang", "color-contrast", "link-name"} <= rules
    assert opened.blocked == ["https://example.se/bild.png"]
    problems = focus_problems(page)
    assert [problem for problem in problems if "Vanlig länk" in problem] == []
    assert any('<a href="#"></a>' in problem for problem in problems)
    assert any('class="nofocus"' in problem for problem in problems)
    assert skip_link_problem(page).startswith("the first Tab stop is not a skip link")
    page.close()
