"""Work done once per plan object, such as its public version or its template data.

A build asks for these once per dialogue and channel; making them each time would
make the build quadratic in dialogues. Plans are not changed after loading, and are
not hashable, so results are kept by the object's identity, for the last few objects
(the object is kept too, so its id is not reused while it is in the cache)."""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

KEPT = 8
"""Plans whose results are kept: a build handles one plan at a time."""


def per_plan(make: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`make(plan)`, made once for each of the last `KEPT` plan objects."""
    cache: OrderedDict[int, tuple[Any, Any]] = OrderedDict()

    @functools.wraps(make)
    def once(plan: Any) -> Any:
        cached = cache.get(id(plan))
        if cached is not None and cached[0] is plan:
            cache.move_to_end(id(plan))
            return cached[1]
        made = make(plan)
        cache[id(plan)] = (plan, made)
        if len(cache) > KEPT:
            cache.popitem(last=False)
        return made

    return once
