"""The command line in the user's language: its help pages and its usage errors.

typer (and the click it carries) writes help and usage errors in English, in strings
no translation catalogue reaches. So dialogkit writes them itself, from the command
tree: `run` gives every command a help page of its own (`render_help`) and runs the
tree with `standalone_mode=False`, so that a usage error comes back as an exception,
which `usage_error` turns into a `dialogkit.errors.UsageError` in the same language.

The language is `--lang` before the command, else the workspace's (`dialogkit.toml`),
else Swedish. The commands ask `language()` for it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from difflib import get_close_matches
from enum import Enum
from pathlib import Path

from .cli_words import cli_words, help_text
from .errors import UsageError
from .settings import workspace_language

GLOBAL_OPTIONS = ("--lang", "--debug")
"""Options of `dialogkit` itself: they stand before the command."""

_requested: str | None = None


def requested() -> str | None:
    """The language `--lang` asked for, if it did."""
    return _requested


def language() -> str:
    """The command line's language: `--lang`, else the current workspace's."""
    return _requested or current_language()


def current_language() -> str:
    """The current folder's workspace language; Swedish if `dialogkit.toml` cannot be
    read (the command that needs the workspace says why)."""
    try:
        return workspace_language(Path.cwd())
    except UsageError:
        return "sv"


def run(app, args: Sequence[str], chosen: str | None) -> int:
    """Run the typer `app` on `args` in language `chosen` (None: the workspace's)
    and return its exit code. A usage error is raised as a `UsageError`."""
    import typer
    import typer.main

    global _requested
    _requested = chosen
    lang = language()
    command = typer.main.get_command(app)
    _speak(command, lang)
    try:
        result = command.main(list(args), prog_name="dialogkit", standalone_mode=False)
    except typer.Abort:
        raise KeyboardInterrupt from None
    except _click_exceptions().UsageError as error:
        if isinstance(error, getattr(_click_exceptions(), "NoArgsIsHelpError", ())):
            print(error.ctx.get_help(), file=sys.stderr)  # `dialogkit` alone: its help
            return 2
        raise usage_error(error, lang, error.ctx or _context_of(command, args)) from None
    finally:
        _requested = None
    return result if isinstance(result, int) else 0


def _click_exceptions():
    """The module of click's exceptions, wherever this typer keeps click."""
    import typer

    return sys.modules[typer.BadParameter.__module__]


def _speak(command, lang: str) -> None:
    """Give `command` and every command below it dialogkit's help page."""
    command.get_help = lambda ctx: render_help(command, ctx, lang)
    for sub in getattr(command, "commands", {}).values():
        _speak(sub, lang)


# --- help pages --------------------------------------------------------------------------


def render_help(command, ctx, lang: str) -> str:
    """The help page of `command`: usage, what it does, its arguments, options and
    sub-commands, every word in `lang`."""
    w = cli_words(lang)
    formatter = ctx.make_formatter()
    formatter.write_usage(ctx.command_path, usage_pieces(command, ctx, lang), w["usage"] + " ")
    text = help_text(command.help, lang)
    if text:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [_argument_row(p, lang) for p in params if p.param_type_name == "argument"]
    options = [_option_row(p, ctx, lang) for p in params if p.param_type_name == "option"]
    commands = [
        (name, _first_sentence(help_text(sub.help, lang)))
        for name, sub in _subcommands(command, ctx)
    ]
    for heading, rows in (
        ("section.arguments", arguments),
        ("section.options", options),
        ("section.commands", commands),
    ):
        if rows:
            with formatter.section(w[heading]):
                formatter.write_dl(rows)
    return formatter.getvalue().rstrip("\n")


def usage_line(ctx, lang: str) -> str:
    """`Användning: dialogkit report [FLAGGOR] PLAN`."""
    return f"{cli_words(lang)['usage']} {ctx.command_path} {usage_pieces(ctx.command, ctx, lang)}"


def usage_pieces(command, ctx, lang: str) -> str:
    w = cli_words(lang)
    params = command.get_params(ctx)
    pieces = [w["usage.options"]] if any(p.param_type_name == "option" for p in params) else []
    for param in params:
        if param.param_type_name == "argument":
            pieces.append(_argument_usage(param, lang))
    if _is_group(command):
        pieces.append(w["usage.command"])
    return " ".join(pieces)


def _argument_usage(param, lang: str) -> str:
    name = metavar(param, lang)
    many = "..." if param.nargs == -1 else ""
    return f"{name}{many}" if param.required else f"[{name}]{many}"


def _argument_row(param, lang: str) -> tuple[str, str]:
    extra = [cli_words(lang)["help.required"]] if param.required else []
    return _argument_usage(param, lang), "  ".join([help_text(param.help, lang), *extra]).strip()


def _option_row(param, ctx, lang: str) -> tuple[str, str]:
    w = cli_words(lang)
    names = ", ".join(sorted(param.opts, key=lambda opt: opt.startswith("--")))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if not getattr(param, "is_flag", False):
        names += f" {metavar(param, lang)}"
    if param is command_help_option(ctx):
        return names, w["help.help"]
    description = help_text(getattr(param, "help", None), lang)
    default = _shown_default(param)
    if default:
        description += "  " + w["help.default"].format(value=default)
    if param.required:
        description += "  " + w["help.required"]
    return names, description.strip()


def command_help_option(ctx):
    return ctx.command.get_help_option(ctx)


def metavar(param, lang: str) -> str:
    """What a parameter takes: its choices `[docx|markdown]`, else a word for it
    (`PLAN`, `SÖKVÄG`, `VÄRDE`)."""
    choices = choices_of(param)
    if choices:
        return "[" + "|".join(choices) + "]"
    w = cli_words(lang)
    key = f"metavar.{param.name}"
    if key in w:
        return w[key]
    return w["metavar.path"] if _annotation(param) is Path else w["metavar.value"]


def choices_of(param) -> list[str]:
    """The values an option with a fixed set of values accepts."""
    annotation = _annotation(param)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return [str(choice) for choice in getattr(getattr(param, "type", None), "choices", ())]


def _annotation(param):
    """The parameter's Python type (typer keeps it in `type_descriptor`)."""
    descriptor = getattr(param, "type_descriptor", None)
    return getattr(descriptor, "annotation", None)


def _shown_default(param) -> str:
    default = param.default
    if not getattr(param, "show_default", True) or default is None or callable(default):
        return ""
    if isinstance(default, bool) or default in ((), []):
        return ""
    if isinstance(default, Enum):
        default = default.value
    return str(default)


def _is_group(command) -> bool:
    return hasattr(command, "list_commands")


def _subcommands(command, ctx) -> list:
    if not _is_group(command):
        return []
    found = [(name, command.get_command(ctx, name)) for name in command.list_commands(ctx)]
    return [(name, sub) for name, sub in found if sub is not None and not sub.hidden]


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?\.)(?=\s|$)", text)
    return match.group(1) if match else text


# --- usage errors ------------------------------------------------------------------------


def _context_of(root, args: Sequence[str]):
    """A context for the command `args` name, for an error raised without one (the
    parser's, such as an option given no value)."""
    ctx = root.context_class(root, info_name="dialogkit")
    for arg in args:
        sub = getattr(ctx.command, "commands", {}).get(arg)
        if sub is not None:
            ctx = sub.context_class(sub, info_name=arg, parent=ctx)
        elif not arg.startswith("-") and ctx.command is not root:
            break
    return ctx


def usage_error(error, lang: str, ctx) -> UsageError:
    """click's usage `error` (about the command of `ctx`) as dialogkit's: the usage line
    is printed first, as click does; the message and hint come back in `lang`."""
    exceptions = _click_exceptions()
    w = cli_words(lang)
    if ctx is not None:
        print(usage_line(ctx, lang), file=sys.stderr)
    hint = w["usage.see_help"].format(command=ctx.command_path) if ctx is not None else None
    message = _message(error, exceptions, lang, ctx)
    if isinstance(message, tuple):
        message, hint = message
    return UsageError(message, hint=hint)


def _message(error, exceptions, lang: str, ctx) -> str | tuple[str, str]:
    w = cli_words(lang)
    if isinstance(error, exceptions.MissingParameter) and error.param is not None:
        kind = "argument" if error.param.param_type_name == "argument" else "option"
        return w[f"usage.missing_{kind}"].format(name=_param_name(error.param, lang))
    if isinstance(error, exceptions.BadParameter):
        return _bad_value(error, lang)
    if isinstance(error, exceptions.NoSuchOption):
        name = error.option_name
        message = w["usage.no_such_option"].format(name=name)
        if name in GLOBAL_OPTIONS and ctx is not None and ctx.parent is not None:
            example = f"dialogkit {name} … {' '.join(ctx.command_path.split()[1:])}"
            return message, w["usage.global_option"].format(name=name, example=example)
        if error.possibilities:
            names = f" {w['or']} ".join(sorted(error.possibilities))
            return message, w["usage.did_you_mean"].format(names=names)
        return message
    if isinstance(error, exceptions.BadOptionUsage):
        key = "usage.takes_no_value" if "does not take" in error.message else "usage.needs_value"
        return w[key].format(name=error.option_name)
    text = error.message
    extra = re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$", text, re.S)
    if extra:
        return w["usage.extra_arguments"].format(arguments=extra.group(1))
    unknown = re.match(r"No such command '(.*?)'", text)
    if unknown and ctx is not None:
        message = w["usage.no_such_command"].format(name=unknown.group(1))
        close = get_close_matches(unknown.group(1), ctx.command.list_commands(ctx))
        if close:
            return message, w["usage.did_you_mean"].format(names=f" {w['or']} ".join(close))
        return message
    if text.startswith("Missing command"):
        return w["usage.missing_command"]
    return w["usage.not_understood"]


def _bad_value(error, lang: str) -> str | tuple[str, str]:
    """An option given a value it does not take: which value, and the ones it does."""
    w = cli_words(lang)
    param = error.param
    name = _param_name(param, lang) if param is not None else "?"
    value = re.search(r"'(.*?)' is not", error.message)
    message = (
        w["usage.invalid_value"].format(name=name, value=value.group(1))
        if value
        else w["usage.invalid"].format(name=name)
    )
    choices = choices_of(param) if param is not None else []
    if choices:
        listed = ", ".join(choices[:-1]) + f" {w['or']} {choices[-1]}" if len(choices) > 1 else ""
        return message, w["usage.choose"].format(choices=listed or choices[0])
    return message


def _param_name(param, lang: str) -> str:
    if param.param_type_name == "argument":
        return metavar(param, lang)
    return max(param.opts, key=len)
