"""The lint rules, one module per rule, registered here by id."""

from __future__ import annotations

from types import ModuleType

from cjm.lint.rules import (
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
