"""The wheel carries the built-in templates, so an installed dialogkit finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from conftest import REPO


@pytest.mark.slow
def test_wheel_ships_templates(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
    )
    wheel = next(tmp_path.glob("dialogkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {
        p.relative_to(REPO / "templates").as_posix()
        for p in (REPO / "templates").rglob("*")
        if p.is_file()
    }
    assert shipped
    assert {f"dialogkit/templates/{name}" for name in shipped} <= set(names)
