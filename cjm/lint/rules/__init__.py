"""The lint rules: one module per rule, and the one registry of them, by id.

Each module declares what `cjm.lint.rule` describes (``ID``, ``DEFAULT_LEVEL``,
``OPTIONS``, a ``check``) and documents itself in its docstring. The presets
(`cjm.lint.config.PRESETS`), `cjm rules`, the README's rule list and SARIF's
rule descriptors are all derived from ``RULES``, in its order. A new rule is a
new module here and one line in ``RULES``.

A rule's docstring is its user documentation: its first line says what it
finds, the prose why it matters and what its options do, and then come its
examples, each an indented YAML block under a heading of its own line:

- ``Failing:`` what the rule reports;
- ``Passing:`` the same put right, which the rule leaves alone;
- ``Both examples assume:`` (optional, last) documents the two examples need
  but that are not their point, such as the channel catalog that defines the
  channels their touchpoints name.

A heading may carry a remark before its colon: ``Failing (with the default
lanes):``. A block holds one YAML document, or several separated by ``---``.
A document with a ``kind`` is a whole file; one without is part of a journey,
which the reader completes: a mapping with ``stages`` gives the journey's
stages (and its other keys, such as ``framework``), one with ``steps`` the
steps of its only stage, and any other mapping the fields of its only step.
Comments (a file name, "and no journey names it") are for the reader.

`tests/lint/rules/test_rule_docs.py` lints each example, with the documents its
examples assume, as a workspace of its own in which cjm.yaml sets the rule to
error with its default options, on 2026-11-22: both examples must be valid
maps; the failing one must give the rule's finding, the passing one none.
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
    path_dead_end,
    persona_no_empathy_map,
    persona_unused,
    personal_data_undocumented,
    placeholder_text,
    potential_channel_not_adopted,
    review_age,
    stage_no_touchpoint,
    yaml11_scalar,
)

RULES: dict[str, Rule] = {
    pain_point_unaddressed.ID: pain_point_unaddressed,
    channel_handoff.ID: channel_handoff,
    emotion_drop.ID: emotion_drop,
    emotion_flat.ID: emotion_flat,
    emotion_missing.ID: emotion_missing,
    framework_stages.ID: framework_stages,
    path_dead_end.ID: path_dead_end,
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
    personal_data_undocumented.ID: personal_data_undocumented,
    placeholder_text.ID: placeholder_text,
    review_age.ID: review_age,
    id_style.ID: id_style,
    yaml11_scalar.ID: yaml11_scalar,
}
