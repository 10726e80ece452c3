"""Whether to share work between processes: only when it pays.

A fork pool costs about 15 % more CPU than doing the work in one process (starting the
workers, pickling what they return), and on a busy host the workers only wait for the
same cores. So the work is shared only when there is enough of it to win back the
start-up, and only between the cores that are free now (the one-minute load average
subtracted from the machine's cores). bench/README shows the rule with its figures.
"""

from __future__ import annotations

import os

MAX_WORKERS = 8


def workers(tasks: int, *, at_least: int) -> int:
    """How many processes to give `tasks` pieces of work: 1 (do it here) below
    `at_least` pieces, on one core, without fork, or when fewer than two cores are
    free; else one per free core, each with at least `at_least // 2` pieces."""
    cores = os.cpu_count() or 1
    if tasks < at_least or cores < 2 or not _can_fork():
        return 1
    free = cores - _load()
    count = min(int(free + 0.5), cores, MAX_WORKERS, tasks // max(1, at_least // 2))
    return count if count >= 2 else 1


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:  # not on every platform
        return 0.0


def _can_fork() -> bool:
    import multiprocessing  # 14 ms: only asked when there is enough work

    return "fork" in multiprocessing.get_all_start_methods()
