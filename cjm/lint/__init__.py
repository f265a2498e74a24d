"""Lint rules: one module per rule, registered here by id.

Each rule module has an ``ID``, its ``OPTIONS`` with their defaults, a
docstring that is its user documentation (what it checks, why it matters, a
failing and a passing example) and a ``check(context, options)`` that yields
findings. Levels live in configuration (the presets below and cjm.yaml), not
in the rules.
"""

from __future__ import annotations

from cjm.lint.rules import RULES

RECOMMENDED: dict[str, str] = {
    "pain-point-unaddressed": "warning",
    "channel-handoff": "warning",
    "emotion-drop": "warning",
    "emotion-flat": "warning",
    "emotion-missing": "warning",
    "framework-stages": "warning",
    "funnel-order": "warning",
    "journey-no-persona": "warning",
    "lane-empty": "warning",
    "opportunity-unlinked": "warning",
    "stage-no-touchpoint": "warning",
    "persona-unused": "warning",
    "persona-no-empathy-map": "warning",
    "channel-unused": "warning",
    "potential-channel-not-adopted": "warning",
    "evidence-missing": "off",
    "legal-basis-missing": "error",
    "placeholder-text": "warning",
    "review-age": "warning",
    "id-style": "warning",
}

PRESETS: dict[str, dict[str, str]] = {
    "recommended": RECOMMENDED,
    "strict": dict.fromkeys(RULES, "error"),
}
