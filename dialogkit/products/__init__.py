"""The outputs layer: one library function per product, called by its command and by
`build` alike, so the file `build` writes for a product is the file the command writes.

A product (timeline, calendar, cost, workload, invitations, report) takes a loaded plan
and a `Request` and returns `File`s: a name relative to the product's place, the
content, and whether the file is public. It knows its formats, its file names (in the
plan's language) and what `build` makes of it; which products a plan has is the plan
kind's own fact (`PRODUCTS` on the model). Every public file passes the personal-data
gate here, before anyone can write it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .formats import FORMATS

if TYPE_CHECKING:
    from .base import Drawing, File, Made, Product, Request
    from .registry import PRODUCTS, make, plan_files

_EXPORTS = {
    "Drawing": "base",
    "File": "base",
    "Made": "base",
    "Product": "base",
    "Request": "base",
    "PRODUCTS": "registry",
    "make": "registry",
    "plan_files": "registry",
}
__all__ = [  # noqa: RUF022  (as _EXPORTS)
    "FORMATS",
    "Drawing",
    "File",
    "Made",
    "Product",
    "Request",
    "PRODUCTS",
    "make",
    "plan_files",
]


def __getattr__(name: str):
    """Names are imported on first use: the command line needs only FORMATS for its
    help, and the products' classes cost 13 ms to create."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
