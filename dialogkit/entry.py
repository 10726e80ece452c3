"""The `dialogkit` entry point: every error becomes a message and an exit code.

`dialogkit plan check` runs in pre-commit on every commit and in CI on every merge
request. Its usual forms are recognised here and run at once; everything else,
`--help` and every mistake included, goes to the full command line in cli.py.
Not loading typer (nor rich, off a terminal) saves a quarter of checking one plan.
"""

import os
import sys
from itertools import takewhile
from pathlib import Path

from .check_command import CHECK_FORMATS, run_check
from .errors import DialogkitError

CHECK_OPTIONS = frozenset({"--format", "-f", "--strict", "--no-strict"})
"""The options of `plan check` that `quick_check` understands: all of them (a test
compares them with the command line's), so only --help and mistakes go to typer."""


def main() -> None:
    """Run `dialogkit`. Typer reports its own usage errors (exit 2); a
    `DialogkitError` is the user's to fix; anything else is a bug, reported in one
    line unless --debug is given."""
    # dialogkit's models use no pydantic plugins; looking for them scans every
    # installed package's entry points at each start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = sys.argv[1:]
    try:
        code = quick_check(args)
        if code is None:
            from .cli import app

            app()  # exits by itself
        sys.exit(code)
    except DialogkitError as error:
        report_error(str(error), error.hint)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        report_error("Avbrutet.", None)
        sys.exit(130)
    except Exception as error:
        if "--debug" in takewhile(lambda arg: arg.startswith("-"), args):
            raise
        report_error(
            f"Internt fel i dialogkit: {type(error).__name__}: {error}",
            "Kör igen med --debug för detaljer och rapportera felet.",
        )
        sys.exit(3)


def quick_check(args: list[str]) -> int | None:
    """Run `[--debug] plan check [PATH | --format F | -f F | --strict]...` and
    return its exit code, or None for any other command line."""
    while args[:1] == ["--debug"]:
        args = args[1:]
    if args[:2] != ["plan", "check"]:
        return None
    paths: list[Path] = []
    output, strict = "text", False
    rest = iter(args[2:])
    for arg in rest:
        if arg in ("--strict", "--no-strict"):
            strict = arg == "--strict"
        elif arg in ("--format", "-f"):
            output = next(rest, "")
        elif arg.startswith("--format="):
            output = arg.removeprefix("--format=")
        elif arg.startswith("-"):
            return None
        else:
            paths.append(Path(arg))
    if output not in CHECK_FORMATS:
        return None
    return run_check(paths or [Path(".")], output, strict)


def report_error(message: str, hint: str | None) -> None:
    from rich.markup import escape

    from .render import console

    out = console(stderr=True)
    out.print(f"[bold red]fel:[/] {escape(message)}")
    if hint:
        out.print(f"[cyan]tips:[/] {escape(hint)}")
