"""Baselines: adopt new rules gradually by recording today's findings.

A finding's fingerprint is made of its rule, file-independent ids (the
document id and the ids of the items concerned) and nothing positional, so
editing unrelated lines, or moving the item, does not bring it back; fixing
it makes its entry stale and it drops out.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from cjm.core.errors import ConfigError
from cjm.core.files import ReadRefused, printable, read_bounded
from cjm.core.loading import workspace_settings
from cjm.core.workspace import absolute, find_root

VERSION = 1


def fingerprint(rule: str, subject: tuple[str, ...]) -> str:
    text = "\x1f".join((rule, *subject))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def dump(entries: Iterable[tuple[str, tuple[str, ...]]]) -> bytes:
    """The baseline file for findings given as (rule, subject)."""
    counts = Counter(fingerprint(rule, subject) for rule, subject in entries)
    described = {
        fingerprint(rule, subject): {"rule": rule, "subject": list(subject)}
        for rule, subject in entries
    }
    payload = {
        "version": VERSION,
        "findings": [
            {**described[f], "fingerprint": f, "count": counts[f]} for f in sorted(counts)
        ],
    }
    return (json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def load(path: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline accepts."""
    shown = printable(str(path))
    try:
        payload = json.loads(read_bounded(path, limit=_limit(path)).decode("utf-8"))
    except ReadRefused as e:
        raise ConfigError(f"{shown}: cannot read the baseline: {e.message}") from e
    except (ValueError, RecursionError) as e:
        raise ConfigError(f"{shown}: not a cjm baseline (invalid JSON)") from e
    if (
        not isinstance(payload, dict)
        or type(payload.get("version")) is not int
        or payload["version"] != VERSION
        or not isinstance(payload.get("findings"), list)
    ):
        raise ConfigError(f"{shown}: not a cjm baseline (version {VERSION})")
    accepted: Counter[str] = Counter()
    for n, entry in enumerate(payload["findings"]):
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("fingerprint"), str)
            or type(count) is not int
            or count < 1
        ):
            raise ConfigError(
                f"{shown}: not a cjm baseline (entry {n + 1} needs a "
                "`fingerprint` and a whole `count` of at least 1)"
            )
        accepted[entry["fingerprint"]] += count
    return accepted


def _limit(path: Path) -> int:
    """The workspace's `limits.max_file_size`, which bounds the baseline as every file."""
    start = absolute(path).parent
    settings, _problems = workspace_settings(find_root(start) if start.is_dir() else None, start)
    return settings.max_file_size
