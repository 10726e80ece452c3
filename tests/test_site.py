"""The public web page of a dialogue project (issue 17): `dialogkit site PLAN --out DIR`
and `build`'s `webb/` folder. The written files are read back: the HTML with
html.parser, the calendars with icalendar."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from conftest import PROJECT, REPO

from dialogkit import pdf
from dialogkit.gate import readable_texts

PERSONNUMMER = "811218-9876"
PRIVATE_PHONE = "070-987 65 43"
INTERNAL = "Hemlig intern reflektion om ordföranden"
WEB_PAGE = "https://region.example.se/dialog"

PLANTED = (
    PROJECT.replace(
        "purpose: Att samla in invånarnas synpunkter.",
        "purpose: >-\n  Att samla in invånarnas synpunkter <script>alert(1)</script> &amp; "
        f"<b>fet</b>. Ring Pia på {PRIVATE_PHONE}, pnr {PERSONNUMMER}.",
    )
    .replace(
        "  name: Pia Processledare\n",
        f"  name: Pia Processledare\n  phone: {PRIVATE_PHONE}\n",
    )
    .replace(
        "      hearing_loop: true\n    members: [anna, bo]\n",
        "      hearing_loop: true\n"
        "    registration:\n"
        "      required: true\n"
        "      registration_url: javascript:alert(2)\n"
        "    members: [anna, bo]\n"
        "    status: held\n"
        "    outcome:\n"
        "      participants: 14\n"
        "      themes: [Kontinuitet]\n"
        f"      public_notes: Vi pratade om vården. Ring {PRIVATE_PHONE} ({PERSONNUMMER}).\n"
        f"      internal_notes: {INTERNAL}\n",
    )
    .replace(
        "reporting:\n",
        f"web_page: {WEB_PAGE}\n"
        "responses:\n"
        "  - theme: Kontinuitet\n"
        "    response: Fast vårdkontakt <i>för alla</i>.\n"
        "    state: considering\n"
        "reporting:\n",
    )
)


class Page(HTMLParser):
    """The parts of an HTML page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def links(self) -> list[str]:
        return [a[key] for _, a in self.tags for key in ("href", "src") if a.get(key)]

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def site(run, plan: Path, out: Path, *args: str):
    result = run("site", plan, "--out", out, *args)
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def written(run, write, tmp_path) -> Path:
    out = tmp_path / "webb"
    assert site(run, write(PLANTED), out).exit_code == 0
    return out


def test_the_page_is_plain_accessible_html(written):
    page = Page((written / "index.html").read_text("utf-8"))
    html = page.all("html")
    assert html == [{"lang": "sv"}]
    assert len(page.all("h1")) == 1
    skip = page.all("a")[0]["href"]  # the first link skips to the content
    assert skip.startswith("#") and {"id": skip[1:], "tabindex": "-1"} == page.all("main")[0]
    for landmark in ("header", "nav", "main", "footer"):
        assert len(page.all(landmark)) == 1, landmark
    levels = [int(tag[1]) for tag, _ in page.tags if tag in ("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))
    assert not page.all("script") and not page.all("iframe") and not page.all("img")
    css = (written / "style.css").read_text("utf-8")
    assert ":focus-visible" in css and "@media print" in css and "url(" not in css
    assert "@import" not in css


def test_every_local_link_resolves_and_nothing_comes_from_other_servers(written):
    page = Page((written / "index.html").read_text("utf-8"))
    ids = {attrs["id"] for _, attrs in page.tags if attrs.get("id")}
    external = []
    for link in page.links():
        parts = urlsplit(link)
        if parts.scheme in ("http", "https", "mailto"):
            external.append(link)
        elif link.startswith("#"):
            assert link[1:] in ids, link
        else:
            assert not parts.scheme and (written / parts.path).is_file(), link
    assert set(external) == {WEB_PAGE, "mailto:kontakt@example.se", "mailto:anmalan@example.se"}
    assert {p.relative_to(written).as_posix() for p in written.rglob("*") if p.is_file()} == {
        "index.html",
        "style.css",
        "kalender.ics",
        "dialoger/sala.ics",
        "dialoger/koping.ics",
        # the public report, after the dialogues (tests/test_pdf.py): its PDF with LibreOffice
        "rapport/dialograpport-publik.docx",
        *(["rapport/dialograpport-publik.pdf"] if pdf.available() is None else []),
    }
    whole = icalendar.Calendar.from_ical((written / "kalender.ics").read_bytes())
    assert len(whole.walk("VEVENT")) == 2
    sala = icalendar.Calendar.from_ical((written / "dialoger" / "sala.ics").read_bytes())
    assert [str(e["LOCATION"]).split(",")[0] for e in sala.walk("VEVENT")] == ["Sala bibliotek"]


def test_the_page_says_what_residents_need(written):
    text = Page((written / "index.html").read_text("utf-8")).visible
    for expected in (
        "Vad är viktigt för dig?",  # the question
        "dialog – steg 3 av 5",  # the rung in plain words
        "tisdag 13 april 2021 kl. 18.00–20.00",
        "Sala bibliotek, Storgatan 1, Sala",
        "tillgänglighetsanpassad",
        "Hörselslinga finns.",
        "Anmälan krävs.",
        "anmalan@example.se senast måndag 12 april 2021",  # the digital dialogue's
        "Ni sa – vi gör",
        "Kontinuitet",
        "14 deltagare",
        "Vi pratade om vården.",
    ):
        assert expected in text, expected


def test_no_personal_data_or_internal_note_in_any_file(written):
    digits = PERSONNUMMER.replace("-", "")
    for path in (p for p in written.rglob("*") if p.is_file()):
        if path.suffix in (".docx", ".pdf"):  # the public report, read as its reader sees it
            texts = readable_texts(path.suffix, path.read_bytes())
        else:
            texts = [path.read_bytes().decode("utf-8").replace("\r\n ", "")]
        for planted in (PERSONNUMMER, digits, PRIVATE_PHONE, "987 65 43", INTERNAL):
            assert not any(planted in text for text in texts), (path.name, planted)


def test_html_in_plan_text_is_escaped_and_only_web_links_are_links(written):
    raw = (written / "index.html").read_text("utf-8")
    page = Page(raw)
    assert not page.all("script") and not page.all("b") and not page.all("i")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "<script>alert(1)</script>" in page.visible  # shown as text
    assert "&amp;amp;" in raw  # "&amp;" in the plan is shown as written
    assert not any("javascript:" in link for link in page.links())


def test_a_plan_with_errors_gives_a_marked_page(run, write, tmp_path):
    draft = PROJECT.replace(
        "municipalities: [Sala, Köping]", "municipalities: [Sala, Köping, Arboga]"
    )
    out = tmp_path / "webb"
    result = site(run, write(draft), out)
    assert result.exit_code == 1
    page = Page((out / "index.html").read_text("utf-8"))
    header_first = page.visible.split("Hoppa till innehållet", 1)[1].lstrip()
    assert header_first.startswith("UTKAST – planen har 1 fel")
    assert (out / "style.css").read_text("utf-8").startswith("/* UTKAST")
    assert "UTKAST" in (out / "kalender.ics").read_text("utf-8")
    assert site(run, write(draft), tmp_path / "strict", "--strict").exit_code != 0
    assert not (tmp_path / "strict").exists()


@pytest.mark.slow
def test_an_english_plan_gives_an_english_page(run, tmp_path):
    out = tmp_path / "web"
    plan = REPO / "tests" / "english" / "vastmanland-nara-vard.yaml"
    assert site(run, plan, out).exit_code == 0
    page = Page((out / "index.html").read_text("utf-8"))
    assert page.all("html") == [{"lang": "en"}]
    assert "You said – we do" in page.visible and "Ni sa" not in page.visible
    assert (out / "calendar.ics").is_file()
    for link in page.links():
        if not urlsplit(link).scheme and not link.startswith("#"):
            assert (out / link).is_file(), link


@pytest.mark.slow
def test_build_writes_the_page_beside_the_other_outputs(run, write, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1618300000")  # calendars carry the moment made
    plan = write(PLANTED, "plans/project.yaml")
    out = tmp_path / "out"
    assert run("build", plan.parent, "--out", out).exit_code == 0
    folder = out / "testprojekt" / "webb"
    single = tmp_path / "single"
    assert site(run, plan, single).exit_code == 0
    built = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    alone = {p.relative_to(single): p.read_bytes() for p in single.rglob("*") if p.is_file()}
    assert built == alone and Path("index.html") in built


def test_site_needs_an_out_folder(run, write):
    result = run("site", write(PROJECT))
    assert result.exit_code == 2 and "--out" in result.stderr


def test_the_public_calendar_holds_no_test_dialogue(run, tmp_path):
    from icalendar import Calendar

    out = tmp_path / "webb"
    assert run("site", REPO / "plans" / "vastmanland-nara-vard.yaml", "--out", out).exit_code == 0
    events = Calendar.from_ical((out / "kalender.ics").read_bytes()).walk("VEVENT")
    summaries = [str(event["SUMMARY"]) for event in events]
    assert len(summaries) == 10 and not any("(test)" in s for s in summaries)


def test_a_wide_table_scrolls_in_its_own_focusable_region(run, tmp_path):
    """At 375 px the page itself must not scroll sideways (WCAG 1.4.10): the "Ni sa – vi
    gör" table scrolls in a region a keyboard can reach and that is named by its heading."""
    out = tmp_path / "webb"
    assert site(run, REPO / "plans" / "vastmanland-nara-vard.yaml", out).exit_code == 0
    page = Page((out / "index.html").read_text("utf-8"))
    regions = [
        (tag, attrs) for tag, attrs in page.tags if tag == "div" and attrs.get("role") == "region"
    ]
    assert regions and all(
        attrs.get("tabindex") == "0" and attrs.get("class") == "table-scroll"
        for _, attrs in regions
    )
    headings = {attrs.get("id") for _, attrs in page.tags if attrs.get("id")}
    assert all(attrs["aria-labelledby"] in headings for _, attrs in regions)
    assert [tag for tag, _ in page.tags].count("table") == len(regions)
    assert ".table-scroll { overflow-x: auto; }" in (out / "style.css").read_text("utf-8")


# --- film and material, sending in views, the [site] theme (issue 17) ----------------

FILM = "https://example.se/nara-vard/film"
SLIDES = "https://example.se/nara-vard/dialogerna.pptx"
FORM = "https://example.se/nara-vard/tyck-till"
MATERIAL = PROJECT.replace(
    "contact:\n",
    "material:\n"
    f"  - {{title: Informationsfilm, kind: film, url: '{FILM}'}}\n"
    f"  - title: Bilderna från dialogerna\n    kind: powerpoint\n    url: {SLIDES}\n"
    "    description: Det som visades i Sala.\n"
    "  - {title: Protokollet, kind: dokument, url: 'https://example.se/protokoll.pdf'}\n"
    "views:\n"
    f"  url: {FORM}\n"
    "  text: Skicka in idéer och synpunkter, också om du inte kan komma.\n"
    "contact:\n",
    1,
)


class LinkTexts(HTMLParser):
    """Each link's address and visible text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}
        self._href: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self.links[self._href] = ""

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self.links[self._href] += data


def test_material_is_linked_with_texts_that_name_its_kind(run, write, tmp_path):
    out = tmp_path / "webb"
    assert site(run, write(MATERIAL), out).exit_code == 0
    html = (out / "index.html").read_text("utf-8")
    links = LinkTexts(html).links
    assert links[FILM] == "Se filmen: Informationsfilm"
    assert links[SLIDES] == "Presentationen (PowerPoint): Bilderna från dialogerna"
    assert links["https://example.se/protokoll.pdf"] == "Läs dokumentet: Protokollet"
    assert links["#material"] == "Film och material"
    page = Page(html)
    assert {"id": "material"} in page.all("h2")
    assert "Det som visades i Sala." in page.visible
    without = tmp_path / "utan"
    assert site(run, write(PROJECT, "utan.yaml"), without).exit_code == 0
    assert "Film och material" not in (without / "index.html").read_text("utf-8")


def test_the_views_form_is_linked_beside_the_contact_address(run, write, tmp_path):
    out = tmp_path / "webb"
    assert site(run, write(MATERIAL), out).exit_code == 0
    html = (out / "index.html").read_text("utf-8")
    links = LinkTexts(html).links
    assert links[FORM] == "Skicka in dina idéer och synpunkter i formuläret"
    assert links["mailto:kontakt@example.se"] == "kontakt@example.se"
    assert "Skicka in idéer och synpunkter, också om du inte kan komma." in Page(html).visible


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "file:///G:/Nära vård/film.mp4", "film.mp4"]
)
def test_a_material_address_that_is_not_on_the_web_is_an_error_in_the_plan(
    run, write, tmp_path, address
):
    plan = write(MATERIAL.replace(f"'{FILM}'", f'"{address}"'))
    out = tmp_path / "webb"
    result = site(run, plan, out)
    assert result.exit_code != 0
    line = next(
        n for n, text in enumerate(plan.read_text("utf-8").splitlines(), 1) if "film" in text
    )
    assert f"{plan.name}:{line}:" in result.stdout + result.stderr
    assert "ingen webbadress" in result.stdout + result.stderr
    assert not (out / "index.html").exists()


def test_a_link_that_is_not_on_the_web_never_becomes_a_link(run, write, tmp_path):
    """Templates print plan links through the url filter: a `javascript:` address that
    reaches a template some other way (here: the web page field) is not a link."""
    plan = write(PROJECT.replace("contact:\n", "web_page: javascript:alert(3)\ncontact:\n", 1))
    out = tmp_path / "webb"
    site(run, plan, out)
    page = Page((out / "index.html").read_text("utf-8"))
    assert not any(link.lower().startswith("javascript") for link in page.links())


def toml(tmp_path: Path, text: str) -> Path:
    marker = tmp_path / "dialogkit.toml"
    marker.write_text(text, encoding="utf-8")
    return marker


def test_the_theme_colours_and_organisation_come_from_dialogkit_toml(run, write, tmp_path):
    toml(
        tmp_path,
        '[site]\norganisation = "Regionens dialogkontor"\naccent = "#1D4F91"\n'
        'header_background = "#0B3D2E"\nheader_text = "#fff"\n',
    )
    out = tmp_path / "webb"
    assert site(run, write(PROJECT), out).exit_code == 0
    css = (out / "style.css").read_text("utf-8")
    theme, shared = css.split("/* The public page", 1)
    for declaration in (
        "--accent: #1d4f91;",
        "--header-background: #0b3d2e;",
        "--header-text: #ffffff;",
    ):
        assert declaration in theme
    assert "--accent:" not in shared  # the shared stylesheet does not override it
    assert "var(--header-background)" in shared and "var(--header-text)" in shared
    page = Page((out / "index.html").read_text("utf-8"))
    header = page.visible.split("Hoppa till innehållet", 1)[1]
    assert header.lstrip().startswith("Regionens dialogkontor Invånardialog Nära vård")
    assert "Region Test " not in page.visible.split("Syfte")[0]


@pytest.mark.parametrize(
    ("setting", "pair", "ratio"),
    [
        ('accent = "#5a9bd5"', "accent #5a9bd5 på vit #ffffff", "2.96:1"),
        (
            'header_background = "#00508c"\nheader_text = "#336699"',
            "header_text #336699 på header_background #00508c",
            "1.",
        ),
        ('header_text = "#777777"', "header_text #777777 på header_background #ffffff", "4.47:1"),
    ],
)
def test_a_theme_that_fails_wcag_contrast_is_refused(run, write, tmp_path, setting, pair, ratio):
    marker = toml(tmp_path, f"# tema\n[site]\n{setting}\n")
    key = pair.split()[0]
    line = next(n for n, text in enumerate(setting.splitlines(), 3) if text.startswith(key))
    out = tmp_path / "webb"
    result = site(run, write(PROJECT), out)
    assert result.exit_code == 2
    assert f"{marker.name}:{line}: {pair} har kontrasten {ratio}" in result.stderr
    assert "4.5:1" in result.stderr and "[site]" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('accent = "blue"', 'accent = "blue" är ingen färg i formen #RRGGBB'),
        ('url = "http://region.se/"', 'url = "http://region.se/" är ingen https-adress'),
        ('colour = "#000000"', "[site] har ingen colour"),
        ("accent = 5", "accent ska vara en text"),
    ],
)
def test_a_bad_site_setting_names_the_file_and_line(run, write, tmp_path, setting, message):
    toml(tmp_path, f'language = "sv"\n\n[site]\n{setting}\n')
    result = site(run, write(PROJECT), tmp_path / "webb")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert f"dialogkit.toml:4: {message}" in result.stderr


def test_a_published_url_offers_a_calendar_subscription(run, write, tmp_path):
    toml(tmp_path, '[site]\nurl = "https://region.example.se/dialog/{id}"\n')
    out = tmp_path / "webb"
    assert site(run, write(PROJECT), out).exit_code == 0
    links = LinkTexts((out / "index.html").read_text("utf-8")).links
    address = "region.example.se/dialog/testprojekt/kalender.ics"
    assert links[f"webcal://{address}"] == "Prenumerera i kalenderappen"
    assert links[f"https://{address}"] == f"https://{address}"  # visible, to copy
    assert links["kalender.ics"].startswith("Alla dialoger som kalenderfil")
    published = urlsplit(f"https://{address}").path.rsplit("/", 1)[1]
    calendar = icalendar.Calendar.from_ical((out / published).read_bytes())
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(days=1)  # calendar apps fetch daily
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"P1D"
    one = icalendar.Calendar.from_ical((out / "dialoger" / "sala.ics").read_bytes())
    assert "REFRESH-INTERVAL" not in one  # a single dialogue is imported, not subscribed


def test_without_a_published_url_only_the_calendar_file_is_offered(written):
    links = Page((written / "index.html").read_text("utf-8")).links()
    assert "kalender.ics" in links
    assert not any(link.startswith("webcal:") or link.endswith("/kalender.ics") for link in links)
    assert "Prenumerera" not in Page((written / "index.html").read_text("utf-8")).visible


@pytest.mark.slow
def test_the_english_page_has_the_material_views_and_subscription_in_english(run, tmp_path):
    plan = REPO / "tests" / "english" / "vastmanland-nara-vard.yaml"
    workspace = tmp_path / "ws"
    (workspace / "plans").mkdir(parents=True)
    for name in (plan.name, "vastmanland-genomforandeplan-2021.yaml"):  # the project's
        (workspace / "plans" / name).write_bytes((plan.parent / name).read_bytes())
    toml(workspace, 'language = "en"\n[site]\nurl = "https://region.example.se/care/"\n')
    out = tmp_path / "web"
    assert site(run, workspace / "plans" / plan.name, out).exit_code == 0
    html = (out / "index.html").read_text("utf-8")
    links = LinkTexts(html).links
    texts = set(links.values())
    assert "Watch the film: Information film about Local Health Care" in texts
    assert "The presentation (PowerPoint): The presentation from the dialogues" in texts
    assert "Send in your ideas and views in the form" in texts
    assert links["webcal://region.example.se/care/calendar.ics"] == (
        "Subscribe in your calendar app"
    )
    assert "Film and material" in texts
    swedish = ("Se filmen", "Presentationen", "formuläret", "Prenumerera", "Film och material")
    assert not any(word in html for word in swedish)
