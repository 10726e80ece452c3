"""The one exception family dialogkit raises for problems the user can fix.

The CLI prints a `DialogkitError` in one place and exits with its code; anything
else is a bug and is reported as such.
"""


class DialogkitError(Exception):
    """A problem the user can act on; `str(error)` is the message to show."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class UsageError(DialogkitError):
    """The command cannot run at all: no such path, wrong kind of plan, ..."""

    exit_code = 2


class PlanInvalidError(DialogkitError):
    """A plan has errors; run `dialogkit plan check` to see them. `report` is the
    check that found them, when there is one, so it need not be run again."""

    def __init__(self, message: str, *, hint: str | None = None, report=None) -> None:
        super().__init__(message, hint=hint)
        self.report = report
