"""The `dialogkit` entry point: every error becomes a message and an exit code.

`dialogkit plan check` runs in pre-commit on every commit and in CI on every merge
request. Its usual forms are recognised here and run at once; everything else,
`--help` and every mistake included, goes to the full command line in cli.py.
Not loading typer (nor rich, off a terminal) saves a quarter of checking one plan.
"""

import os
import sys
from pathlib import Path

from .check_command import CHECK_FORMATS, run_check
from .errors import DialogkitError
from .settings import LANGUAGES

CHECK_OPTIONS = frozenset({"--format", "-f", "--strict", "--no-strict", "--today", "--no-cache"})
"""The options of `plan check` that `quick_check` understands: all of them (a test
compares them with the command line's), so only --help and mistakes go to typer."""


def main() -> None:
    """Run `dialogkit`. A usage error and a `DialogkitError` are the user's to fix
    (a message, exit 2 or the error's code); anything else is a bug, reported in one
    line unless --debug is given. All in the language of `--lang` or the workspace."""
    # dialogkit's models use no pydantic plugins; looking for them scans every
    # installed package's entry points at each start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    without_plugin_loader()
    from . import workspace

    workspace.FREEZE_AFTER_LOAD = True  # the process ends after this one command
    utf8_output()
    args = sys.argv[1:]
    chosen, debug, _ = global_options(args)
    if chosen not in LANGUAGES:
        chosen = None  # the full command line says which languages there are
    try:
        code = quick_check(args)
        if code is None:
            from .cli import app
            from .cli_language import run

            code = run(app, args, chosen)
        sys.exit(code)
    except DialogkitError as error:
        report_error(*error.in_language(_language(chosen)), chosen)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        report_error(_words(chosen)["interrupted"], None, chosen)
        sys.exit(130)
    except Exception as error:
        if debug:
            raise
        w = _words(chosen)
        name = f"{type(error).__name__}: {error}"
        report_error(w["internal_error"].format(error=name), w["internal_error.hint"], chosen)
        sys.exit(3)


def without_plugin_loader() -> None:
    """With pydantic's plugins off, its plugin loader is only an import of
    importlib.metadata (zipfile, email, csv: 35 ms at every start, more than a check
    of one plan's rules). A stand-in loader that knows there are none takes its place."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "__all__":
        return
    import types

    loader = types.ModuleType("pydantic.plugin._loader")
    loader.get_plugins = tuple  # no plugins: ()
    sys.modules.setdefault("pydantic.plugin._loader", loader)


def utf8_output() -> None:
    """Off a terminal, write UTF-8 whatever the system's code page: on Windows a pipe
    (pre-commit, CI, a file) would otherwise get cp1252, which has no "│" or "−"."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").replace("-", "").lower()
        if encoding != "utf8" and hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8")


def global_options(args: list[str]) -> tuple[str | None, bool, list[str]]:
    """`dialogkit`'s own options, before the command: the language `--lang` names (or
    None), whether `--debug` is given, and the command line after them."""
    chosen, debug = None, False
    while args and args[0].startswith("-"):
        option, _, value = args[0].partition("=")
        if option == "--debug" and not value:
            debug, args = True, args[1:]
        elif option == "--lang" and value:
            chosen, args = value, args[1:]
        elif option == "--lang" and len(args) > 1:
            chosen, args = args[1], args[2:]
        else:
            break
    return chosen, debug, args


def quick_check(args: list[str]) -> int | None:
    """Run `[--debug] [--lang L] plan check [PATH | --format F | -f F | --strict |
    --today DATE | --no-cache]...` and return its exit code, or None for any other command line
    (a date that is not one included: the full command line says what is wrong)."""
    chosen, _, args = global_options(args)
    if args[:2] != ["plan", "check"] or chosen not in (None, *LANGUAGES):
        return None
    paths: list[Path] = []
    output, strict, today, cache = "text", False, None, True
    rest = iter(args[2:])
    for arg in rest:
        if arg == "--no-cache":
            cache = False
        elif arg in ("--strict", "--no-strict"):
            strict = arg == "--strict"
        elif arg == "--today" or arg.startswith("--today="):
            today = _day(arg.removeprefix("--today=") if "=" in arg else next(rest, ""))
            if today is None:
                return None
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
    if not paths:
        from .settings import default_plans

        paths = [default_plans()]
    return run_check(paths, output, strict, chosen, today, cache=cache)


def _day(text: str):
    """The date `text` names (YYYY-MM-DD), or None."""
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def report_error(message: str, hint: str | None, chosen: str | None = None) -> None:
    """`fel: …` and `tips: …` on stderr, in the language `chosen` or the workspace's."""
    from rich.markup import escape

    from .render import console

    w = _words(chosen)
    out = console(stderr=True)
    out.print(f"[bold red]{w['error']}[/] {escape(message)}")
    if hint:
        out.print(f"[cyan]{w['hint']}[/] {escape(hint)}")


def _language(chosen: str | None) -> str:
    from .cli_language import current_language

    return chosen or current_language()


def _words(chosen: str | None):
    from .cli_words import cli_words

    return cli_words(_language(chosen))
