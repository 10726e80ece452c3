"""`dialogkit keyfigures fetch` against a fake Kolada v3 on 127.0.0.1 (stdlib
http.server in a thread): the cache contract, the cache hit, --refresh, chunking and
every error case. Nothing here reaches the internet."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import LOCAL_PLAN, STRATEGY

from dialogkit.kolada import cache, client
from dialogkit.kolada.client import Client

PLAN = LOCAL_PLAN.replace(
    "municipality: Leksand\n", 'municipality: Leksand\nmunicipality_code: "2029"\n'
)
KPIS = {
    "U21463": {"id": "U21463", "title": "Helhetssyn hemtjänst", "description": "Andel (%)."},
    "N00945": {"id": "N00945", "title": "Vårdtillfällen 75+", "description": "Antal."},
}


class FakeKolada:
    """A v3-shaped Kolada: KPI metadata and values, two items per page."""

    def __init__(self) -> None:
        self.kpis = dict(KPIS)
        self.values = {
            ("U21463", code): 80.0 + n for n, code in enumerate(["0000", "0020", "2029"])
        }
        self.paths: list[str] = []
        self.fail: list[tuple[int, dict]] = []
        """Answers to give first: (status, headers)."""
        self.raw: bytes | None = None
        self.delay = 0.0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/v3"

    def answer(self, path: str) -> dict:
        parts = urlsplit(path).path.split("/")[2:]
        page = int(urlsplit(path).query.partition("=")[2] or 1)
        if parts[0] == "kpi":
            items = [self.kpis[k] for k in parts[1].split(",") if k in self.kpis]
        else:
            kpis, codes, years = parts[2].split(","), parts[4].split(","), parts[6].split(",")
            items = [
                {
                    "kpi": kpi,
                    "municipality": code,
                    "period": int(year),
                    "values": [
                        {
                            "gender": gender,
                            "value": None if year == "2023" else value,
                            "count": 1,
                            "status": "",
                        }
                        for gender in ("T", "K", "M")
                    ],
                }
                for kpi in kpis
                for code in codes
                for year in years
                if (value := self.values.get((kpi, code))) is not None
            ]
        shown = items[(page - 1) * 2 : page * 2]
        more = len(items) > page * 2
        next_url = f"{self.url}{urlsplit(path).path[3:]}?page={page + 1}" if more else None
        return {"values": shown, "count": len(shown), "next_url": next_url}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake.paths.append(self.path)
                if fake.delay:
                    time.sleep(fake.delay)
                if fake.fail:
                    status, headers = fake.fail.pop(0)
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    return
                body = fake.raw or json.dumps(fake.answer(self.path)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # the client may have given up waiting (the timeout test)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        return Handler


@pytest.fixture
def kolada(monkeypatch):
    fake = FakeKolada()
    thread = threading.Thread(target=fake.server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    monkeypatch.setenv("DIALOGKIT_KOLADA_URL", fake.url)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")  # 2026-11-27
    monkeypatch.setattr(client, "PAUSE", 0)
    monkeypatch.setattr(client, "BACKOFF", 0.01)
    monkeypatch.setattr(client, "MAX_WAIT", 0.05)
    monkeypatch.setattr(client, "TIMEOUT", 2.0)
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "lokal.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path


def cache_files(root: Path) -> dict[str, str]:
    folder = root / ".dialogkit"
    return {
        str(p.relative_to(root)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.slow
def test_fetch_writes_the_cache_then_uses_it(kolada, workspace, run, monkeypatch):
    result = run("keyfigures", "fetch", workspace / "plans", "--years", "2021-2023")
    assert result.exit_code == 0, result.stderr
    assert "Kolada: 1 lokala planer" in result.stderr
    root = cache.cache_root(workspace / "plans" / "lokal.yaml")
    assert root == workspace.resolve() / ".dialogkit" / "cache" / "kolada"
    stored = json.loads((root / "kpi" / "U21463.json").read_text(encoding="utf-8"))
    assert stored == {
        "id": "U21463",
        "title": "Helhetssyn hemtjänst",
        "description": "Andel (%).",
        "unit": None,
        "fetched": "2026-11-27",
        "missing": False,
    }
    series = cache.read_series(root, "U21463", "2029")
    assert series.values[(2021, "T")] == 82.0 and series.values[(2022, "K")] == 82.0
    assert series.values[(2023, "T")] is None  # Kolada has the year, not the value
    assert series.previous is None and series.previous_fetched is None
    assert cache.read_series(root, "U21463", "0020").values[(2021, "M")] == 81.0
    assert cache.read_series(root, "U21463", "0000").values[(2022, "T")] == 80.0
    assert any("page=2" in path for path in kolada.paths)  # next_url was followed
    asked = len(kolada.paths)

    again = run("keyfigures", "fetch", workspace / "plans", "--years", "2021-2023")
    assert again.exit_code == 0 and len(kolada.paths) == asked
    assert "0 anrop" in again.stderr

    kolada.values["U21463", "2029"] = 95.0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")  # 2026-11-28
    refreshed = run("keyfigures", "fetch", workspace / "plans", "--years", "2021-2023", "--refresh")
    assert refreshed.exit_code == 0, refreshed.stderr
    series = cache.read_series(root, "U21463", "2029")
    assert series.values[(2021, "T")] == 95.0 and series.previous[(2021, "T")] == 82.0
    assert str(series.previous_fetched) == "2026-11-27" and str(series.fetched) == "2026-11-28"


def test_a_plan_without_code_fetches_riket_and_says_so(kolada, tmp_path, run):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "lokal.yaml").write_text(LOCAL_PLAN, encoding="utf-8")
    result = run("keyfigures", "fetch", tmp_path / "plans")
    assert result.exit_code == 0, result.stderr
    assert "ange municipality_code" in result.stderr
    root = tmp_path.resolve() / ".dialogkit" / "cache" / "kolada"
    assert sorted(p.name for p in (root / "data" / "U21463").iterdir()) == ["0000.json"]


def test_ids_are_asked_25_at_a_time(kolada, monkeypatch):
    ids = [f"N{n:05}" for n in range(60)]
    Client().kpis(ids)
    lists = [path.split("/")[3].split(",") for path in kolada.paths]
    assert [len(ids) for ids in lists] == [25, 25, 10]


def test_retry_after_is_honoured_then_it_succeeds(kolada, workspace, run):
    kolada.fail = [(429, {"Retry-After": "0"}), (503, {})]
    result = run("keyfigures", "fetch", workspace / "plans", "--years", "2022")
    assert result.exit_code == 0, result.stderr
    assert (workspace / ".dialogkit/cache/kolada/data/U21463/2029.json").is_file()


def failing_run(run, workspace, *extra):
    before = cache_files(workspace)
    plan = (workspace / "plans" / "lokal.yaml").read_text()
    result = run("keyfigures", "fetch", workspace / "plans", "--years", "2022", *extra)
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr
    assert cache_files(workspace) == before
    assert (workspace / "plans" / "lokal.yaml").read_text() == plan
    return result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("status", "words"), [(500, "HTTP 500 efter 4 försök"), (429, "HTTP 429 efter 4 försök")]
)
def test_server_errors_past_the_retries(kolada, workspace, run, status, words):
    kolada.fail = [(status, {"Retry-After": "1"})] * 4
    message = failing_run(run, workspace)
    assert words in message and f"{kolada.url}/kpi/U21463" in message


def test_a_failing_refresh_leaves_the_cache_as_it_was(kolada, workspace, run):
    assert run("keyfigures", "fetch", workspace / "plans", "--years", "2022").exit_code == 0
    kolada.values["U21463", "2029"] = 1.0
    kolada.raw = b"{not json"
    message = failing_run(run, workspace, "--refresh")
    assert "inte giltig JSON" in message


def test_malformed_json(kolada, workspace, run):
    kolada.raw = b"<html>Bad gateway</html>"
    assert "inte giltig JSON" in failing_run(run, workspace)


def test_unknown_kpi(kolada, workspace, run):
    del kolada.kpis["U21463"]
    message = failing_run(run, workspace)
    assert "Kolada har inget nyckeltal U21463" in message and "lokal.yaml, rad" in message


def test_timeout(kolada, workspace, run, monkeypatch):
    monkeypatch.setattr(client, "TIMEOUT", 0.05)
    kolada.delay = 0.3
    assert "inget svar inom 0.05 sekunder" in failing_run(run, workspace)


def test_connection_refused(workspace, run, monkeypatch):
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    monkeypatch.setenv("DIALOGKIT_KOLADA_URL", f"http://127.0.0.1:{port}/v3")
    message = failing_run(run, workspace)
    assert "anslutningen nekades" in message and f"127.0.0.1:{port}" in message


def test_dns_failure(workspace, run, monkeypatch):
    import socket

    def no_name(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_name)
    monkeypatch.setenv("DIALOGKIT_KOLADA_URL", "http://kolada.invalid/v3")
    message = failing_run(run, workspace)
    assert "DNS" in message and "kolada.invalid" in message


def test_english_workspace_gets_english_errors(kolada, workspace, run, monkeypatch):
    monkeypatch.chdir(workspace)
    (workspace / "dialogkit.toml").write_text('language = "en"\n', encoding="utf-8")
    kolada.raw = b"nope"
    assert "is not valid JSON" in failing_run(run, workspace)


def test_bad_years(workspace, run):
    result = run("keyfigures", "fetch", workspace / "plans", "--years", "20x1")
    assert result.exit_code == 2 and "--years 20x1" in result.stderr


def test_init_ignores_the_cache_once_and_keeps_the_users_lines(tmp_path, run):
    (tmp_path / ".gitignore").write_text("*.bak\n# mitt\nhemligt.txt", encoding="utf-8")
    assert run("init", tmp_path).exit_code == 0
    assert run("init", tmp_path).exit_code == 0
    text = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert text.startswith("*.bak\n# mitt\nhemligt.txt\n")
    assert text.splitlines().count(".dialogkit/") == 1
    fresh = tmp_path / "ny"
    assert run("init", fresh).exit_code == 0
    assert ".dialogkit/" in (fresh / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.mark.slow
def test_fetch_then_report_and_check_offline(kolada, workspace, run, monkeypatch):
    """The whole loop: fetch from the fake Kolada, then with no server at all the report
    shows the figures from the cache and `plan check` sees a revision."""
    plan = workspace / "plans" / "lokal.yaml"
    (workspace / "plans" / "strategi.yaml").write_text(STRATEGY, encoding="utf-8")
    assert run("keyfigures", "fetch", plan, "--years", "2021-2023").exit_code == 0
    kolada.values["U21463", "2029"] = 95.0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")  # 2026-11-28
    assert run("keyfigures", "fetch", plan, "--years", "2021-2023", "--refresh").exit_code == 0
    kolada.server.shutdown()
    kolada.server.server_close()
    monkeypatch.setenv("DIALOGKIT_KOLADA_URL", "http://127.0.0.1:9/v3")  # nothing listens

    report = run("report", plan, "-f", "markdown")
    assert report.exit_code == 0, report.stderr
    rows = [line for line in report.stdout.splitlines() if line.startswith("| 2021 |")]
    assert any("95" in row and "81" in row and "80" in row for row in rows), rows
    assert "saknas" in report.stdout  # 2023: Kolada has the year, not the value
    assert "Källa: Kolada (hämtad 2026-11-28)" in report.stdout

    checked = run("plan", "check", plan)
    assert "DK244" in checked.stdout + checked.stderr
    assert "82" in checked.stdout + checked.stderr and "95" in checked.stdout + checked.stderr
