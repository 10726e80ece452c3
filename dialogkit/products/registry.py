"""The registry of products: which there are, making one for a plan, and what
`build` makes of a plan."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from . import calendar, cost, feedback, invitations, report, site, timeline, workload
from .base import File, Made, NotMadeError, Product, Request

if TYPE_CHECKING:
    from ..workspace import LoadedPlan, Workspace


PRODUCTS = {
    module.PRODUCT.name: module.PRODUCT
    for module in (timeline, calendar, cost, workload, invitations, feedback, report, site)
}


def product(name: str) -> Product:
    if name not in PRODUCTS:
        raise UsageError(
            f"Produkten '{name}' finns inte.",
            hint=", ".join(PRODUCTS),
            english=(f"There is no product '{name}'.", ", ".join(PRODUCTS)),
        )
    return PRODUCTS[name]


def make(name: str | tuple[str, ...], loaded: LoadedPlan, request: Request) -> Made:
    """Make a product of the plan: the first of `name` the plan has. Refuses a plan
    kind that has none of them and a format the product does not know; public files
    are checked for personal data before they are returned."""
    names = (name,) if isinstance(name, str) else name
    chosen = next((n for n in names if n in loaded.plan.PRODUCTS), None)
    _refuse_missing(loaded, chosen or names[0], chosen is None)
    chosen_product = product(chosen)
    request = replace(request, format=request.format or chosen_product.formats[0])
    if request.format not in chosen_product.formats:
        raise UsageError(
            f"--format {request.format} finns inte för {_product_word(chosen)}.",
            hint="Välj bland: " + ", ".join(chosen_product.formats) + ".",
            english=(
                f"--format {request.format} does not exist for {_product_word(chosen, 'en')}.",
                "Choose from: " + ", ".join(chosen_product.formats) + ".",
            ),
        )
    borrowed = chosen_product.borrowed.get(request.format)
    _refuse_missing(loaded, borrowed, borrowed not in (None, *loaded.plan.PRODUCTS))
    made = chosen_product.make(loaded, request)
    if request.draft is not None:
        _check_marked(made, request.draft)
    _check_public(made, loaded, request.place)
    return made


def _check_marked(made: Made, mark: str) -> None:
    """Nothing unmarked goes out from a plan with errors: a file of a draft without
    the mark is a bug in its renderer, and stops the command before anything is written."""
    from .draft import carries_mark

    unmarked = [file.name for file in made.files if not carries_mark(file.name, file.content, mark)]
    if unmarked:
        raise RuntimeError(f"draft without its mark: {', '.join(unmarked)}")


def _refuse_missing(loaded: LoadedPlan, name: str | None, missing: bool) -> None:
    if missing:
        from ..words import words

        sv_kind, en_kind = (words(lang)[f"a_kind.{loaded.plan.kind}"] for lang in ("sv", "en"))
        products = {
            lang: ", ".join(_product_word(p, lang) for p in loaded.plan.PRODUCTS)
            for lang in ("sv", "en")
        }
        raise UsageError(
            f"{loaded.path}: {_product_word(name)} finns inte för {sv_kind}.",
            hint=f"För den här planen finns: {products['sv']}.",
            english=(
                f"{loaded.path}: there is no {_product_word(name, 'en')} for {en_kind}.",
                f"This plan has: {products['en']}.",
            ),
        )


def _product_word(name: str, language: str = "sv") -> str:
    """The product's name in messages."""
    from ..words import words

    return words(language)[f"product.{name}"]


def _check_public(made: Made, loaded: LoadedPlan, place: str) -> None:
    from ..gate import check_public

    for file in made.files:
        if file.public:
            name = f"{place}{file.name}" if place.endswith("/") or not place else place
            check_public(name, file.content, loaded, suffix=Path(file.name).suffix)


def plan_files(
    loaded: LoadedPlan,
    *,
    today: date,
    workspace: Workspace | None = None,
    draft: str | None = None,
    not_made: list[dict[str, str]] | None = None,
) -> Iterator[tuple[str, Callable[[], list[File]]]]:
    """For `build`: each of the plan's products as (folder, make), where `folder` is
    relative to the plan's output folder ("" or `rapporter`) and `make()` gives the
    product's files for every request `build` makes, each name once. `draft` is the
    plan's draft mark when it has errors (draft.py); a product such a plan lacks
    something for is left out, and why (by language) is added to `not_made`."""
    from ..words import words

    plan = loaded.plan
    for name in plan.PRODUCTS:
        chosen = product(name)
        folder = words(plan.language)[chosen.folder] if chosen.folder else ""

        def produce(chosen=chosen, folder=folder) -> list[File]:
            files: dict[str, File] = {}
            for request in chosen.built(plan):
                request = replace(
                    request,
                    today=today,
                    workspace=workspace,
                    draft=draft,
                    place=f"{plan.id}/{folder}/" if folder else f"{plan.id}/",
                )
                try:
                    made = make(chosen.name, loaded, request)
                except NotMadeError as error:
                    if draft is None or not_made is None:
                        raise
                    not_made.append(
                        {
                            language: words(language)["draft_plan.not_made"].format(
                                why=error.in_language(language)[0],
                                product=_product_word(chosen.name, language),
                            )
                            for language in ("sv", "en")
                        }
                    )
                    break
                for file in made.files:
                    files.setdefault(file.name, file)
            return list(files.values())

        yield folder, produce
