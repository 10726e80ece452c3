"""dialogkit: plan and follow up citizen dialogues and the shift to God och nära vård.

The library behind the `dialogkit` command::

    from pathlib import Path
    import dialogkit

    report = dialogkit.check([Path("plans")])
    for finding in report.findings:
        print(finding.location(), finding.code, finding.message)

Names are imported on first use, so that the command line starts quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .version import __version__ as __version__

_EXPORTS = {
    "check": "checking",
    "Report": "findings",
    "Finding": "findings",
    "Severity": "findings",
    "load_workspace": "workspace",
    "load_plan": "checking",
    "Workspace": "workspace",
    "LoadedPlan": "workspace",
    "estimate": "costs",
    "Estimate": "costs",
    "parse_period": "periods",
    "Period": "periods",
    "plan_schema": "schema",
    "DialogkitError": "errors",
    "DialogueProject": "model",
    "CommunicationPlan": "model",
    "Strategy": "model",
    "LocalPlan": "model",
}

__all__ = [  # noqa: RUF022  (grouped as _EXPORTS)
    "check",
    "Report",
    "Finding",
    "Severity",
    "load_workspace",
    "load_plan",
    "Workspace",
    "LoadedPlan",
    "estimate",
    "Estimate",
    "parse_period",
    "Period",
    "plan_schema",
    "DialogkitError",
    "DialogueProject",
    "CommunicationPlan",
    "Strategy",
    "LocalPlan",
]

if TYPE_CHECKING:
    from .checking import check, load_plan
    from .costs import Estimate, estimate
    from .errors import DialogkitError
    from .findings import Finding, Report, Severity
    from .model import CommunicationPlan, DialogueProject, LocalPlan, Strategy
    from .periods import Period, parse_period
    from .schema import plan_schema
    from .workspace import LoadedPlan, Workspace, load_workspace


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dialogkit' has no attribute {name!r}")
