"""Lint rules: one module per rule, registered here by id.

Each rule module has an ``ID``, its ``OPTIONS`` with their defaults, a
docstring that is its user documentation (what it checks, why it matters, a
failing and a passing example) and a ``check(context, options)`` that yields
findings. Levels live in configuration (the presets below and cjm.yaml), not
in the rules.
"""

from __future__ import annotations

from types import ModuleType

from cjm.lint import pain_point_unaddressed

RULES: dict[str, ModuleType] = {
    module.ID: module
    for module in (
        pain_point_unaddressed,
    )
}

RECOMMENDED: dict[str, str] = {
    "pain-point-unaddressed": "warning",
}

PRESETS: dict[str, dict[str, str]] = {
    "recommended": RECOMMENDED,
    "strict": dict.fromkeys(RULES, "error"),
}
