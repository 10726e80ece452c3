"""Issue 17 attacked as a careless or hostile user would: links and e-mail addresses
in a plan that would do something else on the public page, a `[site]` theme that
would break the page, and a LibreOffice that misbehaves. Each test is a hole that
was found and closed (or a guard that held)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, REPO
from test_site import Page

from dialogkit import pdf

REPORT = ("-k", "dialogue-report", "-a", "public", "-f", "pdf")
posix_only = pytest.mark.skipif(os.name == "nt", reason="the fake LibreOffice is a POSIX script")


def page_of(run, plan: Path, out: Path) -> Page:
    result = run("site", plan, "--out", out)
    assert result.exit_code == 0, result.stderr
    return Page((out / "index.html").read_text("utf-8"))


# --- the public page --------------------------------------------------------------------


@pytest.mark.slow
def test_an_address_cannot_add_headers_to_the_mailto_link(run, write, tmp_path):
    """`?`, `&`, `#` and `%` are allowed in an address's parts (RFC 5322), but in a
    mailto: link they start headers (a subject, a body, a bcc) or a fragment: the
    link carries them percent-encoded (RFC 6068), so the address stays one address."""
    plan = write(
        PROJECT.replace(
            "registration_email: anmalan@example.se",
            "registration_email: anmalan@example.se?subject=x&body=evil",
        )
    )
    links = [link for link in page_of(run, plan, tmp_path / "webb").links() if "mailto:" in link]
    assert links and all(link.startswith("mailto:") for link in links)
    assert not any(char in link for link in links for char in "?&#"), links
    assert "mailto:kontakt@example.se" in links  # a plain address is as written


def test_a_web_address_with_a_control_character_is_the_plans_error(run, write, tmp_path):
    """A right-to-left override hides where a link goes; it is refused in the plan at
    its line, not blamed on the template that would print it."""
    plan = write(
        PROJECT.replace(
            "reporting:\n", 'views:\n  url: "https://evil.example/\\u202egnp.exe"\nreporting:\n'
        )
    )
    result = run("site", plan, "--out", tmp_path / "webb")
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "plan.yaml:" in result.stderr and "templates" not in result.stderr
    assert not (tmp_path / "webb").exists()


# --- the [site] theme -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        'https://x.example/"><script>{id}',
        "https://x.example/sidor?id={id}",
        "https://x.example/{id}/#kalender",
        "https://x.example/\u202e{id}/",
    ],
)
def test_a_theme_url_that_is_no_folder_address_is_refused_at_its_line(run, write, tmp_path, url):
    """The page's calendar address is the url with the file name after it: a query,
    a fragment, a quotation mark or a control character would make it another address."""
    escaped = url.replace("\\", "\\\\").replace('"', '\\"')
    write(f'# tema\n[site]\nurl = "{escaped}"\n', "dialogkit.toml")
    result = run("site", write(PROJECT), "--out", tmp_path / "webb")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "dialogkit.toml:3:" in result.stderr and "https" in result.stderr
    assert not (tmp_path / "webb").exists()


def test_a_theme_guard_holds_against_css_and_markup(run, write, tmp_path):
    write('[site]\naccent = "red;} body{display:none"\n', "dialogkit.toml")
    result = run("site", write(PROJECT), "--out", tmp_path / "a")
    assert result.exit_code == 2 and "dialogkit.toml:2:" in result.stderr
    assert not (tmp_path / "a").exists()
    write('[site]\norganisation = "Evil</style><script>x</script>"\n', "dialogkit.toml")
    page = page_of(run, tmp_path / "plan.yaml", tmp_path / "b")
    assert not page.all("script") and "Evil</style><script>x</script>" in page.visible
    assert "Evil" not in (tmp_path / "b/style.css").read_text("utf-8")


@pytest.mark.parametrize(
    "entry, said",
    [
        ('"a(" = "x"', "[site] har ingen a("),  # a key is no regular expression
        ("'[' = \"x\"", "[site] har ingen ["),
        # no escape sequence to the terminal (the line is the table's: the key is written
        # with an escape in the file)
        ('"\\u001b[2J" = "x"', "[site] har ingen \\x1b[2J"),
        ('accent = "\\u001b[2J"', 'accent = "\\x1b[2J" är ingen färg'),
        ('url = "https://x.example/\\u001b[2J"', 'url = "https://x.example/\\x1b[2J" är ingen'),
    ],
)
def test_a_strange_theme_key_or_value_is_quoted_safely(run, write, tmp_path, entry, said):
    write(f"[site]\n{entry}\n", "dialogkit.toml")
    result = run("site", write(PROJECT), "--out", tmp_path / "webb")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    line = 1 if "har ingen \\x1b" in said else 2
    assert f"dialogkit.toml:{line}: {said}" in result.stderr and "\x1b" not in result.stderr
    assert not (tmp_path / "webb").exists()


# --- PDFs from a misbehaving LibreOffice ------------------------------------------------


def fake_office(folder: Path, body: str) -> None:
    """A `soffice` on the PATH that runs `body` (Python) with `out` (the --outdir) and
    `sources` (the .docx files) known, in place of LibreOffice."""
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib, time\n"
        "args = sys.argv[1:]\n"
        "out = pathlib.Path(args[args.index('--outdir') + 1])\n"
        "sources = [pathlib.Path(a) for a in args if a.endswith('.docx')]\n"
        f"{body}\n",
        encoding="utf-8",
    )
    script.chmod(0o755)


@pytest.fixture
def office(monkeypatch, tmp_path):
    """Put a fake LibreOffice first on the PATH, with an empty cache of our own; the
    Word file is the same bytes every run, so its PDF's cache entry is too."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(pdf, "INSTALL_PLACES", ())
    monkeypatch.setattr(pdf, "_memo", {})
    monkeypatch.setenv("DIALOGKIT_CACHE", str(tmp_path / "cache"))
    return lambda body: fake_office(tmp_path / "bin", body)


def pdf_report(run, target: Path):
    result = run("report", REPO / "plans/vastmanland-nara-vard.yaml", *REPORT, "-o", target)
    assert "Traceback" not in result.stderr
    return result


WRITE_GARBAGE = (
    "out.mkdir(parents=True, exist_ok=True)\n"
    "for s in sources: (out / (s.stem + '.pdf')).write_bytes(b'%PDF-1.7 not a pdf %%EOF')"
)


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize(
    "body, said",
    [
        ("sys.exit(0)", "gjorde ingen PDF"),
        ("sys.exit(3)", "slutkod 3"),
        (WRITE_GARBAGE, "ingen giltig PDF"),
    ],
)
def test_a_libreoffice_that_makes_no_pdf_is_said_and_nothing_is_written(
    run, office, tmp_path, body, said
):
    office(body)
    target = tmp_path / "report.pdf"
    result = pdf_report(run, target)
    assert result.exit_code != 0 and said in result.stderr, result.stderr
    assert "Ingen PDF har skrivits" in result.stderr
    assert not target.exists() and not list((tmp_path / "cache").rglob("*.pdf"))


@posix_only
@pytest.mark.slow
def test_a_libreoffice_that_hangs_is_ended(run, office, tmp_path, monkeypatch):
    office("time.sleep(60)")
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    target = tmp_path / "report.pdf"
    result = pdf_report(run, target)
    assert result.exit_code != 0 and "inte klar på 1 sekunder" in result.stderr
    assert not target.exists()


def writes_pdf(tmp_path: Path) -> str:
    """The body of a fake LibreOffice that writes a real (blank) PDF for each file."""
    import pikepdf

    good = tmp_path / "good.pdf"
    with pikepdf.new() as document:
        document.add_blank_page()
        document.save(good)
    return WRITE_GARBAGE.replace("b'%PDF-1.7 not a pdf %%EOF'", f"{good.read_bytes()!r}")


@posix_only
@pytest.mark.slow
def test_a_damaged_cache_entry_is_made_again(run, office, tmp_path):
    """An entry that begins and ends like a PDF but is none (a disk error, a copy cut
    short and padded) is no entry: the PDF is made again, and is a PDF."""
    import pikepdf

    office(writes_pdf(tmp_path))
    target = tmp_path / "report.pdf"
    assert pdf_report(run, target).exit_code == 0
    (entry,) = (tmp_path / "cache/pdf").glob("*.pdf")
    entry.write_bytes(b"%PDF-1.7\n" + b"\0" * 100 + b"\n%%EOF\n")
    pdf._memo.clear()
    target.unlink()
    result = pdf_report(run, target)
    assert result.exit_code == 0, result.stderr
    with pikepdf.open(target) as document:
        assert len(document.pages) == 1
    with pikepdf.open(entry) as cached:  # and the cache holds it again
        assert len(cached.pages) == 1


@posix_only
@pytest.mark.slow
def test_a_cache_that_cannot_be_written_is_no_cache(run, office, tmp_path):
    (tmp_path / "cache").write_text("a file, not a folder", encoding="utf-8")
    office(writes_pdf(tmp_path))
    target = tmp_path / "report.pdf"
    result = pdf_report(run, target)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "cache").read_text("utf-8") == "a file, not a folder"
