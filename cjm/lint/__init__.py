"""Lint rules: one module per rule, registered here by id.

Each rule module has an ``ID``, its ``OPTIONS`` with their defaults, a
docstring that is its user documentation (what it checks, why it matters, a
failing and a passing example) and a ``check(context, options)`` that yields
findings. Levels live in configuration (the presets below and cjm.yaml), not
in the rules.
"""

from __future__ import annotations

from types import ModuleType

from cjm.lint import (
    channel_handoff,
    channel_unused,
    emotion_drop,
    emotion_flat,
    emotion_missing,
    evidence_missing,
    framework_stages,
    funnel_order,
    id_style,
    journey_no_persona,
    lane_empty,
    legal_basis_missing,
    opportunity_unlinked,
    pain_point_unaddressed,
    persona_no_empathy_map,
    persona_unused,
    placeholder_text,
    potential_channel_not_adopted,
    review_age,
    stage_no_touchpoint,
)

RULES: dict[str, ModuleType] = {
    module.ID: module
    for module in (
        pain_point_unaddressed,
        channel_handoff,
        emotion_drop,
        emotion_flat,
        emotion_missing,
        framework_stages,
        funnel_order,
        journey_no_persona,
        lane_empty,
        opportunity_unlinked,
        stage_no_touchpoint,
        persona_unused,
        persona_no_empathy_map,
        channel_unused,
        potential_channel_not_adopted,
        evidence_missing,
        legal_basis_missing,
        placeholder_text,
        review_age,
        id_style,
    )
}

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
