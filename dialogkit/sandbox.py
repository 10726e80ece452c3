"""The Jinja sandbox every template runs in, and the limits on its work.

Templates come from colleagues' branches and shared folders, so a template is
treated as untrusted code:
- it reads data only: an attribute that is a method is refused, except a short
  list of pure ones on strings, dicts and dates (`text.upper()`, `d.items()`);
- it cannot call anything but its own macros and blocks, the filters and the
  few functions dialogkit gives it;
- its work is bounded: loops, string sizes, numbers and the total output have
  limits, and rendering stops after `TIME_LIMIT` seconds.
Breaking a rule raises `SecurityError`; `templating.render` names the template
file and line.
"""

from __future__ import annotations

import contextvars
import functools
import math
import re
import signal
import threading
import time as clock
from datetime import date, time
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import ImmutableSandboxedEnvironment, is_internal_attribute, safe_range
from jinja2.utils import Namespace

TIME_LIMIT = 10.0
"""Seconds one template may take; a real report of 25 000 dialogues takes under one."""
MAX_TEXT = 5_000_000
"""Characters in one string a template builds."""
MAX_OUTPUT = 20_000_000
"""Characters one template may write."""
MAX_LOOP_STEPS = 1_000_000
"""Steps over all `range()` loops of one rendering."""
MAX_ITEMS = 100_000
"""Items in one list a template builds."""
MAX_WORK = 100_000_000
"""Characters and items all the strings and lists one rendering builds add up to, so
that many large results in a row (`map` over a list of long texts) also stop."""
MAX_WIDTH = 10_000
"""Largest width, length or count a filter accepts (`center`, `indent`, `truncate`…)."""
MAX_INT_BITS = 100_000
GROWTH = {"tojson": 6, "escape": 6, "e": 6, "forceescape": 6, "urlencode": 3, "pprint": 2}
"""How many times larger than its input a filter's text can be (`<` is `&lt;`,
`\u00e5` in JSON); other filters that write out their input count it once."""
WRITES_OUT = frozenset({"tojson", "pprint", "string", "list", "xmlattr", "sum", *GROWTH})
"""Filters whose result is about as large as their input written out (`sum` of lists
concatenates them, in C, where the clock cannot stop it)."""
INSERTS = frozenset({"join", "replace", "wordwrap", "indent"})

PURE_METHODS = {
    str: frozenset(
        [
            "upper",
            "lower",
            "title",
            "capitalize",
            "casefold",
            "strip",
            "lstrip",
            "rstrip",
            "startswith",
            "endswith",
            "split",
            "rsplit",
            "splitlines",
            "isdigit",
            "isalpha",
            "isalnum",
            "isspace",
            "isupper",
            "islower",
            "count",
            "find",
        ]
    ),
    dict: frozenset({"get", "items", "keys", "values"}),
    date: frozenset({"isoformat", "strftime", "weekday", "isoweekday"}),
    time: frozenset({"isoformat", "strftime"}),
    LoopContext: frozenset({"cycle", "changed"}),
}
"""The only methods a template may reach: they read, and their result is no larger
than the value (string `replace` and `join` are the `replace` and `join` filters,
which are bounded)."""


class ContainedLoader(FileSystemLoader):
    """Loads templates from its folders, but refuses a file whose real path
    (symlinks followed) lies outside the folder it was found in."""

    def get_source(self, environment, template):
        if any(part.startswith(".") for part in template.split("/")):
            raise TemplateRefusedError(
                f"{template}: dolda filer och mappar laddas inte som mallar",
                english=f"{template}: hidden files and folders are not loaded as templates",
            )
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(root).resolve()) for root in self.searchpath):
            raise TemplateRefusedError(
                f"{filename}: mallen är en symbolisk länk som pekar ut ur mallmappen ({real})",
                english=f"{filename}: the template is a symbolic link out of its folder ({real})",
            )
        return source, filename, uptodate


class TemplateRefusedError(SecurityError):
    """A template did what templates may not: the message in Swedish, and `english`."""

    def __init__(self, message: str, *, english: str) -> None:
        super().__init__(message)
        self.english = english


class TemplateLimitError(TemplateRefusedError):
    """A template went past one of the limits above."""


class _Budget:
    def __init__(self) -> None:
        self.deadline = clock.monotonic() + TIME_LIMIT
        self.loop_steps = 0
        self.work = 0

    def check(self) -> None:
        if clock.monotonic() > self.deadline:
            raise _too_slow()


def _too_slow() -> TemplateLimitError:
    return TemplateLimitError(
        f"mallen tog längre tid än {TIME_LIMIT:.0f} sekunder och stoppades",
        english=f"the template took longer than {TIME_LIMIT:.0f} seconds and was stopped",
    )


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


def _check_budget() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.check()


def _too_long() -> TemplateLimitError:
    return TemplateLimitError(
        f"mallen bygger en text längre än {MAX_TEXT:,} tecken",
        english=f"the template builds a text longer than {MAX_TEXT:,} characters",
    )


def _text_size(value: Any) -> None:
    """Check a result the template built, and count it against the rendering's work."""
    if isinstance(value, str | list | tuple):
        if len(value) > MAX_TEXT:
            raise _too_long()
        if not isinstance(value, str) and len(value) > MAX_ITEMS:
            raise TemplateLimitError(
                f"mallen bygger en lista med mer än {MAX_ITEMS:,} delar",
                english=f"the template builds a list of more than {MAX_ITEMS:,} items",
            )
        budget = _budget.get()
        if budget is not None:
            budget.work += len(value)
            if budget.work > MAX_WORK:
                raise TemplateLimitError(
                    f"mallen bygger sammanlagt mer än {MAX_WORK:,} tecken och stoppades",
                    english=f"the template builds more than {MAX_WORK:,} characters in all "
                    "and was stopped",
                )
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise _too_large()


def _too_large() -> TemplateLimitError:
    return TemplateLimitError(
        "mallen räknar fram ett orimligt stort tal",
        english="the template computes an unreasonably large number",
    )


def written_size(value: Any, limit: int = MAX_TEXT) -> int:
    """About how many characters `value` takes written out (by `tojson`, `join`,
    `string`): a list holding one long text a thousand times counts it a thousand
    times. Stops counting once past `limit`."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, list | tuple):
            total += len(item) + 1
            stack.extend(item[: limit - total + 1])
        elif isinstance(item, dict):
            total += len(item) + 1
            stack.extend(list(item.items())[: limit - total + 1])
        else:
            total += 8
    return total


def bounded_render(template, context: dict[str, Any]) -> str:
    """Render with a time limit and an output limit. The hooks below check the
    clock; on the main thread an alarm also stops a loop that calls no hook."""
    budget = _Budget()
    token = _budget.set(budget)
    alarm = _start_alarm()
    try:
        parts, size = [], 0
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateLimitError(
                    f"mallen skriver mer än {MAX_OUTPUT:,} tecken och stoppades",
                    english=f"the template writes more than {MAX_OUTPUT:,} characters "
                    "and was stopped",
                )
            parts.append(chunk)
        return "".join(parts)
    finally:
        _stop_alarm(alarm)
        _budget.reset(token)


def _start_alarm():
    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getitimer(signal.ITIMER_REAL)[0]:
        return None  # somebody else's timer is running; the hooks still check the clock

    def stop(signum, frame):
        raise _too_slow()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT + 1)
    return previous


def _stop_alarm(previous) -> None:
    if previous is not None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def bounded_range(*args: int):
    """`range()` for templates: counts every step against the rendering's budget."""
    budget = _budget.get()
    for number in safe_range(*args):
        if budget is not None:
            budget.loop_steps += 1
            if budget.loop_steps > MAX_LOOP_STEPS:
                raise TemplateLimitError(
                    f"mallens slingor tar mer än {MAX_LOOP_STEPS:,} steg",
                    english=f"the template's loops take more than {MAX_LOOP_STEPS:,} steps",
                )
            if budget.loop_steps % 1000 == 0:
                budget.check()
        yield number


def bounded_concat(parts) -> str:
    """The `~` operator, with the size of its result checked."""
    _check_budget()
    return bounded_join([str(part) for part in parts])


def bounded_join(parts) -> str:
    """Jinja's `concat`: what a macro, a `{% call %}` or a `{% set %}…{% endset %}` block
    wrote, joined. The size is checked before the text is made."""
    parts = list(parts)
    if sum(map(len, parts)) > MAX_TEXT:
        raise _too_long()
    text = "".join(parts)
    _text_size(text)
    return text


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` to `bounded_concat`, since Jinja offers no hook for it."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.bounded_concat((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


_FORMAT_NUMBER = re.compile(r"\d+")


def _check_format(pattern: Any, values: Any = ()) -> None:
    """Refuse a '%' pattern whose result would be too long: a huge width, a width taken
    from an argument, or many fields."""
    if not isinstance(pattern, str):
        return
    widths = [int(n) for n in _FORMAT_NUMBER.findall(pattern)]
    if "*" in pattern or any(width > MAX_WIDTH for width in widths):
        raise TemplateLimitError(
            "mallen använder en för stor bredd i en formatsträng",
            english="the template uses too large a width in a format string",
        )
    fields = pattern.count("%")
    if len(pattern) + fields * (max(widths, default=0) + written_size(values)) > MAX_TEXT:
        raise _too_long()


def _check_repeat(sequence: str | list | tuple, times: int) -> None:
    """`sequence * times`: neither too long written out nor too many items."""
    items = 0 if isinstance(sequence, str) else len(sequence) * times
    if written_size(sequence) * times > MAX_TEXT or items > MAX_ITEMS:
        raise _too_long()


def _check_arguments(name: str, value: Any, args: tuple, kwargs: dict) -> None:
    arguments = (*args, *kwargs.values())
    for argument in arguments:
        if isinstance(argument, int | float) and abs(argument) > MAX_WIDTH:
            raise TemplateLimitError(
                f"filtret {name} fick talet {argument}; högst {MAX_WIDTH:,} tillåts",
                english=f"the filter {name} got the number {argument}; "
                f"at most {MAX_WIDTH:,} is allowed",
            )
    if name == "format":
        _check_format(value, (args, kwargs))
    elif name in INSERTS:
        # A text argument may be inserted once per character, line or item (`join`'s
        # separator, `replace`'s new text, `wordwrap`'s line break, `indent`'s prefix).
        inserted = max((len(a) for a in arguments if isinstance(a, str)), default=1)
        size = written_size(value) * max(1, inserted)
        if name == "indent" and isinstance(value, str):
            width = max((a for a in arguments if type(a) is int), default=4)
            size = max(size, len(value) + (value.count("\n") + 1) * width)
        if size > MAX_TEXT:
            raise _too_long()
    elif name in WRITES_OUT and written_size(value) * GROWTH.get(name, 1) > MAX_TEXT:
        raise _too_long()


def _bounded_filter(name: str, function):
    """Check a filter's arguments before it runs and its result after."""
    passes_context = getattr(function, "jinja_pass_arg", None) is not None
    skip = 2 if passes_context else 1

    @functools.wraps(function)
    def bounded(*args, **kwargs):
        _check_budget()
        if len(args) >= skip:
            _check_arguments(name, args[skip - 1], args[skip:], kwargs)
        result = function(*args, **kwargs)
        _text_size(result)
        return result

    return bounded


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, narrowed to reading data (see the module docstring)."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})
    rendered_type: type[str] | None = None
    """What a macro's or block's output becomes (`super()`, `caller()`, `m.x()`): a
    Markdown template marks it as Markdown, so it is not escaped a second time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("cycler", "joiner", "lipsum"):
            self.globals.pop(name, None)
        self.globals["range"] = bounded_range
        self.bounded_concat = bounded_concat
        self.concat = bounded_join  # compiled templates call environment.concat

    def finish_setup(self) -> None:
        """Call after the filters are registered: bounds them all, ours included."""
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self._callables = {id(f) for f in self.globals.values() if callable(f)}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_") or is_internal_attribute(obj, attr):
            return False
        if not callable(value):
            return True
        if isinstance(obj, TemplateReference | Namespace) or isinstance(value, Macro):
            return True  # `self.block()`, `m.macro()`
        return any(isinstance(obj, kind) and attr in names for kind, names in PURE_METHODS.items())

    def wrap_str_format(self, value: Any):
        return None  # str.format is not on the list of pure methods: refused

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, Macro | BlockReference) or obj is Namespace:
            return True
        if id(obj) in getattr(self, "_callables", ()):
            return True
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", "")
        return owner is not None and self.is_safe_attribute(owner, name, obj)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        _check_budget()
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise TemplateRefusedError(
                f"'{name}' får inte anropas i en mall",
                english=f"'{name}' may not be called in a template",
            )
        result = __context.call(__obj, *args, **kwargs)
        if __self.rendered_type and isinstance(__obj, Macro | BlockReference):
            return __self.rendered_type(result)
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        _check_budget()
        return super().getattr(obj, attribute)

    def unsafe_undefined(self, obj: Any, attribute: str):
        return self.undefined(
            f"'{attribute}' är inte tillåtet: mallar kan bara läsa planens data, "
            "inte anropa metoder eller läsa interna attribut",
            name=attribute,
            obj=obj,
            exc=SecurityError,
        )

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        _check_budget()
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                    _check_repeat(sequence, times)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and abs(left) > 1 and right * math.log2(abs(left)) > MAX_INT_BITS:
                raise _too_large()
        elif operator == "%":
            _check_format(left, right)
        result = super().call_binop(context, operator, left, right)
        _text_size(result)
        return result
