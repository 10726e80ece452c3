"""No input makes `plan check` crash, and an interrupted build leaves no half file."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dialogkit

FUZZ = settings(
    max_examples=60,
    deadline=3000,  # a bound against hangs, not a speed measurement
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
YAML_BITS = st.sampled_from(
    [
        ":",
        "-",
        " ",
        "\t",
        "\n",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "!!python/object",
        "---",
        "'",
        '"',
        "#",
        "|",
        ">",
        "?",
        "%",
        "@",
        "`",
        "2021-02-30",
        "18.00",
        "\x00",
        "ä",
        "\u2028",
    ]
)


def assert_clean_findings(path: Path, text: str) -> None:
    report = dialogkit.check([path])  # must not raise
    lines = max(1, text.count("\n") + 1)
    for finding in report.findings:
        assert finding.file == path
        assert 1 <= finding.line <= lines + 1, finding
        assert finding.col >= 1
        assert finding.code.startswith("DK")
        assert finding.message


@pytest.mark.slow
@FUZZ
@given(text=st.text(max_size=400))
def test_random_text_never_crashes(tmp_path, text):
    path = tmp_path / "plan.yaml"
    path.write_text(text, "utf-8")
    assert_clean_findings(path, text)


@st.composite
def mutated_plans(draw):
    lines = PROJECT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "truncate"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            position = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:position] + draw(YAML_BITS) + lines[index][position:]
        elif action == "replace" and lines[index].strip():
            position = draw(st.integers(0, len(lines[index]) - 1))
            lines[index] = lines[index][:position] + draw(YAML_BITS) + lines[index][position + 1 :]
        elif action == "truncate":
            lines = lines[: index + 1]
    return "".join(lines)


@pytest.mark.slow
@FUZZ
@given(text=mutated_plans())
def test_mutated_plans_give_findings_with_positions(tmp_path, text):
    path = tmp_path / "plan.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    assert_clean_findings(path, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "returncode"), [(signal.SIGINT, 130), (signal.SIGTERM, -signal.SIGTERM)]
)
def test_interrupted_build_leaves_nothing_behind(tmp_path, signum, returncode):
    sys.path.insert(0, str(REPO / "bench"))
    from generate import big_project

    big_project(tmp_path / "plans", 200)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "dialogkit",
        "build",
        str(tmp_path / "plans"),
        "--out",
        str(out),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.txt"))) < 20:
        time.sleep(0.05)
    assert len(list(out.rglob("*.txt"))) >= 20, "the build made nothing in a minute"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == returncode, stderr.decode()
    assert b"Traceback" not in stderr
    # The files were being made in a hidden folder inside out/; an interrupted build
    # moves none of them into place and leaves neither that folder nor out/ behind.
    assert not out.exists(), sorted(out.rglob("*"))


@pytest.mark.parametrize(
    ("signum", "returncode"), [(signal.SIGINT, -signal.SIGINT), (signal.SIGTERM, -signal.SIGTERM)]
)
def test_a_signal_while_a_file_is_written_waits_until_it_is_whole(tmp_path, signum, returncode):
    """The signal arrives in the middle of writing (from fsync); the file must still
    be written whole and the temporary file removed before the signal takes effect."""
    target = tmp_path / "rapport.md"
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from dialogkit.output import write_atomic\n"
        "real_fsync = os.fsync\n"
        f"os.fsync = lambda fd: (os.kill(os.getpid(), {int(signum)}), real_fsync(fd))\n"
        f"write_atomic(Path({str(target)!r}), 'hela texten\\n')\n"
        "print('still running')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == returncode, result.stderr
    assert "still running" not in result.stdout
    assert target.read_text("utf-8") == "hela texten\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.md"], "a temporary file was left"
