"""The site product: the public web page of a dialogue project, its stylesheet and
the calendar files it links to, in one folder (see site.py). All are public."""

from __future__ import annotations

from .base import File, Made, Product, Request
from .formats import FORMATS


def make_site(loaded, request: Request) -> Made:
    from ..site import project_page

    files = project_page(loaded, templates=request.templates, draft=request.draft)
    return Made(
        [
            File(file.name, file.content, public=True, on_screen=file.name.endswith(".html"))
            for file in files
        ]
    )


PRODUCT = Product(
    "site", FORMATS["site"], make_site, built=lambda plan: [Request()], folder="folder.site"
)
