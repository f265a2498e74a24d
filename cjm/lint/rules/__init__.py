"""The lint rules: one module per rule, and the one registry of them, by id.

Each module declares what `cjm.lint.rule` describes (``ID``, ``DEFAULT_LEVEL``,
``OPTIONS``, a ``check``) and documents itself in its docstring. The presets
(`cjm.lint.config.PRESETS`), `cjm rules`, the README's rule list and SARIF's
rule descriptors are all derived from ``RULES``, in its order.
"""

from __future__ import annotations

from cjm.lint.rule import Rule
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

RULES: dict[str, Rule] = {
    pain_point_unaddressed.ID: pain_point_unaddressed,
    channel_handoff.ID: channel_handoff,
    emotion_drop.ID: emotion_drop,
    emotion_flat.ID: emotion_flat,
    emotion_missing.ID: emotion_missing,
    framework_stages.ID: framework_stages,
    funnel_order.ID: funnel_order,
    journey_no_persona.ID: journey_no_persona,
    lane_empty.ID: lane_empty,
    opportunity_unlinked.ID: opportunity_unlinked,
    stage_no_touchpoint.ID: stage_no_touchpoint,
    persona_unused.ID: persona_unused,
    persona_no_empathy_map.ID: persona_no_empathy_map,
    channel_unused.ID: channel_unused,
    potential_channel_not_adopted.ID: potential_channel_not_adopted,
    evidence_missing.ID: evidence_missing,
    legal_basis_missing.ID: legal_basis_missing,
    placeholder_text.ID: placeholder_text,
    review_age.ID: review_age,
    id_style.ID: id_style,
}
