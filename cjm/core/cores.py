"""How many worker processes cjm may start: one rule for `--jobs` and the default.

Kept apart from the loading pipeline so that the command line can say the limit
in its help without importing what loading needs.
"""

from __future__ import annotations

import os

MAX_JOBS = 64
"""Never more worker processes than this, whatever the machine or `--jobs` say."""


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at most :data:`MAX_JOBS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS))
